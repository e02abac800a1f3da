"""What a reader sees of people, moves, histories and sources: a person by name and post (never the login),
what was done in words (起草, 登记线索, 修改 — not draft, lead, ~), a seed file by its article's title."""
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from luoshi.accountability import services as letters
from luoshi.investment import services as investment
from luoshi.investment.models import InvestmentProject
from luoshi.organisations.models import Organisation, OrgKind, Profile, Role
from luoshi.organisations.selectors import person_label, person_labels
from tests.conftest import make_user

ZHANG = "张伟（惠济区发改委副主任）"


@pytest.fixture
def named(world):
    """a_data is 张伟, 发改委副主任 of district A (惠济区); a_unit is 李娜 of 古荥镇 with no post recorded."""
    Profile.objects.filter(user=world.users.a_data).update(display_name="张伟", title="发改委副主任")
    Profile.objects.filter(user=world.users.a_unit).update(display_name="李娜")
    for user in (world.users.a_data, world.users.a_unit):
        user.refresh_from_db()
    return world


def test_a_person_is_named_with_post_district_and_unit_and_never_twice(named):
    w = named
    assert person_label(w.users.a_data) == ZHANG
    assert person_label(w.users.a_unit) == "李娜（惠济区古荥镇）", "a unit's person: district and unit"
    city_unit = Organisation.objects.create(name="郑州市工业和信息化局", short_name="市工信局",
                                            kind=OrgKind.DEPARTMENT, parent=w.a.parent)
    officer = make_user("gxj", Role.UNIT_STAFF, city_unit)
    Profile.objects.filter(user=officer).update(display_name="王工信", title="科长")
    assert person_label(get_user_model().objects.get(pk=officer.pk)) == "王工信（市工信局科长）"
    Profile.objects.filter(user=officer).update(display_name="市工信局 科长(合成)")
    assert person_label(get_user_model().objects.get(pk=officer.pk)) == "市工信局 科长(合成)", \
        "a name that already says the unit and post is not told them again"
    loginonly = get_user_model().objects.create_user("nobody_in_particular")
    assert person_label(loginonly) == "nobody_in_particular", "the login only when nothing else is known"
    assert person_labels([w.users.a_data.pk, w.users.a_unit.pk, None]) == {
        w.users.a_data.pk: ZHANG, w.users.a_unit.pk: "李娜（惠济区古荥镇）"}


def test_the_letter_page_and_api_show_who_drafted_it_by_name_and_what_was_done_in_words(client, named):
    w = named
    letter = letters.create_letter(w.users.a_data, unit=w.a_unit, year=2025)
    client.force_login(w.users.a_data)
    page = client.get(reverse("accountability:letter", args=[letter.pk])).content.decode()
    assert f"{ZHANG} · 起草" in page
    assert "a_data" not in page and "· draft" not in page
    step = client.get(f"/api/accountability/letters/{letter.pk}").json()["steps"][0]
    assert step["actor"] == ZHANG and step["actor_id"] == w.users.a_data.pk
    assert step["action"] == "draft" and step["label"] == "起草", "the code stays for programs, the words beside it"


def test_an_investment_project_shows_moves_and_history_in_words_and_its_source_by_title(client, named):
    w = named
    lead = investment.create_lead(w.users.a_data, organisation=w.a, name="协鑫新能源储能产业集群", investor="协鑫集团",
                                  lead_date=date(2025, 1, 10))
    investment.transition(w.users.a_data, lead, investment.SIGN, when=date(2025, 3, 1), amount="30")
    InvestmentProject.objects.filter(pk=lead.pk).update(source="002_b7bdd805f71aa3f4.txt（项目名称）")
    client.force_login(w.users.a_leader)
    page = client.get(reverse("investment:project", args=[lead.pk])).content.decode()
    assert f"{ZHANG} · 登记线索" in page and f"{ZHANG} · 签约" in page
    assert "lead → lead" not in page and "sign → signed" not in page and "a_data" not in page
    assert f"<td>{ZHANG}</td>" in page, "the history's author by name and post"
    assert "《攻坚克难 统筹推进 2025年中原区重点做好“十项工作”》（项目名称）" in page
    assert "002_b7bdd805f71aa3f4.txt" not in page


def test_a_unit_history_says_created_and_changed_and_who_by_name(client, world):
    from luoshi.organisations import services

    w = world
    admin = make_user("a_admin", Role.DISTRICT_ADMIN, w.a)
    Profile.objects.filter(user=admin).update(display_name="周敏", title="区级管理员")
    admin = get_user_model().objects.get(pk=admin.pk)
    unit = services.save_unit(admin, w.a, name="花园口镇", short_name="花园口镇", kind=OrgKind.TOWN)
    services.save_unit(admin, w.a, unit=unit, name="花园口镇", short_name="花园口", kind=OrgKind.TOWN,
                       reason="简称统一")
    client.force_login(admin)
    page = client.get(reverse("organisations:unit_edit", args=[w.a.pk, unit.pk])).content.decode()
    assert "<td>新建</td>" in page and "<td>修改</td>" in page and "<td>周敏（惠济区区级管理员）</td>" in page
    assert "<td>+</td>" not in page and "<td>~</td>" not in page and "<td>a_admin</td>" not in page


def test_sources_read_as_documents_and_the_generator_in_words():
    from django.template import Context, Template

    shown = Template("{% load luoshi %}{{ s|source }}")
    render = lambda s: shown.render(Context({"s": s}))  # noqa: E731
    assert render("合成:generate-synthetic") == "合成数据（generate-synthetic 命令生成）"
    assert render("001_9ad7097c21d10d23.txt（整改工作推进会）；问题为合成") == \
        "《再造新经开！郑州经开区奏响新时代高质量发展最强音》（整改工作推进会）；问题为合成"
    assert render("合成（依003_3604f306ed372a90.txt会议）") == \
        "合成（依《攀高比强作标杆 全力以赴拼经济——访荥阳市委书记杨金军》会议）"
    assert render("区统计局月报") == "区统计局月报", "a source typed by a person stays as typed"
    assert render(None) == ""
