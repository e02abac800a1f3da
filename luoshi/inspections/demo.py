"""Demo data of 企业宁静日, loaded after the core demo.

The rule is 经开区's 《企业宁静日实施办法》 from the seed article S1 (每月1日到25日, the exempt categories,
approval and filing with the 纪检监察工委); 经开区's window is stored with that source. The visits, the
decisions and the report are synthetic, in 惠济区 where the demo discipline commission (huiji_jiwei) and
enterprise user (sanquan) work. Dates are relative to today. Safe to run again.
"""
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from luoshi.core.demo import S1, SYNTHETIC
from luoshi.core.periods import today
from luoshi.inspections import services as s
from luoshi.inspections.models import PlannedVisit, QuietWindow, UnannouncedVisitReport, VisitCategory, VisitType
from luoshi.organisations.models import Enterprise, Organisation

SANQUAN, SINIAN, GCL = "三全食品股份有限公司", "郑州思念食品有限公司", "协鑫新能源储能产业集群项目公司"
# (district, department, filer or None for the administrator, enterprise, month shift, day, type, category,
#  legal basis, purpose, then (action, user, text) moves)
VISITS = [
    ("惠济区", "统计局", None, SANQUAN, 1, 10, VisitType.SURVEY, VisitCategory.OTHER, "《统计法》第七条",
     "规上工业企业统计数据质量调研", [(s.APPROVE, "huiji_jiwei", "同意。请控制人数,不超过半天。")]),
    ("惠济区", "发改委", None, SINIAN, 1, 12, VisitType.ASSESSMENT, VisitCategory.OTHER, "区重点项目考核办法",
     "重点项目申报材料现场核查",
     [(s.REFUSE, "huiji_jiwei", "非必要进企业:请改为线上提交材料,或安排在当月26日以后。")]),
    ("惠济区", "古荥镇", "huiji_guxing", SANQUAN, -1, 15, VisitType.INSPECTION, VisitCategory.WORK_SAFETY,
     "《安全生产法》第六十五条", "冷库氨制冷系统安全检查", [(s.COMPLETE, "huiji_guxing", "检查完成,提出整改意见2条")]),
    ("惠济区", "花园口镇", None, SINIAN, 1, 27, VisitType.VISIT, VisitCategory.OTHER, "万人助万企活动方案",
     "助企走访,了解用工需求", []),
    ("惠济区", "古荥镇", "huiji_guxing", SANQUAN, 1, 18, VisitType.SURVEY, VisitCategory.OTHER, "镇党委工作安排",
     "食品产业园规划调研", []),
    ("经开区", "经发局", None, GCL, 1, 27, VisitType.TOUR, VisitCategory.OTHER, "三个一批观摩活动方案",
     "重点项目观摩", []),
]


def _month_day(shift: int, day: int) -> date:
    on = today()
    index = on.year * 12 + on.month - 1 + shift
    return date(index // 12, index % 12 + 1, day)


@transaction.atomic
def load_inspections_demo() -> dict:
    users = {u.username: u for u in get_user_model().objects.all()}
    districts = {o.short_name: o for o in Organisation.objects.filter(parent__kind="city")}
    enterprises = {e.name: e for e in Enterprise.objects.all()}
    QuietWindow.objects.get_or_create(district=districts["经开区"], defaults=dict(
        first_day=1, last_day=25, source=S1, is_synthetic=False))
    if PlannedVisit.objects.filter(is_synthetic=True).exists():
        return {"visits": 0}
    for district, dept, filer, enterprise, shift, day, vtype, category, basis, purpose, moves in VISITS:
        department = Organisation.objects.get(parent=districts[district], short_name=dept)
        visit = s.file_visit(users[filer or "admin"], department=department, enterprises=[enterprises[enterprise]],
                             date=_month_day(shift, day), visit_type=vtype, category=category, legal_basis=basis,
                             purpose=purpose, source=SYNTHETIC, is_synthetic=True)
        for action, username, text in moves:
            visit = s.transition(users[username], visit, action, text=text)
    huiji = districts["惠济区"]
    reported = s.report_unannounced(
        users["sanquan"], visit_date=today() - timedelta(days=3),
        department=Organisation.objects.get(parent=huiji, short_name="发改委"),
        description="两名工作人员以了解项目进度为名进厂调研,未出示报备,占用生产负责人半天。", is_synthetic=True)
    s.record_finding(users["huiji_jiwei"], reported, result=UnannouncedVisitReport.Finding.CONFIRMED,
                     finding="属实:区发改委未报备即进企业调研。已约谈分管负责人,责令整改并在全区通报。")
    s.report_unannounced(users["sanquan"], visit_date=today() - timedelta(days=1), department_name="某执法大队",
                         description="执法人员来厂检查,未说明检查依据。", is_synthetic=True)
    return {"visits": len(VISITS)}
