"""Scores of the responsibility letters (考评), computed item by item from the live data — the unit's
targets and actuals, its appeal record, its task reports — at the end of a quarter or of the year.
Nothing is typed twice and every point comes with the sentence that explains it."""
import calendar
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from luoshi.accountability.models import (
    ItemKind,
    ItemRole,
    LetterItem,
    ProjectMeasure,
    ResponsibilityLetter,
    ScoringRule,
)
from luoshi.appeals.selectors import unit_record
from luoshi.core.periods import today
from luoshi.core.units import fmt
from luoshi.indicators.selectors import is_growth, latest_actual, status_of, target_of

CENT = Decimal("0.01")


@dataclass
class ItemScore:
    item: LetterItem
    ratio: Decimal | None  # achieved ÷ required (1 = fully achieved); None: nothing to measure, 不计分
    points: Decimal
    max_points: Decimal
    explanation: str


@dataclass
class LetterScore:
    letter: ResponsibilityLetter
    as_of: date
    items: list[ItemScore] = field(default_factory=list)
    rank: int | None = None
    advanced: bool = False
    reasons: list[str] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((i.points for i in self.items), Decimal(0))

    @property
    def max_total(self) -> Decimal:
        return sum((i.max_points for i in self.items), Decimal(0))

    @property
    def scored_count(self) -> int:
        """How many items were scored (those with nothing to measure are 不计分), for "N项计分"."""
        return sum(1 for i in self.items if i.ratio is not None)

    @property
    def scored_words(self) -> str:
        """"3项计分" — and how many were not, so a total over few items is not read as over all of them."""
        unscored = len(self.items) - self.scored_count
        scored = _("%(n)d项计分") % {"n": self.scored_count}
        return _("%(s)s，%(u)d项不计分") % {"s": scored, "u": unscored} if unscored else scored

    @property
    def deductions(self) -> Decimal:
        return sum((i.points for i in self.items if i.item.role == ItemRole.DEDUCTION), Decimal(0))

    @property
    def score(self) -> Decimal:
        """百分制: the scored items' points as a share of their maximum, times 100, then bonus and
        deductions — so that letters with different numbers of items compare fairly."""
        scored = sum((i.points for i in self.items if i.item.role == ItemRole.SCORED), Decimal(0))
        base = scored * 100 / self.max_total if self.max_total else Decimal(0)
        extra = sum((i.points for i in self.items if i.item.role != ItemRole.SCORED), Decimal(0))
        return (base + extra).quantize(CENT)


def period_end(year: int, quarter: int | None = None) -> date:
    """Last day of the quarter (or of the year), not later than today."""
    month = 12 if quarter is None else quarter * 3
    end = date(year, month, calendar.monthrange(year, month)[1])
    return min(end, today())


def _pct(ratio: Decimal) -> str:
    return fmt((ratio * 100).quantize(Decimal("0.1")), "%")


def indicator_ratio(item: LetterItem, unit, as_of: date) -> tuple[Decimal, str]:
    """Growth targets: achieved growth ÷ target growth (met counts as 1 at least); absolute targets:
    completion ÷ share of the year elapsed (时间过半、任务过半)."""
    year = item.letter.year
    target = target_of(unit, item.indicator, year)
    if target is None:
        return Decimal(0), _("%(u)s未设定%(y)d年“%(i)s”目标") % {"u": unit, "y": year, "i": item.indicator}
    actual = latest_actual(unit, item.indicator, year, as_of.month if as_of.year == year else 12)
    if actual is None:
        return Decimal(0), _("截至%(d)s尚无“%(i)s”的实绩") % {"d": as_of.isoformat(), "i": item.indicator}
    status = status_of(target, actual, item.indicator)
    if is_growth(target):
        if actual.growth_pct is None:
            return Decimal(0), status.reason
        ratio = (actual.growth_pct / target.value if target.value > 0
                 else Decimal(1 if actual.growth_pct >= target.value else 0))
    else:
        if not status.completion_pct or not status.time_pct:
            return Decimal(0), status.reason
        ratio = status.completion_pct / status.time_pct
    if status.status == "met":
        ratio = max(ratio, Decimal(1))
    return max(ratio, Decimal(0)), status.reason


