"""The briefing's flow: 草稿 → 审核中 → 已审核待印发 → 已印发 (core.workflow), every move a step row. Data staff
write 下步工作 and submit; the district's leader or administrator approves (审核: the briefing's text is
frozen as a snapshot, refused if it changed since the reviewer read it) or returns it with a reason; staff
or the reviewer then 印发 it with the next 期号 of the district and year, and the worker makes the Word and
PDF from the snapshot once. A file that failed (no chromium, a crash) is made again on request."""
import hashlib

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core.models import Job
from luoshi.core.periods import Period
from luoshi.core.records import save_with_history
from luoshi.core.units import numeral
from luoshi.core.workflow import Machine, Refused, move
from luoshi.dashboard import snapshot
from luoshi.dashboard.models import BriefingIssue, BriefingStep
from luoshi.dashboard.selectors import briefing_view, issuing_office
from luoshi.organisations.access import can_edit_targets, profile_of
from luoshi.organisations.models import Role

State = BriefingIssue.State
MACHINE = Machine(
    transitions={(State.DRAFT, "submit"): State.REVIEW, (State.REVIEW, "approve"): State.APPROVED,
                 (State.REVIEW, "return"): State.DRAFT, (State.APPROVED, "return"): State.DRAFT,
                 (State.APPROVED, "issue"): State.ISSUED},
    state_labels=dict(State.choices),
    action_labels={"submit": gettext_lazy("提交审核"), "approve": gettext_lazy("审核通过"),
                   "return": gettext_lazy("退回修改"), "issue": gettext_lazy("印发"),
                   "regenerate": gettext_lazy("重新生成文件")},
    text_required=frozenset({"return"}))
REVIEWER_ROLES = (Role.DISTRICT_LEADER, Role.DISTRICT_ADMIN)
KINDS = {"docx": "Word", "pdf": "PDF"}


def _may_review(user, organisation) -> bool:
    profile = profile_of(user)
    return user.is_superuser or (profile is not None and profile.role in REVIEWER_ROLES
                                 and profile.organisation_id == organisation.pk)


def _require_staff(user, organisation):
    if not can_edit_targets(user, organisation):
        raise PermissionDenied(_("只有本区发改/统计人员可以起草简报"))


def start_draft(user, organisation, period: Period) -> BriefingIssue:
    """The open draft of the period (the same one again when asked twice)."""
    _require_staff(user, organisation)
    open_one = BriefingIssue.objects.filter(organisation=organisation, year=period.year, month=period.month) \
        .exclude(state=State.ISSUED).first()
    if open_one:
        return open_one
    issue = BriefingIssue(organisation=organisation, year=period.year, month=period.month,
                          office=issuing_office(organisation), created_by=user)
    save_with_history(issue, user, _("起草简报"))
    return issue


def write_next_steps(user, issue: BriefingIssue, text: str) -> BriefingIssue:
    _require_staff(user, issue.organisation)
    if issue.state != State.DRAFT:
        raise Refused([_("只有草稿可以修改下步工作（当前：%(s)s）") % {"s": issue.get_state_display()}])
    issue.next_steps = text.strip()
    issue.version += 1
    save_with_history(issue, user, _("填写下步工作"))
    return issue


def view_of(issue: BriefingIssue, user) -> dict:
    """What the issue shows: its snapshot once approved, else the briefing as the data stand now."""
    if issue.snapshot:
        return snapshot.restore(issue.organisation, issue.snapshot)
    return {**briefing_view(issue.organisation, Period(issue.year, issue.month), user), "office": issue.office}


def issue_context(issue: BriefingIssue, user) -> dict:
    """The page's, the Word's and the PDF's context of an issue: its view, and 下步工作 numbered after the
    computed sections."""
    context = {"org": issue.organisation, "issue": issue, **view_of(issue, user)}
    context["next_steps_number"] = _("%(n)s、") % {"n": numeral(len(context["briefing"].sections) + 3)}
    return context


