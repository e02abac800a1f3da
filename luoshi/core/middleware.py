"""Requests that no database can store are refused before any view sees them."""
import json
import re
from urllib.parse import parse_qsl

from django.core.exceptions import BadRequest, RequestDataTooBig
from django.http import JsonResponse
from django.utils.translation import gettext as _

# C0 controls but tab, line feed and carriage return (which multi-line text keeps), DEL and the C1 controls:
# never meaningful in Luoshi's data, and NUL cannot be stored by PostgreSQL at all.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MULTIPART = "multipart/form-data"


def forbidden_character(text: str) -> str | None:
    """The first control character of ``text`` that Luoshi refuses, or None."""
    found = FORBIDDEN.search(text)
    return found.group() if found else None


def _strings(value, where: str = ""):
    """Every (where, text) of a parsed JSON document, keys included."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield where, str(key)
            yield from _strings(item, str(key))
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, where)


class RejectNullCharactersMiddleware:
    """A NUL or another control character (0x00–0x1F but tab and line breaks, 0x7F–0x9F) in the address,
    the query, a form field or a body, whatever its Content-Type (JSON sent as text/plain included), is
    refused with 400 saying which character and where: in JSON for the API, as the 400 page elsewhere.
    Judged by content: a JSON body is parsed and its strings read (so an escaped "\\u0000" is found), a
    form is read field by field; uploaded files are judged by their own readers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        found = self._find(request)
        if found is not None:
            char, where = found
            what = _("空字符") if char == "\x00" else _("控制字符")
            message = _("请求中含有不允许的%(what)s（U+%(code)04X，位于“%(where)s”），未处理") % {
                "what": what, "code": ord(char), "where": where[:60] or _("请求")}
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            raise BadRequest(message)
        return self.get_response(request)

    @staticmethod
    def _find(request) -> tuple[str, str] | None:
        path = request.path
        if forbidden_character(path):
            return forbidden_character(path), _("地址")
        for key, value in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True):
            for text in (key, value):
                if forbidden_character(text):
                    return forbidden_character(text), key
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        content_type = request.META.get("CONTENT_TYPE", "")
        if content_type.startswith(MULTIPART):
            fields = request.POST.lists()
        else:
            try:
                body = request.body
            except RequestDataTooBig:
                return None  # Django refuses it with its own 400 when the view reads it
            text = body.decode("utf-8", "replace")
            fields = RejectNullCharactersMiddleware._parsed(text, content_type)
        for where, values in fields:
            for value in values if isinstance(values, list) else [values]:
                for item in (where, value):
                    if forbidden_character(str(item)):
                        return forbidden_character(str(item)), str(where)
        return None

    @staticmethod
    def _parsed(text: str, content_type: str):
        """(where, text) pairs of a body: JSON strings if it parses as JSON, form fields if it is a form,
        else the whole text."""
        if content_type.startswith("application/x-www-form-urlencoded"):
            return parse_qsl(text, keep_blank_values=True)
        try:
            document = json.loads(text)
        except ValueError:
            return [("", text)]
        return list(_strings(document))
