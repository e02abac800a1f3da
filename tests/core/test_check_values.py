"""`check-values` lists every stored value out of range of its field, by model, id and field, from the
model fields themselves, and exits non-zero when it finds any."""
import re
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection

from luoshi.core.value_check import checked_models, out_of_range
from luoshi.indicators.models import Actual
from luoshi.indicators.services import record_actual

NOW = "2025-11-24 10:00 +0800"


@pytest.fixture
def actual(world, indicator):
    with time_machine.travel(NOW):
        return record_actual(world.users.a_data, organisation=world.a, indicator=indicator("gdp"), year=2025,
                             month=9, value="241.8", growth_pct="6")


def corrupt(record, **columns):
    """Write values straight into the table, as a hand repair or an old bug would have."""
    table = connection.ops.quote_name(record._meta.db_table)
    sets = ", ".join(f"{connection.ops.quote_name(c)} = %s" for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {sets} WHERE id = %s", [*columns.values(), record.pk])


def test_a_clean_database_passes(actual):
    out = StringIO()
    call_command("check_values", stdout=out, verbosity=0)
    assert "所有已保存的数值都在其字段范围内" in out.getvalue()


def test_a_negative_and_an_out_of_range_year_are_listed_by_model_id_and_field(actual):
    corrupt(actual, value=Decimal("-5"), year=1999)
    out = StringIO()
    with pytest.raises(CommandError, match="发现2个"):
        call_command("check_values", stdout=out, verbosity=0)
    text = out.getvalue()
    assert "实绩(indicators.Actual)" in text
    assert f"id={actual.pk}  value = -5" in text and "不能为负数" in text
    assert f"id={actual.pk}  year = 1999" in text and "2000—2100" in text


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL's numeric(16,4) cannot hold 1e20 at all")
def test_a_huge_value_the_orm_cannot_read_is_still_listed(actual):
    corrupt(actual, value=1e20, growth_pct=5000)
    with pytest.raises(Exception):  # noqa: B017 - the driver's error differs by version; any failure to read is the point
        Actual.objects.get(pk=actual.pk)  # what broke every page in issue 13
    found = {(f.field, re.split("[(（]", f.reason)[0]) for f in out_of_range()}
    assert ("value", "数值过大，整数部分最多12位") in found and ("growth_pct", "不能大于1000") in found


def test_not_a_number_is_listed(actual):
    corrupt(actual, value="NaN")
    assert [f.reason for f in out_of_range() if f.field == "value"][0].endswith("不是有限的数字")


def test_every_luoshi_model_with_numbers_is_checked_and_no_history_table():
    labels = {m._meta.label for m in checked_models()}
    assert {"indicators.Actual", "indicators.Target", "projects.MonthlyReport", "projects.WageRecord",
            "investment.InvestmentProject", "accountability.TaskReport", "ingestion.Finding"} <= labels
    assert not any("Historical" in label for label in labels)


def test_a_negative_cpi_is_not_listed_but_a_negative_total_is(world, indicator):
    """The sign rule is the validator's: a price rise of −0.3% was accepted, so the check accepts it too."""
    with time_machine.travel(NOW):
        cpi = record_actual(world.users.a_data, organisation=world.a, indicator=indicator("cpi"), year=2025,
                            month=9, value="-0.3", growth_pct=None)
        gdp = record_actual(world.users.a_data, organisation=world.a, indicator=indicator("gdp"), year=2025,
                            month=9, value="241.8", growth_pct="6")
    corrupt(gdp, value=Decimal("-5"))
    problems = out_of_range()
    assert [(p.pk, p.field) for p in problems] == [(gdp.pk, "value")]
    assert cpi.value == Decimal("-0.3")
