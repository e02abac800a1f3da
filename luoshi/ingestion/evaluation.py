"""Measuring the extractor against a hand-made gold file (标注集), for `python -m luoshi eval-extract`.

A found figure matches a gold figure when both come from the same document and agree on kind, value,
the high end of a range, and unit, and their spans overlap. Each gold figure matches at most one found
figure and the reverse (first in text order). Precision per kind is counted over the found figures of
that kind, recall over the gold figures of that kind. Among matches, the attributes that are not part of
the match — organisation, year, indicator code, growth, comparator, commitment — are reported as shares
that agree, so a regression in them shows without changing precision and recall.
"""
import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from luoshi.ingestion.extract import KINDS, Finding, extract, organisation_key

GOLD_DIR = Path(__file__).resolve().parents[2] / "tests" / "ingestion" / "gold"
ATTRIBUTES = ("organisation", "year", "indicator_code", "is_growth", "comparator", "commitment")


@dataclass
class GoldFigure:
    seed: str
    kind: str
    start: int
    end: int
    value: Decimal
    unit: str
    value_high: Decimal | None
    attributes: dict


@dataclass
class Report:
    counts: dict = field(default_factory=dict)      # kind -> {"gold", "found", "matched_gold", "matched_found"}
    agreement: dict = field(default_factory=dict)   # attribute -> [agree, compared]
    misses: list = field(default_factory=list)      # gold figures not found
    spurious: list = field(default_factory=list)    # found figures not in the gold
    disagreements: list = field(default_factory=list)

    def precision(self, kind: str | None = None) -> float:
        found, matched = self._sum(kind, "found"), self._sum(kind, "matched_found")
        return matched / found if found else 1.0

    def recall(self, kind: str | None = None) -> float:
        gold, matched = self._sum(kind, "gold"), self._sum(kind, "matched_gold")
        return matched / gold if gold else 1.0

    def _sum(self, kind, key):
        return sum(c[key] for k, c in self.counts.items() if kind is None or k == kind)


def load_gold(gold_dir: Path = GOLD_DIR) -> tuple[dict[str, str], list[GoldFigure], dict]:
    """The seed texts, the gold figures with their spans located in the texts, and the documents' dates."""
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted((gold_dir / "seeds").glob("*.txt"))}
    documents = json.loads((gold_dir / "documents.json").read_text(encoding="utf-8"))
    figures = []
    for n, line in enumerate((gold_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        text = texts[row["seed"]]
        start = text.find(row["span"])
        if start < 0 or text.find(row["span"], start + 1) >= 0:
            raise ValueError(f"gold line {n}: span {row['span']!r} must occur exactly once in {row['seed']}")
        figures.append(GoldFigure(
            seed=row["seed"], kind=row["kind"], start=start, end=start + len(row["span"]),
            value=Decimal(row["value"]), unit=row["unit"],
            value_high=Decimal(row["value_high"]) if row.get("value_high") else None,
            attributes=dict(organisation=row["organisation"], year=row["year"],
                            indicator_code=row["indicator_code"], is_growth=row["growth"],
                            comparator=row["comparator"], commitment=row["commitment"])))
    return texts, figures, documents


def _same(g: GoldFigure, f: Finding) -> bool:
    return (g.kind == f.kind and g.unit == f.unit and g.value == f.value
            and g.value_high == f.value_high and g.start < f.end and f.start < g.end)


def evaluate(gold_dir: Path = GOLD_DIR, *, given_dates: bool = False, extractor=extract) -> Report:
    """Run the extractor on every seed and compare with the gold."""
    texts, gold, documents = load_gold(gold_dir)
    report = Report(counts={k: dict(gold=0, found=0, matched_gold=0, matched_found=0) for k in KINDS},
                    agreement={a: [0, 0] for a in ATTRIBUTES})
    for seed, text in texts.items():
        date = dt.date.fromisoformat(documents[seed]["date"]) if given_dates else None
        found = extractor(text, date=date)
        golds = [g for g in gold if g.seed == seed]
        used = set()
        for g in golds:
            report.counts[g.kind]["gold"] += 1
        for f in found:
            report.counts.setdefault(f.kind, dict(gold=0, found=0, matched_gold=0, matched_found=0))
            report.counts[f.kind]["found"] += 1
        matched_found = set()
        for g in golds:
            match = next((i for i, f in enumerate(found) if i not in used and _same(g, f)), None)
            if match is None:
                report.misses.append((seed, g, text[g.start:g.end]))
                continue
            used.add(match)
            matched_found.add(match)
            f = found[match]
            report.counts[g.kind]["matched_gold"] += 1
            report.counts[f.kind]["matched_found"] += 1
            for attr in ATTRIBUTES:
                expected, got = g.attributes[attr], getattr(f, attr)
                if attr == "indicator_code" and expected is None and got is None:
                    continue  # both unmatched: not a test of the catalogue
                if attr == "organisation":
                    expected, got = organisation_key(expected), organisation_key(got)
                report.agreement[attr][1] += 1
                if expected == got:
                    report.agreement[attr][0] += 1
                else:
                    report.disagreements.append((seed, attr, expected, got, text[g.start:g.end]))
        report.spurious.extend((seed, f) for i, f in enumerate(found) if i not in matched_found)
    return report


def format_report(report: Report, verbose: bool = False) -> str:
    """A plain-text table: precision and recall per kind and overall, then attribute agreement."""
    lines = [f"{'kind':<9}{'gold':>6}{'found':>7}{'matched':>9}{'precision':>11}{'recall':>8}"]
    for kind, c in report.counts.items():
        lines.append(f"{kind:<9}{c['gold']:>6}{c['found']:>7}{c['matched_gold']:>9}"
                     f"{report.precision(kind):>11.3f}{report.recall(kind):>8.3f}")
    total_gold, total_found = report._sum(None, "gold"), report._sum(None, "found")
    lines.append(f"{'overall':<9}{total_gold:>6}{total_found:>7}{report._sum(None, 'matched_gold'):>9}"
                 f"{report.precision():>11.3f}{report.recall():>8.3f}")
    lines.append("")
    lines.append("among matches, share that agrees with the gold:")
    for attr, (agree, n) in report.agreement.items():
        lines.append(f"  {attr:<15}{agree:>4}/{n:<4}{(agree / n if n else 1):>7.3f}")
    if verbose:
        lines.append("")
        lines.append("missed (in the gold, not found):")
        lines += [f"  {seed[:3]} {g.kind:<8}{g.value}{g.unit}  {span!r}" for seed, g, span in report.misses]
        lines.append("spurious (found, not in the gold):")
        lines += [f"  {seed[:3]} {f.kind:<8}{f.value}{f.unit}  {f.text!r}" for seed, f in report.spurious]
        lines.append("attribute disagreements (expected → found):")
        lines += [f"  {seed[:3]} {attr:<15}{exp!s} → {got!s}  {span!r}"
                  for seed, attr, exp, got, span in report.disagreements]
    return "\n".join(lines)
