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
