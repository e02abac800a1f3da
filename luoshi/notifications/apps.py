from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """In-app notifications (消息提醒), delivered after the commit on every channel that reaches the user."""

    name = "luoshi.notifications"
    label = "notifications"
    verbose_name = "消息提醒"

    def ready(self):
        from luoshi.core import schedule
        from luoshi.notifications import channels, district_channels, permissions  # noqa: F401 - declares rules
        from luoshi.notifications.tasks import SWEEP_EVERY, sweep_outbox

        channels.register(channels.EMAIL)
        for channel in district_channels.ALL:
            channels.register(channel)
        schedule.register("notifications.sweep_outbox", sweep_outbox, every=SWEEP_EVERY)
