"""Writes of the investment ledger (招商引资台账): a lead moves 线索 → 洽谈 → 签约 → 开工 → 投产, or is
dropped with a reason; each move checks its preconditions and is recorded. When a signed project starts,
the project pipeline (when installed) takes it over through a registered hand-over, so nothing is typed
twice; targets are read with the indicator ledger's own wording rules."""
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core import uploads
from luoshi.core.dates import clean_date, date_problems, date_reasons
from luoshi.core.numbers import NumberError, gather, model_decimal
from luoshi.core.records import ConflictError, check_history_version, field_label, save_with_history
from luoshi.core.registry import site
from luoshi.core.workflow import Machine, Refused, move
from luoshi.investment.models import (
    ChainLink,
    ChainMember,
    IndustryChain,
    InvestmentProject,
    InvestmentState,
    InvestmentStep,
    Method,
    Segment,
)
from luoshi.organisations.access import can_edit_targets, visible_enterprises

S = InvestmentState
NEGOTIATE, SIGN, START, PRODUCE, DROP = "negotiate", "sign", "start", "produce", "drop"
MACHINE = Machine(
    transitions={
        (S.LEAD, NEGOTIATE): S.NEGOTIATING, (S.NEGOTIATING, SIGN): S.SIGNED, (S.LEAD, SIGN): S.SIGNED,
        (S.SIGNED, START): S.STARTED, (S.STARTED, PRODUCE): S.PRODUCING,
        **{(state, DROP): S.DROPPED for state in (S.LEAD, S.NEGOTIATING, S.SIGNED, S.STARTED)},
    },
    state_labels=dict(S.choices),
    action_labels={NEGOTIATE: gettext_lazy("进入洽谈"), SIGN: gettext_lazy("签约"), START: gettext_lazy("开工"),
                   PRODUCE: gettext_lazy("投产"), DROP: gettext_lazy("终止")},
    text_required=frozenset({DROP}),
)
DATE_FIELD = {SIGN: "signed_date", START: "start_date", PRODUCE: "production_date"}

# The project pipeline registers in the registry what it does when a signed project starts
# (`site.register_handover(STARTED, fn)`): create (or link) the pipeline project and return it. Without it
# the start is recorded and the link stays empty.
STARTED = "investment.started"


def _require_keeper(user, organisation):
    if not can_edit_targets(user, organisation):
        raise PermissionDenied(_("无权维护%(o)s的招商台账") % {"o": organisation})


# The facts of a record a keeper may correct (the state and its steps move only through `transition`;
# the step dates already reached may be corrected here, with a reason).
FACT_FIELDS = ("name", "investor", "amount", "year_plan", "sector", "chain_link", "method", "responsible_unit",
               "leader",
               "lead_date", "signed_date", "start_date", "production_date", "source")
STEP_DATES = {"signed_date": S.SIGNED, "start_date": S.STARTED, "production_date": S.PRODUCING}
REACHED: dict[str, int] = {S.LEAD: 0, S.NEGOTIATING: 0, S.SIGNED: 1, S.STARTED: 2, S.PRODUCING: 3}
CONTRACT_KINDS = (uploads.PDF, uploads.JPEG, uploads.PNG, uploads.DOCX)


def can_keep(user, project) -> bool:
    """Whether the user keeps the project's district ledger (registers, corrects and moves its projects)."""
    return can_edit_targets(user, project.organisation)


def units_of(organisation):
    """The units a district's project may be assigned to: the district itself and its units (for a city,
    the city and its own departments)."""
    from django.db.models import Q

    from luoshi.organisations.models import Organisation

    if organisation.district_id:
        return Organisation.objects.filter(district_id=organisation.district_id)
    return Organisation.objects.filter(Q(pk=organisation.pk) | Q(city_id=organisation.pk, district__isnull=True))


def links_of(organisation):
    """The chain links a district's project may be placed on: those of the district's own chains."""
    return ChainLink.objects.filter(chain__organisation=organisation).select_related("chain")


def read_amount(value) -> Decimal | None:
    """An investment amount (亿元) as the column holds it, through `luoshi.core.numbers`: finite, not
    negative, below 10**8 亿元 and at most 4 decimal places (refused, never rounded); None when not given."""
    return model_decimal(InvestmentProject, "amount", value, required=False)


