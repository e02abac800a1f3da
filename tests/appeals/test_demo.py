"""The enterprise-service demo: a dozen appeals across the loop (one overdue and escalated, one reopened),
a reception calendar, quiet-day visits (one refused) and a report with a finding; loading it again adds
nothing."""
import time_machine
from django.core.management import call_command

from luoshi.appeals.models import Appeal, AppealReminder, Booking, ReceptionDay, State
from luoshi.inspections.models import PlannedVisit, QuietWindow, UnannouncedVisitReport, VisitState
from luoshi.notifications.models import Notification

NOW = "2026-11-24 10:00 +0800"


def counts():
    return (Appeal.objects.count(), ReceptionDay.objects.count(), Booking.objects.count(),
            PlannedVisit.objects.count(), UnannouncedVisitReport.objects.count(), Notification.objects.count(),
            AppealReminder.objects.count())


def test_demo_has_appeals_in_every_state_with_an_overdue_and_a_reopened_one(demo):
    states = set(Appeal.objects.values_list("state", flat=True))
    assert Appeal.objects.count() == 12 and states == set(State.values)
    assert Appeal.objects.filter(escalation_level=2, state=State.ANALYSING).count() == 1
    assert Appeal.objects.filter(reopen_count=1).count() == 1
    assert Appeal.objects.filter(channel="reception", booking__isnull=False).count() == 2
    assert not Appeal.objects.filter(is_synthetic=False).exists()


def test_demo_has_a_reception_calendar_after_the_seed_rule(demo):
    days = ReceptionDay.objects.filter(district__short_name="经开区")
    assert days.filter(host_rank="principal").count() == 3 and days.filter(host_rank="deputy").count() >= 4
    assert days.first().source.startswith("001_") and days.first().is_synthetic
    assert Booking.objects.filter(enterprise__name="三全食品股份有限公司").count() >= 1


def test_demo_has_quiet_day_visits_a_refusal_and_an_unannounced_report_with_a_finding(demo):
    assert PlannedVisit.objects.filter(state=VisitState.REFUSED).count() == 1
    assert PlannedVisit.objects.filter(state=VisitState.APPROVED).count() == 1
    assert UnannouncedVisitReport.objects.exclude(finding="").count() == 1
    assert QuietWindow.objects.get(district__short_name="经开区").source.startswith("001_")


def test_loading_the_demo_again_duplicates_nothing(demo):
    before = counts()
    with time_machine.travel(NOW, tick=False):
        call_command("load_demo", verbosity=0)
        call_command("run_appeal_scheduler", verbosity=0)
    assert counts() == before
