"""The work plan's rows and status badges (计划、督办台账、我牵头的、任务页), each written by one function, as
Django's admin writes the cells of its change lists: through the template engine a page's 50 task rows cost
more than the page's queries (a lookup chain, an include and a URL tag per cell and row; docs/benchmarks.md).
Every text goes through gettext and every value is escaped, as a template would (`_e`: the same five
characters as django.utils.html.escape, without its lazy-string wrapper on each of the 500 values)."""
from html import escape

from django import template
from django.urls import reverse
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from luoshi.organisations.selectors import person_label
from luoshi.workplan.status import WorkStatus

register = template.Library()


def _e(value) -> str:
    return escape(str(value), quote=True)


def _badge(status) -> str:
    return f'<span class="badge w-{_e(status.status)}" title="{_e(status.reason)}">{_e(status.label)}</span>'


@register.simple_tag
def status_badge(status) -> SafeString:
    """{% status_badge row.status %}: the status in words, its colour by class, its reason on hover."""
    return mark_safe(_badge(status))


@register.simple_tag
def task_row(row, counter: int) -> SafeString:
    """{% task_row r forloop.counter %}: one task of a list — 序号, 工作任务 (with its quantified aim), 类别,
    牵头领导, 牵头单位, 完成时限 and 状态 with its reason, the report owed and the 督办 awaiting reply."""
    task, status = row.task, row.status
    classes = " ".join(c for c in ("subtask" if task.parent_id else "",
                                   "warn" if status.status == WorkStatus.OVERDUE else "") if c)
    title = f'<a href="{_e(reverse("workplan:task", args=[task.pk]))}">{_e(task.title)}</a>'
    if task.is_synthetic:
        title += f' <span class="tag">{_e(_("合成"))}</span>'
    if task.measure_wording:
        title += f'<br><small class="muted">{_e(_("目标：%(m)s") % {"m": task.measure_wording})}</small>'
    state = f"{_badge(status)}<br><small>{_e(status.reason)}</small>"
    if row.missing:
        state += f'<br><small class="tag warn">{_e(row.missing)}</small>'
    if row.escalated:
        state += f'<br><small class="tag warn">{_e(_("督办逾期未复"))}</small>'
    elif row.open_notices:
        waiting = ngettext("%(n)s份督办待回复", "%(n)s份督办待回复", row.open_notices) % {"n": row.open_notices}
        state += f'<br><small class="tag">{_e(waiting)}</small>'
    leader = person_label(task.lead_leader) if task.lead_leader_id else "—"
    return mark_safe(
        f'<tr class="{classes}" data-task="{task.pk}">\n  <td>{_e(task.number or counter)}</td>\n  <td>{title}</td>\n'
        f"  <td>{_e(task.category)}</td>\n  <td>{_e(leader)}</td>\n  <td>{_e(task.lead_unit)}</td>\n"
        f"  <td>{_e(localize(task.deadline))}</td>\n  <td>{state}</td>\n</tr>")
