"""Imports in the background: the upload is stored and becomes an ImportJob (queued); a
thread of the server process that took it (or `nhiemvu worker`) reads, extracts and saves
the draft plan, writing each stage to the job; the page polls the job.

Run mode, NHIEMVU_IMPORT_MODE: "thread" (default), "queue" (only `nhiemvu worker` runs
jobs) or "sync" (in the caller: tests, scripts). A job is claimed by a conditional update
(queued → running), so a thread and a worker never run the same job twice. A running job
whose heartbeat stops (its process died) is failed by `fail_stale`; the file stays stored
for a retry. The same file twice makes one plan: tracking.importing checks the file hash
under the write lock."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import socket
import threading
import time
import unicodedata

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, transaction
from django.db.models import Q
from django.utils import timezone

from nhiemvu.accounts.models import Role, role_of
from nhiemvu.audit.services import record
from nhiemvu.jobs.models import ImportJob

log = logging.getLogger(__name__)

# What the user reads at each stage (the brief's wording), in order.
STAGES = {
    "queued": "Đang chờ xử lý",
    "upload": "Đang tải lên",
    "read": "Đang đọc tệp",
    "ocr": "Đang nhận dạng chữ (OCR)",
    "extract": "Đang tìm nhiệm vụ",
    "resolve": "Đang đối chiếu đơn vị",
    "save": "Đang lưu bản nháp",
    "done": "Đã xong",
    "failed": "Không nhập được",
}
# The part of the bar each stage fills (percent). Reading a PDF and OCR move with the
# pages; the other stages are short and jump to their start.
SPANS = {"queued": (0, 2), "upload": (0, 2), "read": (2, 30), "ocr": (30, 88), "extract": (88, 93),
         "resolve": (93, 95), "save": (95, 99), "done": (100, 100), "failed": (100, 100)}
# Write the job row at most this often within one stage (a page takes ms to read).
MIN_INTERVAL_S = 0.5

INTERRUPTED = ("Tệp {name}: quá trình nhập bị gián đoạn (máy chủ khởi động lại hoặc quá lâu không có tiến triển). "
               "Tệp vẫn được lưu: bấm «Thử lại».")
NOT_STARTED = "Tệp {name}: chưa được xử lý sau thời gian chờ (tiến trình nền không chạy). Tệp vẫn được lưu: bấm «Thử lại»."


class Abandoned(BaseException):  # noqa: N818 - not an error: stops a job nobody waits for
    """The job is no longer running (failed as stale): stop working on it. A BaseException
    so readers' `except Exception` (damaged-file handling) lets it through."""


def mode() -> str:
    return getattr(settings, "NHIEMVU_IMPORT_MODE", None) or os.environ.get("NHIEMVU_IMPORT_MODE", "thread")


def stale_seconds() -> int:
    # OCR writes a heartbeat every page; one page takes seconds, Tesseract gives up after 120 s.
    return int(getattr(settings, "NHIEMVU_IMPORT_STALE_SECONDS", 600))


def queue_seconds() -> int:
    return int(getattr(settings, "NHIEMVU_IMPORT_QUEUE_SECONDS", 3600))


def stage_text(stage: str, done: int = 0, total: int | None = None) -> str:
    if stage == "ocr" and total:
        return f"Đang nhận dạng chữ trang {min(done + 1, total)}/{total} (OCR)"
    if stage == "read" and total:
        return f"Đang đọc tệp: trang {done}/{total}"
    return STAGES.get(stage, stage)


def percent(job: ImportJob) -> int:
    if job.state == ImportJob.State.DONE:
        return 100
    lo, hi = SPANS.get(job.stage, (0, 0))
    if job.total:
        return int(lo + (hi - lo) * min(job.done, job.total) / job.total)
    return lo


# ---------------------------------------------------------------- access


def visible_jobs(user):
    """The Office and admins of the job's jurisdiction (admins without one: all)."""
    if role_of(user) not in (Role.ADMIN, Role.OFFICE):
        return ImportJob.objects.none()
    membership = getattr(user, "membership", None)
    jurisdiction = membership.jurisdiction if membership else None
    qs = ImportJob.objects.select_related("jurisdiction", "created_by", "plan")
    return qs.filter(jurisdiction=jurisdiction) if jurisdiction is not None else qs


