"""Demo data of enterprise service (企业诉求、企业家接待日), loaded after the core demo.

Real where the seeds speak: the reception rule (每两周分管领导、每月主要领导接待企业) and the closed loop
(事项交办、研判解决、跟踪督办、反馈回访) are 经开区's, from the seed article S1; the enterprises 三全食品 and
思念食品 (惠济区) are named in S0. Everything else (the appeals, the dates, the deputy leaders) is
synthetic and marked so. Dates are relative to today, so there is always an overdue appeal, a reminder
due, and reception days to book. Safe to run again: nothing is duplicated.
"""
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from luoshi.appeals import services as s
from luoshi.appeals.models import (
    Appeal,
    AppealStep,
    Booking,
    Category,
    LeaderRank,
    Rating,
    ReceptionDay,
    ReceptionLeader,
    Urgency,
)
from luoshi.core.demo import DEMO_PASSWORD, S1, SYNTHETIC
from luoshi.core.periods import today
from luoshi.organisations.models import Enterprise, Organisation, Profile, Role

RULE_SOURCE = f"{S1}（接待日规则）；日期与接待领导为{SYNTHETIC}"
# Deputy leaders the seeds do not name: needed for the fortnightly deputy reception days.
# (login, name, post, district): the names and posts are synthetic, as the profile's source says.
DEPUTIES = [("jingkai_deputy", "杨帆", "管委会副主任", "经开区"), ("huiji_deputy", "许志刚", "副区长", "惠济区")]
ROSTER = [("经开区", "jingkai_leader", LeaderRank.PRINCIPAL, "管委会主任"),
          ("经开区", "jingkai_deputy", LeaderRank.DEPUTY, "分管副主任"),
          ("惠济区", "huiji_leader", LeaderRank.PRINCIPAL, "区长"),
          ("惠济区", "huiji_deputy", LeaderRank.DEPUTY, "副区长")]

