"""The JSON API (django-ninja), OpenAPI at /api/docs; each app adds its router here.

Authentication is the page session (with CSRF on writes), so the API sees exactly what the pages see:
every query goes through the same `for_user` scoping, a record outside the user's scope answers 404
(guessing ids reveals nothing), a visible record the user may not change answers 403. Refused input
answers 422 with each field and reason in the user's language; a stale edit answers 409 with the
newer record, and nothing is overwritten. Decimals travel as strings so that no figure is rounded.
"""
from django.contrib.auth.decorators import login_required
from ninja import NinjaAPI
from ninja.security import django_auth

from luoshi.accountability.api import router as accountability_router
from luoshi.appeals.api import router as appeals_router
from luoshi.core.api_errors import ExactJsonParser, install_error_handlers, refused, stale
from luoshi.core.workflow import Refused
from luoshi.dashboard.api import router as dashboard_router
from luoshi.indicators.api import router as indicators_router
from luoshi.indicators.records_api import router as indicator_records_router
from luoshi.indicators.services import ConflictError, LedgerError
from luoshi.ingestion.api import router as ingestion_router
from luoshi.ingestion.services import FindingError
from luoshi.inspections.api import router as inspections_router
from luoshi.investment.api import router as investment_router
from luoshi.notifications.api import router as notifications_router
from luoshi.organisations.api import enterprises_router, me_router
from luoshi.organisations.api import router as organisations_router
from luoshi.organisations.services import RegisterError
from luoshi.projects.api import router as projects_router
from luoshi.workplan.api import router as workplan_router

api = NinjaAPI(
    title="Luoshi 落实 API", version="1", auth=django_auth, urls_namespace="api", parser=ExactJsonParser(),
    # the schema is no secret, but a closed government network shows nothing to strangers
    docs_decorator=login_required,
    description=("Same scope as the pages (与页面相同的权限范围): session login, CSRF token (X-CSRFToken) on "
                 "writes; a record outside your scope answers 404 exactly as a missing one; decimals travel "
                 "as strings so that no figure is rounded (数值以字符串传递). Messages follow the session's "
                 "language (中文 by default). A POST may carry an `Idempotency-Key` header (防重复提交): the same "
                 "key again from the same user within a day replays the first answer instead of filing twice; "
                 "the same key with another body answers 422. A write's `expected_version` is the version you "
                 "read; for a month's figure, null or 0 means you expect none yet (409 with the record if "
                 "someone entered it meanwhile). A write to an existing record (a move, a withdrawal, an edit) "
                 "must carry it: left out, the answer is 422 naming `expected_version`."),
)
api.add_router("/me", me_router)
api.add_router("/organisations", organisations_router)
api.add_router("/enterprises", enterprises_router)
api.add_router("/indicators", indicators_router)
api.add_router("/indicators", indicator_records_router)  # the catalogue's keeping and 目标分解
api.add_router("/accountability", accountability_router)
api.add_router("/ingestion", ingestion_router)
api.add_router("/projects", projects_router)
api.add_router("/investment", investment_router)
api.add_router("/appeals", appeals_router)
api.add_router("/appeals/notifications", notifications_router)  # the inbox's, at its former address
api.add_router("/inspections", inspections_router)
api.add_router("/workplan", workplan_router)
api.add_router("/dashboard", dashboard_router)
install_error_handlers(api)


@api.exception_handler(LedgerError)
def refused_input(request, exc: LedgerError):
    return refused(api, request, [(e.field, e.message) for e in exc.errors])


@api.exception_handler(ConflictError)
def stale_edit(request, exc: ConflictError):
    return stale(api, request, str(exc), exc.current)


@api.exception_handler(Refused)
def refused_move(request, exc: Refused):
    return refused(api, request, list(zip(exc.fields, exc.reasons, strict=False)))


@api.exception_handler(FindingError)
def refused_finding(request, exc: FindingError):
    return refused(api, request, [("", str(exc))])


@api.exception_handler(RegisterError)
def refused_record(request, exc: RegisterError):
    return refused(api, request, [(p.field, p.message) for p in exc.problems])