def _can_import(user) -> bool:
    from nhiemvu.tracking import permissions as perm

    return perm.can_review(user)


# ---------------------------------------------------------------- submit


def submit(data: bytes, name: str, jurisdiction, actor, *, replace: bool = False, extraction: dict | None = None,
           lines: list[str] | None = None, retry_of: ImportJob | None = None) -> ImportJob:
    """Store the file, create the job and start it (see `mode`). The same file already
    waiting or running for the jurisdiction returns that job."""
    if not _can_import(actor):
        raise PermissionDenied("Bạn không có quyền nhập văn bản.")
    from nhiemvu.tracking.documents import store

    with transaction.atomic():
        stored = store(data, name)
        active = ImportJob.objects.filter(
            jurisdiction=jurisdiction, document=stored, replace=replace,
            state__in=[ImportJob.State.QUEUED, ImportJob.State.RUNNING],
        ).order_by("id").first()
        if active is not None:
            return active
        job = ImportJob.objects.create(
            jurisdiction=jurisdiction, document=stored, name=name[:255], replace=replace, created_by=actor,
            extraction=extraction, lines=lines, retry_of=retry_of, message=STAGES["queued"],
        )
        record("import.submit", job, actor=actor, after={
            "file": name, "sha256": stored.sha256, "size": len(data), "replace": replace,
            "retry_of": retry_of.pk if retry_of else None,
        })
    _dispatch(job)
    return job


def retry(job: ImportJob, actor) -> ImportJob:
    """A failed job again, from the stored file."""
    from nhiemvu.tracking.documents import read

    if job.state != ImportJob.State.FAILED:
        raise ValidationError("Chỉ thử lại được lượt nhập bị lỗi.")
    return submit(read(job.document), job.name, job.jurisdiction, actor, replace=job.replace,
                  extraction=job.extraction, lines=job.lines, retry_of=job)


def confirm_replace(job: ImportJob, actor) -> ImportJob:
    """The Office confirms that a revised document replaces the draft: a new job with
    `replace`, reusing the extraction already made."""
    from nhiemvu.tracking.documents import read

    if job.outcome != ImportJob.Outcome.NEEDS_CONFIRMATION:
        raise ValidationError("Lượt nhập này không chờ xác nhận.")
    return submit(read(job.document), job.name, job.jurisdiction, actor, replace=True,
                  extraction=job.extraction, lines=job.lines)


def _dispatch(job: ImportJob) -> None:
    how = mode()
    if how == "sync":
        run(job.pk)
        job.refresh_from_db()
    elif how == "thread":
        # After commit: the thread's own connection must see the job row.
        transaction.on_commit(lambda: start_thread(job.pk))
    # "queue": `nhiemvu worker` picks it.


# ---------------------------------------------------------------- threads

_lock = threading.Lock()
_threads: set[threading.Thread] = set()
_slots = threading.BoundedSemaphore(max(1, int(os.environ.get("NHIEMVU_IMPORT_THREADS", "1"))))


def start_thread(job_id: int) -> threading.Thread:
    thread = threading.Thread(target=_thread_main, args=(job_id,), name=f"nhiemvu-import-{job_id}", daemon=True)
    with _lock:
        _threads.add(thread)
    thread.start()
    return thread


def _thread_main(job_id: int) -> None:
    try:
        # One import at a time per process: OCR and extraction are CPU-bound, and the
        # process also serves pages. The others wait "queued".
        with _slots:
            run(job_id)
    except Exception:  # noqa: BLE001 - a thread has no caller to report to
        log.exception("Lượt nhập %s lỗi", job_id)
    finally:
        connections.close_all()  # this thread's own connections
        with _lock:
            _threads.discard(threading.current_thread())


def wait_for_threads(timeout: float = 120.0) -> bool:
    """Join the import threads started so far (tests, shutdown). True when none is left."""
    deadline = time.monotonic() + timeout
    while True:
        with _lock:
            pending = list(_threads)
        if not pending:
            return True
        for t in pending:
            t.join(max(0.0, deadline - time.monotonic()))
        if time.monotonic() >= deadline:
            with _lock:
                return not any(t.is_alive() for t in _threads)


