"""The quiet-day panel of the one screen: this month's visits to enterprises, inside and outside the
quiet window, waiting for approval, refused, and enterprises' reports of unannounced visits."""
from django.utils.translation import gettext as _

from luoshi.core.periods import today
from luoshi.inspections.selectors import monthly_report, pending_approvals
from luoshi.organisations.models import DISTRICT_KINDS


def dashboard_panel(organisation, user):
    from luoshi.dashboard.screen import Figure, Panel

    if organisation.kind not in DISTRICT_KINDS:
        return None
    on = today()
    report = monthly_report(user, organisation, on.year, on.month)
    total = report.total
    start, end = report.window
    pending = pending_approvals(user).filter(district=organisation).count()
    return Panel("quiet_days", _("企业宁静日(%(m)d月%(a)d日—%(b)d日)") % {"m": on.month, "a": start, "b": end},
                 figures=[Figure(_("本月涉企活动"), str(total.visits)), Figure(_("宁静日期间"), str(total.in_window)),
                          Figure(_("待审批"), str(pending), tone="bad" if pending else ""),
                          Figure(_("驳回"), str(total.refused)),
                          Figure(_("企业举报"), str(total.reports), tone="bad" if total.reports else "")])
