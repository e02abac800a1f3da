"""跟踪督办 with frozen time: deadlines in working days (工作日) from category and urgency, a reminder before the
deadline, escalation to the unit and then to the district leader, and never a message twice however often the
scheduler runs. Time starts on Monday 2025-03-10."""
from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from luoshi.appeals import services
from luoshi.appeals.models import (
    AppealReminder,
    AppealStep,
    Category,
    LeaderRank,
    Rating,
    ReceptionLeader,
    State,
    Urgency,
)
from luoshi.notifications.models import Notification
from luoshi.organisations.models import Role
from tests.conftest import make_user


def texts(user):
    return list(Notification.objects.filter(user=user).values_list("text", flat=True))


@pytest.mark.parametrize("category,urgency,deadline", [
    (Category.APPROVAL, Urgency.NORMAL, date(2025, 3, 19)),
    (Category.LAND, Urgency.NORMAL, date(2025, 4, 8)),  # 20 working days; 清明 (Friday 04-04) is not one
    (Category.FINANCE, Urgency.NORMAL, date(2025, 3, 24)),
    (Category.UTILITIES, Urgency.URGENT, date(2025, 3, 12)),
    (Category.UTILITIES, Urgency.CRITICAL, date(2025, 3, 11)),
    (Category.OTHER, Urgency.CRITICAL, date(2025, 3, 12)),
])
def test_deadline_is_set_on_assignment_in_working_days_from_category_and_urgency(appeal_in, category, urgency,
                                                                                 deadline):
    assert appeal_in(State.ASSIGNED, category=category, urgency=urgency).deadline == deadline


def test_deadline_days_follow_the_setting(settings, appeal_in):
    settings.LUOSHI = {**settings.LUOSHI, "APPEAL_DEADLINE_DAYS": {"normal": {"*": 5}}}
    assert appeal_in(State.ASSIGNED).deadline == date(2025, 3, 17)  # the weekend does not count


def test_reminder_is_sent_working_days_before_the_deadline_to_the_unit(world, clock, appeal_in):
    appeal = appeal_in(State.ASSIGNED)  # deadline Wednesday 2025-03-19, reminder 2 working days before
    clock.move_to("2025-03-14 09:00 +0800")  # Friday: three working days left
    assert services.run_scheduler().reminders == 0
    clock.move_to("2025-03-17 09:00 +0800")
    assert services.run_scheduler().reminders == 1
    assert any("到期提醒" in t and "2025-03-19" in t and "还剩2个工作日" in t for t in texts(world.users.a_unit))
    step = appeal.steps.last()
    assert (step.action, step.actor, step.from_state, step.to_state) == (services.REMIND, None, State.ASSIGNED,
                                                                         State.ASSIGNED)


def test_scheduler_run_twice_sends_no_duplicate_reminder(world, clock, appeal_in):
    appeal_in(State.ANALYSING)
    clock.move_to("2025-03-18 09:00 +0800")
    first, second = services.run_scheduler(), services.run_scheduler()
    clock.move_to("2025-03-19 16:00 +0800")
    third = services.run_scheduler()
    assert (first.reminders, second.reminders, third.reminders) == (1, 0, 0)
    assert len([t for t in texts(world.users.a_unit) if "到期提醒" in t]) == 1
    assert AppealReminder.objects.count() == 1


def test_overdue_appeal_escalates_to_the_unit_the_day_after_the_deadline(world, clock, appeal_in):
    appeal = appeal_in(State.ANALYSING)
    clock.move_to("2025-03-20 08:00 +0800")
    assert services.run_scheduler().escalations == 1
    appeal.refresh_from_db()
    assert appeal.escalation_level == 1 and appeal.is_overdue(date(2025, 3, 20))
    assert any("超期督办" in t for t in texts(world.users.a_unit))
    assert any("超期督办" in t for t in texts(world.users.a_data))
    assert not any("报区领导督办" in t for t in texts(world.users.a_leader))


def test_overdue_appeal_escalates_to_district_leader_after_working_days(world, clock, appeal_in):
    appeal = appeal_in(State.ANALYSING)  # deadline Wednesday 2025-03-19
    clock.move_to("2025-03-23 08:00 +0800")  # Sunday: 4 calendar days but 2 working days overdue
    assert services.run_scheduler().escalations == 1
    assert not texts(world.users.a_leader)
    clock.move_to("2025-03-24 08:00 +0800")  # Monday: 3 working days overdue
    assert services.run_scheduler().escalations == 1
    appeal.refresh_from_db()
    assert appeal.escalation_level == 2
    assert any("报区领导督办" in t and "超期3个工作日" in t for t in texts(world.users.a_leader))
    assert not texts(world.users.b_leader)
    assert list(appeal.steps.filter(action=services.ESCALATE).values_list("text",
                                                                          flat=True))[1].startswith("报区领导督办")


