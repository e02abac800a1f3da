"""Writes about accounts (账号): a user's own password change and an administrator's reset, both
audited in Django's admin log (who, whose, when; visible in the account's history in /admin/)."""
import logging

from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from luoshi.organisations import access

logger = logging.getLogger("luoshi.security")


def _audit(actor, account, message: str):
    LogEntry.objects.log_actions(actor.pk, [account], CHANGE, change_message=message, single_object=True)
    logger.info("%s: %s → %s", message, actor.get_username(), account.get_username())


def password_changed(user):
    """Record that the user changed their own password (the form has saved it)."""
    _audit(user, user, "修改了自己的密码")


@transaction.atomic
def reset_password(admin, account, password: str):
    """An administrator sets a new password for an account in their scope (`access.can_reset_password`);
    the account's open sessions end with it (Django ties a session to the password)."""
    if not access.can_reset_password(admin, account):
        raise PermissionDenied(_("无权重置该账号的密码"))
    account.set_password(password)
    account.save(update_fields=["password"])
    _audit(admin, account, "重置了该账号的密码")
