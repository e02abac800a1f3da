from django.urls import path

from luoshi.workplan import views

app_name = "workplan"
urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.mine, name="mine"),
    path("org/<int:org_id>/", views.district, name="district"),
    path("org/<int:org_id>/ledger/", views.ledger, name="ledger"),
    path("plan/<int:plan_id>/", views.plan, name="plan"),
    path("plan/<int:plan_id>/export.xlsx", views.export, name="export"),
    path("plan/<int:plan_id>/template.xlsx", views.template, name="template"),
    path("plan/<int:plan_id>/upload/", views.upload, name="upload"),
    path("plan/<int:plan_id>/new/", views.new_task, name="new_task"),
    path("task/<int:task_id>/", views.task, name="task"),
    path("task/<int:task_id>/edit/", views.edit_task, name="edit_task"),
    path("task/<int:task_id>/report/", views.report, name="report"),
    path("task/<int:task_id>/notice/", views.notice, name="notice"),
    path("task/<int:task_id>/move/", views.move, name="move"),
    path("task/<int:task_id>/subtask/", views.subtask, name="subtask"),
    path("notice/<int:notice_id>/reply/", views.reply, name="reply"),
    path("evidence/<int:evidence_id>/", views.evidence, name="evidence"),
]
