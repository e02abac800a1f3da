"""A double click on the lead form enters one lead, not two."""
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from luoshi.investment.models import InvestmentProject
from tests.conftest import submitted_twice
from tests.investment.test_pages import NOW, chains, lead_post  # noqa: F401 (chains is a fixture)


@time_machine.travel(NOW)
def test_a_lead_sent_twice_with_its_contract_is_entered_once(client, chains):
    client.force_login(chains.users.a_data)
    first, second = submitted_twice(client, reverse("investment:new_lead", args=[chains.a.pk]), lambda: lead_post(
        chains, contract=SimpleUploadedFile("合同.pdf", b"%PDF-1.4 signed contract")))
    lead = InvestmentProject.objects.get(name="协鑫新能源储能产业集群")
    assert first.status_code == second.status_code == 302
    assert second["Location"] == reverse("investment:project", args=[lead.pk])


@time_machine.travel(NOW)
def test_renaming_a_chain_link_from_an_older_page_is_refused_with_the_newer_name(client, chains):
    """A link has no version column: the form posts the id of its latest history entry instead."""
    from luoshi.core.records import history_version
    from luoshi.investment import services

    client.force_login(chains.users.a_data)
    url = reverse("investment:chain", args=[chains.food.pk])
    seen = history_version(chains.sauce)
    assert f'name="version" value="{seen}"' in client.get(url).content.decode()
    services.update_link(chains.users.a_data, chains.sauce, name="复合调味品", segment="midstream", reason="规范名称",
                         expected_version=seen)
    stale = client.post(url, {"form": "edit_link", "link": chains.sauce.pk, "segment": "midstream", "name": "酱料",
                              "reason": "按旧页面修改", "version": seen}).content.decode()
    assert "已被他人修改" in stale
    chains.sauce.refresh_from_db()
    assert chains.sauce.name == "复合调味品"
    fresh = history_version(chains.sauce)
    assert client.post(url, {"form": "edit_link", "link": chains.sauce.pk, "segment": "midstream", "name": "酱料",
                             "reason": "确认修改", "version": fresh}).status_code == 302
    chains.sauce.refresh_from_db()
    assert chains.sauce.name == "酱料"
