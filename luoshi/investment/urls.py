from django.urls import path

from luoshi.investment import views

app_name = "investment"
urlpatterns = [
    path("org/<int:org_id>/", views.ledger, name="ledger"),
    path("project/<int:project_id>/", views.project, name="project"),
    path("chains/org/<int:org_id>/", views.chains, name="chains"),
    path("chains/<int:chain_id>/", views.chain, name="chain"),
]
