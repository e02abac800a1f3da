from django.urls import path

from luoshi.indicators import catalogue_views, city_views, views

app_name = "indicators"
urlpatterns = [
    path("city/<int:org_id>/", city_views.city, name="city"),
    path("org/<int:org_id>/", views.overview, name="overview"),
    path("org/<int:org_id>/indicator/<int:indicator_id>/", views.indicator_detail, name="detail"),
    path("org/<int:org_id>/indicator/<int:indicator_id>/target/<int:year>/", views.target_edit, name="target_edit"),
    path("org/<int:org_id>/indicator/<int:indicator_id>/actual/", views.actual_edit, name="actual_edit"),
    path("org/<int:org_id>/indicator/<int:indicator_id>/actual/<int:actual_id>/withdraw/", views.actual_withdraw,
         name="actual_withdraw"),
    path("org/<int:org_id>/indicator/<int:indicator_id>/decompose/<int:year>/", views.decompose, name="decompose"),
    path("catalogue/", catalogue_views.catalogue, name="catalogue"),
    path("catalogue/<int:indicator_id>/", catalogue_views.catalogue_edit, name="catalogue_edit"),
    path("upload/", views.upload, name="upload"),
    path("upload/template.xlsx", views.template_download, name="template"),
    path("export.xlsx", views.export, name="export"),
]
