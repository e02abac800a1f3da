"""Writes of the responsibility letters: drafting, the review-and-sign machine, amendments after
signing, and task reports. Every change leaves history with who and why; a signed letter is frozen."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.accountability.models import (
    ItemKind,
    ItemRole,
    LetterItem,
    LetterState,
    LetterStep,
    ProjectMeasure,
    ResponsibilityLetter,
    ScoringRule,
    TaskReport,
)
from luoshi.core import uploads
from luoshi.core.numbers import gather, model_decimal
from luoshi.core.periods import today
from luoshi.core.records import check_version, field_label, save_with_history
from luoshi.core.workflow import Machine, Refused, move
from luoshi.organisations import access

REVIEW, RETURN, SIGN, AMEND = "review", "return", "sign", "amend"
MACHINE = Machine(
    transitions={
        (LetterState.DRAFT, REVIEW): LetterState.REVIEWED,
        (LetterState.REVIEWED, RETURN): LetterState.DRAFT,
        (LetterState.REVIEWED, SIGN): LetterState.SIGNED,
        (LetterState.SIGNED, AMEND): LetterState.SIGNED,
    },
    state_labels=dict(LetterState.choices),
    action_labels={REVIEW: gettext_lazy("审核通过"), RETURN: gettext_lazy("退回修改"), SIGN: gettext_lazy("签订"),
                   AMEND: gettext_lazy("修订")},
    text_required=frozenset({RETURN, AMEND}),
)
SCAN_KINDS = (uploads.PDF, uploads.JPEG, uploads.PNG)
ITEM_FIELDS = ("order", "title", "kind", "role", "indicator", "project", "project_measure", "investment_target",
               "work_task", "required_pct", "weight", "rule", "threshold_pct", "description")


def _require_manager(user, district):
    access.require(user, "accountability.manage", district)


@transaction.atomic
def create_letter(user, *, unit, year: int, title: str = "") -> ResponsibilityLetter:
    district = unit.district if unit.district_id else None
    if district is None or district.pk == unit.pk:
        raise Refused([_("目标责任书由区属单位（部门、镇办、平台公司）签订，“%(u)s”不是区属单位") % {"u": unit}])
    _require_manager(user, district)
    if ResponsibilityLetter.objects.filter(unit=unit, year=year).exists():
        raise Refused([_("%(u)s%(y)d年的目标责任书已存在") % {"u": unit, "y": year}])
    letter = ResponsibilityLetter(district=district, unit=unit, year=year,
                                  title=title or _("%(u)s%(y)d年度目标责任书") % {"u": unit, "y": year})
    save_with_history(letter, user, _("起草"))
    LetterStep.objects.create(letter=letter, actor=user, action="draft", from_state="", to_state=LetterState.DRAFT)
    return letter


def validate_item(fields: dict) -> list[str]:
    """Reasons an item cannot be saved as given (Chinese); its numbers are read in place through
    `luoshi.core.numbers` (finite, within the column, weight not negative, rates 0–100)."""
    found: list = []
    for name in ("weight", "required_pct", "threshold_pct", "order"):
        if fields.get(name) is not None:
            fields[name] = gather(found, model_decimal, LetterItem, name, fields[name], required=False)
    if fields.get("order") is not None:
        fields["order"] = int(fields["order"])
    reasons = [p.message for p in found]
    kind, rule = fields.get("kind"), fields.get("rule", ScoringRule.PROPORTIONAL)
    if not (fields.get("title") or "").strip():
        reasons.append(_("事项名称必须填写"))
    if kind not in ItemKind.values:
        reasons.append(_("未知的事项类型"))
    if kind == ItemKind.INDICATOR and not fields.get("indicator"):
        reasons.append(_("经济指标类事项须选择指标"))
    measure = fields.get("project_measure") or ProjectMeasure.INVESTMENT
    if measure not in ProjectMeasure.values:
        reasons.append(_("未知的项目考核内容"))
    elif measure != ProjectMeasure.INVESTMENT and kind != ItemKind.PROJECT:
        reasons.append(_("只有重点项目类事项可以考核开工率、竣工率"))
    elif measure != ProjectMeasure.INVESTMENT and fields.get("project"):
        reasons.append(_("开工率、竣工率按本单位负责的全部重点项目计算，不选择单个项目"))
    if kind == ItemKind.INVESTMENT and not fields.get("investment_target"):
        reasons.append(_("招商引资类事项须选择招商目标"))
    task = fields.get("work_task")
    if task is not None and kind != ItemKind.TASK:
        reasons.append(_("只有工作任务类事项可以关联重点工作任务"))
    if kind in (ItemKind.APPEAL_ON_TIME, ItemKind.APPEAL_SATISFACTION) and not fields.get("required_pct"):
        reasons.append(_("诉求类事项须填写要求达到的比率(%)"))
    if fields.get("weight") is None and not any(p.field == field_label(LetterItem, "weight")
                                                for p in found):
        reasons.append(_("分值须为非负数"))
    if rule == ScoringRule.THRESHOLD and fields.get("threshold_pct") is None:
        reasons.append(_("“门槛”计分规则须填写门槛(%)"))
    if fields.get("role", ItemRole.SCORED) not in ItemRole.values:
        reasons.append(_("未知的计分方式"))
    return reasons


def _refuse_if_frozen(letter):
    letter.refresh_from_db(fields=["state", "signed_at"])
    if letter.is_frozen:
        raise Refused([_("责任书已于%(t)s签订，不能直接修改；如需调整请提出修订并写明原因") % {
            "t": timezone.localtime(letter.signed_at).strftime("%Y-%m-%d %H:%M")}])


@transaction.atomic
def add_item(user, letter, **fields) -> LetterItem:
    _require_manager(user, letter.district)
    _refuse_if_frozen(letter)
    return _save_item(user, LetterItem(letter=letter), fields, _("新增事项"))


@transaction.atomic
def change_item(user, item, **fields) -> LetterItem:
    _require_manager(user, item.letter.district)
    _refuse_if_frozen(item.letter)
    return _save_item(user, item, fields, _("修改事项"))


def _save_item(user, item, fields: dict, reason: str) -> LetterItem:
    merged = {name: getattr(item, name, None) for name in ITEM_FIELDS} | fields
    if not merged.get("order"):
        merged["order"] = (item.letter.items.count() + 1) if item.pk is None else item.order
    reasons = validate_item(merged)
    task = merged.get("work_task")
    if task is not None and task.plan.organisation_id != item.letter.district_id:
        reasons.append(_("重点工作任务“%(t)s”不属于%(d)s") % {"t": task, "d": item.letter.district})
    project = merged.get("project")
    if project is not None and project.organisation_id != item.letter.district_id:
        reasons.append(_("重点项目“%(p)s”不属于%(d)s") % {"p": project, "d": item.letter.district})
    if reasons:
        raise Refused(reasons)
    for name in ITEM_FIELDS:
        if name in merged and merged[name] is not None or name in fields:
            setattr(item, name, merged[name] if merged[name] is not None else getattr(item, name))
    return save_with_history(item, user, reason)


@transaction.atomic
def transition(user, letter, action: str, *, text: str = "", scan=None, expected_version=None):
    """Review, return or sign a letter; signing needs the signed scan (PDF or image, checked by content)."""
    _require_manager(user, letter.district)
    letter = ResponsibilityLetter.objects.select_for_update().get(pk=letter.pk)
    reasons = MACHINE.check(letter.state, action, text)
    if action == REVIEW and not letter.items.exists():
        reasons.append(_("责任书还没有任何事项"))
    data = b""
    if action == SIGN:
        if scan is None:
            reasons.append(_("签订须上传签字盖章的扫描件(PDF或图片)"))
        else:
            try:
                data, _kind = uploads.read_checked(scan, SCAN_KINDS, _("扫描件"))
            except Refused as exc:
                reasons += exc.reasons
    if action == AMEND:
        reasons.append(_("修订请使用修订功能，写明原因和修改内容"))
    if reasons:
        raise Refused(reasons)
    if action == SIGN:
        letter.signed_scan.save(uploads.stored_name(f"letter-{letter.pk}-{letter.year}", _kind), ContentFile(data),
                                save=False)
        letter.signed_at = timezone.now()
        letter.signed_by = user
    move(letter, LetterStep, user, action, MACHINE.target(letter.state, action), text,
         expected_version=expected_version, step_fields={"letter": letter}, reason=str(MACHINE.action_labels[action]))
    return letter


@transaction.atomic
def amend(user, letter, *, reason: str, changes: dict[int, dict] | None = None, add: list[dict] | None = None,
          expected_version=None):
    """Change a signed letter: every change is recorded as an amendment with its reason; one made from an
    older version of the letter (amended or moved since) is refused with the newer letter."""
    _require_manager(user, letter.district)
    letter = ResponsibilityLetter.objects.select_for_update().get(pk=letter.pk)
    check_version(letter, expected_version)
    reasons = MACHINE.check(letter.state, AMEND, reason)
    if reasons:
        raise Refused(reasons)
    summary = []
    for item_id, fields in (changes or {}).items():
        item = letter.items.get(pk=item_id)
        before = {k: getattr(item, k) for k in fields}
        _save_item(user, item, fields, reason)
        summary.append(_("“%(t)s”：%(c)s") % {"t": item.title, "c": ",".join(
            f"{field_label(LetterItem, k)} {before[k]} → {getattr(item, k)}" for k in fields)})
    for fields in add or []:
        item = _save_item(user, LetterItem(letter=letter), fields, reason)
        summary.append(_("新增“%(t)s”") % {"t": item.title})
    if not summary:
        raise Refused([_("修订没有任何修改内容")])
    move(letter, LetterStep, user, AMEND, LetterState.SIGNED, f"{reason.strip()}({';'.join(summary)})",
         step_fields={"letter": letter}, reason=reason)
    return letter


@transaction.atomic
def report_task(user, item, *, done_pct, evidence: str, as_of=None) -> TaskReport:
    access.require(user, "accountability.report", item.letter)
    reasons = []
    if item.kind != ItemKind.TASK:
        reasons.append(_("只有工作任务类事项需要填报进展；其他事项由系统根据数据计算"))
    found: list = []
    done = gather(found, model_decimal, TaskReport, "done_pct", done_pct)
    reasons += [p.message for p in found]
    if not (evidence or "").strip():
        reasons.append(_("须说明佐证材料(文件、会议纪要、照片等)"))
    if reasons:
        raise Refused(reasons)
    report = TaskReport(item=item, as_of=as_of or today(), done_pct=done, evidence=evidence.strip(), reported_by=user)
    return save_with_history(report, user, _("填报任务进展"))
