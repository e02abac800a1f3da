"""What is approved is what is issued: the text frozen at 审核 is the text 印发 prints, whatever the data do in
between; a reviewer cannot approve a text that changed since they read it; a PDF that failed says so in
words and is made again from the page."""
import io

import pytest
import time_machine
from django.urls import reverse
from docx import Document

from luoshi.core.models import Job
from luoshi.core.periods import Period
from luoshi.core.workflow import Refused
from luoshi.dashboard import issuing
from luoshi.indicators.services import record_actual

NOW = "2025-10-20 10:00 +0800"
APPROVED_TEXT = "前三季度地区生产总值完成241.8亿元，同比增长6%"


@pytest.fixture
def in_review(world, indicator):
    with time_machine.travel(NOW):
        record_actual(world.users.a_data, organisation=world.a, indicator=indicator("gdp"), year=2025, month=9,
                      value="241.8", growth_pct="6")
        draft = issuing.start_draft(world.users.a_data, world.a, Period(2025, 9))
        issuing.write_next_steps(world.users.a_data, draft, "抓好四季度项目开工。")
        issuing.act(world.users.a_data, draft, "submit")
    world.draft, world.gdp = draft, indicator("gdp")
    return world


def correct_gdp(w):
    record_actual(w.users.a_data, organisation=w.a, indicator=w.gdp, year=2025, month=9, value="250",
                  growth_pct="7", reason="更正")


@time_machine.travel(NOW)
def test_a_figure_changed_between_approval_and_issue_does_not_change_the_issued_text(client, in_review,
                                                                                     run_worker, commit):
    w = in_review
    issuing.act(w.users.a_leader, w.draft, "approve")
    correct_gdp(w)
    client.force_login(w.users.a_leader)
    live = client.get(reverse("dashboard:briefing", args=[w.a.pk])).content.decode()
    assert "完成250亿元" in live, "the live briefing follows the data"
    with commit():
        issuing.act(w.users.a_data, w.draft, "issue")
    run_worker()
    w.draft.refresh_from_db()
    texts = [p.text for p in Document(io.BytesIO(bytes(w.draft.docx_data))).paragraphs]
    assert any(APPROVED_TEXT in t for t in texts) and not any("250亿元" in t for t in texts)
    assert bytes(w.draft.pdf_data).startswith(b"%PDF")
    page = client.get(reverse("dashboard:issue", args=[w.draft.pk])).content.decode()
    assert APPROVED_TEXT in page and "完成250亿元" not in page


@time_machine.travel(NOW)
def test_returning_an_approved_briefing_drops_its_frozen_text(in_review):
    w = in_review
    issuing.act(w.users.a_leader, w.draft, "approve")
    assert w.draft.snapshot["text"].startswith(APPROVED_TEXT)
    issuing.act(w.users.a_leader, w.draft, "return", "数据已更正，请重新起草")
    correct_gdp(w)
    assert (w.draft.state, w.draft.snapshot) == ("draft", {})
    issuing.act(w.users.a_data, w.draft, "submit")
    issuing.act(w.users.a_leader, w.draft, "approve")
    assert "完成250亿元" in w.draft.snapshot["text"]


@time_machine.travel(NOW)
def test_approval_is_refused_when_the_text_changed_since_the_reviewer_read_it(client, in_review):
    w = in_review
    client.force_login(w.users.a_leader)
    page = client.get(reverse("dashboard:issue", args=[w.draft.pk])).content.decode()
    seen = page.split('name="seen" value="', 1)[1].split('"', 1)[0]
    correct_gdp(w)
    response = client.post(reverse("dashboard:issue_act", args=[w.draft.pk]), {"action": "approve", "seen": seen})
    assert response.status_code == 400 and "请重新审阅后再审核" in response.content.decode()
    w.draft.refresh_from_db()
    assert w.draft.state == "review" and not w.draft.snapshot
    page = client.get(reverse("dashboard:issue", args=[w.draft.pk])).content.decode()
    seen = page.split('name="seen" value="', 1)[1].split('"', 1)[0]
    assert client.post(reverse("dashboard:issue_act", args=[w.draft.pk]),
                       {"action": "approve", "seen": seen}).status_code == 302


@time_machine.travel(NOW)
def test_only_staff_or_the_reviewer_issue_and_only_once_approved(in_review):
    from django.core.exceptions import PermissionDenied

    w = in_review
    with pytest.raises(Refused, match="不能“印发”"):
        issuing.act(w.users.a_data, w.draft, "issue")
    issuing.act(w.users.a_leader, w.draft, "approve")
    for user in (w.users.a_unit, w.users.b_data):
        with pytest.raises(PermissionDenied, match="可以印发简报"):
            issuing.act(user, w.draft, "issue")


@time_machine.travel(NOW)
def test_a_failed_pdf_says_so_and_is_made_again_from_the_page(client, in_review, run_worker, commit, settings):
    w = in_review
    issuing.act(w.users.a_leader, w.draft, "approve")
    settings.LUOSHI = {**settings.LUOSHI, "CHROMIUM": "/nonexistent/chromium"}  # chromium fails on this machine
    with commit():
        issuing.act(w.users.a_data, w.draft, "issue")
    run_worker()
    client.force_login(w.users.a_data)
    page = client.get(reverse("dashboard:issue", args=[w.draft.pk])).content.decode()
    assert "PDF：<span" in page and "生成失败：简报已印发，但PDF未能生成" in page and "重新生成" in page
    assert "Word</a>：<span" in page and "已存档" in page
    listed = client.get(reverse("dashboard:issued_list", args=[w.a.pk])).content.decode()
    assert "PDF：生成失败" in listed
    word = bytes(type(w.draft).objects.get(pk=w.draft.pk).docx_data)

    settings.LUOSHI = {**settings.LUOSHI, "CHROMIUM": "/usr/bin/chromium"}  # fixed
    with commit():
        response = client.post(reverse("dashboard:issue_act", args=[w.draft.pk]), {"action": "regenerate"})
    assert response.status_code == 302
    assert "生成中" in client.get(reverse("dashboard:issue", args=[w.draft.pk])).content.decode()
    with commit():
        client.post(reverse("dashboard:issue_act", args=[w.draft.pk]), {"action": "regenerate"})
    assert Job.objects.filter(kind="briefing_issue", status=Job.Status.QUEUED).count() == 1, "asked twice: one job"
    run_worker()
    w.draft.refresh_from_db()
    assert bytes(w.draft.pdf_data).startswith(b"%PDF")
    assert bytes(w.draft.docx_data) == word, "the Word file is not remade"
    page = client.get(reverse("dashboard:issue", args=[w.draft.pk])).content.decode()
    assert "生成失败" not in page and "重新生成" not in page.split("<article", 1)[0]
    assert [s.action for s in w.draft.steps.all()][-1] == "regenerate"
    with pytest.raises(Refused, match="无需重新生成"):
        issuing.regenerate(w.users.a_data, w.draft)
