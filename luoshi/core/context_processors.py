from luoshi.core.status import palette
from luoshi.organisations.access import home_organisation, home_page
from luoshi.organisations.tuning import setting


def luoshi(request):
    """The status palette and its meaning, for every page's legend; whether the user's role lands on a
    page of its own (then the menu's 概览 leads to the district's overview rather than home)."""
    user = getattr(request, "user", None)
    home = home_organisation(user) if user is not None and user.is_authenticated else None
    name = setting("STATUS_PALETTE", home if home is not None and home.district_id else None)
    return {"status_palette": palette(name), "palette_name": name,
            "has_own_home": lambda: user is not None and home_page(user) is not None}
