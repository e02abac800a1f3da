"""Keeping the indicator catalogue (指标目录维护) in Luoshi's own pages, by the city administrator.

A new indicator is at once in the Excel template, the entry forms and the report reader, which all read
the active catalogue. What would corrupt figures already reported is refused: a new unit, a switch
between cumulative and point values, or to quarterly while monthly figures exist. An alias another
indicator already answers to is refused too, or the report reader could not tell them apart.
"""
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from luoshi.core.numbers import model_decimal
from luoshi.core.records import check_version, save_with_history
from luoshi.core.units import Unit
from luoshi.indicators.models import Actual, Frequency, Indicator, Target
from luoshi.indicators.services import FieldError, LedgerError
from luoshi.organisations.access import can_keep_catalogue

SPLIT = re.compile(r"[、,,;;\s]+")


def _words(name: str, aliases: str) -> list[str]:
    return [w for w in [name, *SPLIT.split(aliases or "")] if w]


def check_indicator(*, name, code="", unit, cumulative: bool, frequency, aliases="", sort_order=100,
                    indicator: Indicator | None = None) -> list[FieldError]:
    """Every reason the catalogue entry cannot be saved, each naming its field."""
    errors = []
    name, code, aliases = (name or "").strip(), (code or "").strip(), (aliases or "").strip()
    f = Indicator._meta.get_field
    if not name:
        errors.append(FieldError(str(f("name").verbose_name), _("必须填写")))
    elif len(name) > f("name").max_length:
        errors.append(FieldError(str(f("name").verbose_name), _("最多%(n)d个字") % {"n": f("name").max_length}))
    if code and (slugify(code) != code or len(code) > f("code").max_length):
        errors.append(FieldError(str(f("code").verbose_name), _("代码只能用小写字母、数字、-和_，"
                                                                "最多40位（收到“%(c)s”）") % {
            "c": code}))
    if unit not in Unit.values:
        errors.append(FieldError(str(f("unit").verbose_name), _("“%(u)s”不是支持的单位") % {"u": unit}))
    if frequency not in Frequency.values:
        errors.append(FieldError(str(f("frequency").verbose_name), _("应为按月或按季")))
    if len(aliases) > f("aliases").max_length:
        errors.append(FieldError(str(f("aliases").verbose_name), _("最多%(n)d个字") % {"n": f("aliases").max_length}))
    try:
        model_decimal(Indicator, "sort_order", sort_order, label=str(f("sort_order").verbose_name))
    except ValidationError as exc:
        errors.append(FieldError(str(f("sort_order").verbose_name), exc.messages[0]))
    others = Indicator.objects.exclude(pk=getattr(indicator, "pk", None))
    if code and others.filter(code=code).exists():
        errors.append(FieldError(str(f("code").verbose_name), _("代码“%(c)s”已被使用") % {"c": code}))
    taken = {}
    for other in others:
        for word in _words(other.name, other.aliases):
            taken.setdefault(word, other.name)
    for word in _words(name, aliases):
        if word in taken:
            field = f("name") if word == name else f("aliases")
            errors.append(FieldError(str(field.verbose_name), _("“%(w)s”已是指标“%(o)s”的名称或别名") % {
                "w": word, "o": taken[word]}))
    if indicator is not None:
        errors += _changes_refused(indicator, unit, cumulative, frequency)
    return errors


def _changes_refused(indicator, unit, cumulative, frequency) -> list[FieldError]:
    """What cannot change once figures exist: they were reported in this unit, way and rhythm."""
    errors, f = [], Indicator._meta.get_field
    has_figures = Actual.all_objects.filter(indicator=indicator).exists() or \
        Target.objects.filter(indicator=indicator).exists()
    if has_figures and unit != indicator.unit:
        errors.append(FieldError(str(f("unit").verbose_name), _("已有目标或实绩以“%(u)s”填报，不能更改单位") % {
            "u": indicator.unit}))
    if has_figures and bool(cumulative) != indicator.cumulative:
        errors.append(FieldError(str(f("cumulative").verbose_name), _("已有目标或实绩，不能在累计值和时点值之间切换")))
    if frequency == Frequency.QUARTERLY and indicator.frequency != Frequency.QUARTERLY and \
            Actual.objects.filter(indicator=indicator).exclude(month__in=(3, 6, 9, 12)).exists():
        errors.append(FieldError(str(f("frequency").verbose_name), _("已有非季末月份的实绩，不能改为按季")))
    return errors


def _new_code(name: str) -> str:
    base = slugify(name) or "indicator"
    code, n = base[:32], 1
    while Indicator.objects.filter(code=code).exists():
        n += 1
        code = f"{base[:32]}-{n}"
    return code


@transaction.atomic
def save_indicator(user, *, name, unit, cumulative: bool, frequency, code="", aliases="", sort_order=100,
                   is_active=True, description="", indicator: Indicator | None = None, reason="",
                   expected_version: int | None = None) -> Indicator:
    """Add an indicator to the catalogue, or change one (a change needs a reason, kept in the history; one
    made from an older version than the stored one is refused with the newer entry)."""
    if not can_keep_catalogue(user):
        raise PermissionDenied(_("指标目录由市级管理员维护"))
    if indicator is not None:
        indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
        check_version(indicator, expected_version)
    errors = check_indicator(name=name, code=code, unit=unit, cumulative=cumulative, frequency=frequency,
                             aliases=aliases, sort_order=sort_order, indicator=indicator)
    if indicator is not None and not (reason or "").strip():
        errors.append(FieldError(_("修改原因"), _("修改已有指标须填写原因")))
    if errors:
        raise LedgerError(errors)
    fields = {"name": name.strip(), "unit": unit, "cumulative": bool(cumulative), "frequency": frequency,
              "aliases": (aliases or "").strip(), "sort_order": int(sort_order), "is_active": bool(is_active),
              "description": (description or "").strip()}
    if indicator is None:
        indicator = Indicator(code=(code or "").strip() or _new_code(name), **fields)
        return save_with_history(indicator, user, (reason or "").strip() or _("新增指标"))
    for k, v in fields.items():
        setattr(indicator, k, v)
    if code:
        indicator.code = code.strip()
    indicator.version += 1
    return save_with_history(indicator, user, reason.strip())
