"""Target status (目标状态) and its colours. The palette is a setting because in this culture 红 means
good ("全年红"); every page shows a legend that says what each colour means."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    MET = "met", _("达标")
    CLOSE = "close", _("接近")
    BEHIND = "behind", _("落后")
    NO_DATA = "no_data", _("暂无数据")


PALETTES = {
    "cn": {Status.MET: "#d7263d", Status.CLOSE: "#f08a24", Status.BEHIND: "#2f8f5b", Status.NO_DATA: "#9aa0a6"},
    "intl": {Status.MET: "#2f8f5b", Status.CLOSE: "#f08a24", Status.BEHIND: "#d7263d", Status.NO_DATA: "#9aa0a6"},
}


def palette() -> list[dict]:
    colours = PALETTES.get(settings.LUOSHI["STATUS_PALETTE"], PALETTES["cn"])
    return [{"status": s.value, "label": s.label, "colour": colours[s]} for s in Status]


def colour(status: str) -> str:
    return PALETTES.get(settings.LUOSHI["STATUS_PALETTE"], PALETTES["cn"])[Status(status)]
