from django.urls import path

from luoshi.projects import views

app_name = "projects"
urlpatterns = [
    path("org/<int:org_id>/", views.board, name="board"),
    path("org/<int:org_id>/list/", views.project_list, name="list"),
    path("org/<int:org_id>/new/", views.new_project, name="new"),
    path("org/<int:org_id>/import/", views.import_list, name="import"),
    path("org/<int:org_id>/renewal/", views.renewal_tree, name="renewal"),
    path("org/<int:org_id>/list.xlsx", views.export_list, name="export_list"),
    path("org/<int:org_id>/rollup/", views.rollup, name="rollup"),
    path("org/<int:org_id>/rollup.xlsx", views.export_rollup, name="export_rollup"),
    path("org/<int:org_id>/wages/", views.wages, name="wages"),
    path("org/<int:org_id>/wages.xlsx", views.export_wages, name="export_wages"),
    path("mine/", views.mine, name="mine"),
    path("reports/upload/", views.upload_reports, name="upload"),
    path("reports/template.xlsx", views.report_template, name="report_template"),
    path("<int:project_id>/", views.project, name="project"),
    path("<int:project_id>/edit/", views.edit_project, name="edit"),
]
