"""Account pages (账号): changing one's own password, and an administrator's list of the accounts in
their scope with a password reset for each (who may reset whom: `access.password_resettable_users`)."""
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from luoshi.organisations import access, services


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's own form and checks (old password, the password validators), in Luoshi's layout, audited."""

    template_name = "organisations/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(self.request.user)
        messages.success(self.request, _("密码已修改。"))
        return response


@login_required
def accounts(request):
    access.require(request.user, "organisations.manage_accounts")
    users = access.password_resettable_users(request.user).select_related(
        "profile__organisation", "profile__enterprise").order_by("profile__organisation_id", "username")
    return render(request, "organisations/accounts.html", {"users": users})


@login_required
def reset_password(request, user_id):
    """An account outside the administrator's scope is not found (404, decision 2): guessing ids reveals
    nothing."""
    account = access.password_resettable_users(request.user).filter(pk=user_id).first()
    if account is None:
        raise Http404
    form = SetPasswordForm(account, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.reset_password(request.user, account, form.cleaned_data["new_password1"])
        messages.success(request, _("已重置%(u)s的密码，请把新密码当面或电话告知本人，并提醒其登录后自行修改。") % {
            "u": account.get_username()})
        return redirect("organisations:accounts")
    return render(request, "organisations/reset_password.html", {"account": account, "form": form})
