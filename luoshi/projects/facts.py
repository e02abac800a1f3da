"""A project's facts (项目基本信息) as people give them — by form, the API, an Excel list or code — read
and checked by one set of rules, so that every path refuses the same input with the same words: each field converted
(numbers through `core.numbers`, years and dates 2000–2100 through `core.dates`, choices by code or label, units and
leaders only of the project's own district, as `organisations.access` decides), then the facts checked together (the
year's plan within the total, finish after start). Creating a project (储备库) and editing its facts (with the
version read and a reason, kept in history) are written here too.
"""
import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from luoshi.core.dates import clean_date, date_reasons
from luoshi.core.numbers import clean_year, model_decimal
from luoshi.core.periods import today
from luoshi.core.records import ConflictError, field_label, insert_history, save_with_history, update_many
from luoshi.core.records import insert_many as insert_many_rows
from luoshi.core.units import fmt
from luoshi.core.workflow import Refused
from luoshi.organisations import access
from luoshi.organisations.access import district_leaders, district_units
from luoshi.organisations.selectors import PERSON_RELATED, person_label, person_name
from luoshi.projects.models import (
    Batch,
    Construction,
    FundingChannel,
    FundingState,
    Level,
    Project,
    ProjectCategory,
    ProjectStep,
    RenewalUnit,
    Stage,
)

REQUIRED = ("name", "category", "total_investment", "plan_year", "year_plan")
TEXT_FIELDS = ("name", "location", "source")
DECIMAL_FIELDS = ("total_investment", "year_plan", "funding_demand")
DATE_FIELDS = ("batch_date", "planned_start", "planned_finish")
CHOICE_FIELDS = {"level": Level, "batch": Batch, "construction": Construction, "funding_channel": FundingChannel,
                 "funding_state": FundingState}
FK_FIELDS = ("category", "responsible_unit", "leader", "renewal")
# Every fact a person may give or change, in the order forms and files show them.
FACTS = ("name", "category", "total_investment", "plan_year", "year_plan", "responsible_unit", "leader", "level",
         "batch", "batch_date", "construction", "planned_start", "planned_finish", "location", "renewal",
         "in_national_library", "funding_demand", "funding_channel", "funding_state")
CODE_PATTERN = re.compile(r"^(.+)-(\d{4})-(\d+)$")


class FactsRefused(Refused):
    """Facts that cannot be saved: `errors` are (field, reason) pairs; nothing was saved."""

    def __init__(self, errors: list[tuple[str, str]]):
        self.errors = list(errors)
        super().__init__([message for _field, message in self.errors])


def label(name: str) -> str:
    if name == "code":
        return field_label(Project, "code")
    return field_label(Project, name)


@dataclass
class Lookups:
    """What a district's projects may name, read once (an Excel list of thousands of rows asks no query
    per row): categories, the district's units, leaders and 城市更新 units, by id and by name."""

    district: object
    categories: dict = field(default_factory=dict)
    units: dict = field(default_factory=dict)
    leaders: dict = field(default_factory=dict)
    renewals: dict = field(default_factory=dict)
    names: dict = field(default_factory=dict)
    # Field labels and choice tables in the active language, made once per Lookups (that is, per request
    # or file): a list of 5,000 rows would otherwise translate the same labels some 80,000 times.
    labels: dict = field(default_factory=dict)
    choice_tables: dict = field(default_factory=dict)

    @classmethod
    def of(cls, district) -> "Lookups":
        lk = cls(district)
        lk.categories = {c.pk: c for c in ProjectCategory.objects.all()}
        lk.units = {u.pk: u for u in district_units(district)}
        lk.leaders = {u.pk: u for u in district_leaders(district).select_related(*PERSON_RELATED)}
        lk.renewals = {r.pk: r for r in RenewalUnit.objects.filter(area__organisation=district).select_related("area")}
        named = {"category": [(c.name, c) for c in lk.categories.values()],
                 "responsible_unit": [(n, u) for u in lk.units.values() for n in {u.name, u.short_name} if n],
                 "leader": [(n, u) for u in lk.leaders.values()
                            for n in {person_name(u), person_label(u), u.get_username(), u.get_full_name()} if n],
                 "renewal": [(n, r) for r in lk.renewals.values() for n in {str(r), r.name}]}
        for key, pairs in named.items():
            table: dict[str, list] = {}
            for n, obj in pairs:
                if obj not in table.setdefault(n, []):
                    table[n].append(obj)
            lk.names[key] = table
        return lk

    def label(self, name: str) -> str:
        if name not in self.labels:
            self.labels[name] = label(name)
        return self.labels[name]

    def choices(self, name: str) -> dict[str, str]:
        """A choice field's codes by what a person may write: the code itself or its label."""
        if name not in self.choice_tables:
            table = {}
            for code, shown in CHOICE_FIELDS[name].choices:
                table.setdefault(code, code)
                table.setdefault(str(shown), code)
            self.choice_tables[name] = table
        return self.choice_tables[name]

    def by_id(self, name: str) -> dict:
        return {"category": self.categories, "responsible_unit": self.units, "leader": self.leaders,
                "renewal": self.renewals}[name]


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _choice(name: str, value, lk: Lookups):
    choices = CHOICE_FIELDS[name]
    text = _text(value)
    if not text:
        if name in ("level", "construction"):
            raise ValidationError(_("%(f)s：必须填写") % {"f": label(name)})
        return ""
    code = lk.choices(name).get(text)
    if code is not None:
        return code
    raise ValidationError(_("%(f)s：“%(v)s”不是可选项（可选：%(ok)s）") % {
        "f": label(name), "v": text, "ok": "、".join(str(s) for _c, s in choices.choices)})