def rate_ratio(item: LetterItem, unit, as_of: date) -> tuple[Decimal | None, str]:
    record = unit_record(unit, date(item.letter.year, 1, 1), as_of)
    on_time = item.kind == ItemKind.APPEAL_ON_TIME
    rate = record.on_time_rate if on_time else record.satisfaction_rate
    name = _("按期办结率") if on_time else _("满意率")
    if rate is None:
        return None, _("本期无可计算%(n)s的诉求") % {"n": name}
    required = item.required_pct or Decimal(100)
    return rate / required, _("诉求%(n)s%(r)s(要求%(q)s)") % {
        "n": name, "r": fmt(rate, "%"), "q": fmt(required, "%")}


def _month(item: LetterItem, as_of: date) -> int:
    return as_of.month if as_of.year == item.letter.year else 12


def project_ratio(item: LetterItem, as_of: date) -> tuple[Decimal | None, str]:
    """Completed investment this year ÷ the project's plan, against the share of the year elapsed; without a
    project named, the unit's projects together (`unit_projects_ratio`)."""
    from luoshi.projects.selectors import completed_this_year

    if not item.project_id or item.project_measure != ProjectMeasure.INVESTMENT:
        return unit_projects_ratio(item, as_of)
    project, month = item.project, _month(item, as_of)
    assert project is not None  # project_id is set
    if not project.year_plan:
        return None, _("“%(p)s”未列年度计划投资") % {"p": project}
    done = completed_this_year([project], item.letter.year, month).get(project.pk, Decimal(0))
    completion = done / project.year_plan
    time_share = Decimal(month) / 12
    return completion / time_share, _("“%(p)s”年内完成投资%(d)s亿元，为年度计划%(y)s亿元的%(c)s（时间进度%(t)s）") % {
        "p": project, "d": fmt(done), "y": fmt(project.year_plan), "c": _pct(completion), "t": _pct(time_share)}


def unit_projects_ratio(item: LetterItem, as_of: date) -> tuple[Decimal | None, str]:
    """The projects the unit is responsible for this year, as the pipeline's roll-up adds them: completed
    investment ÷ their plans against the share of the year elapsed, or their 开工率 / 竣工率 against the
    rate required (100% unless said). Nothing to measure (no project, no plan, none due to start or
    finish) is 不计分."""
    from luoshi.projects.selectors import unit_progress

    year, unit, month = item.letter.year, item.letter.unit, _month(item, as_of)
    row = unit_progress(unit, year, month)
    if not row.count:
        return None, _("%(u)s%(y)d年没有负责的重点项目") % {"u": unit, "y": year}
    if item.project_measure == ProjectMeasure.INVESTMENT:
        if not row.plan:
            return None, _("%(u)s负责的%(n)d个重点项目均未列年度计划投资") % {"u": unit, "n": row.count}
        completion, time_share = row.completed / row.plan, Decimal(month) / 12
        return completion / time_share, _(
            "%(u)s负责的%(n)d个重点项目年内完成投资%(d)s亿元，为年度计划%(y)s亿元的%(c)s（时间进度%(t)s）") % {
            "u": unit, "n": row.count, "d": fmt(row.completed), "y": fmt(row.plan), "c": _pct(completion),
            "t": _pct(time_share)}
    required = item.required_pct or Decimal(100)
    if item.project_measure == ProjectMeasure.START:
        done, due, rate, name = row.started, row.to_start, row.start_rate, _("开工率")
        nothing = _("%(u)s负责的重点项目%(y)d年均无计划开工") % {"u": unit, "y": year}
    else:
        done, due, rate, name = row.finished, row.to_finish, row.finish_rate, _("竣工率")
        nothing = _("%(u)s负责的重点项目%(y)d年均无计划竣工") % {"u": unit, "y": year}
    if not due or rate is None:
        return None, nothing
    return rate / required, _("%(u)s负责的重点项目%(n)s%(r)s（%(d)d/%(p)d个，要求%(q)s）") % {
        "u": unit, "n": name, "r": fmt(rate, "%"), "d": done, "p": due, "q": fmt(required, "%")}