SANQUAN, SINIAN, GCL = "三全食品股份有限公司", "郑州思念食品有限公司", "协鑫新能源储能产业集群项目公司"
# (enterprise, filer, category, urgency, title, description, [(action, days ago, user, kwargs)])
APPEALS = [
    (SANQUAN, "sanquan", Category.LABOUR, Urgency.NORMAL, "节后一线普工招聘缺口约300人",
     "春节后返岗率不足,速冻生产线缺普工约300人,希望协助对接劳务输出地和职业院校。", [(None, 1, None, {})]),
    (SINIAN, "huiji_data", Category.UTILITIES, Urgency.URGENT, "二期冷库双回路供电接入",
     "二期冷库即将投用,需双回路供电,供电方案迟迟未批复。",
     [(None, 4, None, {}), (s.ASSIGN, 3, "huiji_data", {"unit": "古荥镇"})]),
    (SANQUAN, "sanquan", Category.APPROVAL, Urgency.NORMAL, "二期厂房施工许可办理",
     "二期厂房已取得规划许可,施工许可办理进度慢,影响开工。",
     [(None, 17, None, {}), (s.ASSIGN, 16, "huiji_data", {"unit": "古荥镇"}), (s.ACCEPT, 14, "huiji_guxing", {})]),
    (SINIAN, "huiji_data", Category.FINANCE, Urgency.NORMAL, "技改项目贷款贴息申报",
     "技改项目贷款贴息政策申报材料要求不清楚,希望专人指导。",
     [(None, 6, None, {}), (s.ASSIGN, 5, "huiji_data", {"unit": "古荥镇"}), (s.ACCEPT, 4, "huiji_guxing", {})]),
    (SANQUAN, "sanquan", Category.POLICY, Urgency.NORMAL, "技改奖补资金兑现",
     "上年度技改奖补资金已公示,尚未拨付。",
     [(None, 13, None, {}), (s.ASSIGN, 12, "huiji_data", {"unit": "古荥镇"}), (s.ACCEPT, 11, "huiji_guxing", {}),
      (s.SOLVE, 2, "huiji_guxing", {"text": "奖补资金已列入本月拨付计划",
                                    "actions_taken": "与财政部门核对名单,完成拨付审批"})]),
    (SANQUAN, "sanquan", Category.INFRASTRUCTURE, Urgency.NORMAL, "厂区南门道路积水",
     "厂区南门外道路排水不畅,雨后积水严重,货车进出困难。",
     [(None, 21, None, {}), (s.ASSIGN, 20, "huiji_data", {"unit": "古荥镇"}), (s.ACCEPT, 19, "huiji_guxing", {}),
      (s.SOLVE, 10, "huiji_guxing", {"text": "已清理雨水口", "actions_taken": "组织清掏雨水口两处"}),
      (s.REOPEN, 8, "sanquan", {"rating": Rating.UNSATISFIED, "text": "雨后仍然积水,需改造排水管网"}),
      (s.ACCEPT, 7, "huiji_guxing", {})]),
    (SANQUAN, "sanquan", Category.LAND, Urgency.NORMAL, "仓储物流用地指标",
     "冷链仓储项目需新增用地约50亩,希望纳入年度供地计划。",
     [(None, 41, None, {}), (s.ASSIGN, 40, "huiji_data", {"unit": "古荥镇"}), (s.ACCEPT, 39, "huiji_guxing", {}),
      (s.SOLVE, 25, "huiji_guxing", {"text": "已纳入年度供地计划", "actions_taken": "会同自然资源部门完成选址踏勘"}),
      (s.CONFIRM, 24, "sanquan", {"rating": Rating.SATISFIED})]),
    (SINIAN, "huiji_data", Category.OTHER, Urgency.NORMAL, "厂区周边公交线路调整",
     "夜班员工下班无公交,希望延长线路运营时间。",
     [(None, 30, None, {}), (s.ASSIGN, 29, "huiji_data", {"unit": "古荥镇"}), (s.ACCEPT, 28, "huiji_guxing", {}),
      (s.SOLVE, 15, "huiji_guxing", {"text": "公交公司同意增开夜班车", "actions_taken": "协调公交公司调整末班时间"}),
      (s.CONFIRM, 12, "huiji_data", {"rating": Rating.BASICALLY, "text": "电话回访:企业认可,希望再增加班次"})]),
    (SINIAN, "huiji_data", Category.LAND, Urgency.NORMAL, "闲置厂房盘活用途变更",
     "拟将闲置厂房改为研发中心,咨询用途变更手续。",
     [(None, 7, None, {}), (s.ASSIGN, 6, "huiji_data", {"unit": "古荥镇"}),
      (s.RETURN, 5, "huiji_guxing", {"text": "属区自然资源和规划部门职责,请重新交办"})]),
    (SINIAN, "huiji_data", Category.OTHER, Urgency.NORMAL, "员工子女就近入学",
     "引进技术人员的子女入学需协调。", [(None, 3, None, {}), (s.ASSIGN, 2, "huiji_data", {"unit": "花园口镇"})]),
]
# Appeals raised at last month's principal reception day: (district, enterprise, booker, topic, appeal, steps)
RECEPTION_APPEALS = [
    ("经开区", GCL, "jingkai_data", "储能电站并网", Category.INFRASTRUCTURE, "储能电站并网接入方案",
     "储能电站一期需接入110千伏变电站,希望协调供电公司尽快出具接入方案。",
     [(s.ASSIGN, 12, "jingkai_data", {"unit": "经发局"})]),
    ("惠济区", SANQUAN, "sanquan", "冷链车辆通行", Category.OTHER, "冷链物流车辆城区通行证",
     "冷链配送车辆白天进城受限,希望办理通行证。",
     [(s.ASSIGN, 20, "huiji_data", {"unit": "古荥镇"}), (s.ACCEPT, 19, "huiji_guxing", {}),
      (s.SOLVE, 9, "huiji_guxing", {"text": "已协调交警部门核发通行证", "actions_taken": "为12辆冷链车办理通行证"}),
      (s.CONFIRM, 8, "sanquan", {"rating": Rating.SATISFIED})]),
]


def _orgs() -> dict:
    orgs = {o.short_name: o for o in Organisation.objects.filter(parent__kind="city")}
    for unit in Organisation.objects.filter(parent__short_name__in=["经开区", "惠济区"]):
        orgs[f"{unit.parent.short_name}/{unit.short_name}"] = unit
    return orgs


def _users() -> dict:
    return {u.username: u for u in get_user_model().objects.all()}


def _month(d: date, shift: int) -> tuple[int, int]:
    index = d.year * 12 + d.month - 1 + shift
    return index // 12, index % 12 + 1


