"""The review step (工作报告解析审核): read a report in, see every finding highlighted in the text, and
accept, correct or reject each; nothing reaches the ledger before a person accepts it."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.core.records import ConflictError
from luoshi.core.views import posted_version
from luoshi.core.workflow import Refused
from luoshi.indicators.services import LedgerError
from luoshi.ingestion import selectors, services
from luoshi.ingestion.forms import FindingForm, ReadForm
from luoshi.ingestion.models import Finding, SourceDocument
from luoshi.ingestion.readers import UnreadableFile, read_file
from luoshi.organisations.access import can_edit_targets, can_supervise
from luoshi.organisations.models import Organisation


def _editable_organisations(user):
    return Organisation.objects.filter(pk__in=[o.pk for o in Organisation.objects.for_user(user)
                                               if can_edit_targets(user, o)])


@login_required
def documents(request):
    orgs = _editable_organisations(request.user)
    form = ReadForm(request.POST or None, request.FILES or None, organisations=orgs)
    if request.method == "POST":
        if not orgs.exists():
            raise PermissionDenied(_("无权导入工作报告"))
        if form.is_valid():
            data = form.cleaned_data
            try:
                text = read_file(data["file"]) if data["file"] else data["text"]
                document, created = services.read_document(
                    request.user, text=text, title=data["title"], organisation=data["organisation"],
                    date=data["date"], file_name=data["file"].name if data["file"] else "")
            except (UnreadableFile, services.FindingError) as exc:
                form.add_error(None, str(exc))
            else:
                if not created:
                    messages.info(request, _("这份文件已经读过，未重复建立记录。"))
                return redirect("ingestion:document", document_id=document.pk)
    return render(request, "ingestion/documents.html", {
        "form": form, "can_read": orgs.exists(), "documents": selectors.documents_for(request.user)})


def _document(request, document_id) -> SourceDocument:
    try:
        return selectors.document_for(request.user, document_id)
    except SourceDocument.DoesNotExist:
        raise Http404 from None


@login_required
def document(request, document_id):
    doc = _document(request, document_id)
    findings = list(selectors.findings_of(request.user, doc))
    return render(request, "ingestion/document.html", {
        "document": doc, "findings": findings, "pieces": selectors.highlighted_text(doc, findings),
        "can_review": can_edit_targets(request.user, doc.organisation) or can_supervise(request.user, doc.organisation),
        "audit": selectors.findings_audit(doc),
        "organisations": Organisation.objects.for_user(request.user)})


def _finding(request, finding_id) -> Finding:
    finding = Finding.objects.for_user(request.user).select_related("document").filter(pk=finding_id).first()
    if finding is None:
        raise Http404
    return finding


@login_required
@require_POST
def review(request, finding_id, action):
    """Accept, reject or correct one finding; a refusal is said on the page and changes nothing."""
    finding = _finding(request, finding_id)
    form = None
    try:
        if action == "accept":
            services.accept_finding(request.user, finding, reason=request.POST.get("reason", ""),
                                    expected_version=posted_version(request))
            messages.success(request, _("已采纳：%(t)s") % {"t": finding.text})
        elif action == "reject":
            services.reject_finding(request.user, finding, note=request.POST.get("note", ""),
                                    expected_version=posted_version(request))
            messages.success(request, _("已驳回：%(t)s") % {"t": finding.text})
        elif action == "edit":
            form = FindingForm(request.POST, instance=Finding.objects.get(pk=finding.pk),
                               organisations=Organisation.objects.for_user(request.user))
            if form.is_valid():
                changes = {k: form.cleaned_data[k] for k in form.changed_data if k != "version"}
                if not (changes.get("wording") or "").strip():
                    changes.pop("wording", None)  # left empty: the service rebuilds it from the fields
                services.edit_finding(request.user, finding, expected_version=form.cleaned_data["version"],
                                      **changes)
                messages.success(request, _("已修改，待采纳：%(t)s") % {"t": finding.text})
            else:
                messages.error(request, "; ".join(f"{form.fields[k].label}:{' '.join(v)}" if k in form.fields
                                                   else " ".join(v) for k, v in form.errors.items()))
        else:
            raise Http404
    except (services.FindingError, PermissionDenied) as exc:
        messages.error(request, str(exc) or _("无权审核该文件的解析结果"))
    except LedgerError as exc:
        messages.error(request, "; ".join(f"{e.field}:{e.message}" for e in exc.errors))
    except Refused as exc:
        messages.error(request, ";".join(exc.reasons))
    except ConflictError as exc:
        messages.error(request, str(exc))
    return redirect(f"{_document_url(finding)}#finding-{finding.pk}")


def _document_url(finding) -> str:
    return reverse("ingestion:document", args=[finding.document_id])


@login_required
def edit_form(request, finding_id):
    """The correction form of one finding, loaded into its row (htmx) or as a page."""
    finding = _finding(request, finding_id)
    form = FindingForm(instance=finding, initial={"version": finding.version},
                       organisations=Organisation.objects.for_user(request.user))
    template = "ingestion/_finding_form.html" if request.headers.get("HX-Request") else "ingestion/finding_form.html"
    return render(request, template, {"finding": finding, "form": form})
