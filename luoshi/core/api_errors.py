"""How the JSON API refuses, in one shape and in the user's language, and how it reads numbers.

Every refusal is `{"detail": "..."}`; refused input adds `errors: [{field, message}]`, a stale edit adds
`current` (the newer record). The same 404 answers "does not exist" and "not yours", so guessing ids
reveals nothing (decision 2). The error schemas below are declared on each operation so that the
OpenAPI document says what a client must handle.
"""
import json
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import BadRequest, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser
from pydantic import StringConstraints, WithJsonSchema

from luoshi.core.apitools import record_fields


class ErrorOut(Schema):
    """A refusal, said in words (Chinese unless the user chose English)."""

    detail: str = Field(description="原因 Why the request was refused")


class FieldErrorOut(Schema):
    """One refused field and the reason."""

    field: str = Field(description="字段:数据项名称(如“累计值”)或请求中的参数名(如 year)")
    message: str


class FieldErrorsOut(ErrorOut):
    """Refused input (422): nothing was saved; each field says what is wrong."""

    errors: list[FieldErrorOut]


class ConflictOut(ErrorOut):
    """A stale edit (409): someone saved first; nothing was overwritten. `current` is their record, with
    its `version` to send as `expected_version` after a look at the newer figures."""

    current: dict = Field(description="当前记录(数值为字符串)The newer record, decimals as strings")


# Response declarations for the OpenAPI document: what every read, and every write, may answer.
READ_ERRORS = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {**READ_ERRORS, 403: ErrorOut, 409: ConflictOut, 422: FieldErrorsOut}


class ExactJsonParser(Parser):
    """JSON bodies with fractional numbers read as Decimal: 929646215494.4361 sent as a number would
    come out as ...4362 through a float."""

    def parse_body(self, request):
        return json.loads(request.body, parse_float=Decimal)


# Pydantic error types a client is likely to hit, said in words; others fall back to a generic reason.
def _validation_message(error: dict) -> str:
    kind = error.get("type", "")
    if kind == "missing":
        if tuple(error.get("loc", ()))[-1:] == ("expected_version",):
            return _("必须填写所读到的版本（读取该记录时的 version），以免覆盖他人的修改")
        return _("必须填写")
    if kind.startswith(("int_", "decimal_", "float_")):
        return _("应为数字")
    limit = error.get("ctx", {})
    if kind == "date_range":  # luoshi.core.apitools.DateIn: the limits and the date given
        return str(error.get("msg") or _("格式不正确"))
    if kind.startswith(("date_", "datetime_")):
        return _("应为日期（格式：2025-03-31）")
    if kind == "string_too_long":
        return _("最多%(n)s字") % {"n": limit.get("max_length")}
    if kind.startswith("string_"):
        return _("应为文字")
    if kind.startswith("bool"):
        return _("应为 true 或 false")
    if kind == "greater_than_equal":
        return _("不能小于%(v)s") % {"v": limit.get("ge")}
    if kind == "less_than_equal":
        return _("不能大于%(v)s") % {"v": limit.get("le")}
    return _("格式不正确")


def _field_name(error: dict) -> str:
    """The parameter as the client wrote it: 'year', not ['body', 'payload', 'year']."""
    loc = [str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path", "payload")]
    return ".".join(loc) or _("请求")


def refused(api: NinjaAPI, request, errors: list[tuple[str, str]]):
    """422 for input that cannot be saved: each (field, message)."""
    return api.create_response(request, {"detail": _("提交的数据有误，未保存"),
                                         "errors": [{"field": f, "message": m} for f, m in errors]}, status=422)


def stale(api: NinjaAPI, request, detail: str, current):
    """409 for a stale edit, with the newer record so that the client shows it."""
    return api.create_response(request, {"detail": detail, "current": record_fields(current)}, status=409)


def install_error_handlers(api: NinjaAPI) -> None:
    """Answer the refusals that every router shares (malformed input or a bad parameter, no login, no
    CSRF token, no such record, no right) in the one shape above, in the user's language."""

    @api.exception_handler(ValidationError)
    def malformed_input(request, exc: ValidationError):
        return refused(api, request, [(_field_name(e), _validation_message(e)) for e in exc.errors])

    @api.exception_handler(BadRequest)
    def bad_request(request, exc: BadRequest):
        return api.create_response(request, {"detail": str(exc) or _("请求有误")}, status=400)
    @api.exception_handler(DjangoValidationError)
    def refused_value(request, exc: DjangoValidationError):
        """A number or text a service refused through `luoshi.core.numbers` (or a model validator)."""
        return refused(api, request, [(str(getattr(exc, "field", "")), getattr(exc, "reason", None) or m)
                                      for m in exc.messages])

    @api.exception_handler(PermissionDenied)
    def not_allowed(request, exc: PermissionDenied):
        return api.create_response(request, {"detail": str(exc) or _("无权执行此操作")}, status=403)

    @api.exception_handler(Http404)
    def not_found(request, exc: Http404):
        return api.create_response(request, {"detail": _("未找到，或不在您的查看范围内")}, status=404)

    @api.exception_handler(AuthenticationError)
    def not_logged_in(request, exc: AuthenticationError):
        return api.create_response(request, {"detail": _("请先登录")}, status=401)

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        detail = str(exc)
        if exc.status_code == 400:  # ninja: "Cannot parse request body"
            detail = _("请求体不是有效的JSON")
        elif exc.status_code == 403 and "CSRF" in detail:
            detail = _("安全校验（CSRF）未通过，请刷新页面后重试")
        return api.create_response(request, {"detail": detail}, status=exc.status_code)


# A number as a client may send it: text ("241.8", preferred) or a JSON number, read exactly (see
# ExactJsonParser); the service converts it with `to_decimal` and names the field if it is no number.
NUMBER_TEXT_MAX = 40  # longer than any number a column holds, with room for spaces and separators
NumberIn = Annotated[Decimal | Annotated[str, StringConstraints(max_length=NUMBER_TEXT_MAX)] | None, WithJsonSchema({
    "anyOf": [{"type": "string", "maxLength": NUMBER_TEXT_MAX}, {"type": "number"}, {"type": "null"}],
    "examples": ["241.8"]})]


def unknown_api_path(request, rest: str = ""):
    """Any /api/ address no operation answers (e.g. an id that is not a number): the API's own 404,
    in JSON and in the same words as a record out of scope, rather than the HTML page."""
    from django.http import JsonResponse

    return JsonResponse({"detail": _("未找到，或不在您的查看范围内")}, status=404)
