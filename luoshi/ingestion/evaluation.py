"""Measuring the extractor against hand-made gold sets (标注集), for `python -m luoshi eval-extract`.

Three sets, always reported apart: the seeds (`tests/ingestion/gold`, the development set the rules were
written from), the held-out texts (`tests/ingestion/heldout`, written and frozen before the rules of
issue 16 were changed, then read while the rules were made) and the fresh texts (`tests/ingestion/fresh`,
written after the rules and frozen before the reader first ran on them: the estimate for unseen reports).

Strict count: a found figure is right only when it overlaps a gold span and agrees on kind, value, the
high end of a range, unit, indicator, role and comparator. Indicator agreement: the same catalogue
code; when the gold has none, the finding has none either and one phrase contains the other. Each gold
figure matches at most one found figure and the reverse (first in text order). Precision per kind is
counted over the found figures of that kind, recall over the gold figures of that kind.

Located count: the same pairing on kind, value, unit and span only. Among located pairs the attributes
are reported as shares that agree (role, comparator, indicator, organisation, year, growth,
commitment), so a regression in one shows without hiding in the strict figure.
"""
import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from luoshi.ingestion.extract import KINDS, Finding, extract, organisation_key

_TESTS = Path(__file__).resolve().parents[2] / "tests" / "ingestion"
GOLD_DIR = _TESTS / "gold"
HELDOUT_DIR = _TESTS / "heldout"
FRESH_DIR = _TESTS / "fresh"
GOLD_SETS = {"seeds": GOLD_DIR, "heldout": HELDOUT_DIR, "fresh": FRESH_DIR}
ATTRIBUTES = ("role", "comparator", "indicator", "organisation", "year", "is_growth", "commitment")
_QUOTES = str.maketrans("", "", "“”‘’「」『』\"' \n")


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


def _counter() -> dict:
    return dict(gold=0, found=0, matched_gold=0, matched_found=0, located=0)


@dataclass
class Report:
    # kind -> {"gold", "found", "matched_gold", "matched_found", "located"}
    counts: dict = field(default_factory=dict)
    agreement: dict = field(default_factory=dict)   # attribute -> [agree, compared], among located pairs
    misses: list = field(default_factory=list)      # gold figures not matched strictly
    spurious: list = field(default_factory=list)    # found figures not matched strictly
    disagreements: list = field(default_factory=list)

    def precision(self, kind: str | None = None) -> float:
        found, matched = self._sum(kind, "found"), self._sum(kind, "matched_found")
        return matched / found if found else 1.0

    def recall(self, kind: str | None = None) -> float:
        gold, matched = self._sum(kind, "gold"), self._sum(kind, "matched_gold")
        return matched / gold if gold else 1.0

    def located_precision(self) -> float:
        found = self._sum(None, "found")
        return self._sum(None, "located") / found if found else 1.0

    def located_recall(self) -> float:
        gold = self._sum(None, "gold")
        return self._sum(None, "located") / gold if gold else 1.0

    def accuracy(self, attribute: str) -> float:
        agree, n = self.agreement[attribute]
        return agree / n if n else 1.0

    def _sum(self, kind, key):
        return sum(c[key] for k, c in self.counts.items() if kind is None or k == kind)

    def as_dict(self) -> dict:
        data = {kind: dict(c, precision=self.precision(kind), recall=self.recall(kind))
                for kind, c in self.counts.items()}
        data["overall"] = dict(precision=self.precision(), recall=self.recall())
        data["agreement"] = {a: dict(agree=n[0], compared=n[1]) for a, n in self.agreement.items()}
        return data


def _texts_dir(gold_dir: Path) -> Path:
    return gold_dir / "texts" if (gold_dir / "texts").is_dir() else gold_dir / "seeds"


def default_role(kind: str) -> str:
    """The role a kind has when nothing else is said (the seeds' gold written before roles existed)."""
    return {"target": "target", "range": "target", "relative": "target", "project": "plan"}.get(kind, "result")


def load_gold(gold_dir: Path = GOLD_DIR) -> tuple[dict[str, str], list[GoldFigure], dict]:
    """The texts, the gold figures with their spans located in the texts, and the documents' dates."""
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(_texts_dir(gold_dir).glob("*.txt"))}
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
                            indicator=(row["indicator_code"], row["indicator"]), is_growth=row["growth"],
                            role=row.get("role") or default_role(row["kind"]),
                            comparator=row["comparator"], commitment=row["commitment"])))
    return texts, figures, documents


def _located(g: GoldFigure, f: Finding) -> bool:
    return (g.kind == f.kind and g.unit == f.unit and g.value == f.value
            and g.value_high == f.value_high and g.start < f.end and f.start < g.end)


def _found_attribute(f: Finding, attr: str):
    if attr == "indicator":
        return f.indicator_code, f.indicator_phrase
    if attr == "role":
        return getattr(f, "role", None) or default_role(f.kind)
    return getattr(f, attr)


