"""The briefing's flow: staff write 下步工作 on a draft and submit, the district's leader approves (审核, the
text frozen) or returns it with a reason, then it is 印发 with a 期号 per district and year; the Word and PDF
made on 印发 never change after."""
import hashlib
import io

import pytest
import time_machine
from django.urls import reverse
from docx import Document

from luoshi.core.periods import Period
from luoshi.core.workflow import Refused
from luoshi.dashboard import issuing
from luoshi.indicators.services import record_actual

NOW = "2025-10-20 10:00 +0800"


@pytest.fixture
def reported(world, indicator):
    with time_machine.travel(NOW):
        record_actual(world.users.a_data, organisation=world.a, indicator=indicator("gdp"), year=2025, month=9,
                      value="241.8", growth_pct="6")
    return world


def issued(world, run_worker, commit, month=9):
    draft = issuing.start_draft(world.users.a_data, world.a, Period(2025, month))
    issuing.write_next_steps(world.users.a_data, draft, "抓好四季度项目开工。")
    issuing.act(world.users.a_data, draft, "submit")
    issuing.act(world.users.a_leader, draft, "approve")
    with commit():
        issuing.act(world.users.a_data, draft, "issue")
    run_worker()
    draft.refresh_from_db()
    return draft


@time_machine.travel(NOW)
def test_every_move_is_recorded_and_a_return_needs_its_reason(reported):
    w = reported
    draft = issuing.start_draft(w.users.a_data, w.a, Period(2025, 9))
    assert issuing.start_draft(w.users.a_data, w.a, Period(2025, 9)) == draft, "asked twice: the same draft"
    with pytest.raises(Refused, match="提交审核前须填写下步工作"):
        issuing.act(w.users.a_data, draft, "submit")
    issuing.write_next_steps(w.users.a_data, draft, "抓好四季度项目开工。")
    issuing.act(w.users.a_data, draft, "submit")
    with pytest.raises(Refused, match="须填写说明"):
        issuing.act(w.users.a_leader, draft, "return")
    issuing.act(w.users.a_leader, draft, "return", "问题部分须补充项目情况")
    assert draft.state == "draft"
    assert [(s.action, s.from_state, s.to_state, s.text) for s in draft.steps.all()] == [
        ("submit", "draft", "review", ""), ("return", "review", "draft", "问题部分须补充项目情况")]
    with pytest.raises(Refused, match="不能“审核通过”"):
        issuing.act(w.users.a_leader, draft, "approve")


@time_machine.travel(NOW)
def test_only_staff_draft_and_only_the_districts_leader_reviews(reported):
    from django.core.exceptions import PermissionDenied

    w = reported
    with pytest.raises(PermissionDenied, match="发改/统计人员"):
        issuing.start_draft(w.users.a_leader, w.a, Period(2025, 9))
    draft = issuing.start_draft(w.users.a_data, w.a, Period(2025, 9))
    issuing.write_next_steps(w.users.a_data, draft, "抓好开工。")
    issuing.act(w.users.a_data, draft, "submit")
    for user in (w.users.a_data, w.users.b_leader):
        with pytest.raises(PermissionDenied, match="本区领导"):
            issuing.act(user, draft, "approve")


@time_machine.travel(NOW)
def test_issued_files_are_numbered_frozen_and_unchanged_after_the_data_changes(client, reported, run_worker,
                                                                               commit, indicator):
    w = reported
    first = issued(w, run_worker, commit)
    assert (first.state, first.number) == ("issued", 1)
    assert first.docx_sha256 == hashlib.sha256(bytes(first.docx_data)).hexdigest()
    texts = [p.text for p in Document(io.BytesIO(bytes(first.docx_data))).paragraphs]
    assert "惠济区发展和改革委员会" in texts and "2025年第1期" in texts and "抓好四季度项目开工。" in texts
    before = bytes(first.docx_data)
    record_actual(w.users.a_data, organisation=w.a, indicator=indicator("gdp"), year=2025, month=9,
                  value="250", growth_pct="7", reason="更正")
    assert not issuing.freeze(first, "docx", b"new"), "a stored file is never replaced"
    client.force_login(w.users.a_leader)
    response = client.get(reverse("dashboard:issue_file", args=[first.pk, "docx"]))
    assert response.status_code == 200 and response.content == before
    second = issued(w, run_worker, commit, month=9)
    assert second.number == 2
    page = client.get(reverse("dashboard:issued_list", args=[w.a.pk])).content.decode()
    assert "2025年第1期" in page and "2025年第2期" in page


@time_machine.travel(NOW)
def test_another_district_cannot_read_an_issued_briefing_even_by_guessed_id(client, reported, run_worker, commit):
    first = issued(reported, run_worker, commit)
    client.force_login(reported.users.b_leader)
    for url in (reverse("dashboard:issue", args=[first.pk]), reverse("dashboard:issue_file", args=[first.pk, "pdf"])):
        response = client.get(url)
        assert response.status_code == 404 and "2025年第1期" not in response.content.decode()
    assert "2025年第1期" not in client.get(reverse("dashboard:issued_list", args=[reported.b.pk])).content.decode()
