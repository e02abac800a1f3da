"""Repeated submissions are answered, not filed again (防重复提交).

Every POST form carries a one-time token (`{% submit_once %}`); API clients may send an
`Idempotency-Key` header on a POST. This middleware is the one place both are checked and consumed:

- the first submission of a key claims it (a unique row per user and key) before the view runs; when the
  view answers, the answer is kept for a day — for a form the page it redirected to, for the API the
  whole response — and a submission that failed (a form shown again with its errors, a 5xx) releases the
  key so the user can correct and send again;
- the same key again from the same user is answered with the first result: a form is redirected where
  the first submission led (with a note that nothing was filed twice), the API replays the first
  response (header `Idempotent-Replayed: true`); if the first is still being handled, the second waits
  for it;
- the same key with a different request is refused (422 on the API; on a page, a note that the form
  had already been sent and the change was not saved).
"""
import hashlib
import time
from datetime import timedelta

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core.models import IdempotencyKey

FORM_FIELD = "_once"
HEADER = "HTTP_IDEMPOTENCY_KEY"
KEPT_FOR = timedelta(hours=24)
WAIT_SECONDS = 15
MAX_KEY_LENGTH = IdempotencyKey._meta.get_field("key").max_length
MAX_STORED_BODY = 2 * 1024 * 1024
NOT_KEPT = {401, 403, 429}  # refusals about the caller, not answers to the request: a retry may succeed
IGNORED_FIELDS = {"csrfmiddlewaretoken", FORM_FIELD}


class IdempotencyMiddleware:
    """Claim, replay or refuse a POST's one-time key (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST" or not getattr(request, "user", None) or not request.user.is_authenticated:
            return self.get_response(request)
        kind, key = _key_of(request)
        if not key:
            return self.get_response(request)
        if len(key) > MAX_KEY_LENGTH:
            return _refuse(request, kind, _("Idempotency-Key过长(最多%(n)d个字符)") % {"n": MAX_KEY_LENGTH})
        fingerprint = _fingerprint(request)
        claim = _claim(request, kind, key, fingerprint)
        if claim is None:
            first = _first_answer(request.user, key)
            if first is None:  # the first did not go through and released the key: this one is new
                claim = _claim(request, kind, key, fingerprint)
            if claim is None:
                return self._answer_again(request, kind, key, fingerprint, first)
        try:
            response = self.get_response(request)
        except BaseException:
            claim.delete()
            raise
        _keep(claim, kind, response)
        return response

    @staticmethod
    def _answer_again(request, kind, key, fingerprint, first):
        if first is None or first.status is None:
            return _refuse(request, kind, _("同一提交正在办理中，请稍后刷新页面查看结果"), status=409)
        if first.fingerprint != fingerprint or first.kind != kind:
            if kind == IdempotencyKey.API:
                return _refuse(request, kind, _("Idempotency-Key“%(k)s”已用于另一个不同的请求；"
                                                "新的请求请使用新的键") % {"k": key})
            messages.warning(request, _("该表单此前已提交过一次，本次的修改未保存；如需修改，请重新打开表单填写。"))
            return HttpResponseRedirect(first.location or request.path)
        if kind == IdempotencyKey.API:
            response = HttpResponse(bytes(first.body), status=first.status, content_type=first.content_type)
            response["Idempotent-Replayed"] = "true"
            return response
        messages.info(request, _("该表单已提交过，未重复办理；以下是第一次提交的结果。"))
        return HttpResponseRedirect(first.location)


def _key_of(request) -> tuple[str, str]:
    """(kind, key): the API's header, or the form's one-time token."""
    if request.path.startswith("/api/"):
        return IdempotencyKey.API, request.META.get(HEADER, "").strip()
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return IdempotencyKey.FORM, request.POST.get(FORM_FIELD, "").strip()
    return IdempotencyKey.FORM, ""


def _fingerprint(request) -> str:
    """What the request asks: the path and the fields (files by their content), not the CSRF token."""
    digest = hashlib.sha256(request.path.encode() + b"?" + request.META.get("QUERY_STRING", "").encode())
    if request.content_type == "multipart/form-data" or not request.path.startswith("/api/"):
        for name in sorted(set(request.POST) - IGNORED_FIELDS):
            for value in request.POST.getlist(name):
                digest.update(f"\0{name}={value}".encode())
        for name in sorted(request.FILES):
            for upload in request.FILES.getlist(name):
                digest.update(f"\0{name}:{upload.name}:{upload.size}:".encode())
                for chunk in upload.chunks():
                    digest.update(chunk)
                upload.seek(0)
    else:
        digest.update(b"\0" + request.body)
    return digest.hexdigest()


def _claim(request, kind, key, fingerprint) -> IdempotencyKey | None:
    """The new claim of `key`, or None when the user has already used it (and it has not expired)."""
    now = timezone.now()
    IdempotencyKey.objects.filter(user=request.user, expires_at__lt=now).delete()
    try:
        with transaction.atomic():
            return IdempotencyKey.objects.create(user=request.user, key=key, kind=kind, fingerprint=fingerprint,
                                                 path=request.path[:500], expires_at=now + KEPT_FOR)
    except IntegrityError:
        return None


def _first_answer(user, key) -> IdempotencyKey | None:
    """The first submission of `key`, waited for while it is being handled (its `status` is still empty
    if it takes longer than WAIT_SECONDS); None if it did not go through and released the key."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        first = IdempotencyKey.objects.filter(user=user, key=key).first()
        if first is None or first.status is not None or time.monotonic() > deadline:
            return first
        time.sleep(0.1)


def _keep(claim: IdempotencyKey, kind: str, response) -> None:
    """Keep the answer to replay it; release the key when the submission did not go through."""
    status = response.status_code
    if kind == IdempotencyKey.FORM:
        if status not in (301, 302, 303) or not response.get("Location"):
            claim.delete()  # shown again with its errors: the user corrects and sends the same form again
            return
        claim.status, claim.location = status, response["Location"][:1000]
        claim.save(update_fields=["status", "location"])
        return
    body = getattr(response, "content", None) if not getattr(response, "streaming", False) else None
    if status >= 500 or status in NOT_KEPT or body is None or len(body) > MAX_STORED_BODY:
        claim.delete()
        return
    claim.status, claim.body = status, body
    claim.content_type = response.get("Content-Type", "")[:100]
    claim.save(update_fields=["status", "body", "content_type"])


def _refuse(request, kind, message: str, status: int = 422):
    if kind == IdempotencyKey.API:
        return JsonResponse({"detail": message}, status=status)
    return render(request, "core/submission_refused.html", {"message": message}, status=status)
