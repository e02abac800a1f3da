"""Delivery channels (发送渠道): the ways a notification leaves Luoshi. Each app that adds one (e-mail
here; the districts' 企业微信, 钉钉 and SMS in district_channels.py) registers it in its AppConfig.ready;
`notify` writes one outbox entry per channel that can reach the user, and the worker calls its `send`."""
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class Channel:
    """`address(user)` is where this channel reaches a user ("" when it cannot); `send(notification,
    address)` delivers or raises (the worker records the error and tries again later). A `shared`
    address is a group (a district's robot): one message to several of its people is posted there once."""

    name: str
    label: str
    address: Callable
    send: Callable
    shared: bool = False


_channels: dict[str, Channel] = {}


def register(channel: Channel) -> None:
    _channels[channel.name] = channel


def registered() -> list[Channel]:
    return list(_channels.values())


def get(name: str) -> Channel | None:
    return _channels.get(name)


def _email_address(user) -> str:
    return user.email or ""


def _send_email(notification, address: str) -> None:
    subject = _("【落实】%(t)s") % {"t": notification.text[:60]}
    body = notification.text + (("\n\n" + notification.link) if notification.link else "")
    EmailMessage(subject, body, getattr(settings, "DEFAULT_FROM_EMAIL", None), [address]).send()


EMAIL = Channel("email", gettext_lazy("电子邮件"), _email_address, _send_email)
