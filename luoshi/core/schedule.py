"""Periodic tasks (定时任务): apps register a task and its interval in AppConfig.ready; the beat (run by
`python -m luoshi worker`, see the worker command) queues each one once per time slot. Slots count in
local time from an offset, so `every=1 day, offset=9 h` means every morning at 09:00 Asia/Shanghai."""
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

log = logging.getLogger(__name__)
EPOCH = datetime(2000, 1, 3)  # a Monday, so weekly slots start on Mondays
# Every morning at 09:00 Asia/Shanghai (the month-end reminders of indicators and projects).
EVERY_MORNING = {"every": timedelta(days=1), "offset": timedelta(hours=9)}


@dataclass(frozen=True)
class Periodic:
    name: str
    task: object
    every: timedelta
    offset: timedelta = timedelta(0)

    def slot(self, now: datetime) -> int:
        local = timezone.localtime(now).replace(tzinfo=None)
        return int((local - EPOCH - self.offset) // self.every)


_registry: dict[str, Periodic] = {}


def register(name: str, task, every: timedelta, offset: timedelta = timedelta(0)) -> None:
    _registry[name] = Periodic(name, task, every, offset)


def registered() -> list[Periodic]:
    return list(_registry.values())


def _take(periodic: Periodic, slot: int, now: datetime) -> bool:
    """Claim the slot for this process: True for exactly one caller per slot."""
    from luoshi.core.models import PeriodicSlot

    if PeriodicSlot.objects.filter(name=periodic.name, slot__lt=slot).update(slot=slot, enqueued_at=now):
        return True
    try:
        with transaction.atomic():
            PeriodicSlot.objects.create(name=periodic.name, slot=slot, enqueued_at=now)
    except IntegrityError:
        return False
    return True


def tick(now: datetime | None = None) -> list[str]:
    """Queue every periodic task whose slot has come and not been queued yet; the names queued."""
    now = now or timezone.now()
    queued = []
    for periodic in registered():
        if _take(periodic, periodic.slot(now), now):
            try:
                periodic.task.enqueue()
            except Exception:  # noqa: BLE001 - one broken queue must not stop the other periodic tasks
                log.exception("could not queue periodic task %s", periodic.name)
                continue
            queued.append(periodic.name)
    return queued
