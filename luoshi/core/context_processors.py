from luoshi.core.status import palette
from luoshi.organisations.access import home_page
from luoshi.organisations.tuning import palette_name


def luoshi(request):
    """The status palette and its meaning, for every page's legend; whether the user's role lands on a
    page of its own (then the menu's 概览 leads to the district's overview rather than home)."""
    user = getattr(request, "user", None)
    name = palette_name(user)
    return {"status_palette": palette(name), "palette_name": name,
            "has_own_home": lambda: user is not None and home_page(user) is not None}
