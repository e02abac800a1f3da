"""Joins two branches of core's migrations written in parallel (the holiday calendar and background jobs)."""
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_jobs_and_periodic_slots"),
        ("core", "0002_seed_holidays_from_chinesecalendar"),
    ]
    operations = []
