"""The pages of a background job: its page, the progress fragment the page polls (htmx, no inline
script), and the file it made. Scoped by `Job.objects.for_user`: another user's job id is a 404."""
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header

from luoshi.core.models import Job

POLL_SECONDS = 1


def _job(request, job_id) -> Job:
    return get_object_or_404(Job.objects.for_user(request.user).defer("input_data", "file_data"), pk=job_id)


def started(request, job: Job):
    """The answer to the POST that started a job: the progress fragment for htmx, else its page."""
    if request.headers.get("HX-Request"):
        return render(request, "core/_job_progress.html", {"job": job, "poll": POLL_SECONDS})
    return redirect("core:job", job_id=job.pk)


@login_required
def job_page(request, job_id):
    return render(request, "core/job.html", {"job": _job(request, job_id), "poll": POLL_SECONDS})


@login_required
def job_progress(request, job_id):
    return render(request, "core/_job_progress.html", {"job": _job(request, job_id), "poll": POLL_SECONDS})


@login_required
def job_file(request, job_id):
    job = get_object_or_404(Job.objects.for_user(request.user), pk=job_id, status=Job.Status.SUCCEEDED)
    if not job.file_name or job.file_data is None:
        raise Http404
    response = HttpResponse(bytes(job.file_data), content_type=job.content_type or "application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, job.file_name)
    return response
