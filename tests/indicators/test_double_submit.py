"""A double click on the actual form reports the month once: the second is answered with the first result."""
import time_machine
from django.urls import reverse

from luoshi.indicators.models import Actual
from tests.conftest import submitted_twice


@time_machine.travel("2025-11-24 10:00 +0800")
def test_a_months_figure_sent_twice_is_one_figure_of_version_one(client, world, indicator):
    gdp = indicator("gdp")
    client.force_login(world.users.a_data)
    url = reverse("indicators:actual_edit", args=[world.a.pk, gdp.pk])
    first, second = submitted_twice(client, url, {"year": 2025, "month": 9, "value": "241.8", "unit": "亿元",
                                                  "growth_pct": "5.9", "version": 0}, form_url=f"{url}?year=2025&mont"
                                                                                               f"h=9")
    actual = Actual.objects.get()
    assert first.status_code == second.status_code == 302 and actual.version == 1 and actual.history.count() == 1
    assert "已提交过，未重复办理" in client.get(second["Location"]).content.decode()
