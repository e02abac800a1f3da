"""A large investment-ledger upload is checked and saved by the worker; the page then shows every error."""
from datetime import date

import time_machine
from django.urls import reverse

from luoshi.core.models import Job
from luoshi.investment.models import InvestmentProject
from tests.investment.test_excel import NOW, ledger, workbook  # noqa: F401 - fixture


@time_machine.travel(NOW)
def test_a_large_ledger_upload_is_checked_by_the_worker_and_every_error_shown(
        client, ledger, settings, run_worker, commit):  # noqa: F811
    settings.LUOSHI = {**settings.LUOSHI, "BACKGROUND_IMPORT_ROWS": 0}
    rows = [[None, "", "某集团", 1, None, "", "", "", "", "", "", date(2025, 5, 1), "", ""],
            [None, "新线索", "", 1, None, "", "", "", "", "", "", date(2025, 5, 1), "", ""]]
    client.force_login(ledger.users.a_data)
    before = InvestmentProject.objects.count()
    with commit():
        client.post(reverse("investment:upload", args=[ledger.a.pk]), {"file": workbook(rows)}, HTTP_HX_REQUEST="true")
    run_worker()
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED and InvestmentProject.objects.count() == before
    page = client.get(reverse("core:job", args=[job.pk])).content.decode()
    assert "B(项目名称)" in page and "C(投资方)" in page and "全部未保存" in page