def _agrees(attr: str, expected, got) -> bool:
    if attr == "indicator":
        (code, phrase), (f_code, f_phrase) = expected, got
        if code or f_code:
            return code == f_code
        a, b = (phrase or "").translate(_QUOTES), (f_phrase or "").translate(_QUOTES)
        return bool(a and b) and (a in b or b in a)
    if attr == "organisation":
        return organisation_key(expected) == organisation_key(got)
    return expected == got


_STRICT = ("indicator", "role", "comparator")


def _strict(g: GoldFigure, f: Finding) -> bool:
    return _located(g, f) and all(_agrees(a, g.attributes[a], _found_attribute(f, a)) for a in _STRICT)


def _pair(golds, found, same) -> dict[int, int]:
    """gold index -> found index, each used once, first in text order."""
    used, pairs = set(), {}
    for gi, g in enumerate(golds):
        match = next((i for i, f in enumerate(found) if i not in used and same(g, f)), None)
        if match is not None:
            used.add(match)
            pairs[gi] = match
    return pairs


def evaluate(gold_dir: Path = GOLD_DIR, *, given_dates: bool = False, extractor=extract) -> Report:
    """Run the extractor on every text of one gold set and compare with its gold."""
    texts, gold, documents = load_gold(gold_dir)
    report = Report(counts={k: _counter() for k in KINDS}, agreement={a: [0, 0] for a in ATTRIBUTES})
    for seed, text in texts.items():
        date = dt.date.fromisoformat(documents[seed]["date"]) if given_dates else None
        found = extractor(text, date=date)
        golds = [g for g in gold if g.seed == seed]
        for g in golds:
            report.counts.setdefault(g.kind, _counter())["gold"] += 1
        for f in found:
            report.counts.setdefault(f.kind, _counter())["found"] += 1
        strict = _pair(golds, found, _strict)
        for gi, fi in strict.items():
            report.counts[golds[gi].kind]["matched_gold"] += 1
            report.counts[found[fi].kind]["matched_found"] += 1
        for gi, fi in _pair(golds, found, _located).items():
            g, f = golds[gi], found[fi]
            report.counts[g.kind]["located"] += 1
            for attr in ATTRIBUTES:
                expected, got = g.attributes[attr], _found_attribute(f, attr)
                if attr == "indicator" and expected[0] is None and got[0] is None and not expected[1]:
                    continue
                report.agreement[attr][1] += 1
                if _agrees(attr, expected, got):
                    report.agreement[attr][0] += 1
                else:
                    report.disagreements.append((seed, attr, expected, got, text[g.start:g.end]))
        report.misses.extend((seed, g, text[g.start:g.end]) for gi, g in enumerate(golds) if gi not in strict)
        matched = set(strict.values())
        report.spurious.extend((seed, f) for i, f in enumerate(found) if i not in matched)
    return report


def evaluate_all(*, given_dates: bool = False, extractor=extract) -> dict[str, Report]:
    """Both gold sets, development first."""
    return {name: evaluate(path, given_dates=given_dates, extractor=extractor)
            for name, path in GOLD_SETS.items() if (path / "gold.jsonl").exists()}


def format_report(report: Report, verbose: bool = False, title: str = "") -> str:
    """A plain-text table: strict precision and recall per kind and overall, then attribute agreement."""
    lines = [title] if title else []
    lines.append(f"{'kind':<9}{'gold':>6}{'found':>7}{'located':>9}{'strict':>8}{'precision':>11}{'recall':>8}")
    for kind, c in report.counts.items():
        if not (c["gold"] or c["found"]):
            continue
        lines.append(f"{kind:<9}{c['gold']:>6}{c['found']:>7}{c['located']:>9}{c['matched_gold']:>8}"
                     f"{report.precision(kind):>11.3f}{report.recall(kind):>8.3f}")
    lines.append(f"{'overall':<9}{report._sum(None, 'gold'):>6}{report._sum(None, 'found'):>7}"
                 f"{report._sum(None, 'located'):>9}{report._sum(None, 'matched_gold'):>8}"
                 f"{report.precision():>11.3f}{report.recall():>8.3f}")
    lines.append("")
    lines.append("among located figures, share that agrees with the gold:")
    for attr, (agree, n) in report.agreement.items():
        lines.append(f"  {attr:<15}{agree:>4}/{n:<4}{(agree / n if n else 1):>7.3f}")
    if verbose:
        lines.append("")
        lines.append("missed (in the gold, not matched strictly):")
        lines += [f"  {seed[:3]} {g.kind:<8}{g.value}{g.unit}  {span!r}" for seed, g, span in report.misses]
        lines.append("spurious (found, not matched strictly):")
        lines += [f"  {seed[:3]} {f.kind:<8}{getattr(f, 'role', '')[:1]} {f.comparator:<8} {f.value}{f.unit} "
                  f"{f.indicator_code or '-'} {f.indicator_phrase!r}  {f.text!r}" for seed, f in report.spurious]
        lines.append("attribute disagreements (expected → found):")
        lines += [f"  {seed[:3]} {attr:<15}{exp!s} → {got!s}  {span!r}"
                  for seed, attr, exp, got, span in report.disagreements]
    return "\n".join(lines)
