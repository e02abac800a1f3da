"""The briefing as approved (审核): every sentence, table row and chart value kept with the issue, so the
text approved is the text 印发 issues and its files print, whatever the data does in between. A digest of
what the reviewer read lets the approval refuse a text that changed under their eyes."""
import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime

from luoshi.core.periods import Period
from luoshi.dashboard.sections import Section
from luoshi.dashboard.selectors import BriefingRow


@dataclass
class FrozenBriefing:
    """A briefing read back from its snapshot: what the templates and the Word maker read of `Briefing`."""

    organisation: object
    period: Period
    title: str
    headline: str
    text: str
    generated_at: datetime
    sections: list = field(default_factory=list)


def take(view: dict) -> dict:
    """The snapshot of a briefing view (`selectors.briefing_view`), as JSON."""
    b = view["briefing"]
    return {"title": str(b.title), "headline": str(b.headline), "text": b.text,
            "generated_at": b.generated_at.isoformat(),
            "period": [b.period.year, b.period.month], "office": str(view["office"]),
            "sections": [{"number": str(s.number), "heading": str(s.heading),
                          "paragraphs": [str(p) for p in s.paragraphs]}
                         for s in b.sections],
            "rows": [{k: str(v) for k, v in asdict(r).items()} for r in view["rows"]],
            "chart": json.loads(json.dumps(view["chart"], default=str))}


def digest(snap: dict) -> str:
    """What the reader saw, without the moment it was composed."""
    content = {k: v for k, v in snap.items() if k != "generated_at"}
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def restore(organisation, snap: dict) -> dict:
    """The briefing view of a snapshot, for the page, the Word file and the PDF alike."""
    sections = [Section(s["heading"], list(s["paragraphs"]), s["number"]) for s in snap["sections"]]
    briefing = FrozenBriefing(organisation, Period(*snap["period"]), snap["title"], snap["headline"], snap["text"],
                              datetime.fromisoformat(snap["generated_at"]), sections)
    return {"briefing": briefing, "rows": [BriefingRow(**r) for r in snap["rows"]], "chart": snap["chart"],
            "office": snap["office"]}
