"""Sending notifications: one row per recipient in the app, and an e-mail where the user has an address
(Django's e-mail backend; the console backend in the demo). A failing mail server never undoes the
business step that caused the message: the in-app notification is the record."""
import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.notifications.models import Notification
from luoshi.organisations.models import Profile

log = logging.getLogger(__name__)


def users_with_role(roles: Iterable[str], *, organisation_ids: Iterable[int] = (), district_id: int | None = None):
    """Active users holding one of `roles` in the given organisations, or anywhere in a district."""
    where = Q(role__in=list(roles))
    scope = Q(organisation_id__in=list(organisation_ids))
    if district_id is not None:
        scope |= Q(organisation__district_id=district_id)
    user_ids = Profile.objects.filter(where & scope).values_list("user_id", flat=True)
    return get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("pk")


def notify(users: Iterable, text: str, link: str = "") -> list[Notification]:
    """Tell each user (once, even if listed twice) in the app and by e-mail."""
    seen, created = set(), []
    for user in users:
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        note = Notification.objects.create(user=user, text=text[:500], link=link)
        if user.email:
            note.emailed = _send(user.email, text, link)
            if note.emailed:
                Notification.objects.filter(pk=note.pk).update(emailed=True)
        created.append(note)
    return created


def _send(address: str, text: str, link: str) -> bool:
    subject = _("【落实】%(t)s") % {"t": text[:60]}
    body = text + (("\n\n" + link) if link else "")
    try:
        send_mail(subject, body, getattr(settings, "DEFAULT_FROM_EMAIL", None), [address])
    except Exception:  # noqa: BLE001 - the mail server's trouble must not undo the step that was taken
        log.exception("notification e-mail to %s failed", address)
        return False
    return True


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
