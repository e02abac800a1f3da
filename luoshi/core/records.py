"""What every app's writes share: the history record of a change, and the refusal of a stale edit."""
from django.utils.translation import gettext as _


class ConflictError(Exception):
    """Someone saved a newer version first; nothing was overwritten. `current` is the newer record."""

    def __init__(self, current):
        self.current = current
        super().__init__(_("该记录已被他人修改(当前版本%(v)d),请刷新后重新提交。") % {"v": current.version})


def save_with_history(obj, user, reason: str):
    """Save and leave who and why in django-simple-history's record of the change."""
    obj._history_user = user
    obj._change_reason = reason or ""
    obj.save()
    return obj
