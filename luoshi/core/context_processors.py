from django.conf import settings

from luoshi.core.status import palette


def luoshi(request):
    """The status palette and its meaning, for every page's legend."""
    return {"status_palette": palette(), "palette_name": settings.LUOSHI["STATUS_PALETTE"]}