def investment_ratio(item: LetterItem, as_of: date) -> tuple[Decimal, str]:
    """The district's attraction target read with the ledger's rules: completion ÷ share of the year."""
    from luoshi.investment.selectors import progress_of, signed_by

    target = item.investment_target
    assert target is not None  # an INVESTMENT item names its target (validate_item)
    signed = signed_by(target.organisation, as_of)
    status = progress_of([target], signed, target.year, as_of)[0]["status"]
    if status.completion_pct is None or not status.time_pct:
        return Decimal(0), status.reason
    return status.completion_pct / status.time_pct, status.reason


def task_ratio(item: LetterItem, as_of: date) -> tuple[Decimal, str]:
    if item.work_task_id:
        from luoshi.workplan.selectors import letter_ratio

        assert item.work_task is not None
        return letter_ratio(item.work_task, as_of)
    report = item.reports.filter(as_of__lte=as_of).order_by("-as_of", "-id").first()
    if report is None:
        return Decimal(0), _("截至%(d)s未填报进展") % {"d": as_of.isoformat()}
    return report.done_pct / 100, _("完成%(p)s（%(d)s填报：%(e)s）") % {
        "p": fmt(report.done_pct, "%"), "d": report.as_of.isoformat(), "e": report.evidence[:60]}


def points(item: LetterItem, ratio: Decimal) -> tuple[Decimal, str]:
    """The rule applied to the ratio, and the arithmetic in words."""
    w = item.weight
    if item.role == ItemRole.BONUS:
        return (w, _("加分项达成，加%(w)s分") % {"w": fmt(w)}) if ratio >= 1 else (Decimal(0), _("加分项未达成"))
    if item.role == ItemRole.DEDUCTION:
        return (-w, _("发生扣分事项，扣%(w)s分") % {"w": fmt(w)}) if ratio >= 1 else (Decimal(0), _("未发生扣分事项"))
    if item.rule == ScoringRule.FULL:
        return (w, _("达标得满分%(w)s分") % {"w": fmt(w)}) if ratio >= 1 else (Decimal(0), _("未达标不得分"))
    capped = min(ratio, Decimal(1))
    if item.rule == ScoringRule.THRESHOLD and ratio < (item.threshold_pct or 0) / 100:
        return Decimal(0), _("完成%(p)s，低于门槛%(t)s，不得分") % {"p": _pct(ratio), "t": fmt(item.threshold_pct, "%")}
    got = (w * capped).quantize(CENT)
    return got, _("按完成比例：%(w)s分×%(p)s=%(g)s分") % {"w": fmt(w), "p": _pct(capped), "g": fmt(got)}


def item_score(item: LetterItem, as_of: date) -> ItemScore:
    unit = item.letter.unit
    ratio: Decimal | None
    if item.kind == ItemKind.INDICATOR:
        ratio, why = indicator_ratio(item, unit, as_of)
    elif item.kind in (ItemKind.APPEAL_ON_TIME, ItemKind.APPEAL_SATISFACTION):
        ratio, why = rate_ratio(item, unit, as_of)
    elif item.kind == ItemKind.PROJECT:
        ratio, why = project_ratio(item, as_of)
    elif item.kind == ItemKind.INVESTMENT:
        ratio, why = investment_ratio(item, as_of)
    else:
        ratio, why = task_ratio(item, as_of)
    if ratio is None:  # nothing to measure: 不计分, neither met nor missed, and out of the maximum
        return ItemScore(item, None, Decimal(0), Decimal(0), f"{why},{_('不计分')}")
    got, arithmetic = points(item, ratio)
    max_points = item.weight if item.role == ItemRole.SCORED else Decimal(0)
    return ItemScore(item, ratio, got, max_points, f"{why};{arithmetic}")


