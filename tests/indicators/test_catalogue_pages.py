"""The city administrator keeps the indicator catalogue in Luoshi's pages; a new indicator appears at once
in the Excel template and the report reader; changes that would corrupt reported figures are refused."""
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from luoshi.indicators.catalogue_admin import save_indicator
from luoshi.indicators.models import Indicator
from luoshi.indicators.services import LedgerError, record_actual
from luoshi.ingestion.services import catalogue_matcher

NEW = {"name": "跨境电商交易额", "code": "", "unit": "亿元", "cumulative": "on", "frequency": "monthly",
       "aliases": "跨境电商", "sort_order": "120", "is_active": "on", "description": ""}


def test_city_admin_adds_an_indicator_that_templates_and_the_report_reader_know_at_once(client, world):
    client.force_login(world.users.city_admin)
    assert client.post(reverse("indicators:catalogue"), NEW).status_code == 302
    new = Indicator.objects.get(name="跨境电商交易额")
    assert new.history.first().history_user == world.users.city_admin
    assert catalogue_matcher().match("跨境电商交易额完成12亿元") == new.code
    assert catalogue_matcher().match("跨境电商增长20%") == new.code
    client.force_login(world.users.a_data)
    data = client.get(reverse("indicators:template")).content
    names = [c.value for row in load_workbook(io.BytesIO(data)).worksheets[-1].iter_rows() for c in row]
    assert "跨境电商交易额" in names


def test_an_alias_another_indicator_answers_to_is_refused(client, world):
    client.force_login(world.users.city_admin)
    page = client.post(reverse("indicators:catalogue"), {**NEW, "aliases": "社消零"}).content.decode()
    assert "“社消零”已是指标“社会消费品零售总额”的名称或别名" in page
    assert not Indicator.objects.filter(name="跨境电商交易额").exists()


def test_unit_of_an_indicator_with_figures_cannot_change_and_edits_need_a_reason(world, indicator):
    iva = indicator("industrial_va")
    with time_machine.travel("2025-11-24 10:00 +0800"):
        record_actual(world.users.a_data, organisation=world.a, indicator=iva, year=2025, month=9, value="100")
    base = dict(name=iva.name, unit="万元", cumulative=True, frequency="monthly", aliases=iva.aliases,
                sort_order=iva.sort_order, indicator=iva)
    with pytest.raises(LedgerError) as exc:
        save_indicator(world.users.city_admin, **base)
    messages = [e.message for e in exc.value.errors]
    assert any("不能更改单位" in m for m in messages) and any("须填写原因" in m for m in messages)
    saved = save_indicator(world.users.city_admin, **{**base, "unit": "亿元", "aliases": iva.aliases + "、工业增加值"},
                           reason="补充别名")
    assert "工业增加值" in saved.alias_list()


def test_only_the_city_admin_keeps_the_catalogue(client, world):
    client.force_login(world.users.a_data)
    assert client.get(reverse("indicators:catalogue")).status_code == 403
    assert client.post(reverse("indicators:catalogue"), NEW).status_code == 403
    assert not Indicator.objects.filter(name="跨境电商交易额").exists()


def test_an_indicator_edit_posted_without_the_version_it_read_is_refused_naming_the_field(client, world):
    client.force_login(world.users.city_admin)
    assert client.post(reverse("indicators:catalogue"), NEW).status_code == 302, "a new entry needs no version"
    added = Indicator.objects.get(name="跨境电商交易额")
    url = reverse("indicators:catalogue_edit", args=[added.pk])
    page = client.post(url, {**NEW, "aliases": "跨境电商、跨境", "reason": "补充别名"}).content.decode()
    assert "缺少所读到的版本（version），未作任何修改" in page
    added.refresh_from_db()
    assert (added.aliases, added.version) == ("跨境电商", 1)
    assert client.post(url, {**NEW, "aliases": "跨境电商、跨境", "reason": "补充别名", "version": 1}).status_code == 302
