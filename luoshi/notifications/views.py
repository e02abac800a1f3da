"""The inbox (消息提醒): the user's own messages, and opening one. Every user has one; a message of
someone else's is 404 (Notification.objects.for_user)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.core import params
from luoshi.notifications import selectors, services
from luoshi.notifications.models import Notification


@login_required
def inbox(request):
    """消息提醒: the user's own messages; POST marks them read (all, or the ids posted)."""
    if request.method == "POST":
        ids = params.ids(request.POST) or None
        count = services.mark_read(request.user, ids)
        messages.success(request, _("已标记%(n)d条为已读") % {"n": count})
        return redirect("notifications:inbox")
    unread_only = request.GET.get("unread") == "1"
    return render(request, "notifications/inbox.html", {
        "notes": selectors.inbox(request.user, unread_only=unread_only), "unread_only": unread_only})


@login_required
@require_POST
def open_notification(request, pk):
    """Open one message: marked read, then to the record it is about (only one's own messages)."""
    note = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    services.mark_read(request.user, [note.pk])
    if note.link and url_has_allowed_host_and_scheme(note.link, allowed_hosts={request.get_host()}):
        return redirect(note.link)
    return redirect("notifications:inbox")
