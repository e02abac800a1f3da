"""The review page: upload a report, see the findings highlighted, accept, correct or reject each;
the ledger changes only on acceptance, and only within the reviewer's scope."""
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from luoshi.indicators.models import Target
from luoshi.ingestion.evaluation import GOLD_DIR
from luoshi.ingestion.models import Finding, SourceDocument, Status

HUIJI = (GOLD_DIR / "seeds" / "000_fe62a0247c95cbc5.txt").read_text(encoding="utf-8")


def docx_bytes(text: str) -> bytes:
    doc = Document()
    for line in text.splitlines():
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def read(client, world, **fields):
    client.force_login(world.users.a_data)
    return client.post(reverse("ingestion:documents"), {"organisation": world.a.pk, "title": "惠济区经济工作会议",
                                                        "date": "2024-12-28", **fields})


def test_staff_upload_a_docx_report_and_see_every_finding_highlighted(client, world):
    response = read(client, world, file=SimpleUploadedFile("report.docx", docx_bytes(HUIJI)))
    document = SourceDocument.objects.get()
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert page.count("<mark ") == document.findings.count() > 10
    assert "地区生产总值增长6%左右" in page and "待确认" in page
    assert not Target.objects.exists(), "nothing is written before a person accepts"


def test_pasting_the_same_text_again_does_not_duplicate(client, world):
    read(client, world, text=HUIJI)
    response = read(client, world, text=HUIJI)
    assert SourceDocument.objects.count() == 1 and response.status_code == 302


def test_accepting_a_finding_creates_the_target_with_its_source_span(client, world):
    read(client, world, text=HUIJI)
    gdp = Finding.objects.get(text="地区生产总值增长6%左右")
    blind = client.post(reverse("ingestion:review", args=[gdp.pk, "accept"]), follow=True).content.decode()
    assert "缺少所读到的版本（version），未作任何修改" in blind, "a version-less POST is refused naming the field"
    assert Finding.objects.get(pk=gdp.pk).status != Status.ACCEPTED and not Target.objects.exists()
    client.post(reverse("ingestion:review", args=[gdp.pk, "accept"]), {"version": gdp.version})
    target = Target.objects.get(organisation=world.a, indicator__code="gdp", year=2025)
    assert target.wording == "增长6%左右" and target.source.startswith("惠济区经济工作会议[")
    assert Finding.objects.get(pk=gdp.pk).status == Status.ACCEPTED


def test_correcting_then_rejecting_changes_nothing_in_the_ledger(client, world):
    read(client, world, text=HUIJI)
    gdp = Finding.objects.get(text="地区生产总值增长6%左右")
    form = client.get(reverse("ingestion:edit_form", args=[gdp.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert 'name="value"' in form
    client.post(reverse("ingestion:review", args=[gdp.pk, "edit"]), {
        "kind": "target", "organisation": world.a.pk, "year": 2025, "month": "", "indicator": gdp.indicator_id,
        "value": "6.5", "unit": "%", "is_growth": "on", "comparator": "about", "wording": "",
        "version": gdp.version})
    gdp.refresh_from_db()
    assert gdp.value == 6.5 and gdp.status == Status.EDITED and gdp.wording == "增长6.5%左右"
    client.post(reverse("ingestion:review", args=[gdp.pk, "reject"]),
                {"note": "以政府工作报告为准", "version": gdp.version})
    assert Finding.objects.get(pk=gdp.pk).status == Status.REJECTED and not Target.objects.exists()


def test_district_b_cannot_open_or_review_district_a_documents(client, world):
    read(client, world, text=HUIJI)
    document = SourceDocument.objects.get()
    gdp = Finding.objects.get(text="地区生产总值增长6%左右")
    for user in ("b_data", "b_leader", "a_enterprise"):
        client.force_login(getattr(world.users, user))
        assert client.get(reverse("ingestion:document", args=[document.pk])).status_code == 404
        assert client.post(reverse("ingestion:review", args=[gdp.pk, "accept"])).status_code == 404
        assert client.get(reverse("ingestion:edit_form", args=[gdp.pk])).status_code == 404
    assert not Target.objects.exists()


def test_a_leader_may_read_but_an_acceptance_is_refused_in_words(client, world):
    read(client, world, text=HUIJI)
    gdp = Finding.objects.get(text="地区生产总值增长6%左右")
    client.force_login(world.users.a_leader)
    response = client.post(reverse("ingestion:review", args=[gdp.pk, "accept"]), {"version": gdp.version},
                           follow=True)
    assert "无权审核" in response.content.decode() and not Target.objects.exists()
