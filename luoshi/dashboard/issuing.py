"""The briefing's flow: 草稿 → 审核中 → 已印发 (core.workflow), every move a step row. Data staff write
下步工作 and submit; the district's leader or administrator approves (印发, with the next 期号 of the
district and year) or returns it with a reason. On 印发 the worker makes the Word and PDF once."""
import hashlib

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core.periods import Period
from luoshi.core.records import save_with_history
from luoshi.core.workflow import Machine, Refused, move
from luoshi.dashboard.models import BriefingIssue, BriefingStep
from luoshi.dashboard.selectors import issuing_office
from luoshi.organisations.access import can_edit_targets, profile_of
from luoshi.organisations.models import Role

State = BriefingIssue.State
MACHINE = Machine(
    transitions={(State.DRAFT, "submit"): State.REVIEW, (State.REVIEW, "approve"): State.ISSUED,
                 (State.REVIEW, "return"): State.DRAFT},
    state_labels=dict(State.choices),
    action_labels={"submit": gettext_lazy("提交审核"), "approve": gettext_lazy("审核通过并印发"),
                   "return": gettext_lazy("退回修改")},
    text_required=frozenset({"return"}))
REVIEWER_ROLES = (Role.DISTRICT_LEADER, Role.DISTRICT_ADMIN)


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


def act(user, issue: BriefingIssue, action: str, text: str = "") -> BriefingIssue:
    """Submit, approve (印发) or return; refusals list every reason."""
    if action == "submit":
        _require_staff(user, issue.organisation)
    elif not _may_review(user, issue.organisation):
        raise PermissionDenied(_("只有本区领导或区级管理员可以审核简报"))
    reasons = MACHINE.check(issue.state, action, text)
    if action == "submit" and not issue.next_steps:
        reasons.append(_("提交审核前须填写下步工作"))
    if reasons:
        raise Refused(reasons)
    with transaction.atomic():
        if action == "approve":
            issue.number = (BriefingIssue.objects.filter(organisation=issue.organisation, year=issue.year)
                            .aggregate(n=Max("number"))["n"] or 0) + 1
            issue.issued_at = timezone.now()
        move(issue, BriefingStep, user, action, MACHINE.target(issue.state, action), text,
             step_fields={"briefing": issue})
        if action == "approve":
            from luoshi.core import jobs
            from luoshi.dashboard.tasks import freeze_briefing

            jobs.start(user, "briefing_issue", _("印发简报第%(n)d期") % {"n": issue.number}, freeze_briefing,
                       issue.pk)
    return issue


def freeze(issue: BriefingIssue, kind: str, data: bytes) -> bool:
    """Store a file of an issued briefing with its checksum, once: a file already there is never replaced."""
    field, digest = f"{kind}_data", f"{kind}_sha256"
    return bool(BriefingIssue.objects.filter(pk=issue.pk, state=State.ISSUED, **{f"{digest}": ""}).update(
        **{field: data, digest: hashlib.sha256(data).hexdigest()}))
