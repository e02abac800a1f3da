from django.conf import settings

from luoshi.core.status import palette
from luoshi.organisations.access import may_manage_accounts


def luoshi(request):
    """The status palette and its meaning, for every page's legend; whether the menu offers 账号管理."""
    return {"status_palette": palette(), "palette_name": settings.LUOSHI["STATUS_PALETTE"],
            "may_manage_accounts": may_manage_accounts(getattr(request, "user", None))}
