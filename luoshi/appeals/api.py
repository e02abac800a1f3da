"""API of the appeal closed loop (企业诉求闭环): each role's list, one appeal with its steps and files, filing,
the moves of the loop, 督办, statistics per unit (the user's notifications are the notifications app's).
The same scoping and the same services as the pages: another enterprise's, unit's or district's appeal answers 404,
a visible appeal the user plays no part in answers 403, a move the loop refuses 422 with every reason, a stale
`expected_version` 409. Attachments are uploaded and downloaded on the pages; their metadata here carries the
download address."""
from datetime import date, datetime

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from luoshi.appeals import selectors, services
from luoshi.appeals.models import Appeal, AppealStep, Channel, Rating
from luoshi.core.api_errors import READ_ERRORS, WRITE_ERRORS, ErrorOut
from luoshi.core.apitools import (
    DateIn,
    ExactDecimal,
    Pagination,
    StepOut,
    choice_label,
    expected_version_field,
    model_text,
    scoped,
)
from luoshi.core.periods import today
from luoshi.core.workdays import DaysLeft
from luoshi.core.workflow import Refused
from luoshi.organisations import access
from luoshi.organisations.access import profile_of, role_of
from luoshi.organisations.models import Enterprise, Organisation, Role

router = Router(tags=["appeals 企业诉求"])

MAX_ID = 2**31 - 1
RATE = "rate"
LIST_ERRORS = {**READ_ERRORS, 403: ErrorOut}


class AppealOut(Schema):
    """An appeal (企业诉求) as the lists show it: who, what, which unit holds it, the deadline and the state."""

    id: int
    title: str
    category: str = Field(max_length=20, description="land, finance, labour, approval, policy, infrastructure, "
                                                     "utilities, other")
    category_label: str
    urgency: str = Field(description="normal 一般 / urgent 紧急 / critical 特急")
    urgency_label: str
    channel: str = Field(description="online 企业在线提交 / reception 企业家接待日 / visit 走访收集 / phone 电话受理")
    state: str = Field(description="registered 登记 / assigned 交办 / analysing 研判 / solved 解决 / closed 办结")
    state_label: str
    enterprise_id: int
    enterprise: str
    district_id: int
    assigned_unit_id: int | None = Field(description="承办单位")
    assigned_unit: str | None
    deadline: date | None = Field(description="办理期限")
    working_days_left: int | None = Field(description=(
        "距办理期限的工作日数,与页面“还剩N个工作日”“已超期N个工作日”相同:办理期限按工作日计(节假日、调休按国务院"
        "安排),今天到期为0,已过期限为负数(超过期限的工作日数);无期限为空"))
    days_left: int | None = Field(description="距办理期限的日历天数(负数为已超期天数);仅为兼容保留,期限按工作日计,请用 "
                                              "working_days_left")
    overdue: bool = Field(description="交办或研判中且已超过办理期限")
    escalation_level: int = Field(description="0 未督办,1 超期督办承办单位,2 报区领导")
    rating: str = Field(description="满意度:satisfied / basically / unsatisfied,未评价为空")
    reopen_count: int = Field(description="重办次数")
    version: int
    created_at: datetime

    resolve_category_label = choice_label("category")

    resolve_urgency_label = choice_label("urgency")

    resolve_state_label = choice_label("state")

    @staticmethod
    def resolve_enterprise(obj) -> str:
        return obj.enterprise.name

    @staticmethod
    def resolve_assigned_unit(obj) -> str | None:
        return str(obj.assigned_unit) if obj.assigned_unit_id else None

    @staticmethod
    def resolve_working_days_left(obj, context) -> int | None:
        request = context["request"]  # one read of the holidays for all the rows of a list
        if getattr(request, "_luoshi_days_left", None) is None:
            request._luoshi_days_left = DaysLeft(today())
        return request._luoshi_days_left(obj.deadline)

    @staticmethod
    def resolve_days_left(obj) -> int | None:
        return (obj.deadline - today()).days if obj.deadline else None

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return obj.is_overdue(today())


class AppealStepOut(StepOut):
    """One step of the loop: a move, a reminder or an escalation (经办人 系统: the scheduler)."""

    unit_id: int | None
    rating: str

    @staticmethod
    def resolve_unit_id(row) -> int | None:
        return row.step.unit_id

    @staticmethod
    def resolve_rating(row) -> str:
        return row.step.rating


class AttachmentOut(Schema):
    """A file of an appeal: its metadata and the page address that streams it to whoever may see the appeal."""

    id: int
    original_name: str
    content_type: str
    size: int = Field(description="字节")
    uploaded_at: datetime
    url: str = Field(description="下载地址(页面地址,需登录)")

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("appeals:attachment", args=[obj.pk])


