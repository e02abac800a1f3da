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
    NO_TARGET = "no_target", _("未设目标")  # figures reported, no target to judge them by: not "no data"


# Chart colours; text takes its colour from the `st-<status>` classes in app.css (one set for pages,
# one for the dark wall), each at least 4.5:1 against its background (WCAG 2.1 AA). Keep the two in step.
PALETTES = {
    "cn": {Status.MET: "#c81e36", Status.CLOSE: "#b45309", Status.BEHIND: "#1f7a4a", Status.NO_DATA: "#6b7280",
           Status.NO_TARGET: "#475569"},
    "intl": {Status.MET: "#1f7a4a", Status.CLOSE: "#b45309", Status.BEHIND: "#c81e36", Status.NO_DATA: "#6b7280",
             Status.NO_TARGET: "#475569"},
}


# Warnings (an overdue count, a visit waiting for approval, a report to handle) take one tone under every
# palette — dark orange with a ⚠, class `tone-warn` in app.css — never a status colour: under `cn` red is
# 达标 and green is 落后, so neither can say "act on this".
WARNING = "warn"


def _colours(name: str | None = None) -> dict:
    return PALETTES.get(name or settings.LUOSHI["STATUS_PALETTE"], PALETTES["cn"])


def palette(name: str | None = None) -> list[dict]:
    """The colours and their meaning; `name` a district's own palette (区级设置), else the default."""
    colours = _colours(name)
    return [{"status": s.value, "label": s.label, "colour": colours[s]} for s in Status]


def colour(status: str, palette_name: str | None) -> str:
    """A status's colour in the palette the viewer reads pages in (organisations.tuning.palette_name: their
    district's own, else the default); the name is asked for so no caller falls back to the default unseen."""
    return _colours(palette_name)[Status(status)]
