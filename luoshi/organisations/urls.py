from django.urls import path

from luoshi.organisations import views

app_name = "organisations"
urlpatterns = [
    path("city/<int:org_id>/", views.city, name="city"),
]