def letter_score(letter: ResponsibilityLetter, year_quarter: int | None = None) -> LetterScore:
    as_of = period_end(letter.year, year_quarter)
    items = letter.items.select_related("indicator", "letter__unit", "project", "investment_target__organisation") \
        .prefetch_related("reports")
    return LetterScore(letter, as_of, [item_score(i, as_of) for i in items])


def assessment(user, district, year: int, quarter: int | None = None) -> list[LetterScore]:
    """Every visible letter of the district ranked by total score, with the 先进单位 and why."""
    letters = ResponsibilityLetter.objects.for_user(user).filter(district=district, year=year) \
        .select_related("unit", "district")
    scores = sorted((letter_score(letter, quarter) for letter in letters), key=lambda s: (-s.score, s.letter.unit_id))
    rank = 0
    for i, s in enumerate(scores):
        if i == 0 or s.score != scores[i - 1].score:
            rank = i + 1
        s.rank = rank
    _mark_advanced(scores)
    return scores


def _mark_advanced(scores: list[LetterScore]):
    """先进单位: a signed letter, at least ADVANCED_MIN_SCORE points, no deduction, within the best
    ADVANCED_MAX_SHARE of units."""
    rules = settings.LUOSHI
    minimum = Decimal(str(rules.get("ADVANCED_MIN_SCORE", 90)))
    share = Decimal(str(rules.get("ADVANCED_MAX_SHARE", "0.3")))
    places = max(1, int(len(scores) * share)) if scores else 0
    for s in scores:
        if s.letter.is_frozen and s.rank is not None and s.rank <= places and s.score >= minimum \
                and s.deductions == 0:
            s.advanced = True
            done = [i.item.title for i in s.items if i.item.role == ItemRole.SCORED and i.points == i.max_points]
            s.reasons = [_("考评得分%(s)s分（百分制；计分项%(t)s/%(m)s分），居%(n)d个单位第%(r)d") % {
                "s": fmt(s.score), "t": fmt(s.total), "m": fmt(s.max_total), "n": len(scores), "r": s.rank}]
            if done:
                s.reasons.append(_("满分事项：%(d)s") % {"d": "、".join(done)})


def dashboard_panel(organisation, user):
    """The one-screen panel: the district's units ranked by this year's letter score."""
    from django.urls import reverse

    from luoshi.core.registry import Figure, Panel
    from luoshi.organisations.models import DISTRICT_KINDS

    if organisation.kind not in DISTRICT_KINDS:
        return None
    year = today().year
    scores = assessment(user, organisation, year)
    if not scores:
        return None
    url = reverse("accountability:letters", args=[organisation.pk]) + f"?year={year}"
    signed = sum(1 for s in scores if s.letter.is_frozen)
    return Panel("accountability", _("单位考评排名(%(y)d年)") % {"y": year}, figures=[
        Figure(_("责任书"), str(len(scores)), url), Figure(_("已签订"), str(signed), url),
        Figure(_("先进单位"), str(sum(1 for s in scores if s.advanced)), url, "good"),
    ], items=[Figure(f"{s.rank}. {s.letter.unit}", _("%(t)s分（%(n)s）") % {"t": fmt(s.score), "n": s.scored_words},
                     reverse("accountability:letter", args=[s.letter.pk])) for s in scores[:6]])


def letter_steps(letter):
    """The letter's steps as people read them: what was done (起草, 审核通过, 签订 …), the state it led to and
    who did it, by name and post (core.workflow.StepRow), oldest first."""
    from django.utils.translation import gettext_lazy

    from luoshi.accountability.services import MACHINE
    from luoshi.core.workflow import step_rows

    labels = {"draft": gettext_lazy("起草"), **MACHINE.action_labels}
    return step_rows(letter.steps.order_by("id"), MACHINE.state_labels, lambda a: labels.get(a, a))
