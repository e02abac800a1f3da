"""Writes to the indicator ledger: targets and actuals, one record or a whole Excel file at a time.

Every write checks the user's right to the organisation, validates with errors that name the field
and the reason in the user's language, refuses a stale edit (optimistic `version`), requires a reason
to revise an existing figure, and leaves who/when/old/new/why in the history.
"""
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core.catalogue import code_for
from luoshi.core.numbers import clean_year, gather, model_decimal, parse_decimal
from luoshi.core.periods import Period, today, unreportable_reason
from luoshi.core.records import ConflictError, check_version, create_first, save_with_history  # noqa: F401
from luoshi.core.target_wording import WordingError, parse_target
from luoshi.core.units import convert, fmt
from luoshi.indicators.models import Actual, Indicator, Target
from luoshi.organisations.access import can_edit_targets, can_report_actuals
from luoshi.organisations.models import Organisation


@dataclass
class FieldError:
    field: str
    message: str


class LedgerError(Exception):
    """Input that cannot be saved; `errors` name each field and the reason."""

    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors


def _number_errors(problems) -> list[FieldError]:
    """The refusals of `luoshi.core.numbers`, as the ledger's field errors."""
    return [FieldError(p.field, p.reason) for p in problems]


# --- targets -------------------------------------------------------------------------------------

def validate_target(organisation, indicator, year, wording: str) -> tuple[list[FieldError], object]:
    errors: list[FieldError] = []
    parsed = None
    current_year = today().year
    problems: list = []
    year = gather(problems, clean_year, year, label=_("年度"))
    errors += _number_errors(problems)
    if year is not None and year > current_year + 5:
        errors.append(FieldError(_("年度"), _("年度应在2000至%(y)d之间") % {"y": current_year + 5}))
    try:
        parsed = parse_target(wording, indicator=indicator, resolve=_catalogue_code)
    except WordingError as exc:
        errors.append(FieldError(_("目标表述"), str(exc)))
        return errors, None
    errors += _target_number_errors(parsed)
    if parsed.linked and parsed.linked == indicator.code:
        errors.append(FieldError(_("目标表述"), _("“%(w)s”关联的是指标自身") % {"w": wording}))
    elif parsed.linked and not Indicator.objects.filter(code=parsed.linked).exists():
        errors.append(FieldError(_("目标表述"), _("“%(w)s”关联的指标尚未列入指标目录") % {"w": wording}))
    return errors, parsed


def _target_number_errors(parsed) -> list[FieldError]:
    """The numbers read from a wording fit the columns they go to; only a growth target may be negative."""
    problems: list = []
    signed = Target.signed_kind(parsed.kind)
    gather(problems, model_decimal, Target, "value", parsed.value, signed=signed)
    gather(problems, model_decimal, Target, "stretch_value", parsed.stretch_value, signed=signed, required=False)
    gather(problems, model_decimal, Target, "value_high", parsed.value_high, signed=signed,
           required=False)
    errors = _number_errors(problems)
    if not signed and not problems and parsed.value < 0:
        errors.append(FieldError(_("目标值"), _("总量目标不能为负数")))
    return errors


def _catalogue_code(phrase: str) -> str | None:
    """The indicator a phrase names, among the catalogue as admins keep it (for 占…比重 targets)."""
    return code_for(phrase, list(Indicator.objects.filter(is_active=True).values_list("code", "name", "aliases")))


def target_fields(wording: str, parsed) -> dict:
    """The stored fields of a target read from its wording."""
    return dict(wording=wording.strip(), kind=parsed.kind, comparator=parsed.comparator,
                commitment=parsed.commitment, value=parsed.value, stretch_value=parsed.stretch_value,
                value_high=parsed.value_high, direction=parsed.direction,
                linked_indicator=Indicator.objects.get(code=parsed.linked) if parsed.linked else None)


def _same_target(target: Target, fields: dict) -> bool:
    return all(getattr(target, k) == v for k, v in fields.items())


def target_revision_refusal(target: Target | None, fields: dict, reason: str) -> FieldError | None:
    """Why writing `fields` over `target` is refused, or None: a new target, the same again, or a change
    with its reason. Asked by the form and API write and, before anything is saved, by a whole file."""
    if target is None or _same_target(target, fields) or (reason or "").strip():
        return None
    return FieldError(_("修订原因"), _("修改已有目标“%(w)s”须填写修订原因") % {"w": target.wording})


