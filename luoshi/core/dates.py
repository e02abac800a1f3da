"""One cleaner for every date a person, a file or a client gives Luoshi (日期校验).

A date is read the way people write it in a cell or a box (2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日, a
real Excel date) and must lie in the years every number of Luoshi keeps to, 2000–2100
(`luoshi.core.numbers`), so a date of the year 1 or 99999 is refused where it enters, with the field named,
instead of being stored and breaking the pages that count days from it. Forms (`luoshi.core.forms.DateField`),
the API (`luoshi.core.apitools.DateIn`), query parameters (`luoshi.core.params.date`), the Excel imports and
the services' own checks (`check_date`) all go through here.
"""
import re
from datetime import date, datetime

from django.utils.translation import gettext as _

from luoshi.core.numbers import YEAR_MAX, YEAR_MIN, NumberError

DATE_MIN = date(YEAR_MIN, 1, 1)
DATE_MAX = date(YEAR_MAX, 12, 31)
_PARTS = re.compile(r"^\s*([+-]?\d{1,20})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


class DateError(NumberError):
    """A refused date, shaped like a refused number (``field`` and ``reason`` apart, the message
    "field:reason"), so that forms, files and the API name the field the same way."""


def _shown(value) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def range_reason(value) -> str:
    """Why a date is out of range, in words (the limits and what was given)."""
    return _("日期须在%(lo)s至%(hi)s之间（收到“%(v)s”）") % {
        "lo": DATE_MIN.isoformat(), "hi": DATE_MAX.isoformat(), "v": _shown(value)}


def in_range(day: date) -> bool:
    return DATE_MIN <= day <= DATE_MAX


def _parts(text: str) -> tuple[int, int, int] | None:
    match = _PARTS.match(text.replace("－", "-").replace("／", "/"))
    if match is None:
        return None
    return int(match[1]), int(match[2]), int(match[3])


def clean_date(value, *, label: str = "", required: bool = True) -> date | None:
    """``value`` (a date, a datetime, or text as people write it) as a date in 2000–2100, or a
    ``DateError`` naming the field: empty (when required), no date, or out of range."""
    name = str(label or _("日期"))
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise DateError(name, _("必须填写"), "required")
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return check_date(value, label=name)
    parts = _parts(str(value))
    if parts is None:
        raise DateError(name, _("“%(v)s”不是日期（格式：2025-03-31）") % {"v": _shown(value)}, "invalid")
    if not YEAR_MIN <= parts[0] <= YEAR_MAX:
        raise DateError(name, range_reason(value), "date_range")
    try:
        return date(*parts)
    except ValueError:
        raise DateError(name, _("“%(v)s”不是日期（格式：2025-03-31）") % {"v": _shown(value)}, "invalid") from None


def check_date(day: date | None, *, label: str = "") -> date | None:
    """A date already read (by a form, the API, a file): refused with ``DateError`` outside 2000–2100."""
    if day is not None and not in_range(day):
        raise DateError(str(label or _("日期")), range_reason(day.isoformat()), "date_range")
    return day


def date_reasons(day: date | None, label: str) -> list[str]:
    """A service's reasons to refuse ``day`` (empty, or the one message naming the field)."""
    try:
        check_date(day, label=label)
    except DateError as exc:
        return [exc.message]
    return []


def date_problems(values: dict, labels: dict) -> list[tuple[str, str]]:
    """(field, message) for each date of ``values`` out of range; ``labels`` names the fields to check."""
    return [(name, reason) for name, label in labels.items() for reason in date_reasons(values.get(name), label)]
