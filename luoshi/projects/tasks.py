"""Background tasks of the major projects: a large monthly-report upload checked and saved by the worker."""
import io

from django_tasks import task

from luoshi.core import jobs


@task()
def import_reports_upload(job_id: str) -> None:
    from luoshi.projects.excel import import_reports

    with jobs.running(job_id) as job:
        result = import_reports(job.job.user, io.BytesIO(job.input_data), progress=job.progress)
        jobs.finish_import(job, result, "projects/_upload_result.html")