@transaction.atomic
def set_target(user, *, organisation: Organisation, indicator: Indicator, year: int, wording: str,
               source: str = "", reason: str = "", expected_version: int | None = None,
               is_synthetic: bool = False) -> Target:
    """Create or revise an annual target from its Chinese wording. `expected_version` is the version the
    user read (0: none existed); if the record has moved on since, the write is refused."""
    if not can_edit_targets(user, organisation):
        raise PermissionDenied(_("无权设定%(o)s的目标") % {"o": organisation})
    errors, parsed = validate_target(organisation, indicator, year, wording)
    if errors:
        raise LedgerError(errors)
    fields = target_fields(wording, parsed)
    target = Target.objects.select_for_update().filter(
        organisation=organisation, indicator=indicator, year=year).first()
    if target is None:
        target = Target(organisation=organisation, indicator=indicator, year=year, source=source,
                        is_synthetic=is_synthetic, **fields)
        return create_first(target, user, reason or _("新设目标"), organisation=organisation,
                            indicator=indicator, year=year)
    if _same_target(target, fields):
        return target  # the same again (a retry, or two people agreeing): nothing to overwrite
    check_version(target, expected_version)
    refusal = target_revision_refusal(target, fields, reason)
    if refusal:
        raise LedgerError([refusal])
    for k, v in fields.items():
        setattr(target, k, v)
    if source:
        target.source = source
    target.version += 1
    return save_with_history(target, user, reason.strip())


# --- actuals -------------------------------------------------------------------------------------

def validate_actual(indicator: Indicator, organisation: Organisation, year, month, value, growth,
                    unit: str | None = None) -> tuple[list[FieldError], Decimal | None, Decimal | None]:
    """Check one reported figure; returns the errors and the value converted to the indicator's unit."""
    problems: list = []
    unit = (unit or "").strip()
    converting = value is not None and unit and unit != indicator.unit
    if converting:
        value = gather(problems, parse_decimal, value, label=_("累计值"))
    else:
        value = gather(problems, model_decimal, Actual, "value", value, required=False,
                       signed=indicator.negative_allowed)
    growth = gather(problems, model_decimal, Actual, "growth_pct", growth, required=False)
    year = gather(problems, clean_year, year, label=_("年度"))
    errors = _number_errors(problems)
    try:
        month = int(month)
    except (TypeError, ValueError, OverflowError):
        errors.append(FieldError(_("月份"), _("月份必须是整数")))
        return errors, None, None
    if year is None:
        return errors, None, None
    if not 1 <= month <= 12:
        errors.append(FieldError(_("月份"), _("月份应为1至12，实际为%(m)d") % {"m": month}))
        return errors, None, None
    if indicator.quarterly and month % 3:
        errors.append(FieldError(_("月份"), _("“%(i)s”按季上报，月份应为3、6、9或12") % {"i": indicator.name}))
    not_yet = unreportable_reason(Period(year, month))
    if not_yet:
        errors.append(FieldError(_("期间"), not_yet))
    if value is None and growth is None and not any(e.field in (_("累计值"), _("同比增长(%)")) for e in errors):
        errors.append(FieldError(_("累计值"), _("累计值和同比增长至少填写一项")))
    if value is not None and converting:
        converted = convert(value, unit, indicator.unit)
        if converted is None:
            errors.append(FieldError(_("计量单位"), _("单位“%(u)s”与指标“%(i)s”的单位“%(t)s”不符") % {
                "u": unit, "i": indicator.name, "t": indicator.unit}))
            value = None
        else:
            problems = []
            value = gather(problems, model_decimal, Actual, "value", converted,
                           signed=indicator.negative_allowed)
            errors += [FieldError(p.field, _("换算为%(u)s后%(r)s") % {"u": indicator.unit, "r": p.reason})
                       for p in problems]
    if value is not None and indicator.unit == "%" and value > 100:
        errors.append(FieldError(_("累计值"), _("百分比不能超过100:%(v)s") % {"v": fmt(value)}))
    return errors, value, growth


def check_cumulative_order(indicator, organisation, year, month, value,
                           pending: dict | None = None) -> list[FieldError]:
    """A cumulative value cannot fall below an earlier month's, nor exceed a later month's, of one year."""
    if not indicator.cumulative or value is None:
        return []
    known = dict(Actual.objects.filter(organisation=organisation, indicator=indicator, year=year,
                                       value__isnull=False).exclude(month=month).values_list("month", "value"))
    known.update({m: v for m, v in (pending or {}).items() if m != month and v is not None})
    errors = []
    earlier = [(m, v) for m, v in known.items() if m < month and v > value]
    later = [(m, v) for m, v in known.items() if m > month and v < value]
    for m, v in earlier[:1]:
        errors.append(FieldError(_("累计值"), _("累计值%(v)s小于%(m)d月的累计值%(p)s，累计值不会减少") % {
            "v": fmt(value), "m": m, "p": fmt(v)}))
    for m, v in later[:1]:
        errors.append(FieldError(_("累计值"), _("累计值%(v)s大于%(m)d月的累计值%(p)s，累计值不会减少") % {
            "v": fmt(value), "m": m, "p": fmt(v)}))
    return errors


