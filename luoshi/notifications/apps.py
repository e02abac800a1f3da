from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """In-app notifications (消息提醒), also sent by e-mail: reminders, escalations, decisions."""

    name = "luoshi.notifications"
    label = "notifications"
    verbose_name = "消息提醒"
