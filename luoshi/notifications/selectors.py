"""Reads of a user's notifications for the bell and the inbox page."""
from luoshi.notifications.models import Notification


def inbox(user, *, unread_only: bool = False, limit: int = 50) -> list[Notification]:
    qs = Notification.objects.for_user(user)
    if unread_only:
        qs = qs.unread()
    return list(qs[:limit])


def unread_count(user) -> int:
    return Notification.objects.for_user(user).unread().count()
