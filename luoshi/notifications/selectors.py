"""Reads of a user's notifications for the bell and the inbox page, and of 催报 (month-end reminders):
which month is chased and whether today is an organisation's reminder day (the apps decide who is missing
what: indicators/tasks.py, projects/tasks.py; services.chase_once sends)."""
from luoshi.core.periods import Period, today
from luoshi.notifications.models import Notification, OutboxEntry
from luoshi.organisations import access
from luoshi.organisations.tuning import setting


def inbox(user, *, unread_only: bool = False, limit: int = 50) -> list[Notification]:
    qs = Notification.objects.for_user(user)
    if unread_only:
        qs = qs.unread()
    return list(qs[:limit])


def unread_count(user) -> int:
    return Notification.objects.for_user(user).unread().count()


def district_channels(user, district) -> list:
    """The district's channels as its settings page lists them, one per kind (unsaved when not yet
    set up), only for those who keep the district's settings (nothing otherwise)."""
    from luoshi.notifications.models import ChannelKind, DeliveryChannel

    stored = {c.kind: c for c in DeliveryChannel.objects.for_user(user).filter(district=district)}
    if not stored and not access.may(user, "notifications.configure_channels", district):
        return []
    return [stored.get(kind) or DeliveryChannel(district=district, kind=kind, version=0) for kind in ChannelKind.values]


def channel_history(user, district) -> list:
    """Who changed which channel setting, when, from what to what and why; secrets only as masked."""
    from luoshi.core.audit import entries, newest_first
    from luoshi.notifications.models import DeliveryChannel

    ids = DeliveryChannel.objects.for_user(user).filter(district=district).values_list("pk", flat=True)
    fields = ["enabled", "url_shown", "secret_hint", "corp_id", "agent_id", "gateway", "template"]
    records = DeliveryChannel.history.filter(id__in=list(ids))
    return newest_first(entries(DeliveryChannel, records, fields, "channel", lambda rec: rec.get_kind_display()))



def recent_deliveries(channel, limit: int = 5) -> list:
    """The channel's last outbox entries (status, attempts, last error), for its settings card."""
    from django.db.models import Q

    if channel.pk is None:
        return []
    mine = Q(address=str(channel.pk)) | Q(address__startswith=f"{channel.pk}/")
    return list(OutboxEntry.objects.filter(mine, channel=channel.kind).order_by("-created_at", "-id")[:limit])


def reminder_month() -> Period:
    """The month being chased: the one before today's."""
    on = today()
    return Period(on.year, on.month).previous(1)


def is_reminder_day(organisation) -> bool:
    """Whether today is on or after the organisation's district's REPORT_REMINDER_DAY (区级设置)."""
    return today().day >= int(setting("REPORT_REMINDER_DAY", organisation))