def _backdate(appeal: Appeal, action, when):
    """Put the last step, and the times it set, on the day it is said to have happened."""
    step = AppealStep.objects.filter(appeal=appeal).order_by("-id").first()
    AppealStep.objects.filter(pk=step.pk).update(at=when)
    fields = {None: {"created_at": when}, s.SOLVE: {"solved_at": when},
              s.CONFIRM: {"rated_at": when, "closed_at": when}}
    if action in (s.ASSIGN, s.REOPEN):
        fields[action] = {"assigned_at": when,
                          "deadline": s.deadline_for(appeal.category, appeal.urgency, timezone.localdate(when))}
    Appeal.objects.filter(pk=appeal.pk).update(**fields.get(action, {}))
    appeal.refresh_from_db()
    return appeal


def _run(appeal, steps, users, orgs, district):
    now = timezone.now()
    for action, days_ago, username, kwargs in steps:
        if action is not None:
            kwargs = dict(kwargs)
            if "unit" in kwargs:
                kwargs["unit"] = orgs[f"{district}/{kwargs['unit']}"]
            appeal = s.transition(users[username], appeal, action, **kwargs)
        appeal = _backdate(appeal, action, now - timedelta(days=days_ago))
    return appeal


def _leaders(users, orgs):
    for username, display, title, district in DEPUTIES:
        user, created = get_user_model().objects.get_or_create(username=username)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Profile.objects.get_or_create(user=user, defaults=dict(role=Role.DISTRICT_LEADER, display_name=display,
                                                               title=title, source=SYNTHETIC,
                                                               organisation=orgs[district]))
        users[username] = user
    for district, username, rank, title in ROSTER:
        ReceptionLeader.objects.get_or_create(district=orgs[district], user=users[username], rank=rank, defaults=dict(
            title=title, source=RULE_SOURCE, is_synthetic=True))


def _calendar(admin, orgs):
    on = today()
    for district in ("经开区", "惠济区"):
        for shift in (-1, 0, 1):
            s.generate_calendar(admin, orgs[district], *_month(on, shift), location="政务服务中心企业服务室",
                                source=RULE_SOURCE, is_synthetic=True)


def _past_principal_day(orgs, district):
    year, month = _month(today(), -1)
    return ReceptionDay.objects.get(district=orgs[district], date__year=year, date__month=month,
                                    host_rank=LeaderRank.PRINCIPAL)


def _bookings(users, orgs, enterprises):
    """Two turns on the next days ahead (through the service), one per district on last month's day."""
    upcoming = ReceptionDay.objects.filter(district=orgs["惠济区"], date__gte=today()).order_by("date")
    for day, (enterprise, username, topic) in zip(upcoming, [(SANQUAN, "sanquan", "冷库扩建用电增容"),
                                                             (SINIAN, "huiji_data", "研发中心人才公寓")], strict=False):
        if not Booking.objects.filter(reception_day=day, enterprise=enterprises[enterprise]).exists():
            s.book_reception(users[username], day, topic=topic, enterprise=enterprises[enterprise], is_synthetic=True)


@transaction.atomic
def load_appeals_demo() -> dict:
    orgs, users = _orgs(), _users()
    admin = users["admin"]
    enterprises = {e.name: e for e in Enterprise.objects.all()}
    _leaders(users, orgs)
    _calendar(admin, orgs)
    _bookings(users, orgs, enterprises)
    if Appeal.objects.filter(is_synthetic=True).exists():
        return {"appeals": 0}
    created = 0
    for name, filer, category, urgency, title, description, steps in APPEALS:
        appeal = s.file_appeal(users[filer], enterprise=enterprises[name], category=category, urgency=urgency,
                               title=title, description=description, source=SYNTHETIC, is_synthetic=True)
        _run(appeal, steps, users, orgs, "惠济区")
        created += 1
    for district, name, booker, topic, category, title, description, steps in RECEPTION_APPEALS:
        day = _past_principal_day(orgs, district)
        booking = Booking.objects.create(reception_day=day, enterprise=enterprises[name], slot=1, topic=topic,
                                         booked_by=users[booker], is_synthetic=True)
        appeal = s.appeal_from_booking(day.host, booking, category=category, title=title, description=description,
                                       is_synthetic=True)
        Appeal.objects.filter(pk=appeal.pk).update(source=SYNTHETIC)
        appeal = _backdate(appeal, None, timezone.make_aware(datetime.combine(day.date, day.start)))
        _run(appeal, steps, users, orgs, district)
        created += 1
    s.run_scheduler()
    return {"appeals": created}
