from django.urls import path

from luoshi.dashboard import issue_views, views

app_name = "dashboard"
urlpatterns = [
    path("org/<int:org_id>/", views.screen, name="screen"),
    path("org/<int:org_id>/indicators/", views.indicators_in_status, name="indicators"),
    path("org/<int:org_id>/briefing/", views.briefing, name="briefing"),
    path("org/<int:org_id>/briefing.docx", views.briefing_docx_download, name="briefing_docx"),
    path("org/<int:org_id>/briefing.pdf", views.briefing_pdf_download, name="briefing_pdf"),
    path("org/<int:org_id>/briefings/", issue_views.issued_list, name="issued_list"),
    path("briefings/<int:pk>/", issue_views.issue, name="issue"),
    path("briefings/<int:pk>/act/", issue_views.issue_act, name="issue_act"),
    path("briefings/<int:pk>/file.<str:kind>", issue_views.issue_file, name="issue_file"),
]