# ---------------------------------------------------------------- running


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.current_thread().name}"[:128]


class Reporter:
    """The `progress` callback given to the readers and the importer: writes the stage,
    the page counts and the heartbeat to the job row (at most every MIN_INTERVAL_S within
    a stage), and stops the work when the job was failed meanwhile."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.stage = ""
        self.last = 0.0

    def __call__(self, stage: str, done: int | None = None, total: int | None = None) -> None:
        now = time.monotonic()
        last_page = bool(total) and done == total
        if stage == self.stage and now - self.last < MIN_INTERVAL_S and not last_page:
            return
        self.stage, self.last = stage, now
        updated = ImportJob.objects.filter(pk=self.job_id, state=ImportJob.State.RUNNING).update(
            stage=stage, done=done or 0, total=total, message=stage_text(stage, done or 0, total),
            heartbeat_at=timezone.now(),
        )
        if not updated:
            raise Abandoned


def _already_imported(job: ImportJob) -> bool:
    from nhiemvu.tracking.models import Plan

    return Plan.objects.filter(jurisdiction=job.jurisdiction_id, document__sha256=job.document.sha256).exists()


def run(job_id: int) -> ImportJob:
    """Run one queued job to done or failed; a job another thread or worker claimed first
    is left alone."""
    now = timezone.now()
    claimed = ImportJob.objects.filter(pk=job_id, state=ImportJob.State.QUEUED).update(
        state=ImportJob.State.RUNNING, stage="read", message=STAGES["read"], started_at=now, heartbeat_at=now,
        worker=worker_name(),
    )
    job = ImportJob.objects.select_related("jurisdiction", "document", "created_by").get(pk=job_id)
    if not claimed:
        return job
    try:
        result, extraction, lines = _import(job)
    except Abandoned:
        log.warning("Lượt nhập %s đã bị đánh dấu lỗi khi đang chạy; dừng.", job_id)
    except Exception as exc:  # noqa: BLE001 - every failure ends the job with a message
        _fail(job, _message(job, exc), exc)
    else:
        _finish(job, result, extraction, lines)
    job.refresh_from_db()
    return job


def _import(job: ImportJob):
    from nhiemvu.ingest.extract import extract_document
    from nhiemvu.ingest.read import read_bytes
    from nhiemvu.tracking.documents import read
    from nhiemvu.tracking.importing import import_bytes

    actor = job.created_by
    if actor is not None and not _can_import(actor):
        raise PermissionDenied("người tải lên không còn quyền nhập văn bản.")
    data = read(job.document)
    progress = Reporter(job.pk)
    extraction, lines = job.extraction, job.lines
    if extraction is None and not _already_imported(job):
        # Read here (not inside import_bytes) to keep the text lines for the review pane.
        doc = read_bytes(data, job.name, progress=progress)
        lines = [unicodedata.normalize("NFC", line) for line in doc.lines]
        progress("extract")
        extraction = extract_document(doc)
    result = import_bytes(data, job.name, job.jurisdiction, actor=actor, replace=job.replace,
                          extraction=extraction, progress=progress)
    return result, extraction, lines


def _message(job: ImportJob, exc: Exception) -> str:
    from nhiemvu.ingest.errors import IngestError

    if isinstance(exc, IngestError):
        return str(exc)  # names the file and what is wrong with it
    if isinstance(exc, ValidationError):
        return f"Tệp {job.name}: {' '.join(exc.messages)}"
    if isinstance(exc, PermissionDenied):
        return f"Tệp {job.name}: {exc or 'không có quyền nhập văn bản.'}"
    log.exception("Lượt nhập %s lỗi", job.pk)
    return (f"Tệp {job.name}: lỗi hệ thống khi nhập ({type(exc).__name__}). Tệp vẫn được lưu: "
            "bấm «Thử lại» hoặc báo quản trị hệ thống.")


def _fail(job: ImportJob, message: str, exc: BaseException | None = None) -> None:
    with transaction.atomic():
        # `stage` stays where the work stopped: the page shows how far it got.
        ImportJob.objects.filter(pk=job.pk).update(
            state=ImportJob.State.FAILED, message=STAGES["failed"], error=message,
            finished_at=timezone.now(), heartbeat_at=timezone.now(),
        )
        record("import.fail", job, actor=None, note=message,
               after={"error": type(exc).__name__ if exc is not None else "timeout"})


def _finish(job: ImportJob, result, extraction: dict | None, lines: list[str] | None) -> None:
    if result.duplicate:
        outcome = ImportJob.Outcome.DUPLICATE
    elif result.needs_confirmation:
        outcome = ImportJob.Outcome.NEEDS_CONFIRMATION
    elif result.created:
        outcome = ImportJob.Outcome.CREATED
    else:
        outcome = ImportJob.Outcome.REPLACED
    details = {
        "unresolved": list(result.unresolved),
        "warnings": [str(w) for w in list(result.warnings) + list((extraction or {}).get("warnings") or [])],
        "tasks": len((extraction or {}).get("tasks") or []),
        "diff": dataclasses.asdict(result.diff) if result.diff is not None else None,
    }
    if details["diff"] is not None:
        details["diff"]["summary"] = result.diff.summary()
    waiting = outcome == ImportJob.Outcome.NEEDS_CONFIRMATION
    # Finished even if it was marked stale meanwhile: the plan exists, that is the truth.
    ImportJob.objects.filter(pk=job.pk).update(
        state=ImportJob.State.DONE, stage="done", message=STAGES["done"], outcome=outcome,
        plan=result.plan, result=details, extraction=extraction if waiting else None,
        lines=lines if outcome != ImportJob.Outcome.DUPLICATE else None, error="",
        finished_at=timezone.now(), heartbeat_at=timezone.now(),
    )


# ---------------------------------------------------------------- housekeeping


def _process_gone(worker: str) -> bool:
    """The job's process ran on this machine and is no longer alive (restarted server)."""
    host, _, rest = worker.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, owned by another user
        return False
    return False


