"""API of the responsibility letters: scores ranked, one letter item by item, task reports."""
from datetime import date, datetime

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from luoshi.accountability import services
from luoshi.accountability.models import LetterItem, ResponsibilityLetter, TaskReport
from luoshi.accountability.selectors import assessment, letter_score, letter_steps
from luoshi.core.api_errors import READ_ERRORS, WRITE_ERRORS, NumberIn
from luoshi.core.apitools import ExactDecimal, model_text, scoped
from luoshi.core.periods import today
from luoshi.core.workflow import Refused
from luoshi.organisations.models import Organisation

router = Router(tags=["accountability 目标责任书"])


class ScoreOut(Schema):
    """One letter's place in the district's assessment."""

    letter_id: int
    unit: str
    state: str
    rank: int | None
    score: ExactDecimal = Field(description="百分制考评得分(计分项折算为百分制,另加加分、减扣分)")
    points: ExactDecimal
    max_points: ExactDecimal
    advanced: bool = Field(description="先进单位")
    reasons: list[str]
    scored_items: int = Field(description="计分的事项数(无可计算数据的事项不计分)")
    unscored_items: int = Field(description="不计分的事项数")
    scored_words: str = Field(description="如“3项计分，1项不计分”")


class ItemScoreOut(Schema):
    """One item of a letter and the points it earns, explained."""

    item_id: int
    order: int
    title: str
    kind: str
    role: str
    rule: str
    weight: ExactDecimal
    points: ExactDecimal
    scored: bool = Field(description="是否计分;无可计算数据的事项不计分")
    explanation: str = Field(description="得分依据:数据与计分算式")


class StepOut(Schema):
    """One step of a letter: drafted, reviewed, signed or amended."""

    at: datetime
    actor: str | None = Field(description="办理人的姓名和职务(系统办理时为空)")
    actor_id: int | None = Field(description="办理人的用户编号")
    action: str
    label: str = Field(description="所做的事,如“审核通过”“签订”")
    text: str


class LetterOut(Schema):
    """A responsibility letter (目标责任书) scored item by item."""

    id: int
    title: str
    unit: str
    year: int
    state: str
    signed_at: datetime | None
    version: int
    as_of: date
    score: ExactDecimal
    scored_items: int = Field(description="计分的事项数(无可计算数据的事项不计分)")
    unscored_items: int = Field(description="不计分的事项数")
    scored_words: str = Field(description="如“3项计分，1项不计分”")
    items: list[ItemScoreOut]
    steps: list[StepOut]


class TaskReportOut(Schema):
    """A task report as stored."""

    id: int
    as_of: date
    done_pct: ExactDecimal
    evidence: str


class TaskReportIn(Schema):
    """Progress on a task item and the evidence for it."""

    done_pct: NumberIn = Field(description="完成程度(%),0—100,建议以字符串传递,如 \"85.5\"")
    evidence: str = model_text(TaskReport, "evidence", min_length=1)


def _score_row(s) -> dict:
    return {"letter_id": s.letter.pk, "unit": str(s.letter.unit), "state": s.letter.state, "rank": s.rank,
            "score": s.score, "points": s.total, "max_points": s.max_total, "advanced": s.advanced,
            "reasons": s.reasons, **_scored(s)}


def _scored(s) -> dict:
    return {"scored_items": s.scored_count, "unscored_items": len(s.items) - s.scored_count,
            "scored_words": s.scored_words}


@router.get("/districts/{int:org_id}/letters", response={200: list[ScoreOut], **READ_ERRORS},
            summary="考评排名 Letters of a district ranked by score")
def ranked(request, org_id: int, year: int | None = None, quarter: int | None = None):
    """Every letter of the district the user may see, ranked on the hundred-point scale, 先进单位 with why;
    `year` defaults to this year, `quarter` (1–4) scores at that quarter's end instead of the year's."""
    district = scoped(request, Organisation, pk=org_id)
    return [_score_row(s) for s in assessment(request.user, district, _year(year), _quarter(quarter))]


def _year(year: int | None) -> int:
    if year is None:
        return today().year
    if not 2000 <= year <= 2100:
        raise Refused([_("年度应在2000至2100之间")])
    return year


def _quarter(quarter: int | None) -> int | None:
    if quarter is not None and not 1 <= quarter <= 4:
        raise Refused([_("季度应为1至4")])
    return quarter


@router.get("/letters/{int:letter_id}", response={200: LetterOut, **READ_ERRORS},
            summary="目标责任书 One letter, item by item")
def letter(request, letter_id: int, quarter: int | None = None):
    """The letter's items with the points each earns from the live data and the arithmetic in words, and
    its steps (drafted, reviewed, signed, amended)."""
    found = scoped(request, ResponsibilityLetter, pk=letter_id)
    score = letter_score(found, _quarter(quarter))
    return {"id": found.pk, "title": found.title, "unit": str(found.unit), "year": found.year, "state": found.state,
            "signed_at": found.signed_at, "version": found.version, "as_of": score.as_of, "score": score.score,
            **_scored(score),
            "items": [{"item_id": i.item.pk, "order": i.item.order, "title": i.item.title, "kind": i.item.kind,
                       "role": i.item.role, "rule": i.item.rule, "weight": i.item.weight, "points": i.points,
                       "scored": i.ratio is not None,
                       "explanation": i.explanation} for i in score.items],
            "steps": [{"at": s.step.at, "actor": s.actor if s.step.actor_id else None, "actor_id": s.step.actor_id,
                       "action": s.step.action, "label": s.label, "text": s.step.text} for s in letter_steps(found)]}


@router.post("/items/{int:item_id}/reports", response={201: TaskReportOut, 200: TaskReportOut, **WRITE_ERRORS},
             summary="填报任务进展 Report progress on a task item, with evidence")
def report(request, item_id: int, payload: TaskReportIn):
    """The unit (or the district's data staff) reports how far a task is done and on what evidence; other
    kinds of item are computed from the data and refuse a report (422)."""
    item = LetterItem.objects.filter(letter__in=ResponsibilityLetter.objects.for_user(request.user),
                                     pk=item_id).select_related("letter__district", "letter__unit").first()
    if item is None:
        raise Http404
    saved = services.report_task(request.user, item, done_pct=payload.done_pct, evidence=payload.evidence)
    return Status(201, saved)
