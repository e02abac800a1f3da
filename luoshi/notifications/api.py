"""API of the inbox (消息提醒): the user's own messages and marking them read. Served under
/api/appeals/notifications, where it was before the inbox moved to this app, so clients keep working."""
from datetime import datetime

from ninja import Field, Router, Schema
from ninja.pagination import paginate

from luoshi.core.api_errors import READ_ERRORS, WRITE_ERRORS
from luoshi.core.apitools import Pagination
from luoshi.notifications import services
from luoshi.notifications.models import Notification

router = Router(tags=["notifications 消息提醒"])

MAX_ID = 2**31 - 1


class NotificationOut(Schema):
    """One message to the user (消息提醒) and the page it is about."""

    id: int
    text: str
    link: str
    created_at: datetime
    read_at: datetime | None
    unread: bool

    @staticmethod
    def resolve_unread(obj) -> bool:
        return obj.read_at is None


class MarkReadIn(Schema):
    """Messages to mark read: the ids given, or all unread ones when `ids` is left out."""

    ids: list[int] | None = Field(None, max_length=1000)


class MarkedOut(Schema):
    """How many messages were marked read."""

    marked: int


@router.get("", response={200: list[NotificationOut], **READ_ERRORS}, summary="消息提醒 My notifications")
@paginate(Pagination)
def notifications(request, unread: bool = False):
    """The user's own messages, newest first (`unread`: only those not yet read)."""
    found = Notification.objects.for_user(request.user)
    return found.unread() if unread else found


@router.post("/read", response={200: MarkedOut, **WRITE_ERRORS}, summary="标记已读 Mark my notifications read")
def mark_read(request, payload: MarkReadIn):
    """Marks the user's own unread messages read: those in `ids`, or all of them; others' ids are ignored."""
    ids = None if payload.ids is None else [i for i in payload.ids if 0 < i <= MAX_ID]
    return {"marked": services.mark_read(request.user, ids)}