def fail_stale(now=None, ids=None) -> int:
    """Fail running jobs whose heartbeat stopped or whose process on this machine is gone,
    and queued jobs nobody started."""
    now = now or timezone.now()
    silent = Q(heartbeat_at__lt=now - dt.timedelta(seconds=stale_seconds()))
    live = ImportJob.objects.filter(state=ImportJob.State.RUNNING)
    if ids is not None:
        live = live.filter(pk__in=ids)
    dead = [pk for pk, worker in live.values_list("pk", "worker") if _process_gone(worker)]
    running = ImportJob.objects.filter(Q(pk__in=dead) | silent, state=ImportJob.State.RUNNING)
    queued = ImportJob.objects.filter(state=ImportJob.State.QUEUED,
                                      created_at__lt=now - dt.timedelta(seconds=queue_seconds()))
    if ids is not None:
        running, queued = running.filter(pk__in=ids), queued.filter(pk__in=ids)
    count = 0
    for qs, state, text in ((running, ImportJob.State.RUNNING, INTERRUPTED), (queued, ImportJob.State.QUEUED, NOT_STARTED)):
        for job in qs:
            message = text.format(name=job.name)
            with transaction.atomic():
                # Conditional: the job may have moved on since it was listed.
                if ImportJob.objects.filter(pk=job.pk, state=state).update(
                    state=ImportJob.State.FAILED, message=STAGES["failed"], error=message, finished_at=now,
                ):
                    record("import.fail", job, actor=None, note=message, after={"error": "timeout"})
                    count += 1
    return count


def run_queued(limit: int | None = None) -> int:
    """`nhiemvu worker`: run the queued jobs, oldest first. Returns how many it ran."""
    ran = 0
    while limit is None or ran < limit:
        job_id = (ImportJob.objects.filter(state=ImportJob.State.QUEUED).order_by("created_at", "id")
                  .values_list("pk", flat=True).first())
        if job_id is None:
            break
        run(job_id)
        ran += 1
    return ran


def lines_for_plan(plan_id: int) -> list[str] | None:
    """The text lines kept by the latest import that made or replaced the plan."""
    return (ImportJob.objects.filter(plan_id=plan_id, state=ImportJob.State.DONE, lines__isnull=False)
            .exclude(outcome=ImportJob.Outcome.NEEDS_CONFIRMATION).order_by("-finished_at", "-id")
            .values_list("lines", flat=True).first())
