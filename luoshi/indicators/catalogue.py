"""The core indicators (核心指标目录, their rows in core.catalogue) created in the ledger; admins add more
in the admin."""
from luoshi.core.catalogue import CORE_INDICATORS
from luoshi.indicators.models import Indicator


def ensure_catalogue() -> int:
    """Create the core indicators that are missing; existing ones (and admins' edits) are kept."""
    created = 0
    for order, (code, name, aliases, unit, cumulative, frequency, direction, measure) in enumerate(
            CORE_INDICATORS, start=1):
        _obj, was_created = Indicator.objects.get_or_create(
            code=code, defaults=dict(name=name, aliases=aliases, unit=unit, cumulative=cumulative,
                                     frequency=frequency, direction=direction, measure=measure,
                                     sort_order=order * 10))
        created += was_created
    return created
