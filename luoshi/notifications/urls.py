from django.urls import path

from luoshi.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/open/", views.open_notification, name="open"),
    path("district/<int:org_id>/channels/", views.channels, name="channels"),
]
