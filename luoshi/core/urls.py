from django.urls import path

from luoshi.core import job_views

app_name = "core"
urlpatterns = [
    path("<uuid:job_id>/", job_views.job_page, name="job"),
    path("<uuid:job_id>/progress/", job_views.job_progress, name="job_progress"),
    path("<uuid:job_id>/file/", job_views.job_file, name="job_file"),
]
