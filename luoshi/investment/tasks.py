"""Background tasks of investment attraction: a large ledger upload checked and saved by the worker."""
import io

from django_tasks import task

from luoshi.core import jobs
from luoshi.organisations.models import Organisation


@task()
def import_ledger_upload(job_id: str, org_id: int) -> None:
    from luoshi.investment.excel import import_ledger

    with jobs.running(job_id) as job:
        org = Organisation.objects.get(pk=org_id)  # import_ledger checks the user keeps its ledger
        result = import_ledger(job.job.user, org, io.BytesIO(job.input_data), progress=job.progress)
        jobs.finish_import(job, result, "investment/_upload_result.html", org=org)
