"""Query parameters (查询参数) read by one helper: year, month, date, page and ids.

A parameter that is absent takes its default; one that is present but no year, no month or no id answers
400 with the reason (``BadRequest``, rendered in Luoshi's layout by the error pages), never a 500 from a
date of the year 10000 or an id beyond what a database column holds. A page number is forgiving
(Django's paginator clamps it). Years follow `luoshi.core.numbers`, dates `luoshi.core.dates`: 2000–2100.
"""
from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _

from luoshi.core.dates import clean_date
from luoshi.core.numbers import NumberError, clean_year

ID_MAX = 2**63 - 1  # the largest BigAutoField / bigint


def _digits(value: str) -> bool:
    """Plain ASCII digits ("²" and "١" are digits to str.isdigit, not to int)."""
    return value.isascii() and value.isdigit()


def _given(params, name: str) -> str | None:
    value = params.get(name)
    if value is None or not str(value).strip():
        return None
    return str(value).strip()


def year(request, default: int | None = None, *, name: str = "year") -> int:
    """`?year=` in 2000–2100; absent: ``default``, else this year; anything else: 400 saying why."""
    value = _given(request.GET, name)
    if value is None:
        if default is not None:
            return default
        from luoshi.core.periods import today

        return today().year
    return year_value(value, name=name)


def year_value(value, *, name: str = "year") -> int:
    """A year given in an address or a query, in 2000–2100, else 400 saying why."""
    try:
        return clean_year(value, label=_("年份(%(n)s)") % {"n": name})
    except NumberError as exc:
        raise BadRequest(exc.message) from None


def month(request, default: int | None = None, *, name: str = "month") -> int | None:
    """`?month=` in 1–12; absent: ``default``; anything else: 400 saying why."""
    value = _given(request.GET, name)
    if value is None:
        return default
    if not _digits(value) or not 1 <= int(value) <= 12:
        raise BadRequest(_("月份（%(n)s）应为1至12，收到“%(v)s”") % {"n": name, "v": value[:20]})
    return int(value)


def date(request, name: str, default=None, *, label: str = ""):
    """`?<name>=` as a date in 2000–2100 (2025-03-31, 2025/3/31 …); absent: ``default``; else 400 saying why."""
    value = _given(request.GET, name)
    if value is None:
        return default
    try:
        return clean_date(value[:40], label=label or _("日期(%(n)s)") % {"n": name})
    except NumberError as exc:
        raise BadRequest(exc.message) from None


def filter_date(value):
    """A date a page only looks at (a live check as the user types): None when it is no date in 2000–2100."""
    try:
        return clean_date(str(value or "")[:40], required=False)
    except NumberError:
        return None


def period(request, default):
    """`?year=&month=` as a `Period`; both absent: ``default`` (a Period); one or both wrong: 400."""
    from luoshi.core.periods import Period

    if _given(request.GET, "year") is None and _given(request.GET, "month") is None:
        return default
    return Period(year(request, default.year), month(request, default.month))


def object_id(request, name: str, *, params=None) -> int | None:
    """`?<name>=` as a record id (a positive integer a database can hold); absent: None; else 400."""
    value = _given(request.GET if params is None else params, name)
    if value is None:
        return None
    if not _digits(value) or not 1 <= int(value) <= ID_MAX:
        raise BadRequest(_("参数%(n)s应为记录编号（正整数），收到“%(v)s”") % {"n": name, "v": value[:20]})
    return int(value)


def ids(params, name: str = "id") -> list[int]:
    """Every `<name>=` of a query or a form as record ids; one that is no id: 400."""
    found = []
    for value in params.getlist(name):
        value = str(value).strip()
        if not _digits(value) or not 1 <= int(value) <= ID_MAX:
            raise BadRequest(_("参数%(n)s应为记录编号（正整数），收到“%(v)s”") % {"n": name, "v": value[:20]})
        found.append(int(value))
    return found


def page(request, *, name: str = "page") -> int:
    """`?page=` as a page number: anything that is not one means the first page (the natural default)."""
    value = _given(request.GET, name)
    if value is None or not _digits(value) or len(value) > 9:
        return 1
    return max(int(value), 1)


def filter_id(value) -> int | None:
    """A list filter's id (`?chain=`, `?unit=`): None when it is none, so that the filter is dropped."""
    text = str(value or "").strip()
    return int(text) if _digits(text) and 1 <= int(text) <= ID_MAX else None


def filter_year(value) -> int | None:
    """A list filter's year: None when it is no year in 2000–2100, so that the filter is dropped."""
    try:
        return clean_year(value) if str(value or "").strip() else None
    except NumberError:
        return None
