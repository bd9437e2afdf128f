"""Import jobs: queued → running → done / failed, progress stages, stale jobs, one plan per file."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from nhiemvu.accounts.models import Membership, Role
from nhiemvu.audit.models import AuditEvent
from nhiemvu.jobs import imports
from nhiemvu.jobs.models import ImportJob
from nhiemvu.tracking.documents import path_for
from nhiemvu.tracking.models import Plan

SMALL = """ỦY BAN NHÂN DÂN THÀNH PHỐ THỬ NGHIỆM
Số: 15/KH-UBND
KẾ HOẠCH
Triển khai nhiệm vụ năm 2025

II. NHIỆM VỤ CỤ THỂ
1. Rà soát danh mục thủ tục hành chính.
+ Cơ quan chủ trì: Phòng Tư pháp
+ Thời gian hoàn thành: Quý II/2025
2. Tổng kết công tác cải cách hành chính.
+ Cơ quan chủ trì: Phòng Nội vụ
+ Thời gian hoàn thành: Hoàn thành trước ngày 15/12/2025
"""


@pytest.fixture
def office(db, settings):
    from nhiemvu.directory.models import Jurisdiction, Unit

    settings.NHIEMVU_IMPORT_MODE = "queue"  # the test runs each job itself
    j = Jurisdiction.objects.create(slug="thu-nghiem", name="Thành phố Thử Nghiệm")
    Unit.objects.create(jurisdiction=j, name="Phòng Tư pháp")
    user = get_user_model().objects.create_user("vanphong", password=None)
    Membership.objects.create(user=user, role=Role.OFFICE, jurisdiction=j)
    return user


def _jurisdiction(user):
    return user.membership.jurisdiction


def _stages(monkeypatch) -> list[tuple]:
    seen: list[tuple] = []
    original = imports.Reporter.__call__

    def spy(self, stage, done=None, total=None):
        seen.append((stage, done, total))
        return original(self, stage, done, total)

    monkeypatch.setattr(imports.Reporter, "__call__", spy)
    return seen


def test_success_runs_every_stage_and_keeps_the_lines(office, monkeypatch):
    seen = _stages(monkeypatch)
    job = imports.submit(SMALL.encode(), "kh15.txt", _jurisdiction(office), office)
    assert job.state == ImportJob.State.QUEUED and job.stage == "queued"
    assert path_for(job.document.sha256).exists()  # stored before anything runs
    job = imports.run(job.pk)
    assert job.state == ImportJob.State.DONE and job.outcome == ImportJob.Outcome.CREATED
    assert [s for s, _, _ in seen] == ["read", "extract", "resolve", "save"]
    plan = Plan.objects.get()
    assert job.plan == plan and plan.tasks.count() == 2 and plan.created_by == office
    assert job.result["unresolved"] == ["Phòng Nội vụ"] and job.result["tasks"] == 2
    assert job.lines[0].startswith("ỦY BAN") and imports.lines_for_plan(plan.pk) == job.lines
    assert job.started_at and job.finished_at and job.finished_at >= job.started_at
    assert imports.percent(job) == 100
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["import.submit", "plan.import"]


def test_ingest_error_fails_with_the_readers_message_and_keeps_the_file(office):
    job = imports.submit(b"PK\x03\x04 not really a docx", "hong.docx", _jurisdiction(office), office)
    job = imports.run(job.pk)
    assert job.state == ImportJob.State.FAILED and "hong.docx" in job.error
    assert not Plan.objects.exists()
    assert path_for(job.document.sha256).exists()
    assert AuditEvent.objects.filter(action="import.fail", object_id=str(job.pk)).exists()
    again = imports.retry(job, office)
    assert again.pk != job.pk and again.retry_of == job and again.state == ImportJob.State.QUEUED
    assert imports.run(again.pk).state == ImportJob.State.FAILED


def test_no_tasks_is_a_clear_failure(office):
    job = imports.run(imports.submit("Thư mời họp.\nKính gửi các đồng chí.".encode(), "thu-moi.txt",
                                     _jurisdiction(office), office).pk)
    assert job.state == ImportJob.State.FAILED
    assert "thu-moi.txt" in job.error and "không tìm thấy nhiệm vụ" in job.error


def test_crash_fails_the_job_and_leaves_no_plan(office, monkeypatch):
    import nhiemvu.ingest.extract as extract

    def boom(doc):
        raise RuntimeError("bug")

    monkeypatch.setattr(extract, "extract_document", boom)
    job = imports.run(imports.submit(SMALL.encode(), "kh15.txt", _jurisdiction(office), office).pk)
    assert job.state == ImportJob.State.FAILED and "RuntimeError" in job.error and "kh15.txt" in job.error
    assert not Plan.objects.exists()
    monkeypatch.undo()
    assert imports.run(imports.retry(job, office).pk).state == ImportJob.State.DONE


def test_crash_while_saving_rolls_back(office, monkeypatch):
    from nhiemvu.tracking import importing

    def boom(plan):
        raise RuntimeError("carry-over")

    monkeypatch.setattr(importing, "link_carry_over", boom)
    job = imports.run(imports.submit(SMALL.encode(), "kh15.txt", _jurisdiction(office), office).pk)
    assert job.state == ImportJob.State.FAILED and not Plan.objects.exists()


def test_stale_running_job_is_failed_and_stops(office):
    job = imports.submit(SMALL.encode(), "kh15.txt", _jurisdiction(office), office)
    old = timezone.now() - dt.timedelta(seconds=imports.stale_seconds() + 5)
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.RUNNING, started_at=old, heartbeat_at=old)
    fresh = imports.submit(b"1. Khac", "khac.txt", _jurisdiction(office), office)
    ImportJob.objects.filter(pk=fresh.pk).update(state=ImportJob.State.RUNNING, heartbeat_at=timezone.now())
    assert imports.fail_stale() == 1
    job.refresh_from_db()
    fresh.refresh_from_db()
    assert job.state == ImportJob.State.FAILED and "gián đoạn" in job.error and "Thử lại" in job.error
    assert fresh.state == ImportJob.State.RUNNING
    # The process that was running it, if alive after all, stops at its next step.
    with pytest.raises(imports.Abandoned):
        imports.Reporter(job.pk)("ocr", 3, 10)
    assert imports.run(imports.retry(job, office).pk).state == ImportJob.State.DONE


def test_queued_job_nobody_runs_fails_after_the_queue_timeout(office, settings):
    settings.NHIEMVU_IMPORT_QUEUE_SECONDS = 60
    job = imports.submit(SMALL.encode(), "kh15.txt", _jurisdiction(office), office)
    assert imports.fail_stale(now=timezone.now() + dt.timedelta(seconds=30)) == 0
    assert imports.fail_stale(now=timezone.now() + dt.timedelta(seconds=61), ids=[job.pk]) == 1
    job.refresh_from_db()
    assert job.state == ImportJob.State.FAILED and "chưa được xử lý" in job.error


def test_same_file_twice_makes_one_plan(office):
    j = _jurisdiction(office)
    first = imports.submit(SMALL.encode(), "kh15.txt", j, office)
    assert imports.submit(SMALL.encode(), "kh15 (1).txt", j, office).pk == first.pk  # still queued: the same job
    # Two jobs of the same file that both got to run (e.g. two server processes).
    second = ImportJob.objects.create(jurisdiction=j, document=first.document, name="kh15.txt", created_by=office)
    assert imports.run(first.pk).outcome == ImportJob.Outcome.CREATED
    second = imports.run(second.pk)
    assert second.outcome == ImportJob.Outcome.DUPLICATE
    third = imports.run(imports.submit(SMALL.encode(), "kh15.txt", j, office).pk)
    assert third.outcome == ImportJob.Outcome.DUPLICATE
    assert Plan.objects.count() == 1 and second.plan_id == third.plan_id == Plan.objects.get().pk
    assert imports.run(first.pk).outcome == ImportJob.Outcome.CREATED  # running a finished job again does nothing


def test_revision_waits_for_confirmation_then_replaces_without_reading_again(office, monkeypatch):
    j = _jurisdiction(office)
    imports.run(imports.submit(SMALL.encode(), "kh15.txt", j, office).pk)
    revised = SMALL.replace("2. Tổng kết công tác cải cách hành chính.", "2. Sơ kết công tác chuyển đổi số.")
    waiting = imports.run(imports.submit(revised.encode(), "kh15-sua.txt", j, office).pk)
    assert waiting.outcome == ImportJob.Outcome.NEEDS_CONFIRMATION and waiting.extraction
    assert "thay đổi 1" in waiting.result["diff"]["summary"]
    seen = _stages(monkeypatch)
    done = imports.run(imports.confirm_replace(waiting, office).pk)
    assert done.outcome == ImportJob.Outcome.REPLACED and Plan.objects.count() == 1
    assert [s for s, _, _ in seen] == ["resolve", "save"]  # the kept extraction, no second read
    assert "Sơ kết công tác chuyển đổi số." in "".join(Plan.objects.get().tasks.values_list("content", flat=True))
    assert done.extraction is None and imports.lines_for_plan(done.plan_id) == done.lines


def test_agency_user_cannot_submit(office):
    from django.core.exceptions import PermissionDenied

    from nhiemvu.directory.models import Unit

    agency = get_user_model().objects.create_user("donvi", password=None)
    Membership.objects.create(user=agency, role=Role.AGENCY, jurisdiction=_jurisdiction(office),
                              unit=Unit.objects.get())
    with pytest.raises(PermissionDenied):
        imports.submit(SMALL.encode(), "kh15.txt", _jurisdiction(office), agency)
    assert not ImportJob.objects.exists()


def test_worker_runs_queued_jobs(office):
    j = _jurisdiction(office)
    imports.submit(SMALL.encode(), "kh15.txt", j, office)
    imports.submit(b"not a directive", "x.txt", j, office)
    assert imports.run_queued() == 2
    assert sorted(ImportJob.objects.values_list("state", flat=True)) == ["done", "failed"]
    assert imports.run_queued() == 0


def test_sync_mode_runs_in_the_caller(office, settings):
    settings.NHIEMVU_IMPORT_MODE = "sync"
    job = imports.submit(SMALL.encode(), "kh15.txt", _jurisdiction(office), office)
    assert job.state == ImportJob.State.DONE and Plan.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_thread_mode_runs_after_commit_in_a_thread(office, settings):
    settings.NHIEMVU_IMPORT_MODE = "thread"
    job = imports.submit(SMALL.encode(), "kh15.txt", _jurisdiction(office), office)
    assert imports.wait_for_threads(60)
    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE, job.error
    assert job.worker.endswith(f"nhiemvu-import-{job.pk}")
    assert Plan.objects.count() == 1


def test_percent_and_stage_text():
    job = ImportJob(state=ImportJob.State.RUNNING, stage="ocr", done=5, total=10)
    assert imports.percent(job) == 59
    assert imports.stage_text("ocr", 5, 10) == "Đang nhận dạng chữ trang 6/10 (OCR)"
    assert imports.stage_text("ocr", 10, 10) == "Đang nhận dạng chữ trang 10/10 (OCR)"
    assert imports.stage_text("read", 3, 40) == "Đang đọc tệp: trang 3/40"
    assert imports.stage_text("extract") == "Đang tìm nhiệm vụ"
    assert imports.percent(ImportJob(state=ImportJob.State.RUNNING, stage="extract")) == 88
    assert imports.percent(ImportJob(state=ImportJob.State.QUEUED, stage="queued")) == 0


# ---------------------------------------------------------------- the readers' progress callback


def test_pdf_reader_reports_its_pages():
    from tests.fixtures import pdf_draw

    if not pdf_draw.fonts_available():
        pytest.skip("DejaVu fonts are not installed")
    from reportlab.platypus import PageBreak, Paragraph

    from nhiemvu.ingest.read import read_bytes

    style, _ = pdf_draw._styles()
    flow = []
    for i in range(3):
        flow += [Paragraph(f"{i + 1}. Nhiệm vụ trang {i + 1}: rà soát văn bản quy phạm pháp luật.", style), PageBreak()]
    calls: list[tuple] = []
    read_bytes(pdf_draw.build_pdf(flow, running_head=False), "ba-trang.pdf",
               progress=lambda *a: calls.append(a))
    assert calls == [("read",), ("read", 1, 3), ("read", 2, 3), ("read", 3, 3)]


def test_ocr_reports_each_page(monkeypatch):
    from PIL import Image

    from nhiemvu.ingest.readers import ocr

    blank = Image.new("L", (200, 280), 255)
    monkeypatch.setattr(ocr, "tesseract_path", lambda: "tesseract")
    monkeypatch.setattr(ocr, "render_pages", lambda data, name, max_pages, dpi=None: [(b"", blank, 595.0, 72)] * 3)
    monkeypatch.setattr(ocr, "ocr_image", lambda png, exe, page=0: [
        {"text": ("Một", "Hai", "Ba")[page], "x0": 10, "x1": 60, "top": 10 + 40 * page, "bottom": 20 + 40 * page,
         "conf": 90, "line": (1, 1, 1)}])
    calls: list[tuple] = []
    doc = ocr.ocr_pdf(b"%PDF", "quet.pdf", progress=lambda *a: calls.append(a))
    assert doc.ocr
    assert calls == [("ocr",), ("ocr", 0, 3), ("ocr", 1, 3), ("ocr", 2, 3), ("ocr", 3, 3)]


def test_worker_once_runs_queued_imports(office, capsys):
    from nhiemvu.cli import main

    imports.submit(SMALL.encode(), "kh15.txt", _jurisdiction(office), office)
    assert main(["worker", "--once"]) == 0
    assert "Đã xử lý 1 lượt nhập văn bản" in capsys.readouterr().out
    assert Plan.objects.count() == 1


def test_job_of_a_process_gone_on_this_machine_fails_at_once(office):
    import socket
    import subprocess

    gone = subprocess.Popen(["true"])
    gone.wait()
    job = imports.submit(SMALL.encode(), "kh15.txt", _jurisdiction(office), office)
    alive = imports.submit(b"1. Khac", "khac.txt", _jurisdiction(office), office)
    now = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(state="running", heartbeat_at=now,
                                               worker=f"{socket.gethostname()}:{gone.pid}:nhiemvu-import-1")
    ImportJob.objects.filter(pk=alive.pk).update(state="running", heartbeat_at=now, worker=imports.worker_name())
    assert imports.fail_stale() == 1
    assert ImportJob.objects.get(pk=job.pk).state == "failed"
    assert ImportJob.objects.get(pk=alive.pk).state == "running"