class AppealDetailOut(AppealOut):
    """One appeal with its text, the answer, every step, its files and the moves this user may make now."""

    description: str
    answer: str = Field(description="答复意见")
    actions_taken: str = Field(description="办理情况")
    assigned_at: datetime | None
    solved_at: datetime | None
    rated_at: datetime | None
    closed_at: datetime | None
    booking_id: int | None = Field(description="来自企业家接待日预约时的预约")
    steps: list[AppealStepOut]
    attachments: list[AttachmentOut]
    next_actions: list[str] = Field(description="当前用户现在可以进行的操作(assign、accept、return、solve、"
                                                "confirm、reopen)")

    @staticmethod
    def resolve_steps(obj) -> list:
        return selectors.appeal_steps(obj)

    @staticmethod
    def resolve_attachments(obj) -> list:
        return list(obj.attachments.all())

    @staticmethod
    def resolve_next_actions(obj, context) -> list[str]:
        return services.allowed_actions(context["request"].user, obj)


class AppealFilters(Schema):
    """Filters of the appeal list; each applies to the lists of the roles that have it."""

    overdue: bool = Field(False, description="督办台账:只列超期未办的")
    district: int | None = Field(None, ge=1, le=MAX_ID, description="督办台账:只列某区的(市级用户)")
    include_finished: bool = Field(False, description="承办单位:也列出已答复、已办结的")


class AppealIn(Schema):
    """A new appeal, without attachments (files are added on the page). An enterprise files for itself;
    district staff record one collected on a visit (走访收集) for an enterprise of their district."""

    enterprise_id: int | None = Field(None, ge=1, le=MAX_ID, description="企业(企业用户可省略,即本企业)")
    category: str = Field(max_length=20, description="land, finance, labour, approval, policy, infrastructure, "
                                                     "utilities, other")
    urgency: str = Field("normal", max_length=20, description="normal 一般 / urgent 紧急 / critical 特急")
    title: str = model_text(Appeal, "title", description="诉求标题(不超过100字)")
    description: str = model_text(Appeal, "description", description="诉求内容")
    channel: str | None = Field(None, max_length=20, description="工作人员代为登记时的来源:visit 走访收集(默认)、phone "
                                                                 "电话受理或 reception 接待日")


class AppealMoveIn(Schema):
    """One move of the loop: assign (with unit_id), accept, return (text: the reason), solve (text: the
    answer, actions_taken: what was done), rate (rating; 不满意 reopens the appeal)."""

    action: str = Field(max_length=20, description="assign, accept, return, solve, rate")
    unit_id: int | None = Field(None, ge=1, le=MAX_ID, description="交办时的承办单位")
    text: str = model_text(AppealStep, "text", "", description="退回理由、答复意见、或代企业记录回访的情况")
    actions_taken: str = model_text(Appeal, "actions_taken", "", description="办理情况(解决答复时必填)")
    rating: str = Field("", max_length=20,
                        description="评价时:satisfied 满意 / basically 基本满意 / unsatisfied 不满意")
    expected_version: int = expected_version_field(first_entry=False)


class UrgeIn(Schema):
    """督办: what the district presses the unit for."""

    text: str = model_text(AppealStep, "text", description="督办意见")


class StatRowOut(Schema):
    """One line of the statistics: a unit (or 未交办), the last line the district's total; rates in %."""

    label: str
    received: int = Field(description="受理")
    solved: int = Field(description="解决(已答复)")
    on_time: int = Field(description="按期解决")
    on_time_rate: ExactDecimal | None = Field(description="按期解决率(%)")
    rated: int = Field(description="已评价")
    satisfied: int = Field(description="满意与基本满意")
    satisfaction_rate: ExactDecimal | None = Field(description="满意率(%)")
    reopened: int = Field(description="重办")
    overdue: int = Field(description="超期未办")
    avg_days: ExactDecimal | None = Field(description="平均办理天数")


class StatisticsOut(Schema):
    """A district's appeals filed in a period, per unit holding them now, and the total."""

    district_id: int
    date_from: date
    date_to: date
    units: list[StatRowOut]


def _appeal(request, appeal_id: int) -> Appeal:
    """One appeal with its steps and files, or 404 when the user may not see it."""
    try:
        return selectors.appeal_detail(request.user, appeal_id)
    except Appeal.DoesNotExist:
        raise Http404 from None


def _district(request, org_id: int) -> Organisation:
    return scoped(request, Organisation.objects.districts(), pk=org_id)


@router.get("", response={200: list[AppealOut], **LIST_ERRORS}, summary="诉求列表 Each role's list of appeals")
@paginate(Pagination)
def appeal_list(request, filters: Query[AppealFilters]):
    """An enterprise: its own appeals, newest first (我的诉求). Unit staff: the appeals given to their unit,
    the nearest deadline first (待办; `include_finished` adds the answered and closed ones). District
    leaders, 发改/统计, the discipline commission and the city: every appeal not closed, overdue first
    (督办台账; `overdue` keeps only the overdue ones, `district` one district)."""
    user, role = request.user, role_of(request.user)
    if role == Role.ENTERPRISE:
        return selectors.enterprise_appeals(user).select_related("enterprise")
    if role == Role.UNIT_STAFF:
        return selectors.unit_inbox(user, include_finished=filters.include_finished).select_related("assigned_unit")
    access.require(user, "appeals.supervise")
    district = _district(request, filters.district) if filters.district else None
    return [r.appeal for r in selectors.supervision_list(user, district=district, overdue_only=filters.overdue)]


