"""The briefing's sections after its 总体情况 and 主要指标: 重点项目, 招商引资, 企业服务 (dashboard.areas), 重点工作
(from the work plan's selectors) and 存在问题, computed from what is behind and by how much in each (the
overview's and each page's own verdicts)."""
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from luoshi.core import prose
from luoshi.core.status import Status
from luoshi.core.units import numeral
from luoshi.dashboard.areas import AREAS
from luoshi.workplan import selectors as workplan

BEHIND = (Status.BEHIND, Status.CLOSE)


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    number: str = ""  # 三、 after 一、总体情况 and 二、主要指标


def problems(briefing, areas=()) -> list[str]:
    """Every indicator behind its target, said as the overview says it, then each area's, then the work
    plan's lag."""
    items = [prose.ending(_("%(i)s%(v)s") % {"i": s.indicator.name, "v": c.text})
             for s in briefing.sentences for c in s.clauses if c.facts.get("status") in BEHIND]
    items += [p for area in areas for p in area.problems]
    work = workplan.briefing_problem(briefing.organisation, briefing.period)
    return items + ([prose.ending(work)] if work else [])


def _judged(briefing, areas) -> bool:
    """Whether anything could be behind at all: a figure compared with its target, or an area with data."""
    return any("status" in c.facts for s in briefing.sentences for c in s.clauses) or any(a.has_data for a in areas)


def sections(briefing, targets: dict, user=None) -> list[Section]:
    areas = [area(briefing.organisation, briefing.period, user) for area in AREAS]
    out = [Section(a.heading, a.paragraphs) for a in areas]
    work = workplan.briefing_section(briefing.organisation, briefing.period)
    out.append(Section(_("重点工作"), [work[1] if work else _("重点工作暂无数据。")]))
    found = problems(briefing, areas)
    if found:
        paragraphs = [_("%(i)d．%(p)s") % {"i": i, "p": p} if len(found) > 1 else p for i, p in enumerate(found, 1)]
    elif _judged(briefing, areas) or work:
        paragraphs = [_("本期未发现落后于目标进度的事项。")]
    else:
        paragraphs = [_("暂无数据，无法判断落后事项。")]
    out.append(Section(_("存在问题"), paragraphs))
    for i, section in enumerate(out, 3):
        section.number = _("%(n)s、") % {"n": numeral(i)}
    return out
