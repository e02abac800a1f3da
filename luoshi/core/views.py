"""What the pages of every workflow machine share."""
from django.utils.translation import gettext as _

from luoshi.core.dates import clean_date
from luoshi.core.numbers import NumberError
from luoshi.core.records import ConflictError
from luoshi.core.workflow import Refused


def posted_move(request, transition, record, bad_input: str, **extra) -> list[str]:
    """Apply the move a page's form posted (action, date `when`, text, the version the user read) through
    the app's own `transition`; the reasons it was refused, in the user's words (empty: it was made). The
    date is read by `luoshi.core.dates` (2000–2100), as the API and the Excel imports read theirs."""
    post = request.POST
    try:
        when = clean_date(post.get("when", "")[:40], label=_("日期"), required=False)
    except NumberError as exc:
        return [exc.message]
    try:
        transition(request.user, record, post.get("action", ""), when=when, text=post.get("text", ""),
                   expected_version=posted_version(request), **extra)
    except Refused as exc:
        return exc.reasons
    except ConflictError as exc:
        return [str(exc)]
    except (ValueError, ArithmeticError):
        return [bad_input]
    return []


def posted_version(request, field: str = "version") -> int:
    """The version of an existing record a page's form was rendered from; a POST without it (or with no
    number) is refused (`VersionMissing`, shown as a stale edit is), never taken as "no check"."""
    from luoshi.core.records import VersionMissing

    value = (request.POST.get(field) or "").strip()
    if not value.isdigit():
        raise VersionMissing(field)
    return int(value)


def year_param(request, default: int | None = None) -> int:
    """The `?year=` of a page (this year, or `default`, when absent); 400 with the reason when it is no
    year in 2000–2100 (`luoshi.core.params.year`)."""
    from luoshi.core import params

    return params.year(request, default)


def xlsx_response(data: bytes, filename: str):
    """An Excel download; the file name may be Chinese (RFC 6266 encoding by Django)."""
    from django.http import HttpResponse
    from django.utils.http import content_disposition_header

    from luoshi.core.uploads import XLSX

    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