def read_year_plan(value) -> Decimal | None:
    """The year plan (年度计划投资, 亿元) by the same rules as the amount; None when not given."""
    return model_decimal(InvestmentProject, "year_plan", value, required=False)


def fact_problems(organisation, values: dict, state: str = S.LEAD) -> list[tuple[str, str]]:
    """Every reason the facts of a project (as they would be after the write) are refused, by field, so the
    form, the Excel upload and the API say the same thing in the same words."""
    problems: list[tuple[str, str]] = []
    for name in ("name", "investor"):
        if not str(values.get(name) or "").strip():
            problems.append((name, _("项目名称和投资方必须填写")))
        elif len(str(values[name]).strip()) > 200:
            problems.append((name, _("不超过200字")))
    found: list = []
    amount = gather(found, read_amount, values.get("amount"))
    problems += [("amount", p.message) for p in found]
    found = []
    year_plan = gather(found, read_year_plan, values.get("year_plan"))
    problems += [("year_plan", p.message) for p in found]
    if year_plan is not None and amount is not None and year_plan > amount:
        problems.append(("year_plan", _("年度计划投资不能大于投资额")))
    if REACHED.get(state, 0) >= 1 and values.get("amount") is None:
        problems.append(("amount", _("已签约的项目须填写投资额(亿元)")))
    if values.get("method", Method.PRECISE) not in Method.values:
        problems.append(("method", _("未知的招商方式")))
    link = values.get("chain_link")
    if link is not None and link.chain.organisation_id != organisation.pk:
        problems.append(("chain_link", _("产业链环节“%(l)s”不属于%(o)s的产业链") % {"l": link, "o": organisation}))
    unit = values.get("responsible_unit")
    if unit is not None and not units_of(organisation).filter(pk=unit.pk).exists():
        problems.append(("responsible_unit", _("责任单位“%(u)s”不在%(o)s") % {"u": unit, "o": organisation}))
    for name in ("sector", "leader"):
        if len(str(values.get(name) or "")) > 60:
            problems.append((name, _("不超过60字")))
    if len(str(values.get("source") or "")) > 200:
        problems.append(("source", _("不超过200字")))
    if values.get("lead_date") is None:
        problems.append(("lead_date", _("必须填写线索日期")))
    reached = REACHED.get(state, 0)
    previous = ("lead_date", values.get("lead_date"))
    labels = {"lead_date": _("线索日期"), "signed_date": _("签约日期"), "start_date": _("开工日期"),
              "production_date": _("投产日期")}
    for number, name in enumerate(STEP_DATES, start=1):
        when = values.get(name)
        if state == S.DROPPED:
            pass  # a dropped project keeps whatever dates it reached
        elif number <= reached and when is None:
            problems.append((name, _("项目已%(s)s，须填写%(d)s") % {"s": InvestmentState(STEP_DATES[name]).label,
                                                                    "d": labels[name]}))
        elif number > reached and when is not None:
            problems.append((name, _("项目尚未%(s)s，不能填写%(d)s（请通过“办理”推进）") % {
                "s": InvestmentState(STEP_DATES[name]).label, "d": labels[name]}))
        if when is not None and previous[1] is not None and when < previous[1]:
            problems.append((name, _("%(d)s%(w)s早于%(p)s%(pw)s") % {
                "d": labels[name], "w": when, "p": labels[previous[0]], "pw": previous[1]}))
        if when is not None:
            previous = (name, when)
    return problems + date_problems(values, labels)


def _refuse(problems: list[tuple[str, str]]):
    if problems:
        raise Refused.by_field(problems)


def _attach_contract(project, contract):
    """Check an uploaded contract by its content (PDF, image or Word) and keep it with the project."""
    data, kind = uploads.read_checked(contract, CONTRACT_KINDS, _("合同文件"))
    project.contract.save(uploads.stored_name(f"contract-{project.organisation_id}-{project.lead_date:%Y%m%d}", kind),
                          ContentFile(data), save=False)


