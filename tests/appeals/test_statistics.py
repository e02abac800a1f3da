"""Statistics per unit and per month: the arithmetic checked on a small set whose answers are known."""
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from luoshi.appeals import selectors, services
from luoshi.appeals.models import Rating


@pytest.fixture
def march(world, more, clock, file):
    """Five appeals of March 2025 (approval: 10 days), looked at on 1 April:
    A1 solved in 4 days, on time, 满意; A2 solved late, 不满意, reopened and open past its new deadline;
    A3 open and overdue; A4 only registered; A5 (other unit) solved late in 13 days, 基本满意."""
    u = world.users

    def at(day):
        clock.move_to(f"2025-03-{day:02d} 10:00 +0800")

    def assigned(day, unit, staff):
        at(day)
        a = file(title=f"诉求{day}")
        a = services.transition(u.a_data, a, services.ASSIGN, unit=unit)
        return services.transition(staff, a, services.ACCEPT)

    def solve(a, day, staff):
        at(day)
        return services.transition(staff, a, services.SOLVE, text="答复", actions_taken="办理")

    a1 = solve(assigned(1, world.a_unit, u.a_unit), 5, u.a_unit)
    services.rate(u.a_enterprise, a1, Rating.SATISFIED)
    a2 = solve(assigned(2, world.a_unit, u.a_unit), 20, u.a_unit)
    services.rate(u.a_enterprise, a2, Rating.UNSATISFIED, text="未解决")
    assigned(3, world.a_unit, u.a_unit)
    at(4)
    file(title="诉求4")
    a5 = solve(assigned(5, more.a_unit2, more.a_unit2_staff), 18, more.a_unit2_staff)
    services.rate(u.a_enterprise, a5, Rating.BASICALLY)
    clock.move_to("2025-04-01 10:00 +0800")


def cells(row):
    return (row.label, row.received, row.solved, row.on_time, row.on_time_rate, row.rated, row.satisfied,
            row.satisfaction_rate, row.reopened, row.overdue, row.avg_days)


def test_unit_statistics_count_solved_on_time_satisfied_reopened_overdue_and_average_days(world, march):
    rows = selectors.unit_statistics(world.users.a_data, world.a, date(2025, 3, 1), date(2025, 3, 31))
    assert [cells(r) for r in rows] == [
        ("古荥镇", 3, 1, 1, Decimal("33.3"), 2, 1, Decimal("50.0"), 1, 2, Decimal("4.0")),
        ("花园口镇", 1, 1, 0, Decimal("0.0"), 1, 1, Decimal("100.0"), 0, 0, Decimal("13.0")),
        ("未交办", 1, 0, 0, None, 0, 0, None, 0, 0, None),
        ("惠济区合计", 5, 2, 1, Decimal("25.0"), 3, 2, Decimal("66.7"), 1, 2, Decimal("8.5")),
    ]


def test_monthly_table_has_each_month_so_far_and_the_year(world, march):
    rows = selectors.monthly_statistics(world.users.a_leader, world.a, 2025)
    assert [r.label for r in rows] == ["1月", "2月", "3月", "4月", "2025年合计"]
    assert cells(rows[0]) == ("1月", 0, 0, 0, None, 0, 0, None, 0, 0, None)
    assert cells(rows[2])[1:] == cells(rows[-1])[1:] == (5, 2, 1, Decimal("25.0"), 3, 2, Decimal("66.7"), 1, 2,
                                                          Decimal("8.5"))


def test_statistics_of_another_district_are_empty(world, march):
    rows = selectors.unit_statistics(world.users.b_data, world.a, date(2025, 3, 1), date(2025, 3, 31))
    assert [cells(r)[1:] for r in rows] == [(0, 0, 0, None, 0, 0, None, 0, 0, None)]


def test_the_monthly_table_exports_to_excel(world, march):
    wb = load_workbook(io.BytesIO(selectors.export_statistics(world.users.a_data, world.a, 2025)))
    assert wb.sheetnames == ["月度统计", "分单位统计"]
    monthly = list(wb["月度统计"].iter_rows(values_only=True))
    assert monthly[0][:5] == ("统计项", "受理", "解决", "按期解决", "按期解决率(%)")
    assert monthly[3][:5] == ("3月", 5, 2, 1, 25) and monthly[-1][7] == pytest.approx(66.7)
    assert [r[0] for r in wb["分单位统计"].iter_rows(min_row=2, values_only=True)] == [
        "古荥镇", "花园口镇", "未交办", "惠济区合计"]


def test_supervision_list_puts_overdue_first_and_leaves_out_closed_appeals(world, march):
    rows = selectors.supervision_list(world.users.a_data)
    assert [(r.appeal.title, r.overdue, r.working_days_left) for r in rows] == [
        ("诉求3", True, -14), ("诉求2", True, -1), ("诉求4", False, None)]  # 工作日: 03-12 to 04-01 is 14
    assert [r.appeal.title for r in selectors.supervision_list(world.users.a_data, overdue_only=True)] == [
        "诉求3", "诉求2"]
    assert selectors.supervision_list(world.users.b_data) == []


def test_an_appeal_overdue_and_still_open_counts_against_the_on_time_rate(world, march):
    """古荥镇 answered one appeal on time and leaves two open past their deadline: not 100% but 1 of 3."""
    row = selectors.unit_statistics(world.users.a_data, world.a, date(2025, 3, 1), date(2025, 3, 31))[0]
    assert (row.label, row.on_time, row.overdue, row.due, row.on_time_rate) == ("古荥镇", 1, 2, 3, Decimal("33.3"))
