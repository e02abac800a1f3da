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
    path("record/", views.record, name="record"),
    path("reception/", views.reception, name="reception"),
    path("reception/<int:org_id>/<int:year>/<int:month>/", views.reception_calendar, name="reception_calendar"),
    path("reception/day/<int:pk>/", views.reception_day, name="reception_day"),
    path("reception/booking/<int:pk>/", views.booking, name="booking"),
    path("reception/booking/<int:pk>/appeal/", views.booking_appeal, name="booking_appeal"),
    path("reception/mine/", views.my_bookings, name="my_bookings"),
    path("reception/hosting/", views.host_schedule, name="host_schedule"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/<int:pk>/open/", views.open_notification, name="open_notification"),
]
