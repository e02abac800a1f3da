"""Writes of the investment ledger (招商引资台账): a lead moves 线索 → 洽谈 → 签约 → 开工 → 投产, or is
dropped with a reason; each move checks its preconditions and is recorded. When a signed project starts,
the project pipeline (when installed) takes it over through a registered hand-over, so nothing is typed
twice; targets are read with the indicator ledger's own wording rules."""
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core.records import save_with_history
from luoshi.core.workflow import Machine, Refused, move
from luoshi.indicators.wording import WordingError, parse_target
from luoshi.investment.models import InvestmentProject, InvestmentState, InvestmentStep, InvestmentTarget, Measure
from luoshi.organisations.access import can_edit_targets

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

# The project pipeline registers here what it does when a signed project starts: create (or link) the
# pipeline project and return its id. Without it the start is recorded and the link stays empty.
_START_HANDOVER: list[Callable] = []


def register_start_handover(handover: Callable | None) -> Callable | None:
    """Called once by the project pipeline's app config; returns the one it replaces (None removes it)."""
    previous = _START_HANDOVER[0] if _START_HANDOVER else None
    _START_HANDOVER[:] = [handover] if handover else []
    return previous


def _require_keeper(user, organisation):
    if not can_edit_targets(user, organisation):
        raise PermissionDenied(_("无权维护%(o)s的招商台账") % {"o": organisation})


@transaction.atomic
def create_lead(user, *, organisation, name: str, investor: str, lead_date: date, amount=None, **fields):
    _require_keeper(user, organisation)
    reasons = []
    if not name.strip() or not investor.strip():
        reasons.append(_("项目名称和投资方必须填写"))
    if amount is not None and Decimal(amount) < 0:
        reasons.append(_("投资额不能为负数"))
    if reasons:
        raise Refused(reasons)
    project = InvestmentProject(organisation=organisation, name=name.strip(), investor=investor.strip(),
                                lead_date=lead_date, amount=amount, **fields)
    save_with_history(project, user, _("登记线索"))
    InvestmentStep.objects.create(project=project, actor=user, action="lead", to_state=S.LEAD)
    return project


@transaction.atomic
def transition(user, project, action: str, *, when: date | None = None, text: str = "", amount=None,
               expected_version=None):
    """One move of the machine; signing needs the amount and the date, starting and producing their
    dates; dropping a reason. A refused move says exactly what is missing."""
    _require_keeper(user, project.organisation)
    project = InvestmentProject.objects.select_for_update().get(pk=project.pk)
    reasons = MACHINE.check(project.state, action, text)
    if amount is not None:
        project.amount = Decimal(str(amount))
    if action in DATE_FIELD and when is None:
        reasons.append(_("“%(a)s”须填写日期") % {"a": MACHINE.action_labels[action]})
    if action == SIGN and not project.amount:
        reasons.append(_("签约须填写投资额(亿元)"))
    if action in DATE_FIELD and when is not None:
        earlier = [getattr(project, f) for f in ("lead_date", "signed_date", "start_date") if getattr(project, f)]
        if earlier and when < max(earlier):
            reasons.append(_("日期%(d)s早于前一环节的日期%(p)s") % {"d": when, "p": max(earlier)})
    if reasons:
        raise Refused(reasons)
    if action in DATE_FIELD:
        setattr(project, DATE_FIELD[action], when)
    if action == START and _START_HANDOVER:
        project.pipeline_project_id = _START_HANDOVER[0](user, project)
    move(project, InvestmentStep, user, action, MACHINE.target(project.state, action), text,
         expected_version=expected_version, step_fields={"project": project},
         reason=text or str(MACHINE.action_labels[action]))
    return project


UNITS = {Measure.SIGNED_COUNT: "个", Measure.SIGNED_AMOUNT: "亿元", Measure.SIZED_COUNT: "个"}


@transaction.atomic
def set_target(user, *, organisation, year: int, measure: str, wording: str, min_amount=None, max_amount=None,
               source: str = "") -> InvestmentTarget:
    """An annual attraction target from its wording ("不少于60个", "达到400亿元")."""
    _require_keeper(user, organisation)
    if measure not in Measure.values:
        raise Refused([_("未知的目标类型")])
    try:
        parsed = parse_target(wording, UNITS[measure])
    except WordingError as exc:
        raise Refused([str(exc)])
    if measure == Measure.SIZED_COUNT and min_amount is None:
        raise Refused([_("规模以上项目数须写明项目规模下限(亿元)")])
    target, _created = InvestmentTarget.objects.update_or_create(
        organisation=organisation, year=year, measure=measure, min_amount=min_amount, max_amount=max_amount,
        defaults={"wording": wording.strip(), "value": parsed.value, "comparator": parsed.comparator,
                  "source": source})
    return target