def act(user, issue: BriefingIssue, action: str, text: str = "", seen: str = "") -> BriefingIssue:
    """Submit, approve (审核, `seen`: the digest of the text the reviewer read, if known), return or 印发;
    refusals list every reason."""
    if action == "submit":
        _require_staff(user, issue.organisation)
    elif action == "issue":
        if not (_may_review(user, issue.organisation) or can_edit_targets(user, issue.organisation)):
            raise PermissionDenied(_("只有本区发改/统计人员、领导或区级管理员可以印发简报"))
    elif not _may_review(user, issue.organisation):
        raise PermissionDenied(_("只有本区领导或区级管理员可以审核简报"))
    reasons = MACHINE.check(issue.state, action, text)
    if action == "submit" and not issue.next_steps:
        reasons.append(_("提交审核前须填写下步工作"))
    frozen = None
    if action == "approve" and not reasons:
        frozen = snapshot.take(view_of(issue, user))
        if seen and seen != snapshot.digest(frozen):
            reasons.append(_("简报数据在您审阅后已有变化，请重新审阅后再审核"))
    if reasons:
        raise Refused(reasons)
    with transaction.atomic():
        if action == "approve":
            issue.snapshot, issue.approved_at = frozen, timezone.now()
        elif action == "return":
            issue.snapshot, issue.approved_at = {}, None
        elif action == "issue":
            issue.number = (BriefingIssue.objects.filter(organisation=issue.organisation, year=issue.year)
                            .aggregate(n=Max("number"))["n"] or 0) + 1
            issue.issued_at = timezone.now()
        move(issue, BriefingStep, user, action, MACHINE.target(issue.state, action), text,
             step_fields={"briefing": issue})
        if action == "issue":
            _make_files(user, issue)
    return issue


def _make_files(user, issue: BriefingIssue) -> None:
    from luoshi.core import jobs
    from luoshi.dashboard.tasks import freeze_briefing

    issue.files_job = jobs.start(user, "briefing_issue", _("印发简报第%(n)d期") % {"n": issue.number},
                                 freeze_briefing, issue.pk)
    BriefingIssue.objects.filter(pk=issue.pk).update(files_job=issue.files_job)


def _making(issue: BriefingIssue) -> bool:
    job = issue.files_job
    return job is not None and job.status in (Job.Status.QUEUED, Job.Status.RUNNING)


def file_states(issue: BriefingIssue) -> list[dict]:
    """Each file of an issued briefing and its state in words: 已存档, 生成中, 生成失败 (with why), 未生成."""
    if issue.state != State.ISSUED:
        return []
    job = issue.files_job
    out = []
    for kind, label in KINDS.items():
        digest = getattr(issue, f"{kind}_sha256")
        if digest:
            state, words = "stored", _("已存档")
        elif _making(issue):
            state, words = "making", _("生成中")
        elif job is not None and job.status == Job.Status.FAILED:
            state, words = "failed", _("生成失败：%(e)s") % {"e": job.message}
        else:
            state, words = "missing", _("未生成")
        out.append({"kind": kind, "label": label, "state": state, "words": words, "sha256": digest})
    return out


def may_regenerate(issue: BriefingIssue) -> bool:
    """An issued briefing with a file missing and no worker making it."""
    return any(f["state"] in ("failed", "missing") for f in file_states(issue))


def regenerate(user, issue: BriefingIssue) -> BriefingIssue:
    """重新生成: make the missing files of an issued briefing again, from the same snapshot. Asked again
    while the worker is at it, nothing more is queued."""
    if not (_may_review(user, issue.organisation) or can_edit_targets(user, issue.organisation)):
        raise PermissionDenied(_("只有本区发改/统计人员、领导或区级管理员可以重新生成简报文件"))
    if issue.state != State.ISSUED:
        raise Refused([_("简报尚未印发，没有可重新生成的文件")])
    if _making(issue):
        return issue
    if not may_regenerate(issue):
        raise Refused([_("Word和PDF均已存档，无需重新生成")])
    with transaction.atomic():
        BriefingStep.objects.create(briefing=issue, actor=user, action="regenerate", from_state=issue.state,
                                    to_state=issue.state)
        _make_files(user, issue)
    return issue


def freeze(issue: BriefingIssue, kind: str, data: bytes) -> bool:
    """Store a file of an issued briefing with its checksum, once: a file already there is never replaced."""
    field, digest = f"{kind}_data", f"{kind}_sha256"
    return bool(BriefingIssue.objects.filter(pk=issue.pk, state=State.ISSUED, **{f"{digest}": ""}).update(
        **{field: data, digest: hashlib.sha256(data).hexdigest()}))
