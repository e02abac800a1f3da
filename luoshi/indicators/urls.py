from django.urls import path

from luoshi.indicators import views

app_name = "indicators"
urlpatterns = [
    path("overview/<int:org_id>/", views.overview, name="overview"),
]
