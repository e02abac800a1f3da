from django.urls import path

from luoshi.inspections import views

app_name = "inspections"
urlpatterns = [
    path("", views.index, name="index"),
    path("visits/", views.visit_list, name="list"),
    path("visits/new/", views.new, name="new"),
    path("visits/verdict/", views.verdict, name="verdict"),
    path("visits/<int:pk>/", views.detail, name="detail"),
    path("queue/", views.queue, name="queue"),
    path("mine/", views.announced, name="announced"),
    path("reports/new/", views.report_new, name="report_new"),
    path("reports/<int:pk>/", views.report, name="report"),
    path("org/<int:org_id>/monthly/", views.monthly, name="monthly"),
    path("org/<int:org_id>/monthly.xlsx", views.monthly_export, name="monthly_export"),
]
