from django.urls import path

from luoshi.appeals.views import loop, reception

app_name = "appeals"
urlpatterns = [
    path("", loop.index, name="index"),
    path("mine/", loop.mine, name="mine"),
    path("new/", loop.new, name="new"),
    path("<int:pk>/", loop.detail, name="detail"),
    path("attachment/<int:pk>/", loop.attachment, name="attachment"),
    path("inbox/", loop.inbox, name="inbox"),
    path("supervision/", loop.supervision, name="supervision"),
    path("org/<int:org_id>/statistics/", loop.statistics, name="statistics"),
    path("org/<int:org_id>/statistics.xlsx", loop.export, name="export"),
    path("record/", loop.record, name="record"),
    path("reception/", reception.reception, name="reception"),
    path("reception/<int:org_id>/<int:year>/<int:month>/", reception.reception_calendar, name="reception_calendar"),
    path("reception/day/<int:pk>/", reception.reception_day, name="reception_day"),
    path("reception/booking/<int:pk>/", reception.booking, name="booking"),
    path("reception/booking/<int:pk>/appeal/", reception.booking_appeal, name="booking_appeal"),
    path("reception/mine/", reception.my_bookings, name="my_bookings"),
    path("reception/hosting/", reception.host_schedule, name="host_schedule"),
]
