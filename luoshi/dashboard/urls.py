from django.urls import path

from luoshi.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("org/<int:org_id>/", views.screen, name="screen"),
    path("org/<int:org_id>/indicators/", views.indicators_in_status, name="indicators"),
    path("org/<int:org_id>/briefing/", views.briefing, name="briefing"),
    path("org/<int:org_id>/briefing.docx", views.briefing_docx_download, name="briefing_docx"),
    path("org/<int:org_id>/briefing.pdf", views.briefing_pdf_download, name="briefing_pdf"),
]
