"""催报 (month-end reminders): what the apps share when they chase the units that have not reported last
month — whether today is a reminder day, who reports for an organisation, and sending each unit's
reminder once per month and kind (the apps decide who is missing what: indicators/tasks.py,
projects/tasks.py)."""
from datetime import timedelta

from django.utils.translation import gettext as _

from luoshi.core.periods import Period, today
from luoshi.notifications.services import notify_once, users_with_role
from luoshi.organisations.models import Role
from luoshi.organisations.tuning import setting

# Every morning at 09:00 Asia/Shanghai (core/schedule.py); each reminder still goes out once a month.
EVERY_MORNING = {"every": timedelta(days=1), "offset": timedelta(hours=9)}
MOST_NAMES = 10


def names_text(names: list[str]) -> str:
    """"甲、乙、丙" — or the first ten and "等N个" for a long list, so the message stays readable."""
    if len(names) <= MOST_NAMES:
        return "、".join(names)
    return _("%(n)s等%(c)d个") % {"n": "、".join(names[:MOST_NAMES]), "c": len(names)}


def last_month() -> Period:
    """The month being chased: the one before today's."""
    on = today()
    return Period(on.year, on.month).previous(1)


def is_reminder_day(organisation) -> bool:
    """Whether today is on or after the organisation's district's REPORT_REMINDER_DAY (区级设置)."""
    return today().day >= int(setting("REPORT_REMINDER_DAY", organisation))


def reporters(organisation):
    """Who reports an organisation's figures: a unit's own staff, else (a district, or a unit without
    accounts) the district's data staff."""
    if not organisation.is_district:
        staff = list(users_with_role([Role.UNIT_STAFF], organisation_ids=[organisation.pk]))
        if staff:
            return staff
    return list(users_with_role([Role.DISTRICT_DATA], organisation_ids=[organisation.district_id or organisation.pk]))


def chase(kind: str, organisation, period: Period, text: str, link: str) -> bool:
    """One reminder to the organisation's reporters for this kind and month; True when sent now."""
    key = f"cuibao:{kind}:{organisation.pk}:{period.year}-{period.month:02d}"
    return notify_once(key, reporters(organisation), text, link)