@router.get("/{int:appeal_id}", response={200: AppealDetailOut, **READ_ERRORS}, summary="诉求 One appeal")
def appeal(request, appeal_id: int):
    """One appeal the user may see (404 otherwise) with its steps, its files (metadata and download
    address) and the moves the user may make now."""
    return _appeal(request, appeal_id)


@router.post("", response={201: AppealDetailOut, 200: AppealDetailOut, **WRITE_ERRORS},
             summary="提交诉求 File an appeal")
def file_appeal(request, payload: AppealIn):
    """登记: an enterprise files online for itself; district staff record one for an enterprise of their
    district (enterprise_id). Refused fields answer 422 with every reason; an enterprise outside the user's
    scope 404; a user who may not file for it 403. Attachments are added on the appeal's page."""
    user = request.user
    profile = profile_of(user)
    own = profile.enterprise_id if profile is not None and profile.role == Role.ENTERPRISE else None
    enterprise_id = payload.enterprise_id or own
    if enterprise_id is None:
        raise Refused([_("请选择企业")])
    enterprise = scoped(request, Enterprise, pk=enterprise_id)
    channel = payload.channel or None
    if channel is not None and channel not in Channel.values:
        raise Refused([_("来源渠道应为走访收集、电话受理、企业家接待日或企业在线提交")])
    saved = services.file_appeal(user, enterprise=enterprise, category=payload.category, urgency=payload.urgency,
                                 title=payload.title, description=payload.description, channel=channel)
    return Status(201, selectors.appeal_detail(user, saved.pk))


@router.post("/{int:appeal_id}/moves", response={200: AppealOut, **WRITE_ERRORS}, summary="办理 Move an appeal")
def move(request, appeal_id: int, payload: AppealMoveIn):
    """assign (district staff, with unit_id), accept / return (with the reason) / solve (with the answer and
    what was done) by the assigned unit, rate by the enterprise (满意, 基本满意 close it, 不满意 reopens it to
    the unit; district staff may record a return visit with a note). A move the user plays no part in
    answers 403, one the loop refuses 422 with the reasons, a stale `expected_version` 409. Answers the
    appeal as it now is (a unit that returned it no longer sees it)."""
    user = request.user
    found = _appeal(request, appeal_id)
    action = payload.action
    if action == RATE:
        if payload.rating not in Rating.values:
            raise Refused([_("请选择满意度(满意、基本满意或不满意)")])
        action = services.REOPEN if payload.rating == Rating.UNSATISFIED else services.CONFIRM
    unit = None
    if payload.unit_id is not None:
        unit = Organisation.objects.for_user(user).filter(pk=payload.unit_id).first()
        if unit is None:  # who may not make the move at all hears that (403) before what is wrong with it
            access.require(user, f"appeals.{action}", found)
            raise Refused([_("承办单位不存在，或不在您的查看范围内")])
    return services.transition(user, found, action, text=payload.text, unit=unit, rating=payload.rating,
                               actions_taken=payload.actions_taken, expected_version=payload.expected_version)


@router.post("/{int:appeal_id}/urge", response={201: AppealStepOut, 200: AppealStepOut, **WRITE_ERRORS},
             summary="督办 Press the unit on an open appeal")
def urge(request, appeal_id: int, payload: UrgeIn):
    """District staff press the assigned unit on an appeal being handled (交办 or 研判); recorded as a step
    and sent to the unit, the state is unchanged. Others who see the appeal 403; an appeal not open, or no
    text, 422."""
    found = _appeal(request, appeal_id)
    step = services.urge(request.user, found, payload.text)
    return Status(201, next(row for row in selectors.appeal_steps(found) if row.step.pk == step.pk))


@router.get("/districts/{int:org_id}/statistics", response={200: StatisticsOut, **READ_ERRORS},
            summary="诉求统计 Statistics per unit of a district")
def statistics(request, org_id: int, date_from: DateIn | None = None, date_to: DateIn | None = None):
    """Appeals of the district filed from `date_from` to `date_to` (both included, in 2000–2100 or 422 naming
    the parameter; by default this year),
    per unit holding them now, then the district's total: received, solved, on time, satisfaction, reopened,
    overdue, average days. Only the appeals the user may see are counted."""
    district = _district(request, org_id)
    year = today().year
    date_from, date_to = date_from or date(year, 1, 1), date_to or date(year, 12, 31)
    if date_to < date_from:
        date_from, date_to = date_to, date_from
    rows = selectors.unit_statistics(request.user, district, date_from, date_to)
    return {"district_id": district.pk, "date_from": date_from, "date_to": date_to,
            "units": [{**vars(r), "on_time_rate": r.on_time_rate, "satisfaction_rate": r.satisfaction_rate}
                      for r in rows]}