def _bool(name: str, value) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in ("", "0", "false", "no", "off", "否"):
        return False
    if text in ("1", "true", "yes", "on", "是"):
        return True
    raise ValidationError(_("%(f)s：“%(v)s”应为“是”或“否”") % {"f": label(name), "v": value})


def _foreign(name: str, value, lk: Lookups, by_name: bool):
    """A category, unit, leader or 城市更新 unit: an object, an id, or (in a file) its name; only what the
    district may name (another district's unit or leader is refused, named as given)."""
    if value in (None, ""):
        if name == "category":
            raise ValidationError(_("%(f)s：必须填写") % {"f": label(name)})
        return None
    known = lk.by_id(name)
    pk = getattr(value, "pk", None)
    if pk is None and not by_name and _text(value).isdigit():
        pk = int(_text(value))
    if pk is not None:
        if pk in known:
            return known[pk]
        shown = str(value) if hasattr(value, "pk") else _text(value)
    else:
        matches = lk.names[name].get(_text(value), [])
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise ValidationError(_("%(f)s：“%(v)s”有重名，请写用户名") % {"f": label(name), "v": _text(value)})
        shown = _text(value)
    if name == "category":
        message = _("%(f)s：“%(v)s”不是已有的项目类别（可选：%(ok)s）") % {
            "f": label(name), "v": shown, "ok": "、".join(c.name for c in lk.categories.values())}
    elif name == "responsible_unit":
        message = _("%(f)s：“%(v)s”不是%(d)s的单位") % {"f": label(name), "v": shown, "d": lk.district}
    elif name == "leader":
        message = _("%(f)s：“%(v)s”不是%(d)s的区领导") % {"f": label(name), "v": shown, "d": lk.district}
    else:
        message = _("%(f)s：“%(v)s”不是%(d)s的城市更新单元") % {"f": label(name), "v": shown, "d": lk.district}
    raise ValidationError(message)


def _convert(name: str, value, lk: Lookups, by_name: bool):
    if name in REQUIRED and not hasattr(value, "pk") and not _text(value):
        raise ValidationError(_("%(f)s：必须填写") % {"f": label(name)})
    if name in TEXT_FIELDS:
        text = _text(value)
        limit = Project._meta.get_field(name).max_length
        if len(text) > limit:
            raise ValidationError(_("%(f)s：不超过%(n)d字（收到%(m)d字）") % {"f": label(name), "n": limit,
                                                                              "m": len(text)})
        return text
    if name in DECIMAL_FIELDS:
        return model_decimal(Project, name, value, label=lk.label(name), required=name != "funding_demand")
    if name == "plan_year":
        return clean_year(value, label=lk.label(name))
    if name in DATE_FIELDS:
        return clean_date(value, label=lk.label(name), required=False)
    if name in CHOICE_FIELDS:
        return _choice(name, value, lk)
    if name == "in_national_library":
        return _bool(name, value)
    return _foreign(name, value, lk, by_name)


def read_facts(raw: dict, lk: Lookups, *, by_name: bool = False) -> tuple[dict, list[tuple[str, str]]]:
    """The given facts converted, and every (field, reason) they are refused for; unknown keys are refused."""
    values, errors = {}, []
    for name, value in raw.items():
        if name not in FACTS and name != "source":
            errors.append((name, _("“%(f)s”不是可以填写的项目信息") % {"f": name}))
            continue
        try:
            values[name] = _convert(name, value, lk, by_name)
        except ValidationError as exc:
            errors.append((name, exc.messages[0]))
    return values, errors


