"""What a page hides from a role, the API hides too. For the same records, every value the API gives a
role — every text, name and time — must be one that role's page shows; the next field that leaks
(an official's user name, a step, another enterprise) fails here.

Each value of the API's answer is looked for in the page's text: texts as they are, times as the page
writes them (Asia/Shanghai, minutes), dates as ISO dates. Codes (states, categories, actions) are
skipped: the page writes their labels, which the API also gives and which are checked. Every official
gets a display name unlike their user name, so a user name the page never shows is caught."""
import html
import json
import re
from datetime import date, datetime

import pytest
import time_machine
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from luoshi.organisations.models import Profile, Role
from tests.conftest import make_user

CODE_KEYS = {"action", "from_state", "to_state", "next_actions", "content_type"}
NAMES = {"a_unit": "李镇干", "a_data": "王统计", "a_leader": "张区长", "a_discipline": "赵纪检", "city_admin": "孙市管",
         "a_enterprise": "钱经理", "a_dept": "周局员"}
ISO_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d")
ISO_DATE = re.compile(r"^\d{4}-\d\d-\d\d$")


def codes(*labels) -> set[str]:
    """Every choice value of the apps' models: the API's codes, which pages show as labels."""
    found = set()
    for label in labels:
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.fields:
                found |= {str(value) for value, _ in field.flatchoices}
    return found


def leaves(value, path=""):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from leaves(item, f"{path}[{i}]")
    else:
        yield path, value


def unseen(api_answer, page_html: str, skip: set[str]) -> list[tuple[str, object]]:
    """The values of the API's answer that the page does not show."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", page_html)) + " " + html.unescape(page_html)
    missing = []
    for path, value in leaves(api_answer):
        key = re.sub(r"\[\d+\]", "", path).split(".")[-1]
        if not isinstance(value, str) or len(value) < 2 or key in CODE_KEYS or value in skip:
            continue
        if ISO_TIME.match(value):
            shown = timezone.localtime(datetime.fromisoformat(value)).strftime("%Y-%m-%d %H:%M")
        elif ISO_DATE.match(value):
            shown = date.fromisoformat(value).isoformat()
        else:
            shown = value
        if shown not in text:
            missing.append((path, value))
    return missing


def compare(client, users, page_url, api_urls, skip, record_id):
    """For each user: the page and each API answer about the record; every leak, by user and field."""
    leaks = []
    for user in users:
        client.force_login(user)
        page = client.get(page_url)
        assert page.status_code == 200, (user, page_url, page.status_code)
        for url in api_urls:
            answer = client.get(url).json()
            if "items" in answer:  # a paginated list: the record's own item
                answer = next((item for item in answer["items"] if item["id"] == record_id), None)
                assert answer is not None, (user, url)
            leaks += [(user.username, url, path, value) for path, value in unseen(answer, page.content.decode(), skip)]
    return leaks


@pytest.fixture
def people(world):
    """Every official and the enterprise user named as people are (display names unlike user names)."""
    users = vars(world.users) | {"a_dept": make_user("a_dept", Role.UNIT_STAFF, world.a_unit)}
    for username, name in NAMES.items():
        Profile.objects.filter(user__username=username).update(display_name=name)
    return users


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_an_appeal_shows_each_role_through_the_api_only_what_its_page_shows(client, world, people):
    from luoshi.appeals import services

    with time_machine.travel("2025-03-10 10:00 +0800", tick=False) as clock:
        appeal = services.file_appeal(people["a_enterprise"], enterprise=world.a_ent, category="approval",
                                      title="二期厂房施工许可", description="施工许可办理进度慢,影响开工")
        services.add_attachment(people["a_enterprise"], appeal,
                                SimpleUploadedFile("申请.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"))
        clock.shift(3600)
        appeal = services.transition(people["a_data"], appeal, services.ASSIGN, unit=world.a_unit)
        clock.shift(3600)
        appeal = services.transition(people["a_unit"], appeal, services.ACCEPT)
        clock.shift(3600)
        appeal = services.transition(people["a_unit"], appeal, services.SOLVE, text="已协调住建部门限时办理",
                                     actions_taken="召开协调会,施工许可已于当日核发")
        readers = [people[u] for u in ("a_enterprise", "a_unit", "a_data", "a_leader", "a_discipline", "city_admin")]
        leaks = compare(client, readers, reverse("appeals:detail", args=[appeal.pk]), [f"/api/appeals/{appeal.pk}"],
                        codes("appeals"), appeal.pk)
    assert not leaks, leaks


def test_a_quiet_day_visit_shows_each_role_through_the_api_only_what_its_page_shows(client, world, people):
    from luoshi.inspections import services
    from luoshi.organisations.models import Enterprise
    from tests.conftest import valid_code

    neighbour = Enterprise.objects.create(name="郑州思念食品有限公司", credit_code=valid_code("91410100000000003"),
                                          district=world.a)
    with time_machine.travel("2025-03-03 10:00 +0800", tick=False) as clock:
        visit = services.file_visit(people["a_unit"], department=world.a_unit, enterprises=[world.a_ent, neighbour],
                                    date=date(2025, 3, 10), visit_type="survey", category="other",
                                    legal_basis="《统计法》第七条", purpose="规上企业统计数据质量调研")
        clock.shift(3600)
        visit = services.transition(people["a_discipline"], visit, services.APPROVE, text="同意,注意减少打扰")
        clock.move_to("2025-03-10 15:00 +0800")
        visit = services.transition(people["a_dept"], visit, services.COMPLETE, text="调研完成,企业数据规范")
        readers = [people[u] for u in ("a_enterprise", "a_unit", "a_dept", "a_data", "a_leader", "a_discipline",
                                       "city_admin")]
        leaks = compare(client, readers, reverse("inspections:detail", args=[visit.pk]),
                        [f"/api/inspections/visits/{visit.pk}", "/api/inspections/visits"],
                        codes("inspections"), visit.pk)
    assert not leaks, leaks


def test_an_enterprises_report_of_an_unannounced_visit_shows_the_same_through_page_and_api(client, world, people):
    from luoshi.inspections import services

    with time_machine.travel("2025-03-05 10:00 +0800", tick=False) as clock:
        report = services.report_unannounced(people["a_enterprise"], visit_date=date(2025, 3, 4),
                                             description="两人到厂调研,未出示报备", department=world.a_unit,
                                             enterprise=world.a_ent)
        clock.shift(7200)
        report = services.record_finding(people["a_discipline"], report, result="confirmed",
                                         finding="属实,已约谈古荥镇分管负责人")
        leaks = compare(client, [people["a_enterprise"], people["a_discipline"]],
                        reverse("inspections:report", args=[report.pk]), ["/api/inspections/reports"],
                        codes("inspections"), report.pk)
        client.force_login(people["a_enterprise"])
        mine = client.get("/api/inspections/reports").json()["items"][0]
    assert not leaks, leaks
    assert mine["matched_visit_id"] is None, "whether a filing matched is the commission's to know, as on the page"


def test_the_comparison_catches_a_value_the_page_does_not_show():
    """The check itself: a user name in the API answer that the page never writes is a leak."""
    answer = {"steps": [{"actor": "a_discipline", "text": "同意", "at": "2025-03-03T03:00:00+00:00"}]}
    page = "<li>同意 · 2025-03-03 11:00 · 赵纪检</li>"
    assert unseen(answer, page, set()) == [("steps[0].actor", "a_discipline")]
    assert json.dumps(unseen({"state": "approved"}, page, {"approved"})) == "[]"
