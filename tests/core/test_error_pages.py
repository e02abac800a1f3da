"""Refusals and failures are pages in Luoshi's layout and the user's language, with the reason and a way
back; the API answers the same cases in JSON with the reason."""
import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse

from luoshi.core.errors import server_error

pytestmark = pytest.mark.urls("tests.core.error_urls")


def page(response) -> str:
    text = response.content.decode()
    assert 'class="brand"' in text and "app.css" in text, "in Luoshi's layout"
    return text


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_a_refusal_shows_the_reason_the_code_gave_with_a_way_back(client, world):
    client.force_login(world.users.a_enterprise)
    response = client.get(reverse("indicators:template"), HTTP_REFERER="http://testserver/appeals/mine/")
    text = page(response)
    assert response.status_code == 403 and "无权下载填报模板" in text and "403 Forbidden" not in text
    assert 'href="http://testserver/appeals/mine/"' in text and "返回上一页" in text and "回到首页" in text


def test_the_refusal_page_speaks_english_to_an_english_user(client, world):
    client.force_login(world.users.a_enterprise)
    text = page(in_english(client).get(reverse("indicators:template")))
    assert "You may not download the reporting template" in text and "Back" in text and 'lang="en"' in text


def test_way_back_never_leads_off_the_site(client, world):
    client.force_login(world.users.a_enterprise)
    text = page(client.get(reverse("indicators:template"), HTTP_REFERER="https://evil.example/phish"))
    assert "evil.example" not in text


def test_a_permission_denied_with_a_reason_from_any_view(client, world):
    client.force_login(world.users.a_data)
    response = client.get("/error-test/denied/")
    assert response.status_code == 403 and "无权查看中原区的数据" in page(response)


def test_a_missing_page_says_so_in_the_layout(client, world):
    client.force_login(world.users.a_data)
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "页面不存在" in page(response)
    response = in_english(client).get("/no-such-page/")
    assert response.status_code == 404 and "could not be found" in page(response).lower()


def test_a_bad_request_shows_its_reason(client, world):
    client.force_login(world.users.a_data)
    response = client.get("/error-test/bad/")
    assert response.status_code == 400 and "年份必须在2000—2100年之间(收到10000)" in page(response)


def test_a_server_error_is_a_page_in_the_layout_and_the_users_language(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.users.a_data)
    response = client.get("/error-test/boom/")
    assert response.status_code == 500 and "服务器处理请求时出错" in page(response) and "a bug" not in page(response)
    response = in_english(client).get("/error-test/boom/")
    assert response.status_code == 500 and "went wrong" in page(response)


def test_the_500_page_needs_neither_the_database_nor_the_user():
    """No `db` fixture: any query would fail this test; the request has no user at all."""
    request = RequestFactory().get("/indicators/")
    assert not hasattr(request, "user")
    response = server_error(request)
    assert response.status_code == 500 and "服务器处理请求时出错" in page(response)


def test_a_form_refused_by_the_csrf_check_says_why(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users.a_data)
    response = client.post(reverse("ingestion:documents"), {"title": "x", "text": "y"})
    assert response.status_code == 403 and "安全校验（CSRF）未通过" in page(response) and "刷新" in page(response)


def test_the_api_answers_the_same_cases_in_json_with_the_reason(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.users.a_data)
    assert client.get("/api/error-test/bad").json() == {"detail": "年份必须在2000—2100年之间(收到10000)"}
    boom = client.get("/api/error-test/boom")
    assert boom.status_code == 500 and boom.json()["detail"].startswith("服务器处理请求时出错")
    missing = client.get("/api/no-such-endpoint")
    assert missing.status_code == 404 and missing.json() == {"detail": "未找到，或不在您的查看范围内"}