def check_together(facts: dict) -> list[tuple[str, str]]:
    """What the facts refuse as a whole (after the write): the plan within the total, dates in order."""
    errors = []
    total, plan = facts.get("total_investment"), facts.get("year_plan")
    if total is not None and plan is not None and plan > total:
        errors.append(("year_plan", _("年度计划投资%(p)s亿元超过总投资%(t)s亿元") % {"p": fmt(plan), "t": fmt(total)}))
    start, finish = facts.get("planned_start"), facts.get("planned_finish")
    if start and finish and finish < start:
        errors.append(("planned_finish", _("计划竣工%(f)s早于计划开工%(s)s") % {"f": finish, "s": start}))
    demand = facts.get("funding_demand")
    if demand is not None and total is not None and demand > total:
        errors.append(("funding_demand",
                       _("资金需求%(d)s亿元超过总投资%(t)s亿元") % {"d": fmt(demand), "t": fmt(total)}))
    if facts.get("batch_date") and not facts.get("batch"):
        errors.append(("batch", _("填写了批次日期，须选择三个一批的批次")))
    return errors


def require_keeper(user, district):
    """Only the district's planning staff (and the city) create and edit its projects."""
    access.require(user, "projects.keep", district)


def code_prefix(district) -> str:
    """The district's code prefix: the one its projects already use (ZY in ZY-2025-001), else its short name."""
    found = {}
    for code in Project.objects.filter(organisation=district).values_list("code", flat=True):
        match = CODE_PATTERN.match(code)
        if match:
            found[match.group(1)] = found.get(match.group(1), 0) + 1
    return max(found, key=found.get) if found else str(district.short_name or district.name)


def code_numbers(prefix: str, year: int) -> set[int]:
    head = f"{prefix}-{year}-"
    return {int(m.group(3)) for code in Project.objects.filter(code__startswith=head).values_list("code", flat=True)
            if (m := CODE_PATTERN.match(code))}


def next_code(district, year: int, taken: set[int] | None = None, prefix: str | None = None) -> str:
    """A readable unique code: district prefix, plan year, number (中原区's next 2026 project: ZY-2026-001).
    `taken` (the numbers used so far, updated) and `prefix` spare the queries when many are made at once."""
    prefix = prefix or code_prefix(district)
    numbers = code_numbers(prefix, year) if taken is None else taken
    number = max(numbers, default=0) + 1
    numbers.add(number)
    return format_code(prefix, year, number)


def format_code(prefix: str, year: int, number: int) -> str:
    return f"{prefix}-{year}-{number:03d}"


def check_code(code: str, district=None) -> list[tuple[str, str]]:
    """A code given for a new project: not too long, not taken (by `district`'s own projects, or another's)."""
    limit = Project._meta.get_field("code").max_length
    if len(code) > limit:
        return [("code", _("%(f)s：不超过%(n)d字") % {"f": label("code"), "n": limit})]
    owner = Project.objects.filter(code=code).values_list("organisation_id", flat=True).first()
    if owner is not None and district is not None and owner != district.pk:
        return [("code", _("项目编号“%(c)s”已被其他区使用") % {"c": code})]
    if owner is not None:
        return [("code", _("项目编号“%(c)s”已存在") % {"c": code})]
    return []


def insert(user, district, facts: dict, code: str, reason: str = "") -> Project:
    """Save checked facts as a new reserve project (储备库), with its history and first step."""
    project = Project(organisation=district, code=code, stage=Stage.RESERVE, **facts)
    save_with_history(project, user, reason or _("纳入储备库"))
    ProjectStep.objects.create(project=project, actor=user, action="create", to_state=Stage.RESERVE)
    return project


def insert_many(user, district, items: list[tuple[dict, str, str]]) -> list[Project]:
    """Many checked new projects at once (a yearly list): each (facts, code, reason) saved with its history
    and first step, as `insert` does one by one, in three executemany inserts (projects, their history,
    their steps)."""
    projects = []
    for facts, code, reason in items:
        project = Project(organisation=district, code=code, stage=Stage.RESERVE, **facts)
        project._change_reason = reason or _("纳入储备库")
        projects.append(project)
    with transaction.atomic():
        insert_many_rows(Project, projects)
        ids = dict(Project.objects.filter(organisation=district).values_list("code", "pk"))
        for p in projects:
            p.pk = ids[p.code]
        insert_history(Project, projects, user)
        insert_many_rows(ProjectStep, [ProjectStep(project=p, actor=user, action="create", to_state=Stage.RESERVE)
                                       for p in projects])
    return projects


