"""The briefing's sections after its 总体情况 paragraph: 重点工作 (from the work plan's selectors) and
存在问题, computed from what is behind and by how much (the overview's own verdicts)."""
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from luoshi.core import prose
from luoshi.core.status import Status
from luoshi.core.units import numeral
from luoshi.workplan import selectors as workplan

BEHIND = (Status.BEHIND, Status.CLOSE)


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    number: str = ""  # 三、 after 一、总体情况 and 二、主要指标


def problems(briefing) -> list[str]:
    """Every indicator behind its target, said as the overview says it, then the work plan's lag."""
    items = [prose.ending(_("%(i)s%(v)s") % {"i": s.indicator.name, "v": c.text})
             for s in briefing.sentences for c in s.clauses if c.facts.get("status") in BEHIND]
    work = workplan.briefing_problem(briefing.organisation, briefing.period)
    return items + ([prose.ending(work)] if work else [])


def sections(briefing, targets: dict, user=None) -> list[Section]:
    out = []
    work = workplan.briefing_section(briefing.organisation, briefing.period)
    out.append(Section(_("重点工作"), [work[1] if work else _("本期暂无重点工作任务数据。")]))
    found = problems(briefing)
    out.append(Section(_("存在问题"), [f"{i}. {p}" if len(found) > 1 else p for i, p in enumerate(found, 1)]
                       or [_("本期各项指标均达到目标进度，暂无落后事项。")]))
    for i, section in enumerate(out, 3):
        section.number = _("%(n)s、") % {"n": numeral(i)}
    return out