@transaction.atomic
def create_lead(user, *, organisation, name: str, investor: str, lead_date: date, amount=None, contract=None,
                **fields):
    """A new lead (线索) of a district, its facts checked as a correction's would be; the contract, when
    given, must be a PDF, an image or a Word file."""
    _require_keeper(user, organisation)
    unknown = set(fields) - set(FACT_FIELDS) - {"is_synthetic"} | (set(fields) & set(STEP_DATES))
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if isinstance(lead_date, str):
        try:
            lead_date = clean_date(lead_date, label=_("线索日期"))
        except NumberError as exc:
            raise Refused([exc.message], ["lead_date"]) from None
    values = {"name": name, "investor": investor, "lead_date": lead_date, "amount": amount, **fields}
    _refuse([p for p in fact_problems(organisation, values) if p[0] not in STEP_DATES])
    project = InvestmentProject(organisation=organisation, name=name.strip(), investor=investor.strip(),
                                lead_date=lead_date, amount=read_amount(amount),
                                **{**fields, **({"year_plan": read_year_plan(fields["year_plan"])}
                                                if "year_plan" in fields else {})})
    if contract:
        _attach_contract(project, contract)
    save_with_history(project, user, _("登记线索"))
    InvestmentStep.objects.create(project=project, actor=user, action="lead", to_state=S.LEAD)
    return project


def _same(old, new) -> bool:
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        return (old is None and new is None) or (old is not None and new is not None
                                                 and Decimal(str(old)) == Decimal(str(new)))
    if isinstance(old, str) and isinstance(new, str):
        return old.strip() == new.strip()
    return old == new


