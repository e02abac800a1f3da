from django.urls import path

from luoshi.projects import views

app_name = "projects"
urlpatterns = [
    path("org/<int:org_id>/", views.board, name="board"),
    path("org/<int:org_id>/rollup/", views.rollup, name="rollup"),
    path("mine/", views.mine, name="mine"),
    path("<int:project_id>/", views.project, name="project"),
]
