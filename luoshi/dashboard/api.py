"""API of the briefing flow (简报印发) with the pages' scoping and rules: a district's briefings, a new
draft, 下步工作, the moves (submit, approve, return, issue), 重新生成 of a failed file and the frozen files.
Another district's briefing answers 404 like a missing one; a move the user may not make answers 403, a
move the flow refuses 422 with every reason (issuing.py decides both, as for the page)."""
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from luoshi.core.api_errors import READ_ERRORS, WRITE_ERRORS, ErrorOut
from luoshi.core.apitools import model_text, scoped
from luoshi.core.numbers import YEAR_MAX, YEAR_MIN
from luoshi.core.periods import Period
from luoshi.core.workflow import step_rows
from luoshi.dashboard import issuing, snapshot
from luoshi.dashboard.files import CONTENT_TYPES
from luoshi.dashboard.issue_views import file_response
from luoshi.dashboard.models import BriefingIssue, BriefingStep
from luoshi.organisations.models import Organisation

router = Router(tags=["dashboard 简报印发"])


class BriefingFileOut(Schema):
    """One file of an issued briefing and its state in words."""

    kind: str = Field(..., description="docx, pdf")
    state: str = Field(..., description="stored 已存档, making 生成中, failed 生成失败, missing 未生成")
    words: str
    sha256: str


class BriefingStepOut(Schema):
    """One recorded move of the briefing."""

    at: datetime
    actor: str
    action: str
    label: str
    to_state: str
    text: str


class BriefingIssueOut(Schema):
    """A briefing (简报) on its way from draft to 印发."""

    id: int
    organisation_id: int
    year: int
    month: int
    state: str = Field(..., description="draft 草稿, review 审核中, approved 已审核待印发, issued 已印发")
    state_label: str
    office: str
    number: int | None = Field(None, description="期号, given on 印发")
    next_steps: str
    approved_at: datetime | None
    issued_at: datetime | None
    version: int
    next_actions: list[str]
    files: list[BriefingFileOut]


class BriefingDetailOut(BriefingIssueOut):
    """The briefing with its text (the snapshot once approved, else as the data stand) and its moves."""

    title: str
    text: str
    sections: list[dict]
    digest: str = Field(..., description="摘要: send it back as `seen` when approving what you read")
    steps: list[BriefingStepOut]


def _out(issue: BriefingIssue) -> dict:
    return {**{f: getattr(issue, f) for f in ("id", "organisation_id", "year", "month", "state", "office", "number",
                                              "next_steps", "approved_at", "issued_at", "version")},
            "state_label": issue.get_state_display(), "next_actions": issuing.MACHINE.actions_from(issue.state),
            "files": [{k: f[k] for k in ("kind", "state", "words", "sha256")} for f in issuing.file_states(issue)]}


def _detail(request, issue: BriefingIssue) -> dict:
    view = issuing.view_of(issue, request.user)
    frozen = snapshot.take(view)
    steps = step_rows(BriefingStep.objects.filter(briefing=issue), issuing.MACHINE.state_labels,
                      lambda a: issuing.MACHINE.action_labels.get(a, a))
    return {**_out(issue), "title": frozen["title"], "text": frozen["text"], "sections": frozen["sections"],
            "digest": snapshot.digest(frozen),
            "steps": [{"at": s.step.at, "actor": s.actor, "action": s.step.action, "label": s.label,
                       "to_state": s.to_state, "text": s.step.text} for s in steps]}


def _issue(request, issue_id: int) -> BriefingIssue:
    return scoped(request, BriefingIssue.objects.select_related("organisation", "files_job"), pk=issue_id)


@router.get("/districts/{int:org_id}/briefings", response={200: list[BriefingIssueOut], **READ_ERRORS},
            summary="简报列表 A district's briefings")
