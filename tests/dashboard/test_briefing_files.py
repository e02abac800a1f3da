"""The briefing page, its Word file and its PDF: same text, same scope as the ledger."""
import io
from urllib.parse import urlencode

import pytest
import time_machine
from django.urls import reverse
from docx import Document

from luoshi.indicators.services import record_actual

NOW = "2025-11-24 10:00 +0800"


@pytest.fixture
def reported(world, indicator):
    with time_machine.travel(NOW):
        record_actual(world.users.a_data, organisation=world.a, indicator=indicator("gdp"), year=2025, month=9,
                      value="241.8", growth_pct="6")
        record_actual(world.users.b_data, organisation=world.b, indicator=indicator("gdp"), year=2025, month=9,
                      value="600.12", growth_pct="5.1")
    return world


@time_machine.travel(NOW)
def test_briefing_page_shows_the_computed_paragraph(client, reported):
    client.force_login(reported.users.a_leader)
    page = client.get(reverse("dashboard:briefing", args=[reported.a.pk])).content.decode()
    assert "前三季度地区生产总值完成241.8亿元，同比增长6%，累计增速居2区第一。" in page
    assert "惠济区2025年1—9月经济运行简报" in page


@time_machine.travel(NOW)
@pytest.mark.parametrize("name", ["briefing", "briefing_docx", "briefing_pdf"])
def test_district_a_cannot_get_district_b_briefing_in_any_format(client, reported, name):
    for user in ("a_leader", "a_data", "a_unit", "a_enterprise"):
        client.force_login(getattr(reported.users, user))
        assert client.get(reverse(f"dashboard:{name}", args=[reported.b.pk])).status_code == 404


def make_file(client, org, name, run_worker, commit, **query):
    """Ask for the file as the page does (htmx POST), let the worker make it, fetch it from the job."""
    from luoshi.core.models import Job

    url = reverse(f"dashboard:{name}", args=[org.pk]) + ("?" + urlencode(query) if query else "")
    with commit():
        started = client.post(url, HTTP_HX_REQUEST="true")
    assert started.status_code == 200 and "排队中" in started.content.decode()
    job = Job.objects.get()
    assert job.status == Job.Status.QUEUED and not job.file_name  # nothing was made inside the request
    run_worker()
    progress = client.get(reverse("core:job_progress", args=[job.pk])).content.decode()
    assert "已完成" in progress and "hx-trigger" not in progress, "the page stops polling when done"
    return client.get(reverse("core:job_file", args=[job.pk]))


@time_machine.travel(NOW)
def test_word_file_holds_the_same_paragraph_and_table(client, reported, run_worker, commit):
    client.force_login(reported.users.a_leader)
    response = make_file(client, reported.a, "briefing_docx", run_worker, commit)
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    texts = [p.text for p in doc.paragraphs]
    assert "前三季度地区生产总值完成241.8亿元，同比增长6%，累计增速居2区第一。" in texts
    assert [c.text for c in doc.tables[0].rows[1].cells][:3] == ["地区生产总值", "241.8亿元", "6%"]
    assert len(doc.inline_shapes) == 1, "the growth chart is embedded"


@time_machine.travel(NOW)
def test_pdf_is_printed_offline_from_the_same_page(client, reported, run_worker, commit):
    client.force_login(reported.users.a_leader)
    response = make_file(client, reported.a, "briefing_pdf", run_worker, commit, year=2025, month=9)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].endswith('.pdf"')
    assert response["Content-Disposition"] == 'attachment; filename="briefing-%d-202509.pdf"' % reported.a.pk
    pages = pdf_pages(response.content, "briefing-pdf")
    assert pages and all(abs(w - 595) < 2 and abs(h - 842) < 2 for w, h, _text in pages), "A4 portrait pages"
    assert "惠济区2025年1—9月经济运行简报" in pages[0][2].replace("\n", "").replace("\r", "")
    text = "".join(t for _w, _h, t in pages).replace("\r\n", "").replace("\n", "")
    assert "前三季度地区生产总值完成241.8亿元" in text


def pdf_pages(data: bytes, name: str) -> list[tuple[float, float, str]]:
    """Each page of a PDF as a reader sees it: its size in points and its text; each is also saved as a
    picture in test-artifacts/ (`name`-N.png) for people to look at."""
    import pypdfium2

    from tests.browser.conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    out = []
    document = pypdfium2.PdfDocument(data)
    for number, page in enumerate(document, start=1):
        width, height = page.get_size()
        page.render(scale=1.5).to_pil().save(ARTIFACTS / f"{name}-{number}.png")
        out.append((width, height, page.get_textpage().get_text_range()))
    return out


@time_machine.travel(NOW)
def test_the_page_shows_progress_while_the_file_is_being_made(client, reported, commit):
    from luoshi.core.models import Job

    client.force_login(reported.users.a_leader)
    with commit():
        client.post(reverse("dashboard:briefing_pdf", args=[reported.a.pk]))
    job = Job.objects.get()
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, done=2, total=3, message="正在生成PDF…")
    fragment = client.get(reverse("core:job_progress", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in fragment and 'value="66"' in fragment and "2/3 正在生成PDF…" in fragment
    page = client.get(reverse("core:job", args=[job.pk])).content.decode()
    assert "<script>" not in page.split("<body", 1)[1], "no inline script: the polling is htmx attributes"


@time_machine.travel(NOW)
def test_another_user_cannot_see_or_download_someone_elses_file(client, reported, run_worker, commit):
    from luoshi.core.models import Job

    client.force_login(reported.users.a_leader)
    make_file(client, reported.a, "briefing_docx", run_worker, commit)
    job = Job.objects.get()
    for user in ("a_data", "b_leader"):
        client.force_login(getattr(reported.users, user))
        for view in ("core:job", "core:job_progress", "core:job_file"):
            assert client.get(reverse(view, args=[job.pk])).status_code == 404


@time_machine.travel(NOW)
def test_the_worker_checks_the_scope_again_when_it_makes_the_file(client, reported, run_worker, commit):
    from luoshi.core.models import Job
    from luoshi.organisations.models import Profile

    client.force_login(reported.users.a_leader)
    with commit():
        client.post(reverse("dashboard:briefing_docx", args=[reported.a.pk]))
    Profile.objects.filter(user=reported.users.a_leader).update(organisation=reported.b)  # moved meanwhile
    run_worker()
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED and job.message == "无权查看该单位的简报" and not job.file_name


@time_machine.travel(NOW)
def test_without_chromium_the_pdf_job_says_so_and_offers_word(client, reported, run_worker, commit, settings):
    from luoshi.core.models import Job

    settings.LUOSHI = {**settings.LUOSHI, "CHROMIUM": "/nonexistent/chromium"}
    client.force_login(reported.users.a_leader)
    with commit():
        client.post(reverse("dashboard:briefing_pdf", args=[reported.a.pk]))
    run_worker()
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED and "请下载Word版本" in job.message
