"""Periodic tasks: the beat queues each registered task once per time slot, however many workers run it,
and `python -m luoshi worker` runs the queued work through the configured backend's own worker."""
from datetime import timedelta

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from luoshi.core import schedule
from luoshi.core.models import PeriodicSlot


@pytest.fixture
def only_the_sweep(monkeypatch):
    kept = {n: p for n, p in schedule._registry.items() if n == "notifications.sweep_outbox"}
    monkeypatch.setattr(schedule, "_registry", kept)


def queued(name_part: str) -> int:
    return DBTaskResult.objects.filter(task_path__contains=name_part).count()


def test_each_slot_is_queued_once_however_many_beats_tick(db, only_the_sweep):
    with time_machine.travel("2025-03-10 10:00:10 +0800", tick=False) as clock:
        assert schedule.tick() == ["notifications.sweep_outbox"]
        assert schedule.tick() == [] and schedule.tick() == []  # two more workers' beats, same minute
        assert queued("sweep_outbox") == 1
        clock.shift(timedelta(minutes=1))
        assert schedule.tick() == ["notifications.sweep_outbox"]
    assert queued("sweep_outbox") == 2
    assert PeriodicSlot.objects.get(name="notifications.sweep_outbox").slot > 0


def test_a_daily_task_with_an_offset_is_queued_in_the_morning_local_time(db, monkeypatch):
    from luoshi.notifications.tasks import sweep_outbox

    monkeypatch.setattr(schedule, "_registry", {})
    schedule.register("morning", sweep_outbox, every=timedelta(days=1), offset=timedelta(hours=9))
    with time_machine.travel("2025-03-10 08:59 +0800", tick=False) as clock:
        schedule.tick()
        clock.move_to("2025-03-10 08:59:59 +0800")
        assert schedule.tick() == []
        clock.move_to("2025-03-10 09:00 +0800")
        assert schedule.tick() == ["morning"]
        clock.move_to("2025-03-10 18:00 +0800")
        assert schedule.tick() == []
        clock.move_to("2025-03-11 09:01 +0800")
        assert schedule.tick() == ["morning"]


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_runs_the_due_periodic_tasks_and_exits_in_batch_mode(only_the_sweep):
    call_command("worker", "--batch", verbosity=0)
    assert DBTaskResult.objects.get(task_path__contains="sweep_outbox").status == "SUCCESSFUL"


def test_the_worker_command_says_there_is_nothing_to_run_with_the_immediate_backend(settings):
    settings.LUOSHI_TASKS_BACKEND = "immediate"
    with pytest.raises(CommandError, match="无需后台进程"):
        call_command("worker", "--batch")
