"""Requests that no database can store are refused before any view sees them."""
from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

NUL_MARKERS = (b"\x00", b"\\u0000", b"%00")


class RejectNullCharactersMiddleware:
    """A NUL character (0x00) in a query, form or JSON body cannot be stored by PostgreSQL and is never
    meaningful in Luoshi's data: answer 400 in the user's language instead of failing deep inside."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            message = _("请求中含有不允许的空字符(NUL),未处理")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        query = request.META.get("QUERY_STRING", "").encode("latin-1", "ignore").lower()
        if "\x00" in request.path or any(m in query for m in NUL_MARKERS):
            return True
        content_type = request.META.get("CONTENT_TYPE", "")
        if content_type.startswith(("application/json", "application/x-www-form-urlencoded")):
            body = request.body
            return b"\x00" in body or b"\\u0000" in body or b"%00" in body
        return False
