"""An import job's progress page: the stage and a bar, polled every second with htmx
(a fragment view); when the job is done it goes on to the review screen, on failure it
shows the reader's Vietnamese message and offers a retry from the stored file.

Only the Office and admins of the job's jurisdiction see a job; anyone else gets 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from nhiemvu.jobs import imports
from nhiemvu.jobs.models import ImportJob
from nhiemvu.web.views.plans import after_import
from nhiemvu.web.views.tasks import _error_text

# Steps shown above the bar; OCR only while it happens (most files have a text layer).
_STEPS = ("upload", "read", "ocr", "extract", "resolve", "save")


def _job_or_404(user, pk: int) -> ImportJob:
    imports.fail_stale(ids=[pk])  # a job whose process died shows as failed, not running forever
    job = imports.visible_jobs(user).filter(pk=pk).first()
    if job is None:
        raise Http404("Không tìm thấy lượt nhập văn bản.")
    return job


def _context(job: ImportJob) -> dict:
    failed = job.state == ImportJob.State.FAILED
    current = "save" if job.state == ImportJob.State.DONE else job.stage
    order = [s for s in _STEPS if s != "ocr" or current == "ocr"]
    # Queued: the upload is over, waiting for a worker. Failed: the steps before the one it stopped at.
    at = order.index(current) if current in order else 1
    steps = [{"label": imports.STAGES[s], "done": i < at or job.state == ImportJob.State.DONE,
              "current": i == at and job.state == ImportJob.State.RUNNING} for i, s in enumerate(order)]
    return {"job": job, "steps": steps, "percent": imports.percent(job), "failed": failed}


@login_required
def import_job(request, pk: int):
    job = _job_or_404(request.user, pk)
    if job.state == ImportJob.State.DONE:
        return after_import(request, job)
    return render(request, "web/import_job.html", _context(job))


@login_required
def import_job_status(request, pk: int):
    """The polled fragment. Done: htmx loads the job page, which leads on."""
    job = _job_or_404(request.user, pk)
    if job.state == ImportJob.State.DONE:
        url = reverse("web:import_job", args=[job.pk])
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    return render(request, "web/includes/import_progress.html", _context(job))


@login_required
@require_POST
def import_job_retry(request, pk: int):
    job = _job_or_404(request.user, pk)
    try:
        new = imports.retry(job, request.user)
    except (ValidationError, PermissionDenied) as exc:
        from django.contrib import messages

        messages.error(request, _error_text(exc))
        return redirect("web:import_job", pk=job.pk)
    return redirect("web:import_job", pk=new.pk)
