from django.urls import path

from luoshi.accountability import views

app_name = "accountability"
urlpatterns = [
    path("org/<int:org_id>/", views.letters, name="letters"),
    path("letter/<int:letter_id>/", views.letter, name="letter"),
    path("item/<int:item_id>/amend/", views.amend, name="amend"),
    path("letter/<int:letter_id>/scan/", views.scan, name="scan"),
    path("item/<int:item_id>/report/", views.report_task, name="report_task"),
]
