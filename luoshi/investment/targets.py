"""招商目标 (attraction targets) and the pipeline's category floors, kept by form, API and Excel alike.

A target is its wording ("不少于60个", "确保完成投资53亿元以上") read by the ledger's wording rules, for a
measure (新签约项目数, 签约总额, 规模以上项目数, 重点项目分领域完成投资), optionally narrowed by a sector
("工业") and a size band (1亿元以上, 50—100亿元). One check serves every path, so the form, the API and
an Excel row are refused for the same reasons, each naming its field; a revision needs a reason and a
stale one is refused; every change is in the history.
"""
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from luoshi.core.numbers import clean_year, model_decimal
from luoshi.core.records import ConflictError, save_with_history
from luoshi.core.target_wording import WordingError, parse_target
from luoshi.indicators.services import FieldError, LedgerError
from luoshi.investment.models import InvestmentTarget, Measure
from luoshi.organisations.access import can_edit_targets
from luoshi.organisations.models import DISTRICT_KINDS

UNITS = {Measure.SIGNED_COUNT: "个", Measure.SIGNED_AMOUNT: "亿元", Measure.SIZED_COUNT: "个",
         Measure.PIPELINE_INVESTMENT: "亿元"}
# Measures that count projects, where a size band means something.
COUNTED = {Measure.SIGNED_COUNT, Measure.SIZED_COUNT}


def field_labels() -> dict[str, str]:
    return {"year": _("年度"), "measure": _("目标类型"), "wording": _("目标表述"),
            "min_amount": _("项目规模下限(亿元)"), "max_amount": _("项目规模上限(亿元)"), "sector": _("行业/领域"),
            "source": _("来源"), "reason": _("修订原因"), "organisation": _("单位")}


def _message(exc: ValidationError, label: str) -> str:
    """The validator's words without the field name it starts with (the FieldError names it)."""
    text = exc.messages[0]
    for sep in (":", ":"):
        if text.startswith(label + sep):
            return text[len(label) + 1:]
    return text


def resolve_measure(value) -> str | None:
    """A measure as people write it: its key (sized_count) or its Chinese name (规模以上项目数)."""
    text = str(value or "").strip()
    if text in Measure.values:
        return text
    return next((key for key, label in Measure.choices if str(label) == text), None)


@dataclass
class CheckedTarget:
    year: int
    measure: str
    wording: str
    min_amount: Decimal | None
    max_amount: Decimal | None
    sector: str
    parsed: object


def pipeline_categories() -> list[str]:
    from luoshi.projects.selectors import category_names

    return category_names()


def check_target(organisation, *, year, measure, wording, min_amount=None, max_amount=None, sector="",
                 categories: list[str] | None = None) -> tuple[list[FieldError], CheckedTarget | None]:
    """Every reason the target cannot be saved (each naming its field), or the target as it will be."""
    labels, errors = field_labels(), []
    try:
        year = clean_year(year, label=labels["year"])
    except ValidationError as exc:
        errors.append(FieldError(labels["year"], _message(exc, labels["year"])))
    key = resolve_measure(measure)
    if key is None:
        errors.append(FieldError(labels["measure"], _("未知的目标类型“%(m)s”，应为：%(all)s") % {
            "m": measure or "", "all": "、".join(str(label) for _k, label in Measure.choices)}))
    bounds = {}
    for name in ("min_amount", "max_amount"):
        try:
            bounds[name] = model_decimal(InvestmentTarget, name, min_amount if name == "min_amount" else max_amount,
                                         label=labels[name], required=False)
        except ValidationError as exc:
            errors.append(FieldError(labels[name], _message(exc, labels[name])))
            bounds[name] = None
    low, high = bounds["min_amount"], bounds["max_amount"]
    sector = (sector or "").strip()
    if len(sector) > InvestmentTarget._meta.get_field("sector").max_length:
        errors.append(FieldError(labels["sector"], _("最多%(n)d个字") % {"n": 60}))
    if low is not None and high is not None and low > high:
        errors.append(FieldError(labels["max_amount"], _("上限%(hi)s亿元小于下限%(lo)s亿元") % {"hi": high, "lo": low}))
    if key == Measure.SIZED_COUNT and low is None:
        errors.append(FieldError(labels["min_amount"], _("规模以上项目数须写明项目规模下限（亿元），如“亿元以上”填1")))
    if key is not None and key not in COUNTED and (low is not None or high is not None):
        errors.append(FieldError(labels["min_amount"], _("“%(m)s”不按项目规模计，请不要填写规模") % {
            "m": Measure(key).label}))
    if key == Measure.PIPELINE_INVESTMENT:
        known = pipeline_categories() if categories is None else categories
        if organisation.kind not in DISTRICT_KINDS:
            errors.append(FieldError(labels["organisation"], _("重点项目分领域完成投资目标设在区一级")))
        if sector not in known:
            errors.append(FieldError(labels["sector"], _("“%(s)s”不是重点项目类别，应为：%(all)s") % {
                "s": sector, "all": "、".join(known) or "—"}))
    parsed = None
    wording = (wording or "").strip()
    if key is not None:
        try:
            parsed = parse_target(wording, UNITS[key])
        except WordingError as exc:
            errors.append(FieldError(labels["wording"], str(exc)))
    if errors:
        return errors, None
    return [], CheckedTarget(year, key, wording, low, high, sector, parsed)


