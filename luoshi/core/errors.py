"""The pages (and API answers) of a refused or failed request: 400, 403, 404, 500 and a CSRF failure, in
the user's language and Luoshi's layout, with the reason and a way back.

A PermissionDenied or BadRequest raised with a reason shows that reason (the code's words, already in the
user's language); Django's own messages (English, sometimes revealing) are never shown. Under /api/ the
same cases answer `{"detail": reason}`. The 500 page needs neither the database nor the request's user:
it is rendered without context processors and falls back to plain HTML if even that fails.
"""
import logging

from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def _back(request) -> str:
    """Where "back" leads: the page the user came from on this site, else the home page."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        return referer
    return "/"


def _answer(request, status: int, title: str, reason: str, *, template: str = "errors/error.html"):
    if _is_api(request):
        return JsonResponse({"detail": reason}, status=status)
    context = {"status": status, "title": title, "reason": reason, "back": _back(request)}
    return HttpResponse(loader.render_to_string(template, context, request), status=status)


def _reason(exception, exception_class, default: str) -> str:
    """The reason the code raised (PermissionDenied("无权…")), or the default words."""
    message = str(exception) if isinstance(exception, exception_class) else ""
    return message or default


def bad_request(request, exception=None):
    return _answer(request, 400, _("请求有误"), _reason(
        exception, BadRequest, _("请求中的参数或提交的内容无法处理，请检查后重试。")))


def permission_denied(request, exception=None):
    return _answer(request, 403, _("无权访问"), _reason(
        exception, PermissionDenied, _("您的账号无权查看或办理此项内容。")))


def page_not_found(request, exception=None):
    return _answer(request, 404, _("页面不存在"), _("页面不存在，或不在您的查看范围内。请检查地址，或从菜单进入。"))


def csrf_failure(request, reason=""):
    """Django's CSRF check refused a form (an expired page, cookies blocked, or a forged request)."""
    message = _("安全校验（CSRF）未通过：页面可能已过期，或在其他窗口中退出后又重新登录过。请返回上一页，"
                "刷新后重新提交。")
    return _answer(request, 403, _("安全校验未通过"), message)


def server_error(request):
    """No database, no user, no context processors: whatever failed must not fail this page too."""
    reason = _("服务器处理请求时出错，错误已记录。请稍后重试；如果一再出现，请联系系统管理员。")
    if _is_api(request):
        return JsonResponse({"detail": reason}, status=500)
    try:
        html = loader.render_to_string("500.html", {"status": 500, "title": _("服务器出错"), "reason": reason,
                                                    "back": "/"})
    except Exception:  # the page of last resort: a broken template or static file must not hide the 500
        logger.exception("the 500 page could not be rendered")
        html = f"<!DOCTYPE html><meta charset=utf-8><title>500</title><h1>500</h1><p>{escape(reason)}</p>"
    return HttpResponse(html, status=500)
