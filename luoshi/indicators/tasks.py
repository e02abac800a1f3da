"""Background tasks of the indicator ledger: a large Excel upload checked and saved by the worker."""
import io

from django_tasks import task

from luoshi.core import jobs


@task()
def import_ledger_upload(job_id: str) -> None:
    from luoshi.indicators.excel import import_workbook

    with jobs.running(job_id) as job:
        result = import_workbook(job.job.user, io.BytesIO(job.input_data), progress=job.progress)
        jobs.finish_import(job, result, "indicators/_upload_result.html")
