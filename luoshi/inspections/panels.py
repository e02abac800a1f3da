"""The quiet-day panel of the one screen: this month's visits to enterprises, inside and outside the
quiet window, waiting for approval, refused, and enterprises' reports of unannounced visits; each figure
links to the page behind it."""
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from luoshi.core.periods import today
from luoshi.core.status import WARNING
from luoshi.inspections.selectors import monthly_report, pending_approvals
from luoshi.organisations.models import DISTRICT_KINDS


def _url(name: str, *args, query: str = "") -> str:
    """The page's address (empty if it is not there, so the figure is still shown)."""
    try:
        return reverse(name, args=args) + (f"?{query}" if query else "")
    except NoReverseMatch:
        return ""


def dashboard_panel(organisation, user):
    from luoshi.core.registry import Figure, Panel

    if organisation.kind not in DISTRICT_KINDS:
        return None
    on = today()
    report = monthly_report(user, organisation, on.year, on.month)
    total = report.total
    start, end = report.window
    pending = pending_approvals(user).filter(district=organisation).count()
    period = f"year={on.year}&month={on.month}"
    listed = lambda extra=period: _url("inspections:list", query=f"district={organisation.pk}&{extra}")  # noqa: E731
    monthly = _url("inspections:monthly", organisation.pk, query=period)
    return Panel("quiet_days", _("企业宁静日(%(m)d月%(a)d日—%(b)d日)") % {"m": on.month, "a": start, "b": end},
                 figures=[Figure(_("本月涉企活动"), str(total.visits), listed()),
                          Figure(_("宁静日期间"), str(total.in_window), monthly),
                          Figure(_("待审批"), str(pending), listed("year=&state=pending"),
                                 tone=WARNING if pending else ""),
                          Figure(_("驳回"), str(total.refused), listed(f"{period}&state=refused")),
                          Figure(_("企业举报"), str(total.reports), monthly, tone=WARNING if total.reports else "")])
