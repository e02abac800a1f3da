from django.urls import path

from luoshi.indicators import views

app_name = "indicators"
urlpatterns = [
    path("org/<int:org_id>/", views.overview, name="overview"),
    path("org/<int:org_id>/indicator/<int:indicator_id>/", views.indicator_detail, name="detail"),
    path("org/<int:org_id>/indicator/<int:indicator_id>/target/<int:year>/", views.target_edit, name="target_edit"),
    path("org/<int:org_id>/indicator/<int:indicator_id>/actual/", views.actual_edit, name="actual_edit"),
    path("org/<int:org_id>/indicator/<int:indicator_id>/actual/<int:actual_id>/withdraw/", views.actual_withdraw,
         name="actual_withdraw"),
    path("upload/", views.upload, name="upload"),
    path("upload/template.xlsx", views.template_download, name="template"),
    path("export.xlsx", views.export, name="export"),
]
