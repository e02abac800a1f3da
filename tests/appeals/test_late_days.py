"""超期N个工作日 as the pages show it: an open appeal late up to today, one answered late by how late its answer
came (not up to today), one answered in time never late; counted in working days, as the time limits are."""
from django.urls import reverse

from luoshi.appeals import services
from luoshi.appeals.models import State
from luoshi.appeals.selectors import late_days
from tests.appeals.conftest import right_move


def page(client, user, url, **query) -> str:
    client.force_login(user)
    return client.get(url, query).content.decode()


def test_an_appeal_answered_late_stays_late_by_its_answer_not_by_today(client, world, appeal_in, clock):
    appeal = appeal_in(State.ANALYSING, title="迟答复的诉求")  # assigned Monday 2025-03-10, due 2025-03-19
    assert str(appeal.deadline) == "2025-03-19"
    clock.move_to("2025-03-25 10:00 +0800")  # Thu 20, Fri 21, Mon 24, Tue 25: four working days late
    for action in (services.SOLVE, services.CONFIRM):
        user, args = right_move(world, action)
        appeal = services.transition(user, appeal, action, **args)
    assert appeal.state == State.CLOSED
    clock.move_to("2025-04-10 10:00 +0800")  # fifteen working days after the deadline: not what it is late by

    seen = page(client, world.users.a_enterprise, reverse("appeals:detail", args=[appeal.pk]))
    assert "超期4个工作日答复" in seen and "超期15" not in seen
    listed = page(client, world.users.a_unit, reverse("appeals:inbox"), all="1")
    assert "迟答复的诉求" in listed and "超期4个工作日答复" in listed
    assert 'class="is-overdue"' not in listed, "a closed appeal is not flagged as an open overdue one"


def test_an_appeal_answered_in_time_is_never_late_and_an_open_one_counts_to_today(client, world, appeal_in, clock):
    answered = appeal_in(State.CLOSED, title="按期答复的诉求")  # answered on the Monday it was assigned
    open_one = appeal_in(State.ANALYSING, title="仍在办的诉求")  # due 2025-03-19 too
    clock.move_to("2025-04-10 10:00 +0800")
    # 16 weekdays after 03-19 up to 04-10, less 清明 (Friday 04-04)
    assert late_days([answered, open_one], clock_today()) == [0, 15]
    assert "超期" not in page(client, world.users.a_enterprise, reverse("appeals:detail", args=[answered.pk]))
    seen = page(client, world.users.a_enterprise, reverse("appeals:detail", args=[open_one.pk]))
    assert "超期15个工作日" in seen and "超期15个工作日答复" not in seen and "已超期15个工作日" in seen


def test_a_deadline_passed_only_over_a_weekend_is_past_but_not_a_working_day_late(client, world, appeal_in, clock):
    appeal = appeal_in(State.ANALYSING, title="周末到期后")
    clock.move_to("2025-03-15 10:00 +0800")  # Saturday; the deadline is Wednesday 2025-03-19, so not yet
    assert late_days([appeal], clock_today()) == [0]
    clock.move_to("2025-03-23 10:00 +0800")  # Sunday: Thu 20 and Fri 21 are working days past it
    assert late_days([appeal], clock_today()) == [2]


def clock_today():
    from luoshi.core.periods import today

    return today()
