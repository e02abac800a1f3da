"""The inbox (消息提醒): the user's own messages, and opening one. Every user has one; a message of
someone else's is 404 (Notification.objects.for_user)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.core import params
from luoshi.core.forms import seen_version
from luoshi.core.records import ConflictError
from luoshi.core.workflow import Refused
from luoshi.notifications import selectors, services
from luoshi.notifications.forms import ChannelForm
from luoshi.notifications.models import Notification
from luoshi.organisations import access
from luoshi.organisations import selectors as organisation_selectors


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


@login_required
def channels(request, org_id):
    """发送渠道: the district's 企业微信, 钉钉 and SMS settings, one card per channel; a guessed district is
    404, anyone else of the district 403 (the rule's reason)."""
    district = get_object_or_404(organisation_selectors.districts_known_to(request.user), pk=org_id)
    access.require(request.user, "notifications.configure_channels", district)
    rows = selectors.district_channels(request.user, district)
    forms = {c.kind: ChannelForm(channel=c, initial={"enabled": c.enabled, "corp_id": c.corp_id,
                                                     "agent_id": c.agent_id, "gateway": c.gateway,
                                                     "template": c.template, "version": c.version})
             for c in rows}
    posted = request.POST if request.method == "POST" else {}
    channel = next((c for c in rows if f"{c.kind}-reason" in posted), None)
    if channel is not None:
        form = ChannelForm(request.POST, channel=channel)
        forms[channel.kind] = form
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = seen_version(form)
            data.pop("version")
            try:
                services.save_channel(request.user, district, channel.kind, expected_version=version, **data)
                messages.success(request, _("“%(c)s”已保存") % {"c": channel.get_kind_display()})
                return redirect(request.path)
            except Refused as exc:
                for field, reason in zip(exc.fields, exc.reasons, strict=True):
                    form.add_error(field if field in form.fields else None, reason)
            except ConflictError as exc:
                form.add_error(None, str(exc))
    cards = [{"channel": c, "form": forms[c.kind], "recent": selectors.recent_deliveries(c)} for c in rows]
    return render(request, "notifications/channels.html", {
        "district": district, "cards": cards, "history": selectors.channel_history(request.user, district)})