def find_target(organisation, checked: CheckedTarget, lock: bool = False) -> InvestmentTarget | None:
    """The existing target of the same organisation, year, measure, sector and size band."""
    found = InvestmentTarget.objects.filter(organisation=organisation, year=checked.year, measure=checked.measure,
                                            sector=checked.sector, min_amount=checked.min_amount,
                                            max_amount=checked.max_amount)
    return (found.select_for_update() if lock else found).order_by("pk").first()


@transaction.atomic
def set_target(user, *, organisation, year, measure, wording, min_amount=None, max_amount=None, sector="",
               source: str = "", reason: str = "", expected_version: int | None = None,
               is_synthetic: bool = False, categories: list[str] | None = None) -> InvestmentTarget:
    """Create or revise a target from its wording. Revising the wording needs a reason; `expected_version`
    is the version the user read (0: none existed) and a stale one is refused with the newer record."""
    if not can_edit_targets(user, organisation):
        raise PermissionDenied(_("无权设定%(o)s的招商目标") % {"o": organisation})
    errors, checked = check_target(organisation, year=year, measure=measure, wording=wording,
                                   min_amount=min_amount, max_amount=max_amount, sector=sector,
                                   categories=categories)
    if errors:
        raise LedgerError(errors)
    fields = {"wording": checked.wording, "value": checked.parsed.value, "comparator": checked.parsed.comparator,
              "commitment": checked.parsed.commitment}
    target = find_target(organisation, checked, lock=True)
    if target is None:
        if expected_version:
            raise LedgerError([FieldError(_("版本"), _("该目标已不存在，请刷新后重新填写"))])
        target = InvestmentTarget(organisation=organisation, year=checked.year, measure=checked.measure,
                                  sector=checked.sector, min_amount=checked.min_amount,
                                  max_amount=checked.max_amount, source=source or "", is_synthetic=is_synthetic,
                                  **fields)
        return save_with_history(target, user, reason.strip() or _("新设招商目标"))
    if expected_version is not None and expected_version != target.version:
        raise ConflictError(target)
    if all(getattr(target, k) == v for k, v in fields.items()) and (not source or source == target.source):
        return target
    if not (reason or "").strip():
        raise LedgerError([FieldError(field_labels()["reason"], _("修改已有目标“%(w)s”须填写修订原因") % {
            "w": target.wording})])
    for k, v in fields.items():
        setattr(target, k, v)
    target.source = source or target.source
    target.version += 1
    return save_with_history(target, user, reason.strip())


def target_audit(target, limit: int = 100):
    """Every change of one target: who, when, old → new, why."""
    from luoshi.core import audit

    records = InvestmentTarget.history.filter(id=target.pk)
    return audit.newest_first(audit.entries(InvestmentTarget, records, ["wording", "value", "source"], "target",
                                            lambda rec: rec.wording), limit)