@transaction.atomic
def update_investment(user, project, *, reason: str = "", expected_version=None, contract=None, **fields):
    """Correct the facts of a record (investor, name, amount, link, unit, dates already reached …).

    A change of an official record needs a reason; the old values stay in the history with who changed
    them, when and why. Nothing changed: nothing is saved. A stale `expected_version` raises ConflictError."""
    _require_keeper(user, project.organisation)
    unknown = set(fields) - set(FACT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    project = InvestmentProject.objects.select_for_update().select_related("organisation").get(pk=project.pk)
    if expected_version is not None and expected_version != project.version:
        raise ConflictError(project)
    if "amount" in fields:
        try:
            fields["amount"] = read_amount(fields["amount"])
        except NumberError as exc:
            raise Refused([exc.message], ["amount"]) from None
    if "year_plan" in fields:
        try:
            fields["year_plan"] = read_year_plan(fields["year_plan"])
        except NumberError as exc:
            raise Refused([exc.message], ["year_plan"]) from None
    changed = {k: v for k, v in fields.items() if not _same(getattr(project, k), v)}
    if not changed and not contract:
        return project
    values = {f: getattr(project, f) for f in FACT_FIELDS}
    values.update(fields)
    problems = fact_problems(project.organisation, values, project.state)
    if not (reason or "").strip():
        problems.append(("reason", _("修改已登记的招商项目须填写修订原因")))
    _refuse(problems)
    for k, v in changed.items():
        setattr(project, k, v.strip() if isinstance(v, str) else v)
    if contract:
        _attach_contract(project, contract)
    project.version += 1
    return save_with_history(project, user, reason.strip())


@transaction.atomic
def transition(user, project, action: str, *, when: date | None = None, text: str = "", amount=None,
               expected_version=None):
    """One move of the machine; signing needs the amount and the date, starting and producing their
    dates; dropping a reason. A refused move says exactly what is missing."""
    _require_keeper(user, project.organisation)
    project = InvestmentProject.objects.select_for_update().get(pk=project.pk)
    reasons = MACHINE.check(project.state, action, text)
    try:
        amount = read_amount(amount)
    except NumberError as exc:
        raise Refused([*reasons, exc.message], [""] * len(reasons) + ["amount"]) from None
    if amount is not None and action != SIGN and amount != project.amount:
        raise Refused([*reasons, _("只有签约时填写投资额；更正投资额请用“修改”并写明原因")],
                      [""] * len(reasons) + ["amount"])
    elif amount is not None:
        project.amount = amount
    if action in DATE_FIELD and when is None:
        reasons.append(_("“%(a)s”须填写日期") % {"a": MACHINE.action_labels[action]})
    if action == SIGN and not project.amount:
        reasons.append(_("签约须填写投资额(亿元)"))
    if action in DATE_FIELD and when is not None:
        reasons += date_reasons(when, field_label(InvestmentProject, DATE_FIELD[action]))
        earlier = [getattr(project, f) for f in ("lead_date", "signed_date", "start_date") if getattr(project, f)]
        if earlier and when < max(earlier):
            reasons.append(_("日期%(d)s早于前一环节的日期%(p)s") % {"d": when, "p": max(earlier)})
    if reasons:
        raise Refused(reasons)
    if action in DATE_FIELD:
        setattr(project, DATE_FIELD[action], when)
    if action == START and (handover := site.handover(STARTED)):
        project.pipeline_project = handover(user, project)
    move(project, InvestmentStep, user, action, MACHINE.target(project.state, action), text,
         expected_version=expected_version, step_fields={"project": project},
         reason=text or str(MACHINE.action_labels[action]))
    return project


# Attraction targets live in `investment.targets` (form, API and Excel share its one check).
from luoshi.investment.targets import UNITS, set_target  # noqa: E402,F401

# --- the industry chains (链长制): kept by the district's planning staff ------------------------------

def can_edit_chain(user, chain) -> bool:
    return can_edit_targets(user, chain.organisation)


def _require_chain_keeper(user, organisation):
    if not can_edit_targets(user, organisation):
        raise PermissionDenied(_("无权维护%(o)s的产业链") % {"o": organisation})


def _text(value, label, limit: int, reasons: list, required=True) -> str:
    text = (value or "").strip()
    if required and not text:
        reasons.append(_("须填写%(f)s") % {"f": label})
    elif len(text) > limit:
        reasons.append(_("%(f)s不超过%(n)d字") % {"f": label, "n": limit})
    return text


@transaction.atomic
def create_chain(user, *, organisation, name: str, level: str = "county", chain_leader: str = "",
                 description: str = "", source: str = "") -> IndustryChain:
    """A new key chain (产业链) of a district, with its 链长 when already named."""
    from luoshi.investment.models import ChainLevel

    _require_chain_keeper(user, organisation)
    reasons: list = []
    name = _text(name, _("产业链名称"), 60, reasons)
    chain_leader = _text(chain_leader, _("链长"), 60, reasons, required=False)
    if level not in ChainLevel.values:
        reasons.append(_("未知的产业链级别"))
    if name and IndustryChain.objects.filter(organisation=organisation, name=name).exists():
        reasons.append(_("%(o)s已有“%(n)s”产业链") % {"o": organisation, "n": name})
    if reasons:
        raise Refused(reasons)
    chain = IndustryChain(organisation=organisation, name=name, level=level, chain_leader=chain_leader,
                          description=(description or "").strip(), source=(source or "").strip())
    return save_with_history(chain, user, _("新建产业链"))


@transaction.atomic
def set_chain_leader(user, chain, chain_leader: str, reason: str = "", expected_version=None) -> IndustryChain:
    """Name (or change) the chain's 链长; a change of one already named needs a reason; one made from an
    older version of the chain (core.records.history_version) is refused with the newer."""
    _require_chain_keeper(user, chain.organisation)
    reasons: list = []
    leader = _text(chain_leader, _("链长"), 60, reasons)
    chain = IndustryChain.objects.select_for_update().get(pk=chain.pk)
    if leader == chain.chain_leader:
        return chain
    check_history_version(chain, expected_version)
    if chain.chain_leader and not (reason or "").strip():
        reasons.append(_("更换链长须填写原因（现任链长：%(l)s）") % {"l": chain.chain_leader})
    if reasons:
        raise Refused(reasons)
    chain.chain_leader = leader
    return save_with_history(chain, user, (reason or "").strip() or _("明确链长"))


def _link_problems(chain, segment: str, name: str, exclude=None) -> list[str]:
    reasons: list = []
    name = _text(name, _("环节名称"), 60, reasons)
    if segment not in Segment.values:
        reasons.append(_("环节位置应为上游、中游或下游"))
    same = ChainLink.objects.filter(chain=chain, name=name)
    if exclude is not None:
        same = same.exclude(pk=exclude.pk)
    if name and same.exists():
        reasons.append(_("“%(c)s”产业链已有“%(n)s”环节") % {"c": chain.name, "n": name})
    return reasons


@transaction.atomic
def add_link(user, chain, *, segment: str, name: str, planned: bool = False, note: str = "") -> ChainLink:
    """A link (环节) of the chain in its segment; `planned` marks a link to add (延链)."""
    _require_chain_keeper(user, chain.organisation)
    reasons = _link_problems(chain, segment, name)
    note = _text(note, _("说明"), 200, reasons, required=False)
    if reasons:
        raise Refused(reasons)
    order = (ChainLink.objects.filter(chain=chain, segment=segment).order_by("-order")
             .values_list("order", flat=True).first() or 0) + 1
    return save_with_history(ChainLink(chain=chain, segment=segment, name=name.strip(), order=order,
                                       planned=bool(planned), note=note), user, _("新增环节"))


@transaction.atomic
def update_link(user, link, *, name: str, segment: str, planned: bool | None = None, reason: str = "",
                expected_version=None) -> ChainLink:
    """Rename a link or move it to another segment; the old name stays in the history with the reason. A
    change made from an older version of the link is refused with the newer."""
    _require_chain_keeper(user, link.chain.organisation)
    link = ChainLink.objects.select_for_update().select_related("chain").get(pk=link.pk)
    planned = link.planned if planned is None else bool(planned)
    if (link.name, link.segment, link.planned) == ((name or "").strip(), segment, planned):
        return link
    check_history_version(link, expected_version)
    reasons = _link_problems(link.chain, segment, name, exclude=link)
    if not (reason or "").strip():
        reasons.append(_("修改环节须填写原因"))
    if reasons:
        raise Refused(reasons)
    link.name, link.segment, link.planned = name.strip(), segment, planned
    return save_with_history(link, user, reason.strip())


@transaction.atomic
def add_member(user, link, *, name: str = "", enterprise=None, is_chain_master: bool = False,
               source: str = "") -> ChainMember:
    """An enterprise present in a link: one of the enterprise register (visible to the user; a name the
    register knows is linked to it) or, when it is not registered, by name alone; once per link."""
    organisation = link.chain.organisation
    _require_chain_keeper(user, organisation)
    reasons: list = []
    if enterprise is not None and not visible_enterprises(user).filter(pk=enterprise.pk).exists():
        reasons.append(_("无权选择该企业"))
    name = (name or "").strip() or (enterprise.name if enterprise is not None else "")
    name = _text(name, _("企业名称"), 200, reasons)
    if enterprise is None and name:
        enterprise = visible_enterprises(user).filter(name=name).first()  # the register's, when it is there
    if name and ChainMember.objects.filter(link=link, name=name).exists():
        reasons.append(_("“%(l)s”环节已有“%(n)s”") % {"l": link.name, "n": name})
    if reasons:
        raise Refused(reasons)
    member = ChainMember(link=link, name=name, enterprise=enterprise, is_chain_master=bool(is_chain_master),
                         source=(source or "").strip())
    return save_with_history(member, user, _("新增链上企业"))


@transaction.atomic
def set_chain_master(user, member, is_chain_master: bool, reason: str = "", expected_version=None) -> ChainMember:
    """Name an enterprise 链主 of its chain, or withdraw it (withdrawing needs a reason)."""
    _require_chain_keeper(user, member.link.chain.organisation)
    member = ChainMember.objects.select_for_update().get(pk=member.pk)
    if member.is_chain_master == bool(is_chain_master):
        return member
    check_history_version(member, expected_version)
    if not is_chain_master and not (reason or "").strip():
        raise Refused([_("取消链主须填写原因")])
    member.is_chain_master = bool(is_chain_master)
    return save_with_history(member, user, (reason or "").strip() or _("明确链主企业"))


@transaction.atomic
def remove_member(user, member, reason: str) -> None:
    """Take an enterprise off a link (it moved away, closed, was wrongly placed); the reason and who removed
    it stay in the history."""
    _require_chain_keeper(user, member.link.chain.organisation)
    if not (reason or "").strip():
        raise Refused([_("移除链上企业须填写原因")])
    member._history_user = user
    member._change_reason = reason.strip()
    member.delete()
