"""The bell of the navigation: how many of the user's messages are unread (one COUNT, and only when a
page actually shows the bell)."""
from luoshi.notifications.selectors import unread_count


def notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    counted = {}

    def unread():
        if "n" not in counted:
            counted["n"] = unread_count(user)
        return counted["n"]

    return {"unread_notifications": unread}
