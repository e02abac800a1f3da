"""Two people submit the same month at the same moment, on two real database connections: one wins,
the other is told someone else was first and shown the newer value; nothing is silently overwritten."""
import threading

import pytest
import time_machine
from django.db import connections

from luoshi.core.units import fmt
from luoshi.indicators.models import Actual, Target
from luoshi.indicators.services import ConflictError, record_actual, set_target

NOW = "2025-11-24 10:00 +0800"


def race(*submissions):
    """Run each submission in its own thread (its own connection), released at the same instant."""
    barrier = threading.Barrier(len(submissions))
    results = [None] * len(submissions)

    def run(i, submit):
        try:
            barrier.wait()
            results[i] = submit()
        except Exception as exc:  # the outcome under test, success or refusal
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, s)) for i, s in enumerate(submissions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


@pytest.mark.django_db(transaction=True)
@time_machine.travel(NOW, tick=True)
def test_two_concurrent_revisions_of_one_month_one_wins_the_other_gets_a_conflict(world, indicator):
    gdp = indicator("gdp")
    first = record_actual(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, month=9, value="240",
                          growth_pct="5.9")

    def revise(value, who):
        return lambda: record_actual(who, organisation=world.a, indicator=gdp, year=2025, month=9, value=value,
                                     growth_pct="6", reason="修正", expected_version=first.version)

    results = race(revise("241.8", world.users.a_data), revise("250", world.users.city_admin))
    conflicts = [r for r in results if isinstance(r, ConflictError)]
    saved = [r for r in results if isinstance(r, Actual)]
    assert len(saved) == 1 and len(conflicts) == 1, results
    final = Actual.objects.get(pk=first.pk)
    assert final.value == saved[0].value and final.version == 2
    assert conflicts[0].current.value == final.value, "the loser is shown the newer value"
    assert final.history.count() == 2


@pytest.mark.django_db(transaction=True)
@time_machine.travel(NOW, tick=True)
def test_two_concurrent_first_submissions_of_a_target_leave_one_target_and_a_conflict_for_the_other(world,
                                                                                                   indicator):
    gdp = indicator("gdp")

    def submit(wording, who):
        return lambda: set_target(who, organisation=world.a, indicator=gdp, year=2025, wording=wording,
                                  expected_version=0)

    results = race(submit("增长6%左右", world.users.a_data), submit("增长7%以上", world.users.city_admin))
    assert Target.objects.filter(organisation=world.a, indicator=gdp, year=2025).count() == 1
    target = Target.objects.get(organisation=world.a, indicator=gdp, year=2025)
    saved = [r for r in results if isinstance(r, Target)]
    conflicts = [r for r in results if isinstance(r, ConflictError)]
    assert len(saved) == 1 and len(conflicts) == 1, results
    assert target.value == saved[0].value and conflicts[0].current.wording == target.wording
    assert target.history.count() == 1


@pytest.mark.django_db(transaction=True)
@time_machine.travel(NOW, tick=True)
def test_two_people_entering_the_first_figure_of_a_month_leave_one_and_the_other_sees_the_winners_value(
        world, indicator):
    """Both opened the form while the month was empty (version 0, "I expect none"): the second is not an
    overwrite but a conflict that shows the value entered a moment before."""
    gdp = indicator("gdp")

    def enter(value, who):
        return lambda: record_actual(who, organisation=world.a, indicator=gdp, year=2025, month=9, value=value,
                                     growth_pct="6", reason="首次填报", expected_version=0)

    results = race(enter("241.8", world.users.a_data), enter("250", world.users.city_admin))
    saved = [r for r in results if isinstance(r, Actual)]
    conflicts = [r for r in results if isinstance(r, ConflictError)]
    assert len(saved) == 1 and len(conflicts) == 1, results
    final = Actual.objects.get(organisation=world.a, indicator=gdp, year=2025, month=9)
    assert final.value == saved[0].value and final.version == 1 and final.history.count() == 1
    assert conflicts[0].first_entry and conflicts[0].current.value == final.value
    assert "他人已先填报" in str(conflicts[0]) and f"累计值{fmt(final.value, '亿元')}" in str(conflicts[0])
