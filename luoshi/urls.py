from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.i18n import set_language

from luoshi.api import api
from luoshi.core.api_errors import unknown_api_path
from luoshi.indicators import views as indicator_views
from luoshi.notifications import views as notification_views

urlpatterns = [
    path("", indicator_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("indicators/", include("luoshi.indicators.urls")),
    path("organisations/", include("luoshi.organisations.urls")),
    path("dashboard/", include("luoshi.dashboard.urls")),
    path("accountability/", include("luoshi.accountability.urls")),
    path("ingestion/", include("luoshi.ingestion.urls")),
    path("investment/", include("luoshi.investment.urls")),
    path("projects/", include("luoshi.projects.urls")),
    # The inbox's addresses from before it moved to the notifications app (bookmarks, open pages).
    path("appeals/notifications/", notification_views.inbox),
    path("appeals/notifications/<int:pk>/open/", notification_views.open_notification),
    path("appeals/", include("luoshi.appeals.urls")),
    path("notifications/", include("luoshi.notifications.urls")),
    path("inspections/", include("luoshi.inspections.urls")),
    path("jobs/", include("luoshi.core.urls")),
    path("workplan/", include("luoshi.workplan.urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", unknown_api_path),
]

# Refusals and failures in Luoshi's layout and the user's language (JSON under /api/).
handler400 = "luoshi.core.errors.bad_request"
handler403 = "luoshi.core.errors.permission_denied"
handler404 = "luoshi.core.errors.page_not_found"
handler500 = "luoshi.core.errors.server_error"
