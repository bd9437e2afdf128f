"""The scheduler: a slot runs once, whatever the number of workers."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def test_next_occurrence_is_local_time():
    from nhiemvu.jobs.worker import next_occurrence

    after = dt.datetime(2023, 6, 14, 6, 59, tzinfo=TZ)
    assert next_occurrence(dt.time(7, 0), after) == dt.datetime(2023, 6, 14, 7, 0, tzinfo=TZ)
    assert next_occurrence(dt.time(7, 0), after.replace(hour=7)) == dt.datetime(2023, 6, 15, 7, 0, tzinfo=TZ)


@pytest.mark.django_db
def test_a_slot_is_claimed_once():
    from nhiemvu.jobs.models import Job
    from nhiemvu.jobs.worker import claim

    job = Job.objects.create(name="x", kind="remind")
    slot = dt.datetime(2023, 6, 14, 7, 0, tzinfo=TZ)
    assert claim(job, slot) is not None
    assert claim(job, slot) is None  # a second worker loses
    assert claim(job, slot + dt.timedelta(days=1)) is not None


@pytest.mark.django_db
def test_due_jobs_run_once_and_move_on(monkeypatch):
    from nhiemvu.jobs import worker
    from nhiemvu.jobs.models import Job, JobRun

    calls = []
    monkeypatch.setitem(worker.HANDLERS, "remind", lambda job, slot: calls.append(slot) or {"ok": 1})
    now = dt.datetime(2023, 6, 14, 8, 0, tzinfo=TZ)
    worker.ensure_default_jobs(now - dt.timedelta(hours=2))  # first start at 06:00: today's 07:00 slot
    job = Job.objects.get()
    assert job.next_run_at == dt.datetime(2023, 6, 14, 7, 0, tzinfo=TZ)
    runs = worker.run_due_jobs(now)
    assert [r.status for r in runs] == [JobRun.Status.OK] and runs[0].result == {"ok": 1}
    assert worker.run_due_jobs(now) == []  # the same slot again: nothing
    job.refresh_from_db()
    assert job.next_run_at == dt.datetime(2023, 6, 15, 7, 0, tzinfo=TZ)
    assert len(calls) == 1


@pytest.mark.django_db
def test_failing_job_is_recorded_and_the_loop_goes_on(monkeypatch):
    from nhiemvu.jobs import worker
    from nhiemvu.jobs.models import Job, JobRun

    def boom(job, slot):
        raise RuntimeError("hỏng")

    monkeypatch.setitem(worker.HANDLERS, "remind", boom)
    Job.objects.create(name="x", kind="remind", next_run_at=dt.datetime(2023, 6, 14, 7, 0, tzinfo=TZ))
    [run] = worker.run_due_jobs(dt.datetime(2023, 6, 14, 8, 0, tzinfo=TZ))
    assert run.status == JobRun.Status.FAILED and "hỏng" in run.error


@pytest.mark.django_db
def test_worker_once_runs_the_reminders(world, capsys):
    from nhiemvu.cli import main
    from nhiemvu.jobs.models import Job, JobRun

    Job.objects.create(name="nhac-viec-hang-ngay", kind="remind",
                       next_run_at=dt.datetime(2023, 6, 14, 7, 0, tzinfo=TZ))
    assert main(["worker", "--once"]) == 0
    run = JobRun.objects.get()
    assert run.status == JobRun.Status.OK and run.result["day"] == "2023-06-14"
