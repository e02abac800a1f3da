"""Reading a report into proposed findings, and the reviewer's three answers: accept, edit, reject.

Only `accept` writes to the ledger, and only through `luoshi.indicators.services.set_target` /
`record_actual`, which check the user's right to the organisation, validate, and keep the history; the
created record carries the document and span as its source and the finding links to it. A finding's
role decides what it becomes: targets and plans (ranges, caps, rates, relative and share targets
included) a target, through the wording parser; results an actual; a share result the actual of a
share indicator. Projects and
tasks wait for their apps: each registers its acceptor in the registry
(`luoshi.core.registry.site.register_acceptor("project", fn)`) and accepting such a finding then goes
through `fn(user, finding, reason) -> record`.
"""
import hashlib
from collections.abc import Callable
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core.dates import date_reasons
from luoshi.core.numbers import clean_year, gather, model_decimal
from luoshi.core.numerals import NumeralError, read_number
from luoshi.core.records import EXPECT_NONE, check_version, field_label, save_with_history
from luoshi.core.registry import site
from luoshi.core.target_wording import ParsedTarget, render_target
from luoshi.core.targets import Comparator, TargetKind
from luoshi.core.units import Unit
from luoshi.indicators import selectors as ledger
from luoshi.indicators.services import record_actual, set_target
from luoshi.ingestion.extract import IndicatorMatcher, extract, organisation_key
from luoshi.ingestion.models import Finding, Kind, Role, SourceDocument, Status
from luoshi.organisations.access import can_edit_targets, can_supervise, home_organisation, visible_organisations


class FindingError(ValueError):
    """A review step that cannot be taken; the message says why, in the user's language."""


# --- reading ---------------------------------------------------------------------------------------

def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _organisation_index(user) -> dict:
    """Names (full and short, without the city in front) of the organisations the user may see."""
    index: dict = {}
    for org in visible_organisations(user).order_by("id"):
        for name in (org.short_name, org.name):
            if name:
                index.setdefault(organisation_key(name), org)
    return index


def catalogue_matcher() -> IndicatorMatcher:
    """The extractor's indicator matcher over the catalogue as admins keep it (names and aliases)."""
    return IndicatorMatcher(list(ledger.active_indicators().values_list("code", "name", "aliases", "measure")))


@transaction.atomic
def read_document(user, *, text: str, title: str, organisation=None, date=None,
                  file_name: str = "") -> tuple[SourceDocument, bool]:
    """Store a report and its proposed findings; the same text again returns the stored document
    (created False) and adds nothing. Nothing is written to the ledger here."""
    organisation = organisation or home_organisation(user)
    if organisation is None or not (can_edit_targets(user, organisation) or can_supervise(user, organisation)):
        raise PermissionDenied(_("无权为%(o)s导入工作报告") % {"o": organisation or _("该单位")})
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise FindingError(_("文件没有正文"))
    if refused := date_reasons(date, _("文件日期")):
        raise FindingError(refused[0])
    digest = text_digest(text)
    existing = SourceDocument.objects.filter(organisation=organisation, sha256=digest).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            document = SourceDocument.objects.create(
                organisation=organisation, title=(title or _("未命名文件"))[:200], date=date, text=text,
                sha256=digest, file_name=file_name[:200], uploaded_by=user)
    except IntegrityError:  # the same file read at the same moment by someone else
        return SourceDocument.objects.get(organisation=organisation, sha256=digest), False
    orgs = _organisation_index(user)
    indicators = ledger.every_indicator_by_code()
    speaker = organisation.district or organisation
    found = extract(text, date=date, organisation=speaker.short_name or speaker.name, matcher=catalogue_matcher())
    Finding.objects.bulk_create([
        Finding(document=document, kind=f.kind, role=f.role, start=f.start, end=f.end, text=f.text[:300],
                wording=f.wording[:200], organisation_name=(f.organisation or "")[:100],
                organisation=orgs.get(organisation_key(f.organisation)), year=f.year, month=f.month,
                indicator_phrase=f.indicator_phrase[:200], indicator=indicators.get(f.indicator_code),
                linked_indicator=indicators.get(f.linked_code),
                value=f.value, value_high=f.value_high, unit=f.unit, is_growth=f.is_growth,
                comparator=f.comparator, commitment=f.commitment)
        for f in found], ignore_conflicts=True)
    Finding.objects.bulk_create([
        Finding(document=document, **fields) for reader in site.readers() for fields in reader(text, date=date)],
        ignore_conflicts=True)
    Finding.history.bulk_history_create(list(document.findings.all()), default_user=user,
                                        default_change_reason=_("解析提出"))
    return document, True


# --- reviewing -------------------------------------------------------------------------------------

