"""城市更新 as a real hierarchy 片区 → 单元 → 项目 ("3大片区8个单元N个项目"): areas and units are records of
the district, kept by its planning staff; projects belong to a unit (their `renewal` fact); the tree
reads counts and money (total investment, the year's plan and what is completed) at every level."""
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from luoshi.core.records import save_with_history
from luoshi.core.units import fmt
from luoshi.core.workflow import Refused
from luoshi.projects.facts import require_keeper
from luoshi.projects.models import Project, RenewalArea, RenewalUnit, Stage

ZERO = Decimal(0)


def _name(value: str, limit: int = 60) -> str:
    name = (value or "").strip()
    if not name:
        raise Refused([_("名称必须填写")])
    if len(name) > limit:
        raise Refused([_("名称不超过%(n)d字") % {"n": limit}])
    return name


@transaction.atomic
def add_area(user, district, name: str, source: str = "") -> RenewalArea:
    """A 片区 of the district; names are unique within it."""
    require_keeper(user, district)
    name = _name(name)
    try:
        with transaction.atomic():
            return save_with_history(RenewalArea(organisation=district, name=name, source=source), user, _("新增片区"))
    except IntegrityError:
        raise Refused([_("片区“%(n)s”已存在") % {"n": name}]) from None


@transaction.atomic
def add_unit(user, area, name: str, source: str = "") -> RenewalUnit:
    """A 单元 of a 片区; names are unique within the area."""
    require_keeper(user, area.organisation)
    name = _name(name)
    try:
        with transaction.atomic():
            return save_with_history(RenewalUnit(area=area, name=name, source=source), user, _("新增单元"))
    except IntegrityError:
        raise Refused([_("单元“%(n)s”已在片区“%(a)s”中") % {"n": name, "a": area.name}]) from None


@dataclass
class Node:
    """One 片区, 单元 or project of the tree with its count and money (亿元)."""

    name: str
    kind: str
    pk: int | None = None
    count: int = 0
    total: Decimal = ZERO
    plan: Decimal = ZERO
    completed: Decimal = ZERO
    children: list = field(default_factory=list)

    def add(self, other: "Node"):
        self.count += other.count
        self.total += other.total
        self.plan += other.plan
        self.completed += other.completed


def tree(user, district, year: int) -> dict:
    """The district's 片区 → 单元 → 项目 with counts, total investment, the year's plan (projects of that
    plan year) and completed investment in the year; the sentence "3大片区8个单元N个项目,总投资X亿元"."""
    from luoshi.projects.selectors import completed_this_year

    areas = list(RenewalArea.objects.for_user(user).filter(organisation=district).prefetch_related("units"))
    projects = list(Project.objects.for_user(user).filter(organisation=district, renewal__area__in=areas)
                    .exclude(stage=Stage.TERMINATED).order_by("code"))
    done = completed_this_year([p.pk for p in projects], year)
    by_unit: dict[int, list[Project]] = {}
    for p in projects:
        by_unit.setdefault(p.renewal_id, []).append(p)
    root = Node(str(district), "district")
    units = 0
    for area in areas:
        area_node = Node(area.name, "area", area.pk)
        for unit in area.units.all():
            units += 1
            unit_node = Node(unit.name, "unit", unit.pk)
            for p in by_unit.get(unit.pk, []):
                leaf = Node(p.name, "project", p.pk, 1, p.total_investment,
                            p.year_plan if p.plan_year == year else ZERO, done.get(p.pk, ZERO))
                unit_node.children.append(leaf)
                unit_node.add(leaf)
            area_node.children.append(unit_node)
            area_node.add(unit_node)
        root.children.append(area_node)
        root.add(area_node)
    sentence = _("%(a)d大片区%(u)d个单元%(n)d个项目，总投资%(t)s亿元。") % {
        "a": len(areas), "u": units, "n": root.count, "t": fmt(root.total)} if areas else ""
    return {"root": root, "areas": len(areas), "units": units, "sentence": sentence}
