"""Reads for the review page (工作报告解析审核): documents, their findings and the highlights of the text."""
from django.db.models import Count, Q

from luoshi.core import audit
from luoshi.ingestion.models import Finding, SourceDocument, Status
from luoshi.organisations.selectors import PERSON_RELATED


def documents_for(user):
    """The documents of the organisations the user may see, newest first, with open/total counts."""
    return (SourceDocument.objects.for_user(user)
            .select_related("organisation", *[f"uploaded_by__{r}" for r in PERSON_RELATED])
            .annotate(findings_total=Count("findings"),
                      findings_open=Count("findings", filter=Q(findings__status__in=(Status.PROPOSED,
                                                                                     Status.EDITED)))))


def document_for(user, pk: int) -> SourceDocument:
    """One document in the user's scope (DoesNotExist otherwise: the page answers 404)."""
    return SourceDocument.objects.for_user(user).select_related("organisation").get(pk=pk)


def findings_of(user, document: SourceDocument):
    """The document's findings in text order, with what the table shows."""
    return (Finding.objects.for_user(user).filter(document=document)
            .select_related("organisation", "indicator", "record_type", *[f"reviewed_by__{r}" for r in PERSON_RELATED])
            .order_by("start", "id"))


def highlighted_text(document: SourceDocument, findings) -> list[tuple[str, Finding | None]]:
    """The text cut into pieces, each plain (None) or one finding's span, for highlighting in order.

    Overlapping spans (a project inside a count's phrase) are shown once, by the first in text order."""
    pieces: list[tuple[str, Finding | None]] = []
    pos = 0
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if f.start < pos:
            continue
        if f.start > pos:
            pieces.append((document.text[pos:f.start], None))
        pieces.append((document.text[f.start:f.end], f))
        pos = f.end
    if pos < len(document.text):
        pieces.append((document.text[pos:], None))
    return pieces


AUDITED = ["kind", "role", "organisation", "year", "month", "indicator", "value", "value_high", "unit", "is_growth",
           "comparator", "commitment", "wording", "status", "review_note"]


def findings_audit(document: SourceDocument, limit: int = 500) -> list[audit.AuditEntry]:
    """Every change to the document's findings — proposed by the reader, corrected, accepted, rejected —
    with who, when, old → new and why, newest first."""
    records = Finding.history.filter(document_id=document.pk).select_related("organisation", "indicator")
    return audit.newest_first(audit.entries(Finding, records, AUDITED, "finding",
                                            lambda rec: f"#{rec.id} {rec.text[:40]}"), limit)
