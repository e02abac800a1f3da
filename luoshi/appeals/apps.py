from django.apps import AppConfig


class AppealsConfig(AppConfig):
    """Enterprise service (企业服务): the appeal closed loop (企业诉求闭环) and reception days (企业家接待日)."""

    name = "luoshi.appeals"
    label = "appeals"
    verbose_name = "企业诉求"
