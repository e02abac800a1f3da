"""Repeated submissions are answered, not filed again: every POST form carries a one-time token and the
API honours an `Idempotency-Key`, both checked in one place (core.idempotency)."""
import re
import threading
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.db import connections
from django.test import Client
from django.urls import reverse

from luoshi.appeals.models import Appeal
from luoshi.core.models import IdempotencyKey
from luoshi.notifications.models import Notification
from tests.conftest import submitted_twice

NOW = "2025-03-10 10:00 +0800"
APPEAL = {"category": "approval", "urgency": "normal", "title": "二期厂房施工许可",
          "description": "施工许可办理进度慢,影响开工"}
EXEMPT = {"templates/base.html", "templates/registration/login.html"}  # log out, language, log in


def test_every_post_form_of_every_page_carries_the_one_time_token():
    missing = []
    for path in sorted(Path(settings.BASE_DIR, "templates").rglob("*.html")):
        name = str(path.relative_to(settings.BASE_DIR))
        if name in EXEMPT:
            continue
        for form in re.findall(r"<form\b[^>]*>.*?</form>", path.read_text(), flags=re.S):
            if re.search(r'method="post"', form, flags=re.I) and "{% submit_once %}" not in form:
                missing.append(name)
    assert not missing, f"POST forms without {{% submit_once %}}: {missing}"


@time_machine.travel(NOW)
def test_a_double_click_on_the_appeal_form_files_one_appeal_and_notifies_once(client, world):
    client.force_login(world.users.a_enterprise)
    first, second = submitted_twice(client, reverse("appeals:new"), APPEAL)
    appeal = Appeal.objects.get()
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert Notification.objects.filter(text__contains="二期厂房施工许可").count() == \
        Notification.objects.filter(text__contains="二期厂房施工许可").values("user").distinct().count() > 0
    page = client.get(second["Location"]).content.decode()
    assert "已提交过，未重复办理" in page and appeal.title in page


@time_machine.travel(NOW)
def test_the_same_token_with_other_content_is_not_filed_and_the_user_is_told(client, world):
    client.force_login(world.users.a_enterprise)
    html = client.get(reverse("appeals:new")).content.decode()
    token = re.search(r'name="_once" value="([^"]+)"', html).group(1)
    assert client.post(reverse("appeals:new"), {**APPEAL, "_once": token}).status_code == 302
    changed = client.post(reverse("appeals:new"), {**APPEAL, "title": "另一件事", "_once": token}, follow=True)
    assert "此前已提交过一次，本次的修改未保存" in changed.content.decode()
    assert list(Appeal.objects.values_list("title", flat=True)) == ["二期厂房施工许可"]


@time_machine.travel(NOW)
def test_a_form_refused_for_its_errors_can_be_corrected_and_sent_with_the_same_token(client, world):
    client.force_login(world.users.a_enterprise)
    html = client.get(reverse("appeals:new")).content.decode()
    token = re.search(r'name="_once" value="([^"]+)"', html).group(1)
    refused = client.post(reverse("appeals:new"), {**APPEAL, "title": "", "_once": token})
    assert refused.status_code == 200 and not Appeal.objects.exists()
    assert client.post(reverse("appeals:new"), {**APPEAL, "_once": token}).status_code == 302
    assert Appeal.objects.count() == 1


def api_file(client, key, **fields):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post("/api/appeals", {**APPEAL, **fields}, content_type="application/json", **headers)


@time_machine.travel(NOW)
def test_the_api_replays_the_first_answer_to_a_repeated_idempotency_key_and_files_once(client, world):
    client.force_login(world.users.a_enterprise)
    first = api_file(client, "file-2025-03-10-001")
    again = api_file(client, "file-2025-03-10-001")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert Appeal.objects.count() == 1
    notified = Notification.objects.filter(text__contains="二期厂房施工许可")
    assert notified.count() == notified.values("user").distinct().count() > 0
    assert api_file(client, "file-2025-03-10-002").status_code == 201 and Appeal.objects.count() == 2
    assert api_file(client, None).status_code == 201 and Appeal.objects.count() == 3  # no key: no promise


@time_machine.travel(NOW)
def test_the_same_idempotency_key_with_another_body_answers_422_saying_so(client, world):
    client.force_login(world.users.a_enterprise)
    assert api_file(client, "k1").status_code == 201
    response = api_file(client, "k1", title="另一件事")
    assert response.status_code == 422 and "已用于另一个不同的请求" in response.json()["detail"]
    assert Appeal.objects.count() == 1


@time_machine.travel(NOW)
def test_an_idempotency_key_belongs_to_its_user_and_expires_after_a_day(client, world, more_enterprise):
    client.force_login(world.users.a_enterprise)
    assert api_file(client, "shared-key").status_code == 201
    client.force_login(more_enterprise)
    assert api_file(client, "shared-key").status_code == 201, "another user's key is not mine"
    assert Appeal.objects.count() == 2
    client.force_login(world.users.a_enterprise)
    with time_machine.travel("2025-03-11 10:01 +0800"):
        assert api_file(client, "shared-key").status_code == 201
    assert Appeal.objects.count() == 3
    assert IdempotencyKey.objects.filter(user=world.users.a_enterprise).count() == 1  # the expired one is gone


@time_machine.travel(NOW)
def test_a_refused_api_call_is_replayed_as_refused_and_a_server_error_is_not_kept(client, world):
    client.force_login(world.users.a_enterprise)
    refused = api_file(client, "bad", category="nonsense")
    assert refused.status_code == 422
    assert api_file(client, "bad", category="nonsense").json() == refused.json()
    assert not Appeal.objects.exists()
    assert api_file(client, "x" * 201).status_code == 422


@pytest.fixture
def more_enterprise(world):
    from luoshi.organisations.models import Role
    from tests.conftest import make_user

    return make_user("a_enterprise2", Role.ENTERPRISE, enterprise=world.a_ent)


@pytest.mark.django_db(transaction=True)
def test_two_identical_submissions_at_the_same_instant_file_once_and_both_see_the_appeal(world):
    """A double click sends the second request while the first is still being handled: it waits for
    the first and is answered with its result (two real connections)."""
    with time_machine.travel(NOW, tick=True):
        browser = Client()
        browser.force_login(world.users.a_enterprise)
        html = browser.get(reverse("appeals:new")).content.decode()
        token = re.search(r'name="_once" value="([^"]+)"', html).group(1)
        barrier, responses = threading.Barrier(2), [None, None]

        def click(i):
            try:
                tab = Client()
                tab.cookies = browser.cookies
                barrier.wait()
                responses[i] = tab.post(reverse("appeals:new"), {**APPEAL, "_once": token})
            finally:
                connections.close_all()

        threads = [threading.Thread(target=click, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    assert Appeal.objects.count() == 1
    appeal = Appeal.objects.get()
    assert [r.status_code for r in responses] == [302, 302]
    assert {r["Location"] for r in responses} == {reverse("appeals:detail", args=[appeal.pk])}
