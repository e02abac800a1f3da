"""Delivering the outbox (通知发送): claim an entry, send it on its channel, record the attempt. A failure
is tried again after DELIVERY_BACKOFF_SECONDS × 2ⁿ until DELIVERY_MAX_ATTEMPTS; then the entry is marked
failed and stays in the admin with its last error. Claims are conditional updates, so two workers (or a
retry and the sweep) never send one entry twice."""
import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from luoshi.notifications import channels
from luoshi.notifications.models import Notification, OutboxEntry

log = logging.getLogger(__name__)

Status = OutboxEntry.Status
# A claim older than this is a worker that died mid-send: the entry is offered again.
STALE_CLAIM = timedelta(minutes=15)


def backoff(attempts: int) -> timedelta:
    """The pause before the next try after `attempts` failures: 1, 2, 4, 8 … times the base."""
    return timedelta(seconds=settings.LUOSHI["DELIVERY_BACKOFF_SECONDS"] * 2 ** max(attempts - 1, 0))


def _claim(entry_id: int) -> OutboxEntry | None:
    now = timezone.now()
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    claimed = OutboxEntry.objects.filter(due, pk=entry_id, status=Status.PENDING).update(
        status=Status.SENDING, last_attempt_at=now)
    if not claimed:
        return None
    return OutboxEntry.objects.select_related("notification").get(pk=entry_id)


def deliver(entry_id: int) -> OutboxEntry | None:
    """Try one entry now, if it is due and nobody else holds it; returns it as it ended (or None)."""
    entry = _claim(entry_id)
    if entry is None:
        return None
    channel = channels.get(entry.channel)
    entry.attempts += 1
    try:
        if channel is None:
            raise LookupError(f"unknown channel {entry.channel!r}")
        channel.send(entry.notification, entry.address)
    except Exception as exc:  # noqa: BLE001 - any failure of the far side is recorded and retried
        log.warning("delivery %s (%s → %s) failed: %s", entry.pk, entry.channel, entry.address, exc)
        entry.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        if entry.attempts >= settings.LUOSHI["DELIVERY_MAX_ATTEMPTS"]:
            entry.status, entry.next_attempt_at = Status.FAILED, None
        else:
            entry.status, entry.next_attempt_at = Status.PENDING, timezone.now() + backoff(entry.attempts)
    else:
        entry.status, entry.delivered_at, entry.next_attempt_at = Status.DELIVERED, timezone.now(), None
        if entry.channel == channels.EMAIL.name:
            Notification.objects.filter(pk=entry.notification_id).update(emailed=True)
    entry.save(update_fields=["status", "attempts", "last_error", "next_attempt_at", "delivered_at"])
    return entry


def due_ids(limit: int = 500) -> list[int]:
    """Entries waiting whose time has come, after giving back the claims of workers that died."""
    now = timezone.now()
    OutboxEntry.objects.filter(status=Status.SENDING, last_attempt_at__lt=now - STALE_CLAIM).update(
        status=Status.PENDING)
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    return list(OutboxEntry.objects.filter(due, status=Status.PENDING).order_by("pk")
                .values_list("pk", flat=True)[:limit])