def _check_reviewer(user, finding: Finding):
    """A finding is reviewed by whoever keeps the targets of the document's organisation; a work-plan task
    also by the district's 督查室, who keeps the plan."""
    org = finding.document.organisation
    if not (can_edit_targets(user, org) or (finding.kind == Kind.TASK and can_supervise(user, org))):
        raise PermissionDenied(_("无权审核该文件的解析结果"))


def _check_open(finding: Finding):
    if not finding.open:
        raise FindingError(_("该项已%(s)s，不能再次处理") % {"s": finding.get_status_display()})


def compose_wording(finding: Finding) -> str:
    """A target's wording rebuilt from edited fields, in the form the wording parser reads back:
    确保 + 增长 + 8% + 以上, 控制在…以内, 6%至7%, 与经济增长基本同步."""
    if finding.kind == Kind.RELATIVE:
        kind = TargetKind.RELATIVE
    elif finding.is_growth:
        kind = TargetKind.GROWTH
    else:
        kind = TargetKind.ABSOLUTE
    comparator = Comparator.RANGE if finding.value_high is not None and finding.comparator == Comparator.RANGE \
        else finding.comparator
    return render_target(ParsedTarget(kind=kind, comparator=comparator, commitment=finding.commitment,
                                      value=finding.value, unit=finding.unit, value_high=finding.value_high))


EDITABLE = ("kind", "role", "organisation", "year", "month", "indicator", "value", "value_high", "unit", "is_growth",
            "comparator", "commitment", "wording")
_WORDING_FIELDS = {"value", "value_high", "unit", "is_growth", "comparator", "commitment"}


def _locked(finding: Finding, user, expected_version, *related) -> Finding:
    """The finding as it now is, locked for the review; refused if another reviewer got there first."""
    finding = Finding.objects.select_for_update(of=("self",)).select_related("document__organisation", *related) \
        .get(pk=finding.pk)
    _check_reviewer(user, finding)
    _check_open(finding)
    check_version(finding, expected_version)
    return finding


def _save(finding: Finding, user, reason: str) -> Finding:
    """A new version of the finding, with who and why in its history (shown on the document's page)."""
    finding.version += 1
    return save_with_history(finding, user, reason)


def _read_numbers(changes: dict) -> None:
    """A corrected finding's year, month and values through `luoshi.core.numbers` (a growth may be a fall);
    refused with every reason, never stored out of range."""
    found: list = []
    if changes.get("year") is not None:
        changes["year"] = gather(found, clean_year, changes["year"], label=field_label(Finding, "year"))
    for name in ("value", "value_high"):
        if name in changes:
            changes[name] = gather(found, model_decimal, Finding, name, changes[name], required=name == "value")
    reasons = [p.message for p in found]
    month = changes.get("month")
    if month is not None and not (str(month).isdigit() and 1 <= int(month) <= 12):
        reasons.append(_("月份应为1至12，收到“%(v)s”") % {"v": str(month)[:20]})
    if reasons:
        raise FindingError(";".join(reasons))


@transaction.atomic
def edit_finding(user, finding: Finding, expected_version=None, **changes) -> Finding:
    """Correct what the reader proposed (status becomes 已修改待采纳); nothing is written to the ledger.
    `expected_version` is the version the reviewer saw; a finding changed since is refused."""
    finding = _locked(finding, user, expected_version)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise FindingError(_("不能修改：%(f)s") % {"f": "、".join(sorted(unknown))})
    org = changes.get("organisation")
    if org is not None and not visible_organisations(user).filter(pk=org.pk).exists():
        raise PermissionDenied(_("无权把该项归入%(o)s") % {"o": org})
    if "kind" in changes and changes["kind"] not in Kind.values:
        raise FindingError(_("未知的类型：%(k)s") % {"k": changes["kind"]})
    if "role" in changes and changes["role"] not in Role.values:
        raise FindingError(_("未知的角色：%(r)s") % {"r": changes["role"]})
    if "unit" in changes and changes["unit"] not in Unit.values:
        raise FindingError(_("未知的单位：%(u)s") % {"u": changes["unit"]})
    for name in ("value", "value_high"):
        if changes.get(name) not in (None, ""):
            try:
                changes[name] = read_number(changes[name])
            except NumeralError:
                raise FindingError(_("“%(v)s”不是数字") % {"v": changes[name]}) from None
    _read_numbers(changes)
    for name, value in changes.items():
        setattr(finding, name, value)
    if _WORDING_FIELDS & set(changes) and "wording" not in changes:
        finding.wording = compose_wording(finding)
    finding.status = Status.EDITED
    return _save(finding, user, _("修改解析结果"))