def briefings(request, org_id: int):
    """Every briefing of the district, issued ones by 期号, newest first (the list page's order)."""
    org = scoped(request, Organisation, pk=org_id)
    issues = (BriefingIssue.objects.for_user(request.user).filter(organisation=org).select_related("files_job")
              .defer("docx_data", "pdf_data").order_by("-year", "-number", "-pk"))
    return [_out(i) for i in issues]


class BriefingDraftIn(Schema):
    """The period of a new draft."""

    year: int = Field(..., ge=YEAR_MIN, le=YEAR_MAX)
    month: int = Field(..., ge=1, le=12)


@router.post("/districts/{int:org_id}/briefings", response={200: BriefingDetailOut, **WRITE_ERRORS},
             summary="起草简报 Start a draft")
def start_draft(request, org_id: int, payload: BriefingDraftIn):
    """The district's 发改/统计 staff only; asked again for the same period, the open draft is returned."""
    org = scoped(request, Organisation, pk=org_id)
    return _detail(request, issuing.start_draft(request.user, org, Period(payload.year, payload.month)))


@router.get("/briefings/{int:issue_id}", response={200: BriefingDetailOut, **READ_ERRORS},
            summary="简报详情 One briefing")
def briefing(request, issue_id: int):
    """State, 期号, files and moves, and the text: as approved once approved, else as the data stand now."""
    return _detail(request, _issue(request, issue_id))


class BriefingNextStepsIn(Schema):
    """下步工作, written by staff on a draft."""

    text: str = model_text(BriefingIssue, "next_steps")


@router.post("/briefings/{int:issue_id}/next-steps", response={200: BriefingDetailOut, **WRITE_ERRORS},
             summary="填写下步工作 Write the next steps")
def next_steps(request, issue_id: int, payload: BriefingNextStepsIn):
    """On a draft only, by the district's 发改/统计 staff."""
    return _detail(request, issuing.write_next_steps(request.user, _issue(request, issue_id), payload.text))


class BriefingMoveIn(Schema):
    """A move of the flow with its text (a return needs its reason)."""

    action: str = Field(..., max_length=20,
                        description="submit 提交审核, approve 审核通过, return 退回修改, issue 印发")
    text: str = model_text(BriefingStep, "text", "")
    seen: str = Field("", max_length=64, description="审核时: the `digest` of the text you read; refused if it changed")


@router.post("/briefings/{int:issue_id}/moves", response={200: BriefingDetailOut, **WRITE_ERRORS},
             summary="提交、审核、退回、印发 Move the briefing")
def act(request, issue_id: int, payload: BriefingMoveIn):
    """Approving freezes the text; 印发 gives the 期号 and has the worker make the Word and PDF from it."""
    issue = issuing.act(request.user, _issue(request, issue_id), payload.action, payload.text, payload.seen)
    return _detail(request, issue)


@router.post("/briefings/{int:issue_id}/files/regenerate", response={200: BriefingDetailOut, **WRITE_ERRORS},
             summary="重新生成 Make a failed file again")
def regenerate(request, issue_id: int):
    """For an issued briefing whose Word or PDF failed; nothing more is queued while the worker is at it."""
    return _detail(request, issuing.regenerate(request.user, _issue(request, issue_id)))


@router.get("/briefings/{int:issue_id}/files/{kind}", response={403: ErrorOut, **READ_ERRORS},
            summary="下载简报文件 A frozen file", openapi_extra={"responses": {"200": {
                "description": "The stored Word or PDF file, byte for byte as frozen on 印发",
                "content": {t: {"schema": {"type": "string", "format": "binary"}} for t in CONTENT_TYPES.values()}}}})
def file(request, issue_id: int, kind: str):
    """`kind`: docx or pdf; only an issued briefing's stored file (403 otherwise, as on the page)."""
    issue = _issue(request, issue_id)
    if kind not in CONTENT_TYPES:
        raise PermissionDenied(_("文件类型只能是docx或pdf"))
    if issue.state != BriefingIssue.State.ISSUED or not getattr(issue, f"{kind}_sha256"):
        raise PermissionDenied(_("该简报尚未印发或文件尚未生成"))
    return file_response(issue, kind)
