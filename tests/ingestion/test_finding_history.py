"""A finding keeps its history — proposed by the reader, corrected, accepted or rejected: who, when,
old → new and why — shown on the document's page; and a reviewer working from an older version of a
finding is refused instead of overwriting a colleague's correction."""
from django.urls import reverse

from luoshi.ingestion import services
from luoshi.ingestion.models import Finding, Status
from tests.ingestion.test_pages import HUIJI, read


def edit(client, finding, version, **fields):
    return client.post(reverse("ingestion:review", args=[finding.pk, "edit"]), {
        "kind": "target", "organisation": fields.pop("organisation"), "year": 2025, "month": "",
        "indicator": finding.indicator_id, "value": fields.pop("value"), "unit": "%", "is_growth": "on",
        "comparator": "about", "wording": "", "version": version}, follow=True)


def test_correcting_a_findings_value_and_organisation_is_kept_with_who_and_old_and_new(client, world):
    read(client, world, text=HUIJI)
    gdp = Finding.objects.get(text="地区生产总值增长6%左右")
    form = client.get(reverse("ingestion:edit_form", args=[gdp.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert 'name="version" value="1"' in form
    edit(client, gdp, 1, value="9", organisation=world.a_unit.pk)
    gdp.refresh_from_db()
    assert (gdp.value, gdp.organisation, gdp.version) == (9, world.a_unit, 2)
    corrected = gdp.history.first()
    assert corrected.history_user == world.users.a_data and corrected.history_change_reason == "修改解析结果"
    assert gdp.history.last().history_change_reason == "解析提出"

    page = client.get(reverse("ingestion:document", args=[gdp.document_id])).content.decode()
    audit = page[page.index('id="audit"'):]
    assert "a_data" in audit and "修改解析结果" in audit and "解析提出" in audit
    assert "数值:<del>6</del> → <ins>9</ins>" in audit and "单位:<del>惠济区</del> → <ins>古荥镇</ins>" in audit
    assert "<del>待确认</del> → <ins>已修改待采纳</ins>" in audit


def test_accepting_and_rejecting_are_in_the_history_with_the_reason(client, world):
    read(client, world, text=HUIJI)
    gdp = Finding.objects.get(text="地区生产总值增长6%左右")
    other = Finding.objects.exclude(pk=gdp.pk).filter(kind="target").first()
    client.post(reverse("ingestion:review", args=[gdp.pk, "accept"]), {"version": 1})
    client.post(reverse("ingestion:review", args=[other.pk, "reject"]), {"version": 1, "note": "以政府工作报告为准"})
    accepted, rejected = gdp.history.first(), other.history.first()
    assert (accepted.status, accepted.history_user, accepted.version) == (Status.ACCEPTED, world.users.a_data, 2)
    assert (rejected.status, rejected.history_change_reason) == (Status.REJECTED, "以政府工作报告为准")
    page = client.get(reverse("ingestion:document", args=[gdp.document_id])).content.decode()
    assert "<ins>已采纳</ins>" in page and "<ins>已驳回</ins>" in page and "以政府工作报告为准" in page


def test_a_review_made_from_an_older_version_is_refused_with_the_newer_finding(client, world):
    read(client, world, text=HUIJI)
    gdp = Finding.objects.get(text="地区生产总值增长6%左右")
    services.edit_finding(world.users.a_data, gdp, expected_version=1, value="6.5")
    stale = edit(client, gdp, 1, value="9", organisation=world.a.pk).content.decode()
    assert "已被他人修改（当前版本2）" in stale and "6.5%" in stale
    refused = client.post(reverse("ingestion:review", args=[gdp.pk, "accept"]), {"version": 1}, follow=True)
    assert "已被他人修改" in refused.content.decode()
    gdp.refresh_from_db()
    assert (gdp.value, gdp.status, gdp.version) == (6.5, Status.EDITED, 2)


def test_the_api_refuses_a_stale_acceptance_with_409(client, world):
    read(client, world, text=HUIJI)
    gdp = Finding.objects.get(text="地区生产总值增长6%左右")
    services.edit_finding(world.users.a_data, gdp, expected_version=1, value="6.5")
    url = f"/api/ingestion/findings/{gdp.pk}/accept"
    stale = client.post(url, {"note": "", "expected_version": 1}, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["current"]["version"] == 2
    done = client.post(url, {"note": "", "expected_version": 2}, content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "accepted" and done.json()["version"] == 3
