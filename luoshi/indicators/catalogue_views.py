"""Pages of the indicator catalogue (指标目录), kept by the city administrator; rules in catalogue_admin."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from luoshi.indicators.catalogue_admin import save_indicator
from luoshi.indicators.forms import IndicatorForm
from luoshi.indicators.models import Indicator
from luoshi.indicators.services import ConflictError, LedgerError
from luoshi.organisations import access
from luoshi.organisations.selectors import HISTORY_USER_RELATED


def _keeper(request):
    access.require(request.user, "indicators.keep_catalogue")


def _save(form, indicator=None) -> Indicator | None:
    data = dict(form.cleaned_data)
    version = data.pop("version", None)
    try:
        return save_indicator(form.user, indicator=indicator, expected_version=version if indicator else None,
                              **data)
    except LedgerError as exc:
        for e in exc.errors:
            form.add_error(None, f"{e.field}:{e.message}")
    except ConflictError as exc:
        form.add_error(None, str(exc))
    return None


@login_required
def catalogue(request):
    """Every indicator (active or not) and a form to add one."""
    _keeper(request)
    form = IndicatorForm(editing=False)
    if request.method == "POST":
        form = IndicatorForm(request.POST, editing=False)
        form.user = request.user
        if form.is_valid() and (saved := _save(form)):
            messages.success(request, _("已新增指标“%(n)s”，即刻出现在填报模板和报告解析中") % {"n": saved.name})
            return redirect("indicators:catalogue")
    return render(request, "indicators/catalogue.html", {"indicators": Indicator.objects.order_by("sort_order", "id"),
                                                         "form": form})


@login_required
def catalogue_edit(request, indicator_id):
    _keeper(request)
    indicator = get_object_or_404(Indicator, pk=indicator_id)
    form = IndicatorForm(initial={f: getattr(indicator, f) for f in (
        "name", "code", "unit", "cumulative", "frequency", "aliases", "sort_order", "is_active", "description",
        "version")})
    if request.method == "POST":
        form = IndicatorForm(request.POST)
        form.user = request.user
        if form.is_valid() and (saved := _save(form, indicator)):
            messages.success(request, _("已修改指标“%(n)s”") % {"n": saved.name})
            return redirect("indicators:catalogue")
    return render(request, "indicators/catalogue_form.html", {
        "indicator": indicator, "form": form, "history": indicator.history.select_related(*HISTORY_USER_RELATED)[:50]})
