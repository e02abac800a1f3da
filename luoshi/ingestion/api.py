"""API of the review step: documents read, their findings, and accepting or rejecting one."""
from datetime import datetime

from django.http import Http404
from ninja import Router, Schema

from luoshi.core.api_errors import READ_ERRORS, WRITE_ERRORS
from luoshi.core.apitools import ExactDecimal, expected_version_field, model_text
from luoshi.ingestion import selectors, services
from luoshi.ingestion.models import Finding, SourceDocument

router = Router(tags=["ingestion 工作报告解析"])


class DocumentOut(Schema):
    """A report read in (来源文件)."""

    id: int
    title: str
    organisation_id: int
    date: str | None
    uploaded_at: datetime
    findings_total: int
    findings_open: int

    @staticmethod
    def resolve_date(obj) -> str | None:
        return obj.date.isoformat() if obj.date else None


class FindingOut(Schema):
    """One proposed figure (解析结果) with its span in the text."""

    id: int
    kind: str
    status: str
    start: int
    end: int
    text: str
    organisation_id: int | None
    year: int | None
    month: int | None
    indicator_id: int | None
    indicator_phrase: str
    value: ExactDecimal
    value_high: ExactDecimal | None
    unit: str
    is_growth: bool
    comparator: str
    commitment: str
    wording: str
    version: int


class ReviewIn(Schema):
    """The reviewer's note (kept as the reason of the record's history)."""

    note: str = model_text(Finding, "review_note", "")
    expected_version: int = expected_version_field(first_entry=False)


def _finding(request, finding_id: int) -> Finding:
    finding = Finding.objects.for_user(request.user).filter(pk=finding_id).first()
    if finding is None:
        raise Http404
    return finding


@router.get("/documents", response={200: list[DocumentOut], **READ_ERRORS}, summary="已读入的文件 Documents read in")
def documents(request):
    """The reports read in for organisations the user may see, newest first, with open and total findings."""
    return selectors.documents_for(request.user)


@router.get("/documents/{int:document_id}/findings", response={200: list[FindingOut], **READ_ERRORS},
            summary="解析结果 The findings of one document, in text order")
def findings(request, document_id: int):
    """Each proposed figure with its span (start, end) in the document's text and what a record needs."""
    try:
        document = selectors.document_for(request.user, document_id)
    except SourceDocument.DoesNotExist:
        raise Http404 from None
    return selectors.findings_of(request.user, document)


@router.post("/findings/{int:finding_id}/accept", response={200: FindingOut, 201: FindingOut, **WRITE_ERRORS},
             summary="采纳 Accept a finding: the record is written through the ledger's services")
def accept(request, finding_id: int, payload: ReviewIn):
    """Writes the target or actual through the ledger's own services (their refusals answer 422/403/409
    and leave the finding open); `note` becomes the reason kept in the record's history."""
    finding = _finding(request, finding_id)
    services.accept_finding(request.user, finding, reason=payload.note, expected_version=payload.expected_version)
    return Finding.objects.get(pk=finding.pk)


@router.post("/findings/{int:finding_id}/reject", response={200: FindingOut, 201: FindingOut, **WRITE_ERRORS},
             summary="驳回 Reject a finding")
def reject(request, finding_id: int, payload: ReviewIn):
    """Marks the finding as not to be kept; nothing is written to the ledger."""
    finding = _finding(request, finding_id)
    services.reject_finding(request.user, finding, note=payload.note, expected_version=payload.expected_version)
    return Finding.objects.get(pk=finding.pk)
