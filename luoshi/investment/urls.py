from django.urls import path

from luoshi.investment import views

app_name = "investment"
urlpatterns = [
    path("org/<int:org_id>/", views.ledger, name="ledger"),
    path("org/<int:org_id>/ledger.xlsx", views.export, name="export"),
    path("org/<int:org_id>/template.xlsx", views.template, name="template"),
    path("org/<int:org_id>/upload/", views.upload, name="upload"),
    path("org/<int:org_id>/targets/", views.targets, name="targets"),
    path("org/<int:org_id>/targets/template.xlsx", views.targets_template, name="targets_template"),
    path("org/<int:org_id>/targets/upload/", views.targets_upload, name="targets_upload"),
    path("org/<int:org_id>/batches/", views.batches, name="batches"),
    path("org/<int:org_id>/new/", views.new_lead, name="new_lead"),
    path("project/<int:project_id>/", views.project, name="project"),
    path("project/<int:project_id>/edit/", views.edit, name="edit"),
    path("project/<int:project_id>/contract/", views.contract, name="contract"),
    path("chains/org/<int:org_id>/", views.chains, name="chains"),
    path("chains/<int:chain_id>/", views.chain, name="chain"),
]
