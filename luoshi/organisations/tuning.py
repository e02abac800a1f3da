"""A district's own rules (区级设置): the value a district set on its settings page, else the
environment's default in settings.LUOSHI. Keys are those of settings.LUOSHI; only the ones in FIELDS
may be set per district. Writes are audited (who, when, old→new, why) and refused when stale."""
import threading

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Subquery
from django.utils.translation import gettext as _

from luoshi.core.records import EXPECT_NONE, check_version, create_first, save_with_history
from luoshi.core.workflow import Refused
from luoshi.organisations.access import home_organisation, may, require
from luoshi.organisations.models import DistrictSettings, Organisation

# settings.LUOSHI key → DistrictSettings field
FIELDS = {
    "STATUS_PALETTE": "status_palette",
    "ABOUT_TOLERANCE_PP": "about_tolerance_pp",
    "RELATIVE_TOLERANCE_PP": "relative_tolerance_pp",
    "GROWTH_CLOSE_MARGIN_PP": "growth_close_margin_pp",
    "PROGRESS_CLOSE_MARGIN_PP": "progress_close_margin_pp",
    "PROJECT_REPORT_DEADLINE_DAY": "project_report_deadline_day",
    "REPORT_REMINDER_DAY": "report_reminder_day",
    "REMINDER_DAYS_BEFORE": "reminder_days_before",
}


# Within a request, each organisation's settings are read once (a page judges hundreds of targets);
# the memo lives from request_started to request_finished (apps.py), outside requests every call reads.
_memo = threading.local()


def remember(**kwargs) -> None:
    _memo.rows = {}


def forget(**kwargs) -> None:
    _memo.rows = None


def _changed() -> None:
    """A district's settings were saved: what this request remembered is read again."""
    if getattr(_memo, "rows", None) is not None:
        _memo.rows = {}


def _row(organisation) -> dict:
    """The district settings (field → value) that apply to an organisation: an Organisation (a unit → its
    district's) or an organisation's id; {} when its district has set none."""
    if isinstance(organisation, int):
        key = organisation
        rows = DistrictSettings.objects.filter(district_id=Subquery(
            Organisation.objects.filter(pk=organisation).values("district_id")[:1]))
    else:
        key = organisation.district_id or organisation.pk
        rows = DistrictSettings.objects.filter(district_id=key)
    memo = getattr(_memo, "rows", None)
    if memo is not None and key in memo:
        return memo[key]
    row = rows.values(*FIELDS.values()).first() or {}
    if memo is not None:
        memo[key] = row
    return row


def setting(key: str, organisation=None):
    """THE read of a rule a district may set (区级设置): the value the organisation's district set on its
    settings page, else the environment's default settings.LUOSHI[key]. `organisation`: a district, a unit
    (→ its district), an organisation's id, or None (the default)."""
    if organisation is not None and key in FIELDS:
        value = _row(organisation).get(FIELDS[key])
        if value not in (None, ""):
            return value
    return settings.LUOSHI[key]


def palette_name(user) -> str:
    """The status palette a user reads pages in: their own district's (区级设置), else the default; the
    page's legend and classes (core.context_processors) and the charts' colours (dashboard) agree."""
    home = home_organisation(user) if user is not None and user.is_authenticated else None
    return setting("STATUS_PALETTE", home if home is not None and home.district_id else None)


def widest(key: str):
    """The largest value of `key` any district set, or the default if larger: what a task that runs over
    every district (the appeal reminders) selects by before asking each record's own `setting`."""
    values = DistrictSettings.objects.exclude(**{f"{FIELDS[key]}__isnull": True}).values_list(FIELDS[key], flat=True)
    return max([settings.LUOSHI[key], *values])


def stored(user, district) -> DistrictSettings:
    """The district's settings row as its page shows it (unsaved, version 0, when none is set)."""
    require(user, "organisations.configure_settings", district)
    return DistrictSettings.objects.filter(district=district).first() or DistrictSettings(district=district,
                                                                                           version=0)


@transaction.atomic
def save(user, district, values: dict, *, reason: str, expected_version: int | None) -> DistrictSettings:
    """Set the district's values (None or "": back to the default), audited; a stale edit is refused."""
    require(user, "organisations.configure_settings", district)
    reason = (reason or "").strip()
    if not reason:
        raise Refused([_("修改设置须填写原因")], ["reason"])
    row = DistrictSettings.objects.select_for_update().filter(district=district).first()
    new = row is None
    if new:
        row = DistrictSettings(district=district, version=EXPECT_NONE)
    else:
        check_version(row, expected_version)
    for field in FIELDS.values():
        if field in values:
            setattr(row, field, values[field] if values[field] not in (None, "") else
                    ("" if field == "status_palette" else None))
    try:
        row.full_clean(exclude=["district", "version"])
    except ValidationError as exc:
        raise Refused.by_field([(f, str(m)) for f, msgs in exc.message_dict.items() for m in msgs]) from None
    row.version += 1
    _changed()
    if new:
        return create_first(row, user, reason, district=district)
    return save_with_history(row, user, reason)


def defaults() -> dict:
    """The environment's value of each field, as the page shows it beside the district's."""
    return {field: settings.LUOSHI[key] for key, field in FIELDS.items()}


def audit(user, district) -> list:
    """Who changed which setting, when, from what to what and why."""
    from luoshi.core.audit import entries, newest_first

    if not may(user, "organisations.configure_settings", district):
        return []
    records = DistrictSettings.history.filter(district_id=district.pk)
    return newest_first(entries(DistrictSettings, records, list(FIELDS.values()), "settings",
                                lambda rec: str(DistrictSettings._meta.verbose_name)))
