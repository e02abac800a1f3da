"""Demo work plans (演示数据).

- 中原区: the ten sections of seed 002 ("十项工作") and their task sentences as the report reader finds them
  (`reader.read_tasks`), each with the unit and leader the section belongs to, the deadline the text gives
  ("3月底前", "5月底前") or the year's end. The plan runs in the current year so that the demo is alive: the
  monthly progress of each task is synthetic (marked “合成”), some tasks lag, the 国棉三厂 task (5月底前) is
  overdue with a 催办单 waiting for 须水街道's reply, and the 郑新热电厂 task (3月底前) is closed (销号).
- 经开区: the headings of seed 000 ("突出抓好十个方面", those the article names), and a 督察整改 list after seed
  001's 中央生态环境保护督察整改工作推进会 whose problems are synthetic and marked so.
Units and leaders the seeds do not name are created synthetic. Safe to run again.
"""
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from luoshi.core.periods import today
from luoshi.organisations.models import Organisation, OrgKind, Profile, Role
from luoshi.workplan import services
from luoshi.workplan.models import MeasureKind, NoticeKind, ProgressReport, TaskCategory, TaskState, WorkPlan
from luoshi.workplan.reader import read_tasks
from luoshi.workplan.status import period_end, previous_period_end

S0, S1, S2 = "000_fe62a0247c95cbc5.txt", "001_9ad7097c21d10d23.txt", "002_b7bdd805f71aa3f4.txt"
SYNTHETIC = "合成"
SEEDS = Path(settings.BASE_DIR) / "tests" / "ingestion" / "gold" / "seeds"  # the repository's copy of ../shared/seeds

# 中原区's units the seed does not name (synthetic), beside the demo's 发改委, 须水街道 and 国投公司.
ZY_UNITS = [("住房和城乡建设局", "住建局"), ("商务局", "商务局"), ("科技和工业信息化局", "科工信局"),
            ("财政局", "财政局"), ("教育局", "教育局"), ("人力资源和社会保障局", "人社局")]
# (login, name, post): synthetic people (the profile's source says so), shown as “韩振华（中原区常务副区长）”.
ZY_LEADERS = [("zy_changwu", "韩振华", "常务副区长"), ("zy_chengjian", "曹建平", "分管城建副区长"),
              ("zy_keji", "冯雪", "分管科技副区长")]
# section number -> (lead unit, cooperating units, leader username, category)
ZY_SECTIONS = {
    1: ("发改委", ["财政局"], "zy_changwu", "重点工作"), 2: ("商务局", ["发改委"], "zy_changwu", "重点工作"),
    3: ("发改委", ["财政局"], "zy_changwu", "重点工作"), 4: ("科工信局", ["发改委"], "zy_keji", "重点工作"),
    5: ("科工信局", ["商务局"], "zy_keji", "重点工作"), 6: ("住建局", ["国投公司"], "zy_chengjian", "重点工作"),
    7: ("住建局", ["国投公司"], "zy_chengjian", "问题楼盘化解"), 8: ("科工信局", [], "zy_keji", "重点工作"),
    9: ("商务局", ["发改委"], "zhongyuan_leader", "重点工作"), 10: ("人社局", ["教育局"], "zy_changwu", "民生实事"),
}
CLOSED_WORDS, OVERDUE_WORDS, XUSHUI_WORDS = "郑新热电厂片区", "国棉三厂", ("国棉三厂", "须水棚户区")
BEHIND_WORDS = ("专项借款", "商品房销售面积", "技术合同成交额", "专业园区")  # lag in the synthetic progress
QUIET_WORDS = ("国家重大项目库",)  # nothing reported yet
OUTPUTS = {"教学班": [("新增教学班", "个", 160), ("新增学位", "学位", 7000)],
           "养老托养床位": [("社区养老服务设施", "个", 1), ("养老托养床位", "张", 300), ("婴幼儿托位", "个", 800)]}
JK_HEADINGS = ["项目建设", "主导产业转型升级", "科技创新赋能新质生产力", "对外开放能级提升", "重点领域改革",
               "安全生产", "安全稳定", "民生底线"]
