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


@pytest.fixture(scope="module")
def heldout():
    return evaluate(HELDOUT_DIR)


def test_heldout_meets_the_aim_under_the_strict_count(heldout):
    """Issue 16: precision ≥ 0.95 and recall ≥ 0.90 when value, unit, indicator, role and comparator must
    all be right."""
    assert heldout.precision() >= 0.95
    assert heldout.recall() >= 0.90


@pytest.mark.parametrize("kind", ["target", "result", "count", "range", "share", "relative"])
def test_heldout_per_kind(heldout, kind):
    assert heldout.precision(kind) >= 0.90
    assert heldout.recall(kind) >= 0.85


def test_heldout_roles_and_comparators(heldout):
    assert heldout.accuracy("role") >= 0.95 and heldout.accuracy("comparator") >= 0.95


def test_seeds_every_figure_located(report):
    """The development set: figures found with kind, value and unit right (the measure of issue 7)."""
    assert report.located_precision() >= 0.95
    assert report.located_recall() >= 0.95


def test_seeds_strict_count_does_not_regress(report):
    """Strict on the seeds is lower (their gold names measures by the article's sections: 产业转型发展领域项目);
    a floor keeps it from sliding back."""
    assert report.precision() >= 0.80 and report.recall() >= 0.80


def test_organisation_and_year_among_matches(report):
    assert report.accuracy("organisation") >= 0.95
    assert report.accuracy("year") >= 0.90


def test_given_dates_change_nothing_on_the_seeds():
    assert evaluate(given_dates=True).located_recall() >= 0.95


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
    assert set(data) == {"seeds", "heldout", "fresh"}
    assert {"role", "comparator", "indicator"} <= set(data["heldout"]["agreement"])
