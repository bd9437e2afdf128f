"""The follow-up cycle through the services: permissions, state changes, audit events."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nhiemvu.audit.models import AuditEvent
from nhiemvu.rules import status as S
from nhiemvu.tracking import queries, services
from nhiemvu.tracking.models import Assignment, Extension, Plan, ProgressUpdate, Task

D = dt.date
pytestmark = pytest.mark.django_db


def _actions(obj) -> list[str]:
    return list(AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
                .order_by("id").values_list("action", flat=True))


@pytest.fixture
def setup(world):
    task = world.task(lead=[world.finance], support=[world.culture], start=D(2023, 1, 1), due=D(2023, 3, 31))
    officer = world.user("agency", world.finance)
    helper = world.user("agency", world.culture)
    outsider = world.user("agency", world.police)
    office = world.user("office")
    return world, task, officer, helper, outsider, office


def test_completion_report_accepted_after_due_date_completes_late(setup) -> None:
    world, task, officer, _, _, office = setup
    up = services.submit_progress(task, world.finance, officer, percent=100, text="Đã xong", period="2023-Q2",
                                  completion=True, reported_on=D(2023, 4, 10))
    assert up.state == ProgressUpdate.State.SUBMITTED
    task.refresh_from_db()
    assert task.completed_on is None and task.last_activity_on == D(2023, 4, 10)
    services.accept_progress(up, office)
    task.refresh_from_db()
    assert task.completed_on == D(2023, 4, 10)  # the report's date, not the acceptance date
    assert S.compute_status(task, D(2023, 5, 1)) == S.COMPLETED_LATE
    assert queries.with_status(Task.objects.filter(pk=task.pk), D(2023, 5, 1)).get().status == S.COMPLETED_LATE
    assert _actions(up) == ["progress.submit", "progress.accepted"]
    assert "task.complete" in _actions(task)


def test_return_needs_a_comment_and_keeps_task_open(setup) -> None:
    world, task, officer, _, _, office = setup
    up = services.submit_progress(task, world.finance, officer, percent=40, text="Đang làm")
    with pytest.raises(ValidationError):
        services.return_progress(up, office, "  ")
    services.return_progress(up, office, "Thiếu số liệu")
    up.refresh_from_db()
    assert up.state == ProgressUpdate.State.RETURNED and up.review_comment == "Thiếu số liệu"
    with pytest.raises(ValidationError):  # reviewed once only
        services.accept_progress(up, office)
    task.refresh_from_db()
    assert task.completed_on is None


def test_only_assigned_units_report_and_only_leads_complete(setup) -> None:
    world, task, officer, helper, outsider, _ = setup
    with pytest.raises(PermissionDenied):
        services.submit_progress(task, world.police, outsider, percent=10, text="x")
    with pytest.raises(PermissionDenied):  # acting for another unit than one's own
        services.submit_progress(task, world.finance, helper, percent=10, text="x")
    services.submit_progress(task, world.culture, helper, percent=30, text="Phối hợp")
    with pytest.raises(ValidationError):
        services.submit_progress(task, world.culture, helper, percent=100, text="x", completion=True)
    with pytest.raises(ValidationError):
        services.submit_progress(task, world.finance, officer, percent=101, text="x")
    with pytest.raises(ValidationError):
        services.submit_progress(task, world.finance, officer, percent=5, text="x",
                                 reported_on=dt.date.today() + dt.timedelta(days=5))


def test_agency_cannot_review(setup) -> None:
    world, task, officer, _, _, _ = setup
    up = services.submit_progress(task, world.finance, officer, percent=100, text="x", completion=True)
    with pytest.raises(PermissionDenied):
        services.accept_progress(up, officer)
    with pytest.raises(PermissionDenied):
        services.urge(task, officer)
    with pytest.raises(PermissionDenied):
        services.cancel_task(task, officer, decision="1/QĐ")



def test_office_of_another_jurisdiction_cannot_review(setup) -> None:
    from tests.tracking.conftest import World

    world, task, officer, *_ = setup
    stranger = World().user("office")
    up = services.submit_progress(task, world.finance, officer, percent=100, text="x", completion=True)
    with pytest.raises(PermissionDenied):
        services.accept_progress(up, stranger)
    with pytest.raises(PermissionDenied):
        services.urge(task, stranger)


def test_extension_keeps_original_due_and_statistics_can_use_either(setup) -> None:
    world, task, officer, _, _, office = setup
    with pytest.raises(ValidationError):
        services.request_extension(task, world.finance, officer, new_due=D(2023, 3, 1), reason="x")
    ext = services.request_extension(task, world.finance, officer, new_due=D(2023, 6, 30), reason="Chờ vốn")
    assert ext.old_due == D(2023, 3, 31)
    services.decide_extension(ext, office, approve=True, comment="Đồng ý")
    task.refresh_from_db()
    assert (task.due, task.extended_due) == (D(2023, 3, 31), D(2023, 6, 30))
    qs = Task.objects.filter(pk=task.pk)
    assert queries.with_status(qs, D(2023, 4, 15)).get().status == S.IN_PROGRESS
    assert queries.with_status(qs, D(2023, 4, 15), original_due=True).get().status == S.OVERDUE
    with pytest.raises(ValidationError):
        services.decide_extension(ext, office, approve=False)
    assert Extension.objects.get(pk=ext.pk).state == "approved"
    assert "task.extend" in _actions(task)


def test_refused_extension_changes_nothing(setup) -> None:
    world, task, officer, _, _, office = setup
    ext = services.request_extension(task, world.finance, officer, new_due=D(2023, 6, 30), reason="Chờ vốn")
    services.decide_extension(ext, office, approve=False, comment="Không đủ căn cứ")
    task.refresh_from_db()
    assert task.extended_due is None


def test_removal_keeps_assignment_and_stats_can_count_it(setup) -> None:
    world, task, officer, _, _, office = setup
    req = services.request_removal(task, world.finance, officer, reason="Không thuộc chức năng",
                                   reason_kind="not_applicable")
    services.decide_removal(req, office, approve=True)
    a = Assignment.objects.get(task=task, unit=world.finance)
    assert a.removed_on is not None
    qs = Task.objects.filter(pk=task.pk)
    assert [r["unit"] for r in queries.unit_table(qs, today=D(2023, 5, 1))] == []
    rows = queries.unit_table(qs, today=D(2023, 5, 1), include_removed=True)
    assert [(r["unit"], r["overdue"]) for r in rows] == [(world.finance.name, 1)]
    # The unit no longer sees it in its inbox.
    assert list(queries.inbox(world.finance, D(2023, 5, 1))) == []


def test_urges_escalate_after_three(setup, settings) -> None:
    settings.NHIEMVU_ESCALATE_AFTER_URGES = 3
    world, task, _, _, _, office = setup
    for _ in range(3):
        services.urge(task, office, note="Đề nghị báo cáo")
    task.refresh_from_db()
    assert task.urge_count == 3
    qs = Task.objects.filter(pk=task.pk)
    assert list(queries.escalated(qs, D(2023, 5, 1))) == [task]
    assert queries.with_status(qs, D(2023, 5, 1)).get().is_escalated
    assert _actions(task.urges.first()) == ["task.urge"]


def test_cancel_needs_a_decision(setup) -> None:
    world, task, officer, _, _, office = setup
    with pytest.raises(ValidationError):
        services.cancel_task(task, office, decision="")
    services.cancel_task(task, office, decision="15/QĐ-UBND", reason="Không còn phù hợp")
    task.refresh_from_db()
    assert task.cancelled and task.cancel_decision == "15/QĐ-UBND"
    assert queries.with_status(Task.objects.filter(pk=task.pk), D(2023, 5, 1)).get().status == S.CANCELLED
    with pytest.raises(ValidationError):
        services.submit_progress(task, world.finance, None, percent=1, text="x")


def test_publish_starts_tracking(world) -> None:
    plan = world.plan(status="draft")
    world.task(plan, lead=[world.finance], due=D(2023, 6, 30))
    office = world.user("office")
    services.publish_plan(plan, office)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.PUBLISHED and plan.published_by == office
    assert plan.tasks.get().last_activity_on is not None
    with pytest.raises(ValidationError):
        services.publish_plan(plan, office)
    services.close_plan(plan, office)
    assert _actions(plan) == ["plan.publish", "plan.close"]


def test_evidence_files_are_stored_by_content(setup, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    world, task, officer, *_ = setup
    up = services.submit_progress(task, world.finance, officer, percent=50, text="x",
                                  files=[("bao-cao.pdf", b"%PDF-1.4 thu"), ("ban-sao.pdf", b"%PDF-1.4 thu")])
    files = list(up.evidence.all())
    assert len(files) == 2 and files[0].file_id == files[1].file_id
    from nhiemvu.tracking.documents import path_for, sha256_of

    assert path_for(sha256_of(b"%PDF-1.4 thu")).read_bytes() == b"%PDF-1.4 thu"
