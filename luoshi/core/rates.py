"""Rates and percentages (完成率, 占比, 时间进度, 按时办结率): the one formula every app uses, so a rate
reads the same on every page, export and API answer."""
from decimal import Decimal

ONE_PLACE = Decimal("0.1")


def percent(part, whole, places: Decimal = ONE_PLACE) -> Decimal | None:
    """part / whole in percent, exact (Decimal) to `places` (one decimal unless said); None when there is
    nothing to divide by."""
    return (Decimal(part) * 100 / whole).quantize(places) if whole else None
