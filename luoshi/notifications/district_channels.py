"""The districts' channels (区级发送渠道) as outbox channels: a notification to a district's people also
goes to the district's enabled 企业微信群机器人 and 钉钉群机器人 (once per notification, the group being
shared), to each staff member's 企业微信 by application message, and to each person's phone by SMS.

Addresses name the channel row, not its URL: `<channel id>` for a group, `<channel id>/<userid or
mobile>` for a person, so the outbox (and the admin that lists it) never holds a webhook key, and the
worker sends with the settings as they are when it sends. Robots and application messages reach the
district's staff only (an enterprise is not in the district's groups); SMS reaches anyone with a phone."""
from django.conf import settings
from django.utils.translation import gettext as _

from luoshi.notifications import channels, senders
from luoshi.notifications.models import ChannelKind, DeliveryChannel


def _district_of(user, *, staff_only: bool) -> int | None:
    profile = getattr(user, "profile", None)
    if profile is None or profile.deactivated_at is not None:
        return None
    if profile.organisation_id is not None:
        return profile.organisation.district_id
    if profile.enterprise_id is not None and not staff_only:
        return profile.enterprise.district_id
    return None


def _enabled(kind: str, district_id: int | None) -> DeliveryChannel | None:
    if district_id is None:
        return None
    return DeliveryChannel.objects.filter(district_id=district_id, kind=kind, enabled=True).only("pk").first()


def _group_address(kind: str):
    def address(user) -> str:
        found = _enabled(kind, _district_of(user, staff_only=True))
        return str(found.pk) if found else ""
    return address


def _wecom_user(user) -> str:
    """The person's 企业微信 userid: their Luoshi username (accounts are opened under it)."""
    found = _enabled(ChannelKind.WECOM_APP, _district_of(user, staff_only=True))
    return f"{found.pk}/{user.get_username()}" if found else ""


def _mobile(user) -> str:
    phone = "".join(ch for ch in getattr(getattr(user, "profile", None), "phone", "") or "" if ch.isdigit())
    if len(phone) != 11 or not phone.startswith("1"):
        return ""
    found = _enabled(ChannelKind.SMS, _district_of(user, staff_only=False))
    return f"{found.pk}/{phone}" if found else ""


def content(notification) -> str:
    """The message as it reads in a chat or a text: the text and, with LUOSHI["SITE_URL"], its link."""
    link = notification.link
    if link and link.startswith("/") and settings.LUOSHI.get("SITE_URL"):
        link = settings.LUOSHI["SITE_URL"].rstrip("/") + link
    elif link.startswith("/"):
        link = ""
    return _("【落实】%(t)s") % {"t": notification.text} + (f"\n{link}" if link else "")


def _sender(kind: str):
    def send(notification, address: str) -> None:
        channel_id, _sep, to = address.partition("/")
        channel = DeliveryChannel.objects.filter(pk=channel_id, kind=kind).first()
        if channel is None or not channel.enabled:
            raise senders.DeliveryError(_("该渠道已停用或已删除"))
        senders.SENDERS[kind](channel, content(notification), to)
    return send


WECOM_ROBOT = channels.Channel(ChannelKind.WECOM_ROBOT.value, ChannelKind.WECOM_ROBOT.label,
                               _group_address(ChannelKind.WECOM_ROBOT), _sender(ChannelKind.WECOM_ROBOT), shared=True)
DINGTALK_ROBOT = channels.Channel(ChannelKind.DINGTALK_ROBOT.value, ChannelKind.DINGTALK_ROBOT.label,
                                  _group_address(ChannelKind.DINGTALK_ROBOT), _sender(ChannelKind.DINGTALK_ROBOT),
                                  shared=True)
WECOM_APP = channels.Channel(ChannelKind.WECOM_APP.value, ChannelKind.WECOM_APP.label, _wecom_user,
                             _sender(ChannelKind.WECOM_APP))
SMS = channels.Channel(ChannelKind.SMS.value, ChannelKind.SMS.label, _mobile, _sender(ChannelKind.SMS))
ALL = (WECOM_ROBOT, WECOM_APP, DINGTALK_ROBOT, SMS)
