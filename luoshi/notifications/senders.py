"""Senders of the district channels (发送渠道): 企业微信群机器人, 企业微信应用消息, 钉钉群机器人 and SMS
gateways. Each takes a DeliveryChannel and the text, talks HTTP (requests, with a timeout) and raises
DeliveryError when the far side fails or refuses, so the outbox records the attempt and tries again.
Errors never quote an address: webhook keys, tokens and signatures live in the URLs."""
import base64
import hashlib
import hmac
import json
import string
import time
import urllib.parse

import requests
from django.core.cache import cache

TIMEOUT = (5, 15)  # seconds to connect, to read
# 企业微信: the access_token is invalid or expired; fetch a new one and send once more.
WECOM_TOKEN_ERRORS = {40014, 42001}


class DeliveryError(Exception):
    """The far side did not take the message; the text says why without the address."""


def _call(method: str, url: str, **kwargs) -> dict:
    """One HTTP call; its JSON answer (an empty dict when the answer is not JSON). A 企业微信 or 钉钉
    answer with a non-zero errcode is a refusal."""
    try:
        response = requests.request(method, url, timeout=TIMEOUT, **kwargs)
    except requests.RequestException as exc:
        raise DeliveryError(f"{type(exc).__name__} ({urllib.parse.urlsplit(url).netloc})") from None
    if response.status_code >= 400:
        raise DeliveryError(f"HTTP {response.status_code}: {response.text[:200]}")
    try:
        body = response.json()
    except ValueError:
        return {}
    if isinstance(body, dict) and body.get("errcode", 0) not in (0, "0"):
        raise DeliveryError(f"errcode {body.get('errcode')}: {body.get('errmsg', '')}"[:300])
    return body if isinstance(body, dict) else {}


def text_message(content: str) -> dict:
    """The text message both robots take."""
    return {"msgtype": "text", "text": {"content": content}}


def wecom_robot(channel, content: str, to: str = "") -> None:
    """企业微信群机器人: POST the message to the group's webhook URL (…/webhook/send?key=…)."""
    _call("POST", channel.url, json=text_message(content))


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """钉钉加签: Base64(HMAC-SHA256(secret, "timestamp\\nsecret"))."""
    digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def dingtalk_url(url: str, secret: str, timestamp_ms: int) -> str:
    """The webhook URL with `timestamp` and `sign` added when the robot is set to 加签."""
    if not secret:
        return url
    query = urllib.parse.urlencode({"timestamp": timestamp_ms, "sign": dingtalk_sign(secret, timestamp_ms)})
    return f"{url}{'&' if '?' in url else '?'}{query}"


def dingtalk_robot(channel, content: str, to: str = "") -> None:
    """钉钉群机器人: POST the message to the webhook, signed with the current time when a secret is set."""
    _call("POST", dingtalk_url(channel.url, channel.secret, int(time.time() * 1000)), json=text_message(content))


def _wecom_base(channel) -> str:
    return (channel.url or "https://qyapi.weixin.qq.com").rstrip("/")


def _wecom_token(channel, *, fresh: bool = False) -> str:
    """The application's access_token (gettoken), kept until shortly before it expires."""
    key = f"notifications:wecom-token:{channel.pk}:{channel.version}"
    token = None if fresh else cache.get(key)
    if token:
        return token
    body = _call("GET", f"{_wecom_base(channel)}/cgi-bin/gettoken",
                 params={"corpid": channel.corp_id, "corpsecret": channel.secret})
    token = body.get("access_token")
    if not token:
        raise DeliveryError("gettoken: no access_token")
    cache.set(key, token, max(int(body.get("expires_in", 7200)) - 300, 60))
    return token


def wecom_app(channel, content: str, to: str = "") -> None:
    """企业微信应用消息: gettoken with corpid and secret, then message/send to the person's 企业微信 userid."""
    payload = {"touser": to, "msgtype": "text", "agentid": int(channel.agent_id), **text_message(content)}
    for fresh in (False, True):
        try:
            _call("POST", f"{_wecom_base(channel)}/cgi-bin/message/send",
                  params={"access_token": _wecom_token(channel, fresh=fresh)}, json=payload)
            return
        except DeliveryError as exc:
            if fresh or not any(str(exc).startswith(f"errcode {code}") for code in WECOM_TOKEN_ERRORS):
                raise


class SmsGateway:
    """One class per SMS gateway (短信网关): built from the channel, `send(mobile, text)` or raise."""

    name = ""
    label = ""

    def __init__(self, channel):
        self.channel = channel

    @classmethod
    def problems(cls, channel) -> list[tuple[str, str]]:
        """What is wrong with the channel's settings for this gateway, as (field, reason)."""
        return []

    def send(self, mobile: str, text: str) -> None:
        raise NotImplementedError


def _json_inner(value: str) -> str:
    """`value` as it stands between the quotes of a JSON string."""
    return json.dumps(value, ensure_ascii=False)[1:-1]


class HttpSmsGateway(SmsGateway):
    """A generic HTTP gateway: POST the channel's JSON template with $mobile and $text filled in to its
    URL; the secret, if any, as a Bearer token. Any 2xx answer (without a non-zero errcode) is sent."""

    name = "http"
    label = "HTTP"
    DEFAULT_TEMPLATE = '{"mobile": "$mobile", "content": "$text"}'

    @classmethod
    def body(cls, template: str, mobile: str, text: str) -> str:
        return string.Template(template or cls.DEFAULT_TEMPLATE).substitute(
            mobile=_json_inner(mobile), text=_json_inner(text))

    @classmethod
    def problems(cls, channel) -> list[tuple[str, str]]:
        from django.utils.translation import gettext as _

        template = string.Template(channel.template or cls.DEFAULT_TEMPLATE)
        if not template.is_valid() or set(template.get_identifiers()) - {"mobile", "text"}:
            return [("template", _("模板只能使用$mobile和$text"))]
        try:
            json.loads(cls.body(channel.template, "13800000000", '测试"消息"'))
        except ValueError:
            return [("template", _("模板填入后不是有效的JSON"))]
        return []

    def send(self, mobile: str, text: str) -> None:
        headers = {"Content-Type": "application/json; charset=utf-8"}
        if self.channel.secret:
            headers["Authorization"] = f"Bearer {self.channel.secret}"
        _call("POST", self.channel.url, data=self.body(self.channel.template, mobile, text).encode(),
              headers=headers)


GATEWAYS: dict[str, type[SmsGateway]] = {HttpSmsGateway.name: HttpSmsGateway}


def sms(channel, content: str, to: str = "") -> None:
    gateway = GATEWAYS.get(channel.gateway or HttpSmsGateway.name)
    if gateway is None:
        raise DeliveryError(f"unknown SMS gateway {channel.gateway!r}")
    gateway(channel).send(to, content)


SENDERS = {"wecom_robot": wecom_robot, "wecom_app": wecom_app, "dingtalk_robot": dingtalk_robot, "sms": sms}
