"""The demo city's organisations, enterprises and logins (one per role), from the seeds where they name
them, marked synthetic where they do not."""
from django.contrib.auth import get_user_model
from django.db import transaction

from luoshi.core.demo import DEMO_PASSWORD, S0, S1, S2, S3, S4, SYNTHETIC
from luoshi.organisations.credit_code import check_char
from luoshi.organisations.models import Enterprise, Organisation, OrgKind, Profile, Role

CITY = ("郑州市", "郑州市")
# name, short name, kind, the seed that names it
DISTRICTS = [
    ("郑州经济技术开发区", "经开区", OrgKind.DEV_ZONE, S1),
    ("惠济区", "惠济区", OrgKind.DISTRICT, S0),
    ("中原区", "中原区", OrgKind.DISTRICT, S2),
    ("郑东新区", "郑东新区", OrgKind.DEV_ZONE, S4),
    ("荥阳市", "荥阳市", OrgKind.COUNTY_CITY, S3),
    ("上街区", "上街区", OrgKind.DISTRICT, S3),
]
CITY_UNITS = [
    ("郑州市工业和信息化局", "市工信局", OrgKind.DEPARTMENT, S3),
    ("郑州市发展和改革委员会", "市发改委", OrgKind.DEPARTMENT, ""),
]
# district short name -> its units (name, short, kind, seed or "" for synthetic)
UNITS = {
    "经开区": [("纪检监察工委", "纪检监察工委", OrgKind.DEPARTMENT, S1),
             ("经济发展局", "经发局", OrgKind.DEPARTMENT, ""),
             ("统计局", "统计局", OrgKind.DEPARTMENT, ""),
             ("明湖办事处", "明湖办事处", OrgKind.TOWN, ""),
             ("经开区投资发展集团", "投资集团", OrgKind.PLATFORM, "")],
    "惠济区": [("发展和改革委员会", "发改委", OrgKind.DEPARTMENT, ""),
             ("统计局", "统计局", OrgKind.DEPARTMENT, ""),
             ("纪检监察工委", "纪检监察工委", OrgKind.DEPARTMENT, ""),
             ("古荥镇", "古荥镇", OrgKind.TOWN, S0),
             ("花园口镇", "花园口镇", OrgKind.TOWN, S0),
             ("惠济区城市发展投资有限公司", "城发公司", OrgKind.PLATFORM, "")],
    "中原区": [("发展和改革委员会", "发改委", OrgKind.DEPARTMENT, ""),
             ("统计局", "统计局", OrgKind.DEPARTMENT, ""),
             ("须水街道", "须水街道", OrgKind.TOWN, S2),
             ("中原区国有资产投资有限公司", "国投公司", OrgKind.PLATFORM, "")],
    "郑东新区": [("经济发展局", "经发局", OrgKind.DEPARTMENT, "")],
    "荥阳市": [("发展和改革委员会", "发改委", OrgKind.DEPARTMENT, "")],
    "上街区": [("发展和改革委员会", "发改委", OrgKind.DEPARTMENT, "")],
}
# Enterprises the seeds name; credit codes are synthetic (valid check digit, marked synthetic).
ENTERPRISES = [
    ("三全食品股份有限公司", "食品", True, "惠济区", S0),
    ("郑州思念食品有限公司", "食品", True, "惠济区", S0),
    ("中铝郑州有色金属研究院有限公司", "铝加工", True, "上街区", S3),
    ("协鑫新能源储能产业集群项目公司", "新能源储能", False, "经开区", S1),
    ("奇安信科技集团郑州分公司", "数字经济", False, "郑东新区", S4),
]

# Demo logins, one per role: username, name, post (职务), role, organisation short name (district or unit).
# The seeds name no such people: the names and posts are synthetic (the profile's source says so).
USERS = [
    ("city_admin", "周敏", "发改委系统管理员", Role.CITY_ADMIN, "郑州市"),
    ("jingkai_leader", "陈立", "管委会主任", Role.DISTRICT_LEADER, "经开区"),
    ("jingkai_data", "刘洋", "统计局科员", Role.DISTRICT_DATA, "经开区"),
    ("huiji_leader", "王建国", "区长", Role.DISTRICT_LEADER, "惠济区"),
    ("huiji_data", "张伟", "发改委副主任", Role.DISTRICT_DATA, "惠济区"),
    ("huiji_guxing", "李娜", "党政办科员", Role.UNIT_STAFF, "惠济区/古荥镇"),
    ("huiji_jiwei", "赵磊", "纪检监察工委干部", Role.DISCIPLINE, "惠济区"),
    ("zhongyuan_data", "孙丽", "发改委科员", Role.DISTRICT_DATA, "中原区"),
    ("zhongyuan_leader", "马强", "区长", Role.DISTRICT_LEADER, "中原区"),
    ("zhongyuan_duchashi", "黄静", "督查室主任", Role.SUPERVISION, "中原区"),
    ("zhongyuan_xushui", "吴刚", "办事员", Role.UNIT_STAFF, "中原区/须水街道"),
    ("jingkai_duchashi", "郑华", "督查室科员", Role.SUPERVISION, "经开区"),
    ("sanquan", "何芳", "联络员", Role.ENTERPRISE, "三全食品股份有限公司"),
]


def synthetic_credit_code(index: int, district_code: str = "410100") -> str:
    first17 = f"91{district_code}MA{index:07d}"[:17].ljust(17, "0")
    return first17 + check_char(first17)


def _org(parent, name, short, kind, seed):
    org, _ = Organisation.objects.get_or_create(
        parent=parent, name=name,
        defaults=dict(short_name=short, kind=kind, source=seed or SYNTHETIC, is_synthetic=not seed))
    return org


@transaction.atomic
def load() -> str:
    """Create (or complete) the demo city; safe to run again: nothing is duplicated or overwritten."""
    User = get_user_model()
    admin, created = User.objects.get_or_create(username="admin", defaults=dict(is_superuser=True, is_staff=True))
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    city = _org(None, CITY[0], CITY[1], OrgKind.CITY, S3)
    orgs = {"郑州市": city}
    for name, short, kind, seed in CITY_UNITS:
        orgs[short] = _org(city, name, short, kind, seed)
    for name, short, kind, seed in DISTRICTS:
        district = orgs[short] = _org(city, name, short, kind, seed)
        for u_name, u_short, u_kind, u_seed in UNITS.get(short, []):
            orgs[f"{short}/{u_short}"] = _org(district, u_name, u_short, u_kind, u_seed)
    enterprises = {}
    for i, (name, industry, above, district, seed) in enumerate(ENTERPRISES, start=1):
        enterprises[name], _ = Enterprise.objects.get_or_create(
            name=name, defaults=dict(credit_code=synthetic_credit_code(i), industry=industry, is_above_scale=above,
                                     district=orgs[district], source=f"{seed}；信用代码为{SYNTHETIC}",
                                     is_synthetic=False))
    for username, display, title, role, where in USERS:
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Profile.objects.update_or_create(user=user, defaults=dict(
            role=role, display_name=display, title=title, source=SYNTHETIC,
            organisation=orgs.get(where), enterprise=enterprises.get(where)))
    return f"{len(orgs)} organisations, {len(USERS)} logins"