def apply_many(user, items: list[tuple[Project, dict, str]]) -> None:
    """Many checked changes at once, each (project, changed facts, reason) with its version and history:
    the projects that change the same fields are written by one executemany, then their history (with
    each row's reason) by one more."""
    groups: dict[tuple[str, ...], list[Project]] = {}
    projects = []
    for project, changed, reason in items:
        for k, v in changed.items():
            setattr(project, k, v)
        project.version += 1
        project._history_user, project._change_reason = user, reason
        groups.setdefault(tuple(sorted(changed)) + ("version",), []).append(project)
        projects.append(project)
    with transaction.atomic():
        for fields, members in groups.items():
            update_many(Project, members, list(fields))
        insert_history(Project, projects, user, update=True)


@transaction.atomic
def create_project(user, *, organisation, code: str = "", lookups: Lookups | None = None, **raw) -> Project:
    """A new project in the reserve (储备库); name, category, total investment, plan year and year plan
    are required, every other fact optional; a code is generated when none is given."""
    require_keeper(user, organisation)
    lk = lookups or Lookups.of(organisation)
    facts, errors = read_facts(raw, lk)
    errors += [(name, _("%(f)s：必须填写") % {"f": label(name)}) for name in REQUIRED
               if name not in raw and not any(e[0] == name for e in errors)]
    code = _text(code)
    if code:
        errors += check_code(code)
    errors += check_together(facts)
    if errors:
        raise FactsRefused(errors)
    facts.setdefault("level", Level.DISTRICT)
    facts.setdefault("construction", Construction.NEW)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return insert(user, organisation, facts, code or next_code(organisation, facts["plan_year"]))
        except IntegrityError:
            if code:
                raise FactsRefused([("code", _("项目编号“%(c)s”已存在") % {"c": code})]) from None
    raise FactsRefused([("code", _("未能生成项目编号，请重试"))])


def changes(project, facts: dict) -> dict:
    """The facts that differ from the project's (the same value again is no change); related records are
    compared by id, so no query is made."""
    def current(name):
        return getattr(project, f"{name}_id") if name in FK_FIELDS else getattr(project, name)

    return {k: v for k, v in facts.items() if current(k) != (getattr(v, "pk", v) if k in FK_FIELDS else v)}


def after_change(project, changed: dict) -> dict:
    """The facts `check_together` reads, as they would be after the change."""
    names = ("total_investment", "year_plan", "planned_start", "planned_finish", "funding_demand", "batch",
             "batch_date")
    return {name: getattr(project, name) for name in names} | changed


def apply(user, project, changed: dict, reason: str) -> Project:
    for k, v in changed.items():
        setattr(project, k, v)
    project.version += 1
    return save_with_history(project, user, reason)


@transaction.atomic
def update_project(user, project, *, reason: str = "", expected_version=None, lookups: Lookups | None = None,
                   **raw) -> Project:
    """Change any of a project's facts: refused if someone saved first (409 with their record), a change
    needs a reason (kept in history with old → new); sending the same facts again changes nothing."""
    require_keeper(user, project.organisation)
    project = Project.objects.select_for_update().select_related("organisation").get(pk=project.pk)
    if expected_version is not None and int(expected_version) != project.version:
        raise ConflictError(project)
    facts, errors = read_facts(raw, lookups or Lookups.of(project.organisation))
    if errors:
        raise FactsRefused(errors)
    changed = changes(project, facts)
    if not changed:
        return project
    errors = check_together(after_change(project, changed))
    if not _text(reason):
        errors.append(("reason", _("修改项目信息须填写原因")))
    if errors:
        raise FactsRefused(errors)
    return apply(user, project, changed, _text(reason))


def facts_of(project) -> dict:
    """A project's facts as a form shows them (ids for units and leaders, ISO dates)."""
    out = {}
    for name in FACTS:
        value = getattr(project, f"{name}_id" if name in FK_FIELDS else name)
        out[name] = value.isoformat() if isinstance(value, date) else value
    return out


def started_today_or_before(when: date | None, what: str) -> list[str]:
    """An actual date in 2000–2100 (`core.dates`) and not in the future (Asia/Shanghai)."""
    if date_reasons(when, what):
        return date_reasons(when, what)
    if when is not None and when > today():
        return [_("%(w)s%(d)s在今天之后，不能填写将来的日期") % {"w": what, "d": when}]
    return []