@transaction.atomic
def reject_finding(user, finding: Finding, note: str = "", expected_version=None) -> Finding:
    """Not a figure to keep (wrong reading, or not wanted); nothing is written to the ledger."""
    finding = _locked(finding, user, expected_version)
    finding.status = Status.REJECTED
    finding.review_note = note[:200]
    finding.reviewed_by, finding.reviewed_at = user, timezone.now()
    return _save(finding, user, note.strip() or _("驳回解析结果"))


def _require(finding: Finding, *fields):
    missing = [field_label(Finding, f) for f in fields if getattr(finding, f) in (None, "")]
    if missing:
        raise FindingError(_("采纳前请先补充：%(f)s") % {"f": "、".join(str(m) for m in missing)})


def _accept_target(user, finding: Finding, reason: str):
    _require(finding, "organisation", "indicator", "year", "wording")
    assert finding.organisation and finding.indicator and finding.year  # _require refused otherwise
    wording = finding.wording
    if finding.indicator_phrase and wording.startswith(finding.indicator_phrase):
        wording = wording[len(finding.indicator_phrase):]  # the ledger keeps the promise; the indicator is a field
    return set_target(user, organisation=finding.organisation, indicator=finding.indicator, year=finding.year,
                      wording=wording, source=finding.source_label(), reason=reason)


def _accept_actual(user, finding: Finding, reason: str):
    """A result or count becomes the period's actual; a growth rate and a level of the same period are
    two findings that fill the two columns of one actual, so the other column is kept."""
    _require(finding, "organisation", "indicator", "year")
    assert finding.organisation and finding.indicator and finding.year  # _require refused otherwise
    month = finding.month or 12
    current = ledger.actual_at(finding.organisation, finding.indicator, finding.year, month)
    value: Decimal | None
    growth: Decimal | None
    if finding.is_growth:
        value, growth, unit = (current.value if current else None), finding.value, None
    else:
        value, growth, unit = finding.value, (current.growth_pct if current else None), finding.unit
    return record_actual(user, organisation=finding.organisation, indicator=finding.indicator, year=finding.year,
                         month=month, value=value, growth_pct=growth, unit=unit, note=finding.text[:200],
                         source=finding.source_label(), reason=reason,
                         expected_version=current.version if current else EXPECT_NONE)


def _accept_share(user, finding: Finding, reason: str):
    """A share as a result is the actual of a share indicator (科技服务业占GDP比重); one of an amount
    indicator is computed from two actuals, so it has nothing to write of its own."""
    if finding.role != Role.RESULT:
        return _accept_target(user, finding, reason)
    if finding.indicator is not None and finding.indicator.is_rate:
        return _accept_actual(user, finding, reason)
    raise FindingError(_("“%(t)s”是由两项累计值算出的比重，请采纳分子和分母的累计值，或把指标改为比重类指标") % {
        "t": finding.text})


def _accept_by_role(user, finding: Finding, reason: str):
    """Targets and plans become targets (ranges, caps and relative targets included); results actuals."""
    if finding.role in (Role.TARGET, Role.PLAN):
        return _accept_target(user, finding, reason)
    if finding.kind in (Kind.RANGE, Kind.RELATIVE):
        raise FindingError(_("“%(t)s”是区间或相对目标，不能作为实绩采纳；请把角色改为目标") % {"t": finding.text})
    return _accept_actual(user, finding, reason)


Acceptor = Callable[[object, Finding, str], object]
# The ledger's own acceptors, registered by IngestionConfig.ready; the other kinds' apps register theirs.
ACCEPTORS: dict[str, Acceptor] = {
    Kind.TARGET: _accept_by_role,
    Kind.RESULT: _accept_by_role,
    Kind.COUNT: _accept_by_role,
    Kind.SHARE: _accept_share,
    Kind.RANGE: _accept_by_role,
    Kind.RELATIVE: _accept_by_role,
}


@transaction.atomic
def accept_finding(user, finding: Finding, reason: str = "", expected_version=None):
    """Write the record the finding proposes, through the ledger's own services, and link it.

    Refusals (no right to the organisation, invalid wording, a newer version of the finding or of the
    record) leave the finding open."""
    finding = _locked(finding, user, expected_version, "organisation", "indicator")
    acceptor = site.acceptor(finding.kind)
    if acceptor is None:
        raise FindingError(_("“%(k)s”类解析结果暂不能采纳：项目库尚未启用") % {"k": finding.get_kind_display()})
    reason = reason or _("工作报告解析：%(t)s") % {"t": finding.document.title[:60]}
    record = acceptor(user, finding, reason)
    if record is not None:
        finding.record_type = ContentType.objects.get_for_model(record)
        finding.record_id = record.pk
    finding.status = Status.ACCEPTED
    finding.review_note = reason[:200]
    finding.reviewed_by, finding.reviewed_at = user, timezone.now()
    _save(finding, user, reason)
    return record
