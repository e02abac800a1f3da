from django.urls import path

from luoshi.appeals import views

app_name = "appeals"
urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.mine, name="mine"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("attachment/<int:pk>/", views.attachment, name="attachment"),
    path("inbox/", views.inbox, name="inbox"),
    path("supervision/", views.supervision, name="supervision"),
    path("org/<int:org_id>/statistics/", views.statistics, name="statistics"),
    path("org/<int:org_id>/statistics.xlsx", views.export, name="export"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/<int:pk>/open/", views.open_notification, name="open_notification"),
]