def _same_actual(actual: Actual, value, growth, note) -> bool:
    return actual.value == value and actual.growth_pct == growth and actual.note == (note or actual.note)


def actual_revision_refusal(actual: Actual | None, value, growth, note, reason) -> FieldError | None:
    """Why writing a figure over `actual` is refused, or None: a first entry, the same again, or a
    revision with its reason. One rule for the form, the API and a whole file checked before saving."""
    if actual is None or _same_actual(actual, value, growth, note) or (reason or "").strip():
        return None
    return FieldError(_("修订原因"), _("%(y)d年%(m)d月已填报（累计值%(v)s，增长%(g)s），重新提交须填写修订原因") % {
        "y": actual.year, "m": actual.month, "v": fmt(actual.value), "g": fmt(actual.growth_pct, "%")})


def validate_numbers(value, growth) -> list[FieldError]:
    """The number checks a figure passes whatever its indicator and unit (a finite number; a growth rate
    within its column): a row whose unit or indicator is unknown is still told what else is wrong."""
    problems: list = []
    if value not in (None, ""):
        gather(problems, parse_decimal, value, label=_("累计值"))
    gather(problems, model_decimal, Actual, "growth_pct", growth, required=False)
    return _number_errors(problems)


def apply_actual(user, organisation, indicator, year, month, value, growth, *, note="", source="", reason="",
                 expected_version=None, is_synthetic=False) -> Actual:
    """Write one figure already validated by the caller (a form, or a whole file checked at once)."""
    actual = Actual.objects.select_for_update().filter(
        organisation=organisation, indicator=indicator, year=year, month=month).first()
    if actual is None:
        actual = Actual(organisation=organisation, indicator=indicator, year=year, month=month, value=value,
                        growth_pct=growth, note=note, source=source, is_synthetic=is_synthetic)
        return create_first(actual, user, reason or _("首次填报"), organisation=organisation,
                            indicator=indicator, year=year, month=month)
    if _same_actual(actual, value, growth, note):
        return actual  # the same again (a retry, or two people agreeing): nothing to overwrite
    check_version(actual, expected_version)
    refusal = actual_revision_refusal(actual, value, growth, note, reason)
    if refusal:
        raise LedgerError([refusal])
    actual.value, actual.growth_pct = value, growth
    actual.note = note or actual.note
    actual.source = source or actual.source
    actual.is_synthetic = is_synthetic
    actual.version += 1
    return save_with_history(actual, user, reason.strip())


@transaction.atomic
def record_actual(user, *, organisation: Organisation, indicator: Indicator, year: int, month: int,
                  value=None, growth_pct=None, unit: str | None = None, note: str = "", source: str = "",
                  reason: str = "", expected_version: int | None = None, is_synthetic: bool = False) -> Actual:
    """Report (or revise, with a reason) one cumulative figure."""
    if not can_report_actuals(user, organisation):
        raise PermissionDenied(_("无权填报%(o)s的数据") % {"o": organisation})
    errors, value, growth = validate_actual(indicator, organisation, year, month, value, growth_pct, unit)
    if not errors:
        errors = check_cumulative_order(indicator, organisation, int(year), int(month), value)
    if errors:
        raise LedgerError(errors)
    return apply_actual(user, organisation, indicator, int(year), int(month), value, growth, note=note,
                         source=source, reason=reason, expected_version=expected_version,
                         is_synthetic=is_synthetic)


@transaction.atomic
def withdraw_actual(user, actual: Actual, *, reason: str, expected_version: int | None = None) -> Actual:
    """Withdraw (作废) a wrong figure: it stays in the database and its history with who, when and why,
    and stops counting at once (``Actual.objects`` no longer holds it), so statuses, ranks, the overview
    and briefings read the figures without it. Withdrawing it again is a no-op; the period can be
    reported afresh."""
    if not can_report_actuals(user, actual.organisation):
        raise PermissionDenied(_("无权作废%(o)s的数据") % {"o": actual.organisation})
    actual = Actual.all_objects.select_for_update().get(pk=actual.pk)
    if actual.is_withdrawn:
        return actual
    check_version(actual, expected_version)
    reason = (reason or "").strip()
    limit = Actual._meta.get_field("withdrawn_reason").max_length or 200
    if not reason:
        raise LedgerError([FieldError(_("作废原因"), _("作废实绩须填写原因"))])
    if len(reason) > limit:
        raise LedgerError([FieldError(_("作废原因"), _("最多%(n)d个字(收到%(m)d个)") % {"n": limit, "m": len(reason)})])
    actual.withdrawn_at, actual.withdrawn_by, actual.withdrawn_reason = timezone.now(), user, reason
    actual.version += 1
    return save_with_history(actual, user, _("作废：%(r)s") % {"r": reason})
