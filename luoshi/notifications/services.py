"""Sending notifications: one row per recipient in the app (the record), and an outbox entry for each
channel that reaches the user (e-mail where they have an address), written in the caller's transaction.
Delivery is queued only once that transaction commits, so a step that rolls back sends nothing and a
slow mail server never holds up the request: the worker delivers and retries (delivery.py)."""
from collections.abc import Iterable
from functools import partial
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core.periods import Period
from luoshi.core.records import EXPECT_NONE, check_version, create_first, save_with_history
from luoshi.core.workflow import Refused
from luoshi.notifications import channels, senders
from luoshi.notifications.models import ChannelKind, DeliveryChannel, Notification, NotificationOnce, OutboxEntry
from luoshi.organisations import access
from luoshi.organisations.models import Profile, Role


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
    after the surrounding transaction commits; a group channel (a district's robot) gets the text once."""
    seen, created, entries, groups = set(), [], [], set()
    with transaction.atomic():
        for user in users:
            if user is None or user.pk in seen:
                continue
            seen.add(user.pk)
            note = Notification.objects.create(user=user, text=text[:500], link=link)
            for channel in channels.registered():
                address = channel.address(user)
                if not address or (channel.shared and (channel.name, address) in groups):
                    continue
                if channel.shared:
                    groups.add((channel.name, address))
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


def _reporters(organisation):
    """Who reports an organisation's figures: a unit's own staff, else (a district, or a unit without
    accounts) the district's data staff."""
    if not organisation.is_district:
        staff = list(users_with_role([Role.UNIT_STAFF], organisation_ids=[organisation.pk]))
        if staff:
            return staff
    return list(users_with_role([Role.DISTRICT_DATA], organisation_ids=[organisation.district_id or organisation.pk]))


def chase_once(kind: str, organisation, period: Period, text: str, link: str) -> bool:
    """催报: one reminder to the organisation's reporters for this kind and month; True when sent now."""
    key = f"cuibao:{kind}:{organisation.pk}:{period.year}-{period.month:02d}"
    return notify_once(key, _reporters(organisation), text, link)


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


# --- a district's delivery channels (发送渠道), kept on its settings page ---------------------------

def mask_url(url: str) -> str:
    """The URL as a page may show it: scheme, host and path, each query value cut to its last 4 signs
    (a robot's `key` or `access_token` is its secret)."""
    parts = urlsplit(url)
    query = [(k, "••••" + v[-4:] if len(v) >= 12 else "••••") for k, v in parse_qsl(parts.query,
                                                                                    keep_blank_values=True)]
    shown = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    return shown + ("?" + "&".join(f"{k}={v}" for k, v in query) if query else "")


def secret_hint(secret: str) -> str:
    """A secret as a page may show it: set or not, and the last 4 signs of a long one."""
    if not secret:
        return ""
    return "••••" + secret[-4:] if len(secret) >= 16 else "••••"


def _channel_problems(channel: DeliveryChannel) -> list[tuple[str, str]]:
    problems = []
    if channel.url and urlsplit(channel.url).scheme not in ("http", "https"):
        problems.append(("url", _("地址须以http://或https://开头")))
    if not channel.enabled:
        return problems
    kind = channel.kind
    if not channel.url and kind != ChannelKind.WECOM_APP:
        problems.append(("url", _("启用前须填写地址")))
    if kind == ChannelKind.WECOM_APP:
        if not channel.corp_id:
            problems.append(("corp_id", _("启用前须填写企业ID")))
        if not channel.agent_id.isdigit():
            problems.append(("agent_id", _("AgentId须为数字")))
        if not channel.secret:
            problems.append(("secret", _("启用前须填写应用Secret")))
    if kind == ChannelKind.SMS:
        gateway = senders.GATEWAYS.get(channel.gateway)
        if gateway is None:
            problems.append(("gateway", _("请选择短信网关")))
        else:
            problems.extend(gateway.problems(channel))
    return problems


@transaction.atomic
def save_channel(user, district, kind: str, *, enabled: bool, url: str = "", secret: str = "",
                 clear_secret: bool = False, corp_id: str = "", agent_id: str = "", gateway: str = "",
                 template: str = "", reason: str, expected_version: int | None) -> DeliveryChannel:
    """Set one of the district's channels. A blank `url` or `secret` keeps the stored one (pages never
    show them back); `clear_secret` removes the secret. Audited with who and why; a stale edit is
    refused (expected_version 0: the channel was not set up yet when the form was rendered)."""
    access.require(user, "notifications.configure_channels", district)
    if kind not in ChannelKind.values:
        raise Refused([_("没有这种发送渠道")], ["kind"])
    reason = (reason or "").strip()
    if not reason:
        raise Refused([_("修改设置须填写原因")], ["reason"])
    found = DeliveryChannel.objects.select_for_update().filter(district=district, kind=kind).first()
    new = found is None
    channel = found or DeliveryChannel(district=district, kind=kind, version=EXPECT_NONE)
    if not new:
        check_version(channel, expected_version)
    channel.enabled = bool(enabled)
    channel.url = (url or "").strip() or channel.url
    channel.secret = "" if clear_secret else ((secret or "").strip() or channel.secret)
    channel.corp_id, channel.agent_id = (corp_id or "").strip(), (agent_id or "").strip()
    channel.gateway = (gateway or "").strip() if kind == ChannelKind.SMS else ""
    channel.template = (template or "").strip() if kind == ChannelKind.SMS else ""
    if problems := _channel_problems(channel):
        raise Refused.by_field(problems)
    channel.url_shown, channel.secret_hint = mask_url(channel.url), secret_hint(channel.secret)
    channel.version += 1
    if new:
        return create_first(channel, user, reason, district=district, kind=kind)
    return save_with_history(channel, user, reason)
