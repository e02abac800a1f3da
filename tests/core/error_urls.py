"""The site's URLs plus views that refuse or fail on purpose, to see the pages users get."""
from django.core.exceptions import BadRequest, PermissionDenied
from django.urls import path
from ninja import NinjaAPI

from luoshi.core.api_errors import install_error_handlers
from luoshi.urls import handler400, handler403, handler404, handler500  # noqa: F401
from luoshi.urls import urlpatterns as site

api = NinjaAPI(urls_namespace="error-test-api")
install_error_handlers(api)


@api.get("/bad")
def api_bad(request):
    raise BadRequest("年份必须在2000—2100年之间(收到10000)")


@api.get("/boom")
def api_boom(request):
    raise RuntimeError("a bug")


def bad(request):
    raise BadRequest("年份必须在2000—2100年之间(收到10000)")


def denied(request):
    raise PermissionDenied("无权查看中原区的数据")


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("api/error-test/", api.urls), path("error-test/bad/", bad), path("error-test/denied/", denied),
               path("error-test/boom/", boom), *site]