JK_RECTIFICATION = [  # synthetic problems (合成), after seed 001's meeting
    ("部分工地扬尘防控措施落实不到位", "裸土覆盖率100%,出入车辆冲洗设施全覆盖,经复查无扬尘问题", "明湖办事处", 4, True),
    ("园区企业挥发性有机物无组织排放", "完成12家企业废气收集治理改造并通过监测", "经发局", 6, True),
    ("雨污管网混接错接导致雨水口污水溢流", "完成混接点改造,旱天雨水口无污水排出", "投资集团", 9, False),
    ("建筑垃圾临时堆放点未规范管理", "堆放点清理完毕,设立规范消纳场所", "明湖办事处", 11, False),
    ("重点行业企业环境信息依法披露不全", "应披露企业全部按期披露", "经发局", 12, False),
]


def _unit(district, name, short):
    unit, _created = Organisation.objects.get_or_create(parent=district, name=name, defaults=dict(
        short_name=short, kind=OrgKind.DEPARTMENT, source=SYNTHETIC, is_synthetic=True))
    return unit


def _login(username, role, organisation, display, title=""):
    """A synthetic demo login (the demo password), created once: a plausible name and its post, marked
    synthetic by the profile's source."""
    from luoshi.core.demo import DEMO_PASSWORD

    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
        Profile.objects.create(user=user, role=role, organisation=organisation, display_name=display, title=title,
                               source=SYNTHETIC)
    return user


def _leader(district, username, display, title=""):
    return _login(username, Role.DISTRICT_LEADER, district, display, title)


def _office(district):
    return get_user_model().objects.filter(profile__role=Role.SUPERVISION, profile__organisation=district).first()


def _staff(unit):
    """The unit's staff login (a synthetic one for a unit the demo logins leave out)."""
    return get_user_model().objects.filter(profile__role=Role.UNIT_STAFF, profile__organisation=unit).first() \
        or _synthetic_staff(unit)


def _synthetic_reports(task, on: date, lag: bool):
    """Monthly reports of the lead unit up to the last month ended, its percent near the time elapsed (well
    behind it for a lagging task); written as the unit would have, on the 3rd of the next month."""
    user = _staff(task.lead_unit)
    wobble = task.pk % 7 - 2  # tasks do not all advance alike
    end = period_end(task.start, "monthly")
    last = previous_period_end(on, "monthly")
    span = max(1, (task.deadline - task.start).days)
    while end <= min(last, task.deadline):
        share = Decimal((end - task.start).days * 100 / span).quantize(Decimal("1"))
        pct = min(Decimal(100), (share * Decimal("0.55") if lag else share + wobble).quantize(Decimal("1")))
        when = timezone.make_aware(datetime.combine(end + timedelta(days=3), time(10)))
        ProgressReport.objects.create(task=task, unit=task.lead_unit, period_end=end, percent=pct,
                                      text=f"({SYNTHETIC})截至{end:%m月%d日},完成{pct}%。", reported_by=user,
                                      reported_at=when)
        end = period_end(end + timedelta(days=1), "monthly")


