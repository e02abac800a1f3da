"""Template filters that show figures the way the reports write them."""
from decimal import Decimal

from django import template

from luoshi.core.periods import Period
from luoshi.core.units import fmt

register = template.Library()


@register.filter
def figure(value, unit=""):
    """1328.4亿元, 6%; a missing figure is a dash; text passes through."""
    if value is not None and not isinstance(value, Decimal):
        return value
    return fmt(value, unit or "")


@register.filter
def period_label(actual):
    """"2024年1—3季度" / "2025年1—10月" for an actual row."""
    if actual is None:
        return ""
    return Period(actual.year, actual.month).label(quarterly=actual.indicator.quarterly)


@register.filter
def month_of(record):
    """"2026年9月" for anything with a year and a month (a report, a wage record, a period)."""
    from luoshi.core.periods import month_label

    return month_label(record.year, record.month) if record is not None else ""


@register.simple_tag(takes_context=True)
def status_colour(context, status):
    """{% status_colour status %}: the status's colour in the viewer's palette (the `palette_name` every page
    has from core.context_processors, as its legend), never the default palette behind their back."""
    from luoshi.core.status import colour

    return colour(status, context.get("palette_name"))


@register.filter
def minutes(duration) -> int:
    """A timedelta as whole minutes, for sentences like “暂停登录15分钟”."""
    return int(duration.total_seconds() // 60) if duration else 0


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template (dict lookups by a variable)."""
    return mapping.get(key) if mapping else None


@register.filter
def money(value, unit="亿元"):
    """A sum of money as tables show it: two decimal places at most (45.11亿元); exact values stay in
    the record and in the Excel files."""
    if value is not None and not isinstance(value, Decimal):
        return value
    return fmt(value, unit, places=2)


@register.simple_tag
def submit_once():
    """The one-time token of a POST form (core.idempotency): a second submission of the same rendered
    form — a double click, a resend after a timeout — is answered with the first result, not filed again."""
    import secrets

    from django.utils.html import format_html

    from luoshi.core.idempotency import FORM_FIELD

    return format_html('<input type="hidden" name="{}" value="{}">', FORM_FIELD, secrets.token_urlsafe(24))


@register.filter
def history_version(record) -> int:
    """The version a form posts for a record kept without a `version` column (core.records)."""
    from luoshi.core.records import history_version as version

    return version(record)


@register.filter
def may(user, name):
    """`{% if user|may:"appeals.supervise" %}`: whether the user may do `name`, decided by
    `organisations.access` like the page itself, so a link is offered only where it opens."""
    from luoshi.organisations.access import may as decide

    return decide(user, name)


@register.simple_tag
def permitted(user, name, obj=None):
    """`{% permitted user "appeals.urge" appeal as may_urge %}`: the same decision on one record."""
    from luoshi.organisations.access import may as decide

    return decide(user, name, obj)


@register.filter
def person(user):
    """A person by name and post (“张伟（惠济区发改委副主任）”), never by login; empty for no one."""
    from luoshi.organisations.selectors import person_label

    return person_label(user) if user else ""


@register.filter
def source(text):
    """Where a record comes from, in words: a seed file by its article's title, the synthetic filler
    by what made it."""
    from luoshi.core.sources import readable

    return readable(text)


@register.filter
def history_action(record) -> str:
    """A saved version's kind in words (新建, 修改, 删除), not django-simple-history's "+", "~", "-"."""
    from luoshi.core.audit import history_action as words

    return words(getattr(record, "history_type", ""))
