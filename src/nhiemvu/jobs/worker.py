"""The one scheduler process (`nhiemvu worker`). Never start schedulers inside web
workers: each would send every mail again. Several workers (on several machines,
sharing PostgreSQL) are safe anyway: a run is claimed by inserting its unique
(job, scheduled_for) row, and only the worker whose insert succeeds runs it."""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import socket
import threading
import traceback
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone

from nhiemvu.jobs.models import Job, JobRun

log = logging.getLogger(__name__)


def _remind(job: Job, scheduled_for: dt.datetime) -> dict:
    from nhiemvu.jobs.reminders import run

    day = scheduled_for.astimezone(ZoneInfo(settings.TIME_ZONE)).date()
    return run(day).as_dict()


HANDLERS: dict[str, Callable[[Job, dt.datetime], dict]] = {"remind": _remind}
DEFAULT_JOBS = (
    {"name": "nhac-viec-hang-ngay", "kind": "remind", "run_at": dt.time(7, 0),
     "description": "Nhắc việc hằng ngày (nhiệm vụ sắp đến hạn, quá hạn, hạn gửi báo cáo)"},
)


def next_occurrence(run_at: dt.time, after: dt.datetime) -> dt.datetime:
    """The first local `run_at` strictly after `after` (an aware datetime)."""
    tz = ZoneInfo(settings.TIME_ZONE)
    local = after.astimezone(tz)
    candidate = dt.datetime.combine(local.date(), run_at, tzinfo=tz)
    if candidate <= local:
        candidate = dt.datetime.combine(local.date() + dt.timedelta(days=1), run_at, tzinfo=tz)
    return candidate


def ensure_default_jobs(now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    for spec in DEFAULT_JOBS:
        job, created = Job.objects.get_or_create(name=spec["name"], defaults=spec)
        if job.next_run_at is None:
            # First start: today's slot if it has not passed yet, else tomorrow's.
            job.next_run_at = next_occurrence(job.run_at, now - dt.timedelta(seconds=1))
            job.save(update_fields=["next_run_at"])


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def claim(job: Job, scheduled_for: dt.datetime) -> JobRun | None:
    """Insert the run row; None when another worker already has this slot."""
    try:
        with transaction.atomic():
            return JobRun.objects.create(job=job, scheduled_for=scheduled_for, worker=worker_name())
    except IntegrityError:
        return None


def run_due_jobs(now: dt.datetime | None = None) -> list[JobRun]:
    """Run every enabled job whose slot has come; returns the runs this worker made."""
    now = now or timezone.now()
    done: list[JobRun] = []
    for job in Job.objects.filter(enabled=True, next_run_at__lte=now).order_by("next_run_at"):
        slot = job.next_run_at
        run = claim(job, slot)
        # Move the job on whether or not we won the slot; a missed day is not replayed
        # (reminders for it would be stale), the next slot is after `now`.
        Job.objects.filter(pk=job.pk, next_run_at=slot).update(
            next_run_at=next_occurrence(job.run_at, max(now, slot)), last_run_at=now
        )
        if run is None:
            continue
        handler = HANDLERS.get(job.kind)
        try:
            if handler is None:
                raise LookupError(f"Không có xử lý cho loại tác vụ {job.kind!r}")
            run.result = handler(job, slot)
            run.status = JobRun.Status.OK
        except Exception:  # noqa: BLE001 - a failing job must not stop the scheduler
            run.status = JobRun.Status.FAILED
            run.error = traceback.format_exc()[-4000:]
            log.exception("Tác vụ %s lỗi", job.name)
        run.finished_at = timezone.now()
        run.save(update_fields=["result", "status", "error", "finished_at"])
        done.append(run)
    return done


def run_imports() -> int:
    """Uploaded documents waiting (NHIEMVU_IMPORT_MODE=queue, or left by a server that
    stopped): fail the stale ones, run the queued ones (jobs.imports)."""
    from nhiemvu.jobs import imports

    imports.fail_stale()
    return imports.run_queued()


def serve(interval: float = 30.0, stop: threading.Event | None = None) -> None:
    """Loop until SIGTERM/SIGINT: check for due jobs every `interval` seconds."""
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
    ensure_default_jobs()
    log.warning("nhiemvu worker %s bắt đầu", worker_name())
    while not stop.is_set():
        close_old_connections()
        try:
            for run in run_due_jobs():
                log.warning("Đã chạy %s: %s", run.job.name, run.get_status_display())
            run_imports()
        except Exception:  # noqa: BLE001 - e.g. the database restarting: try again later
            log.exception("Lỗi khi kiểm tra tác vụ")
        stop.wait(interval)
