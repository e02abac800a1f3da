"""Sending notifications: one row per recipient in the app (the record), and an outbox entry for each
channel that reaches the user (e-mail where they have an address), written in the caller's transaction.
Delivery is queued only once that transaction commits, so a step that rolls back sends nothing and a
slow mail server never holds up the request: the worker delivers and retries (delivery.py)."""
from collections.abc import Iterable
from functools import partial

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from luoshi.notifications import channels
from luoshi.notifications.models import Notification, NotificationOnce, OutboxEntry
from luoshi.organisations.models import Profile


def users_with_role(roles: Iterable[str], *, organisation_ids: Iterable[int] = (), district_id: int | None = None):
    """Active users holding one of `roles` in the given organisations, or anywhere in a district."""
    where = Q(role__in=list(roles))
    scope = Q(organisation_id__in=list(organisation_ids))
    if district_id is not None:
        scope |= Q(organisation__district_id=district_id)
    user_ids = Profile.objects.filter(where & scope).values_list("user_id", flat=True)
    return get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("pk")


def notify(users: Iterable, text: str, link: str = "") -> list[Notification]:
    """Tell each user (once, even if listed twice) in the app, and on every channel that reaches them
    after the surrounding transaction commits."""
    seen, created, entries = set(), [], []
    with transaction.atomic():
        for user in users:
            if user is None or user.pk in seen:
                continue
            seen.add(user.pk)
            note = Notification.objects.create(user=user, text=text[:500], link=link)
            for channel in channels.registered():
                if address := channel.address(user):
                    entries.append(OutboxEntry(notification=note, channel=channel.name, address=address))
            created.append(note)
        entry_ids = [e.pk for e in OutboxEntry.objects.bulk_create(entries)]
    if entry_ids:
        transaction.on_commit(partial(_enqueue_delivery, entry_ids), robust=True)
    return created


def notify_once(key: str, users: Iterable, text: str, link: str = "") -> bool:
    """`notify`, unless a message under this key was sent before; True when it was sent now."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                NotificationOnce.objects.create(key=key[:200])
        except IntegrityError:
            return False
        notify(users, text, link)
    return True


def _enqueue_delivery(entry_ids: list[int]) -> None:
    """After the commit. If the queue cannot be reached the entries stay pending for the sweep."""
    from luoshi.notifications.tasks import deliver_outbox

    deliver_outbox.enqueue(entry_ids)


def redeliver(entries) -> int:
    """Offer failed outbox entries again (from the admin, once the cause is fixed); returns how many."""
    ids = list(entries.values_list("pk", flat=True))
    OutboxEntry.objects.filter(pk__in=ids).update(status=OutboxEntry.Status.PENDING, attempts=0,
                                                  next_attempt_at=None)
    if ids:
        transaction.on_commit(partial(_enqueue_delivery, ids), robust=True)
    return len(ids)


def mark_read(user, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's messages read (all unread ones when no ids are given); returns how many."""
    qs = Notification.objects.for_user(user).unread()
    if notification_ids is not None:
        qs = qs.filter(pk__in=list(notification_ids))
    return qs.update(read_at=timezone.now())


def link_to(viewname: str, *args) -> str:
    """The page a message points at; empty until that page exists (pages come after the services)."""
    try:
        return reverse(viewname, args=args)
    except NoReverseMatch:
        return ""
