"""Pages of the responsibility letters and the assessment. Thin: scope by for_user, rules in services,
scores in selectors."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from luoshi.accountability import services
from luoshi.accountability.forms import ItemForm, LetterForm, TaskReportForm, TransitionForm
from luoshi.accountability.models import ItemKind, LetterItem, ResponsibilityLetter
from luoshi.accountability.selectors import assessment, letter_score, letter_steps
from luoshi.core.periods import opening_year
from luoshi.core.records import ConflictError
from luoshi.core.views import posted_version, year_param
from luoshi.core.workflow import Refused
from luoshi.organisations import access
from luoshi.organisations.models import UNIT_KINDS, Organisation
from luoshi.organisations.selectors import PERSON_RELATED


def _district(request, org_id) -> Organisation:
    return get_object_or_404(Organisation.objects.for_user(request.user), pk=org_id)


def _letter(request, letter_id) -> ResponsibilityLetter:
    return get_object_or_404(ResponsibilityLetter.objects.for_user(request.user).select_related("unit", "district"),
                             pk=letter_id)



def _quarter(request) -> int | None:
    q = request.GET.get("quarter", "")
    if q in ("1", "2", "3", "4"):
        return int(q)
    return None


def _attempt(request, form, write) -> bool:
    """Run a service write; its refusals become the form's errors in the user's words."""
    try:
        write()
        return True
    except Refused as exc:
        for reason in exc.reasons:
            form.add_error(None, reason)
    except ConflictError as exc:
        form.add_error(None, str(exc))
    return False


@login_required
def letters(request, org_id):
    """The district's letters of a year with their live scores, ranked; 先进单位 marked with reasons."""
    district = _district(request, org_id)
    letter_years = ResponsibilityLetter.objects.for_user(request.user).filter(district=district).values_list(
        "year", flat=True).distinct()
    year, quarter = year_param(request, opening_year(letter_years)), _quarter(request)
    form = None
    if access.may(request.user, "accountability.manage", district):
        units = Organisation.objects.for_user(request.user).filter(district=district, kind__in=UNIT_KINDS)
        form = LetterForm(request.POST or None, units=units, initial={"year": year})
        if request.method == "POST" and form.is_valid():
            holder = {}
            if _attempt(request, form, lambda: holder.update(letter=services.create_letter(
                    request.user, unit=form.cleaned_data["unit"], year=form.cleaned_data["year"],
                    title=form.cleaned_data["title"]))):
                return redirect("accountability:letter", letter_id=holder["letter"].pk)
    return render(request, "accountability/letters.html", {
        "district": district, "year": year, "quarter": quarter, "form": form,
        "scores": assessment(request.user, district, year, quarter)})


@login_required
def letter(request, letter_id):
    letter = _letter(request, letter_id)
    manage = access.may(request.user, "accountability.manage", letter.district)
    item_form = ItemForm(prefix="item", district=letter.district)
    transition_form = TransitionForm(initial={"version": letter.version})
    if request.method == "POST" and manage:
        if "item-title" in request.POST:
            item_form = ItemForm(request.POST, prefix="item", district=letter.district)
            if item_form.is_valid() and _attempt(request, item_form, lambda: services.add_item(
                    request.user, letter, **item_form.cleaned_data)):
                messages.success(request, _("已添加事项"))
                return redirect("accountability:letter", letter_id=letter.pk)
        else:
            transition_form = TransitionForm(request.POST, request.FILES)
            if transition_form.is_valid():
                data = transition_form.cleaned_data
                if _attempt(request, transition_form, lambda: services.transition(
                        request.user, letter, data["action"], text=data["text"], scan=data["scan"],
                        expected_version=data["version"])):
                    messages.success(request, _("已办理"))
                    return redirect("accountability:letter", letter_id=letter.pk)
    elif request.method == "POST":
        access.require(request.user, "accountability.manage", letter.district)
    return render(request, "accountability/letter.html", {
        "letter": letter, "score": letter_score(letter, _quarter(request)), "quarter": _quarter(request),
        "manage": manage, "can_report": access.may(request.user, "accountability.report", letter),
        "actions": services.MACHINE.actions_from(letter.state), "labels": services.MACHINE.action_labels,
        "item_form": item_form, "transition_form": transition_form,
        "steps": letter_steps(letter)})


def _item(request, item_id, **lookup) -> LetterItem:
    return get_object_or_404(LetterItem.objects.filter(letter__in=ResponsibilityLetter.objects.for_user(request.user))
                             .select_related("letter__district", "letter__unit"), pk=item_id, **lookup)


@login_required
def amend(request, item_id):
    item = _item(request, item_id)
    letter = item.letter
    access.require(request.user, "accountability.manage", letter.district)
    form = ItemForm(request.POST or None, instance=item, prefix="item", district=letter.district)
    reason = request.POST.get("reason", "")
    if request.method == "POST" and form.is_valid():
        changed = {k: form.cleaned_data[k] for k in form.changed_data}
        if _attempt(request, form, lambda: services.amend(request.user, letter, reason=reason,
                                                          changes={item.pk: changed},
                                                          expected_version=posted_version(request))):
            messages.success(request, _("已记录修订"))
            return redirect("accountability:letter", letter_id=letter.pk)
    return render(request, "accountability/amend.html", {"letter": letter, "item": item, "form": form,
                                                         "reason": reason})


@login_required
def report_task(request, item_id):
    item = _item(request, item_id, kind=ItemKind.TASK)
    access.require(request.user, "accountability.report", item.letter)
    form = TaskReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _attempt(request, form, lambda: services.report_task(request.user, item, **form.cleaned_data)):
            messages.success(request, _("已填报进展"))
            return redirect("accountability:letter", letter_id=item.letter_id)
    reports = item.reports.select_related(*[f"reported_by__{r}" for r in PERSON_RELATED]).order_by("-as_of", "-id")
    return render(request, "accountability/report_task.html", {"item": item, "form": form, "reports": reports})


@login_required
def scan(request, letter_id):
    """The signed scan, only to those who may see the letter."""
    letter = _letter(request, letter_id)
    if not letter.signed_scan:
        raise Http404
    response = FileResponse(letter.signed_scan.open("rb"), as_attachment=True,
                            filename=f"{letter.title}{letter.signed_scan.name[-4:]}")
    response["X-Content-Type-Options"] = "nosniff"
    return response

