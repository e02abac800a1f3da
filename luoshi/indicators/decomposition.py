"""Target decomposition (目标分解): a district's target split among its units, each unit's target linked to
the district's, and whether the parts cover the whole.

Parts of a total (亿元, 亩, 家 …) add up, so the page says whether their sum reaches the district's value
and by how much it falls short. Growth rates do not add up; their parts are listed, each against the
district's rate, and the coverage is said in those words instead of a sum.
"""
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from luoshi.core.records import save_with_history
from luoshi.core.units import fmt
from luoshi.indicators.models import Target, TargetKind
from luoshi.indicators.services import FieldError, LedgerError, set_target
from luoshi.organisations import access
from luoshi.organisations.models import Organisation


def units_of(district) -> list[Organisation]:
    return list(Organisation.objects.filter(district_id=district.pk).exclude(pk=district.pk).order_by("kind", "name"))


def unit_versions(parent: Target, units) -> list[tuple[int, int]]:
    """(unit id, version) of each unit's target for the parent's indicator and year: the page's form posts
    them back, so that a part someone set or revised meanwhile is refused with theirs, not overwritten."""
    return list(Target.objects.filter(indicator=parent.indicator_id, year=parent.year, organisation__in=units)
                .values_list("organisation_id", "version"))


@transaction.atomic
def set_part(user, parent: Target, unit: Organisation, wording: str, *, reason: str = "",
             expected_version: int | None = None) -> Target:
    """The unit's share of the district target `parent`, from its wording; linked to the parent."""
    access.require(user, "indicators.decompose", parent.organisation)
    if unit.district_id != parent.organisation_id or unit.pk == parent.organisation_id:
        raise LedgerError([FieldError(_("单位"), _("“%(u)s”不是%(d)s的单位") % {"u": unit, "d": parent.organisation})])
    part = set_target(user, organisation=unit, indicator=parent.indicator, year=parent.year, wording=wording,
                      source=_("分解自%(d)s目标“%(w)s”") % {"d": parent.organisation, "w": parent.wording},
                      reason=reason, expected_version=expected_version)
    if part.kind != parent.kind:
        raise LedgerError([FieldError(_("目标表述"), _("区目标是%(k)s，分解到单位的目标也应是%(k)s（收到“%(w)s”）") % {
            "k": parent.get_kind_display(), "w": wording})])
    if part.parent_id != parent.pk:
        part.parent = parent
        part = save_with_history(part, user, _("分解自%(d)s目标") % {"d": parent.organisation})
    return part


@dataclass
class Decomposition:
    target: Target
    parts: list[Target]
    units_without: list[Organisation]
    total: Decimal | None
    gap: Decimal | None
    covered: bool | None
    sentence: str


def decomposition(target: Target) -> Decomposition:
    """The district target's parts and whether they cover it, in words."""
    parts = list(target.parts.select_related("organisation").order_by("organisation__kind", "organisation__name"))
    have = {p.organisation_id for p in parts}
    without = [u for u in units_of(target.organisation) if u.pk not in have]
    unit = target.indicator.unit
    if not parts:
        return Decomposition(target, parts, without, None, None, None, _("尚未分解到单位"))
    if target.kind == TargetKind.GROWTH:
        lower = [p for p in parts if p.value < target.value]
        covered = not lower
        sentence = (_("%(n)d个单位的增速目标均不低于区目标%(v)s%%") % {"n": len(parts), "v": fmt(target.value)}
                    if covered else _("%(n)d个单位的增速目标低于区目标%(v)s%%：%(names)s") % {
                        "n": len(lower), "v": fmt(target.value),
                        "names": "、".join(str(p.organisation) for p in lower)})
        return Decomposition(target, parts, without, None, None, covered, sentence)
    total = sum((p.value for p in parts), Decimal(0))
    gap = target.value - total
    covered = gap <= 0
    if covered:
        sentence = _("各单位分解合计%(t)s，覆盖区目标%(v)s") % {"t": fmt(total, unit), "v": fmt(target.value, unit)}
        if gap < 0:
            sentence += _("，多分解%(g)s") % {"g": fmt(-gap, unit)}
    else:
        sentence = _("各单位分解合计%(t)s，比区目标%(v)s少%(g)s，尚未覆盖") % {
            "t": fmt(total, unit), "v": fmt(target.value, unit), "g": fmt(gap, unit)}
    return Decomposition(target, parts, without, total, max(gap, Decimal(0)), covered, sentence)
