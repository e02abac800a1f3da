"""The appeals panel of the one screen (一屏观全域): open and overdue appeals, this year's on-time and
satisfaction rates, and the most urgent open appeals."""
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from luoshi.appeals.models import Appeal
from luoshi.appeals.selectors import StatRow, measure, supervision_list
from luoshi.core.periods import today
from luoshi.core.status import WARNING
from luoshi.core.units import fmt
from luoshi.organisations.models import DISTRICT_KINDS


def _url(name: str, *args, query: str = "") -> str:
    """The address of an appeal page, with an optional query string."""
    return reverse(name, args=args) + (f"?{query}" if query else "")


def dashboard_panel(organisation, user):
    from luoshi.core.registry import Figure, Panel

    if organisation.kind not in DISTRICT_KINDS:
        return None
    rows = supervision_list(user, district=organisation)
    on = today()
    year: StatRow = measure("", list(Appeal.objects.for_user(user).filter(
        district=organisation, created_at__date__gte=date(on.year, 1, 1))), on)
    overdue = [r for r in rows if r.overdue]
    rate = lambda v: fmt(v, "%") if v is not None else "—"  # noqa: E731
    stats = _url("appeals:statistics", organisation.pk, query=f"year={on.year}")
    return Panel("appeals", _("企业诉求(%(y)d年)") % {"y": on.year}, figures=[
        Figure(_("在办"), str(len(rows)), _url("appeals:supervision", query=f"district={organisation.pk}")),
        Figure(_("超期"), str(len(overdue)),
               _url("appeals:supervision", query=f"overdue=1&district={organisation.pk}"), WARNING if overdue else ""),
        Figure(_("按期办结率"), rate(year.on_time_rate), stats),
        Figure(_("满意率"), rate(year.satisfaction_rate), stats),
    ], items=[Figure(f"{r.appeal.enterprise} · {r.appeal.title}",
                     _("超期%(d)d个工作日") % {"d": r.late} if r.overdue and r.late
                     else r.appeal.get_state_display(), _url("appeals:detail", r.appeal.pk)) for r in rows[:5]])
