from django.urls import path

from luoshi.ingestion import views

app_name = "ingestion"
urlpatterns = [
    path("", views.documents, name="documents"),
    path("doc/<int:document_id>/", views.document, name="document"),
    path("finding/<int:finding_id>/form/", views.edit_form, name="edit_form"),
    path("finding/<int:finding_id>/<slug:action>/", views.review, name="review"),
]
