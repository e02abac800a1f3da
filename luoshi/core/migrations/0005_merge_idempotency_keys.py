"""Joins the idempotency-key table, written in parallel, to core's other migrations."""
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_idempotency_keys"),
        ("core", "0004_job_result_html"),
    ]
    operations = []