def test_escalation_goes_to_the_principal_on_the_reception_roster_when_there_is_one(world, more, clock, appeal_in):
    secretary = make_user("a_secretary", Role.DISTRICT_LEADER, world.a)
    ReceptionLeader.objects.create(district=world.a, user=secretary, rank=LeaderRank.PRINCIPAL, title="区委书记")
    appeal_in(State.ASSIGNED)
    clock.move_to("2025-03-25 08:00 +0800")
    services.run_scheduler()
    assert any("报区领导督办" in t for t in texts(secretary))
    assert not any("报区领导督办" in t for t in texts(world.users.a_leader))


def test_escalations_are_not_repeated_on_later_runs(world, clock, appeal_in):
    appeal_in(State.ANALYSING)
    for day in ("2025-03-20", "2025-03-21", "2025-03-24", "2025-03-24", "2025-03-31"):
        clock.move_to(f"{day} 08:00 +0800")
        services.run_scheduler()
    assert AppealStep.objects.filter(action=services.ESCALATE).count() == 2
    assert len([t for t in texts(world.users.a_unit) if "超期督办" in t]) == 1
    assert len([t for t in texts(world.users.a_leader) if "报区领导督办" in t]) == 1


def test_solved_and_closed_appeals_are_not_chased(world, clock, appeal_in):
    appeal_in(State.SOLVED)
    appeal_in(State.CLOSED)
    clock.move_to("2025-04-30 08:00 +0800")
    result = services.run_scheduler()
    assert (result.reminders, result.escalations) == (0, 0)


def test_reopened_appeal_gets_a_new_deadline_and_is_chased_again(world, clock, appeal_in):
    appeal = appeal_in(State.ANALYSING)
    clock.move_to("2025-03-19 09:00 +0800")
    services.run_scheduler()
    appeal = services.transition(world.users.a_unit, appeal, services.SOLVE, text="已办", actions_taken="已办")
    appeal = services.rate(world.users.a_enterprise, appeal, Rating.UNSATISFIED, text="未解决")
    assert appeal.deadline == date(2025, 3, 28)
    clock.move_to("2025-03-27 09:00 +0800")
    assert services.run_scheduler().reminders == 1
    assert AppealReminder.objects.filter(kind="reminder").count() == 2


def test_reminders_are_also_sent_by_email(world, clock, appeal_in, commit, run_worker):
    world.users.a_unit.email = "guxing@example.gov.cn"
    world.users.a_unit.save()
    appeal_in(State.ASSIGNED)
    mail.outbox.clear()
    clock.move_to("2025-03-17 09:00 +0800")
    with commit():
        services.run_scheduler()
    run_worker()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["guxing@example.gov.cn"] and "到期提醒" in mail.outbox[0].subject
    assert Notification.objects.get(user=world.users.a_unit, text__startswith="到期提醒").emailed


def test_the_command_is_safe_to_run_every_few_minutes(world, clock, appeal_in, capsys):
    appeal_in(State.ASSIGNED)
    clock.move_to("2025-03-24 09:00 +0800")
    call_command("run_appeal_scheduler")
    call_command("run_appeal_scheduler")
    out = capsys.readouterr().out.splitlines()
    assert out == ["到期提醒 0 条，超期督办 2 条", "到期提醒 0 条，超期督办 0 条"]


def test_the_worker_runs_the_scheduler_every_five_minutes_as_a_periodic_task(world, clock, appeal_in, run_worker):
    from luoshi.core import schedule

    appeal_in(State.ASSIGNED)
    clock.move_to("2025-03-18 09:00 +0800")
    assert "appeals.run_appeal_scheduler" in schedule.tick()
    run_worker()
    assert AppealReminder.objects.filter(kind="reminder").count() == 1
    clock.move_to("2025-03-18 09:04 +0800")
    assert "appeals.run_appeal_scheduler" not in schedule.tick()
    clock.move_to("2025-03-18 09:05 +0800")
    assert "appeals.run_appeal_scheduler" in schedule.tick()
    run_worker()
    assert AppealReminder.objects.filter(kind="reminder").count() == 1


def test_a_district_reminds_its_own_number_of_working_days_before(world, clock, appeal_in):
    from luoshi.organisations.models import DistrictSettings

    appeal_in(State.ASSIGNED)  # district A's, deadline Wednesday 2025-03-19
    DistrictSettings.objects.create(district=world.b, reminder_days_before=5)
    clock.move_to("2025-03-14 09:00 +0800")  # Friday: three working days left
    assert services.run_scheduler().reminders == 0, "district B's wider window is not A's"
    DistrictSettings.objects.create(district=world.a, reminder_days_before=3)
    assert services.run_scheduler().reminders == 1