def _zhongyuan(orgs, year: int, on: date) -> int:
    district = orgs["中原区"]
    office = _office(district)
    if office is None or WorkPlan.objects.filter(organisation=district, year=year).exists():
        return 0
    units = {u.short_name: u for u in Organisation.objects.filter(parent=district)}
    for name, short in ZY_UNITS:
        units[short] = _unit(district, name, short)
    leaders = {u: _leader(district, u, d, t) for u, d, t in ZY_LEADERS}
    leaders["zhongyuan_leader"] = get_user_model().objects.get(username="zhongyuan_leader")
    text = (SEEDS / S2).read_text(encoding="utf-8")
    plan = services.create_plan(office, organisation=district, year=year, title="“十项工作”",
                                source=f"{S2}（2025年“十项工作”，演示按当年排期）")
    categories = {c.name: c for c in TaskCategory.objects.all()}
    sections = {}
    count = 0
    for finding in read_tasks(text, date=date(2024, 12, 30)):
        number, _sep, title = finding["indicator_phrase"].partition(" ")
        number = int(number)
        if number not in sections:
            sections[number] = services.add_section(office, plan, number=number, title=title)
        lead, cooperating, leader, category = ZY_SECTIONS[number]
        sentence = finding["text"]
        if any(w in sentence for w in XUSHUI_WORDS):
            lead = "须水街道"
        month = finding["month"]
        deadline = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        outputs = next((o for key, o in OUTPUTS.items() if key in sentence), ())
        own = bool(finding["wording"] and finding["unit"] and not outputs)
        milestones = [(date(year, 6, 30), "完成年度任务过半")] if deadline.month == 12 and own else []
        task = services.create_task(office, plan, services.TaskInput(
            title=sentence, lead_unit=units[lead], deadline=deadline, section=sections[number],
            lead_leader=leaders[leader], cooperating_units=tuple(units[c] for c in cooperating if c != lead),
            category=categories["民生实事" if outputs else category], number=str(count + 1),
            measure_kind=MeasureKind.OWN if own else MeasureKind.NONE,
            measure_wording=finding["wording"] if own else "",
            milestones=tuple(milestones), outputs=tuple(outputs), source=f"{S2}[{finding['start']}:{finding['end']}]"))
        count += 1
        if any(w in sentence for w in QUIET_WORDS):
            continue
        _synthetic_reports(task, on, lag=any(w in sentence for w in BEHIND_WORDS))
        if milestones and not any(w in sentence for w in BEHIND_WORDS) and on > milestones[0][0]:
            task.milestones.update(done_on=milestones[0][0])
        services.refresh_latest(task)  # reports and milestones written directly, as the units would have
        if CLOSED_WORDS in sentence:
            evidence = SimpleUploadedFile("开工报告.pdf", b"%PDF-1.4 (synthetic) commencement report")
            task = services.transition(_staff(task.lead_unit), task, services.APPLY,
                                       text=f"({SYNTHETIC})片区已实质性开工", files=[evidence])
            services.transition(office, task, services.APPROVE, text="经现场核查,同意销号")
        if OVERDUE_WORDS in sentence and task.state == TaskState.OPEN:
            services.issue_notice(office, task, kind=NoticeKind.URGE,
                                  text=f"({SYNTHETIC})A组团主体改造已超过5月底的完成时限,请说明原因并报送整改计划")
    return count


def _jingkai(orgs, year: int, on: date) -> int:
    district = orgs["经开区"]
    office = _office(district)
    if office is None or WorkPlan.objects.filter(organisation=district, year=year).exists():
        return 0
    plan = services.create_plan(office, organisation=district, year=year, title="突出抓好十个方面",
                                source=f"{S0}（文章列出其中{len(JK_HEADINGS)}个方面）")
    for number, heading in enumerate(JK_HEADINGS, start=1):
        services.add_section(office, plan, number=number, title=heading)
    rectification = services.create_plan(office, organisation=district, year=year,
                                         title="中央生态环境保护督察反馈问题整改清单",
                                         source=f"{S1}（整改工作推进会）；问题为{SYNTHETIC}", is_synthetic=True)
    units = {u.short_name: u for u in Organisation.objects.filter(parent=district)}
    category = TaskCategory.objects.get(name="督察整改")
    for number, (problem, standard, unit, month, closed) in enumerate(JK_RECTIFICATION, start=1):
        deadline = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        task = services.create_task(office, rectification, services.TaskInput(
            title=f"整改:{problem}", lead_unit=units[unit], deadline=deadline, category=category, number=str(number),
            problem=problem, standard=standard, source=f"{SYNTHETIC}（依{S1}会议）", is_synthetic=True))
        _synthetic_reports(task, on, lag=False)
        services.refresh_latest(task)
        if closed:
            task = services.transition(_staff(task.lead_unit), task, services.APPLY, text=f"({SYNTHETIC})"
                                                                                          f"已按整改标准完成",
                                       files=[SimpleUploadedFile("验收.pdf", b"%PDF-1.4 (synthetic) acceptance")])
            services.transition(office, task, services.APPROVE, text="验收合格,同意销号")
    return len(JK_RECTIFICATION)


@transaction.atomic
def load_workplan_demo() -> int:
    services.ensure_categories()
    orgs = {o.short_name: o for o in Organisation.objects.filter(parent__kind=OrgKind.CITY)}
    if "中原区" not in orgs or "经开区" not in orgs:
        return 0
    on = today()
    return _zhongyuan(orgs, on.year, on) + _jingkai(orgs, on.year, on)


def _synthetic_staff(unit):
    """A synthetic staff login for a unit that leads demo work, so that it can report and apply for 销号."""
    from luoshi.core.demo import synthetic_name

    return _login(f"wp_unit_{unit.pk}", Role.UNIT_STAFF, unit, synthetic_name(unit.pk + 6), "工作人员")
