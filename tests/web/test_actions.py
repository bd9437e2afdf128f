"""The follow-up cycle through the pages, and who may do what: an agency officer sees and
changes only its own unit's tasks and files (other units' objects are 404), leaders read
only, the Office acts. Every change leaves an audit event."""

from __future__ import annotations

import io

import pytest

from nhiemvu.audit.models import AuditEvent
from nhiemvu.tracking.models import Evidence, Extension, ProgressUpdate, Task

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(name: str, data: bytes):
    f = io.BytesIO(data)
    f.name = name
    return f


def report(c, task, **extra):
    data = {"percent": 50, "text": "Đã hoàn thành dự thảo", "period": "", **extra}
    return c.post(f"/nhiem-vu/{task.pk}/bao-cao/", data)


def test_other_unit_task_is_404(login, world):
    c = login(world.users["police"])
    assert c.get(f"/nhiem-vu/{world.overdue.pk}/").status_code == 404
    assert report(c, world.overdue).status_code == 404
    assert c.post(f"/nhiem-vu/{world.overdue.pk}/gia-han/", {"new_due": "01/01/2030", "reason": "x"}).status_code == 404
    assert not ProgressUpdate.objects.exists() and not Extension.objects.exists()


def test_draft_plan_tasks_hidden_from_agency(login, world):
    draft_task = world.draft.tasks.get()
    assert login(world.users["finance"]).get(f"/nhiem-vu/{draft_task.pk}/").status_code == 404


def test_agency_reports_with_evidence_and_only_it_can_download(login, world, client):
    c = login(world.users["finance"])
    r = report(c, world.overdue, files=[upload("bien-ban.pdf", PDF)])
    assert r.status_code == 302
    update = ProgressUpdate.objects.get()
    assert update.unit == world.finance and update.percent == 50
    ev = Evidence.objects.get()
    assert c.get(f"/minh-chung/{ev.pk}/").status_code == 200
    client.force_login(world.users["police"])
    assert client.get(f"/minh-chung/{ev.pk}/").status_code == 404
    client.force_login(world.users["leader"])
    assert client.get(f"/minh-chung/{ev.pk}/").status_code == 200
    assert AuditEvent.objects.filter(action="progress.submit", actor=world.users["finance"]).exists()


def test_evidence_type_checked_by_content(login, world):
    c = login(world.users["finance"])
    r = report(c, world.overdue, files=[upload("gia-mao.pdf", b"MZ\x90\x00\x03" + bytes(200))])
    assert r.status_code == 302
    assert not ProgressUpdate.objects.exists()
    page = c.get(f"/nhiem-vu/{world.overdue.pk}/").content.decode()
    assert "gia-mao.pdf không phải loại được nhận" in page


def test_support_unit_adds_input_but_cannot_complete(login, world):
    c = login(world.users["health"])
    page = c.get(f"/nhiem-vu/{world.overdue.pk}/").content.decode()
    assert "đơn vị phối hợp" in page and "báo cáo hoàn thành nhiệm vụ" not in page
    report(c, world.overdue, text="Đã cung cấp số liệu y tế")
    assert ProgressUpdate.objects.get().unit == world.health
    report(c, world.overdue, completion="on")
    assert ProgressUpdate.objects.filter(completion=True).count() == 0


def test_completion_accept_changes_dashboard(login, world, client):
    office = world.users["office"]
    client.force_login(office)
    before = client.get("/tong-quan/").content.decode()
    assert 'data-status="overdue">1<' in before
    client.force_login(world.users["finance"])
    report(client, world.overdue, completion="on", text="Đã ban hành dự toán")
    update = ProgressUpdate.objects.get()
    assert update.completion and update.state == "submitted"
    # Leaders read only: they cannot accept.
    client.force_login(world.users["leader"])
    assert client.post(f"/bao-cao-tien-do/{update.pk}/duyet/", {"decision": "accept"}).status_code == 403
    # Agencies cannot review, even their own report.
    client.force_login(world.users["finance"])
    assert client.post(f"/bao-cao-tien-do/{update.pk}/duyet/", {"decision": "accept"}).status_code == 403
    client.force_login(office)
    assert client.post(f"/bao-cao-tien-do/{update.pk}/duyet/", {"decision": "accept"}).status_code == 302
    world.overdue.refresh_from_db()
    assert world.overdue.completed_on == update.reported_on
    after = client.get("/tong-quan/").content.decode()
    assert 'data-status="overdue">0<' in after
    assert 'data-status="completed_late">1<' in after


def test_return_needs_comment(login, world, client):
    client.force_login(world.users["finance"])
    report(client, world.overdue)
    update = ProgressUpdate.objects.get()
    client.force_login(world.users["office"])
    client.post(f"/bao-cao-tien-do/{update.pk}/duyet/", {"decision": "return", "comment": ""})
    update.refresh_from_db()
    assert update.state == "submitted"
    client.post(f"/bao-cao-tien-do/{update.pk}/duyet/", {"decision": "return", "comment": "Bổ sung số liệu"})
    update.refresh_from_db()
    assert update.state == "returned" and update.review_comment == "Bổ sung số liệu"
    client.force_login(world.users["finance"])
    assert "Bổ sung số liệu" in client.get("/hop-thu/").content.decode()


def test_extension_requested_and_approved(login, world, client):
    client.force_login(world.users["health"])
    # Only the lead unit may ask.
    client.post(f"/nhiem-vu/{world.overdue.pk}/gia-han/", {"new_due": "31/12/2030", "reason": "Chờ số liệu"})
    assert not Extension.objects.exists()
    client.force_login(world.users["finance"])
    client.post(f"/nhiem-vu/{world.overdue.pk}/gia-han/", {"new_due": "31/12/2030", "reason": "Chờ số liệu"})
    ext = Extension.objects.get()
    client.force_login(world.users["office"])
    client.post(f"/gia-han/{ext.pk}/duyet/", {"decision": "approve", "comment": "Đồng ý"})
    world.overdue.refresh_from_db()
    assert str(world.overdue.extended_due) == "2030-12-31"
    assert world.overdue.due is not None  # the document's date is kept


def test_one_click_urge_from_dashboard(login, world):
    c = login(world.users["office"])
    r = c.post(f"/nhiem-vu/{world.overdue.pk}/don-doc/", {"next": "/tong-quan/?status=overdue"})
    assert r.status_code == 302 and r.url == "/tong-quan/?status=overdue"
    assert Task.objects.get(pk=world.overdue.pk).urge_count == 1
    assert AuditEvent.objects.filter(action="task.urge").count() == 1
    # An open redirect is refused.
    r = c.post(f"/nhiem-vu/{world.overdue.pk}/don-doc/", {"next": "//evil.example/"})
    assert r.url == f"/nhiem-vu/{world.overdue.pk}/"


@pytest.mark.parametrize("who", ["leader", "finance", "police"])
def test_only_office_urges_and_cancels(login, world, who):
    c = login(world.users[who])
    assert c.post(f"/nhiem-vu/{world.overdue.pk}/don-doc/").status_code == 403
    assert c.post(f"/nhiem-vu/{world.overdue.pk}/huy/", {"decision": "1/QĐ"}).status_code == 403
    assert Task.objects.get(pk=world.overdue.pk).urge_count == 0


def test_office_cancels_with_decision(login, world):
    c = login(world.users["office"])
    c.post(f"/nhiem-vu/{world.later.pk}/huy/", {"decision": "", "reason": "x"})
    assert not Task.objects.get(pk=world.later.pk).cancelled
    c.post(f"/nhiem-vu/{world.later.pk}/huy/", {"decision": "20/QĐ-UBND", "reason": "Không còn phù hợp"})
    assert Task.objects.get(pk=world.later.pk).cancelled
    assert AuditEvent.objects.filter(action="task.cancel").exists()


def test_leader_task_page_has_no_actions(login, world):
    body = login(world.users["leader"]).get(f"/nhiem-vu/{world.overdue.pk}/").content.decode()
    assert "Đôn đốc đơn vị chủ trì" not in body and "Gửi báo cáo" not in body


def test_agency_cannot_reach_review_or_import(login, world):
    c = login(world.users["finance"])
    task = world.draft.tasks.get()
    assert c.get("/nhap-van-ban/").status_code == 403
    assert c.post(f"/duyet/nhiem-vu/{task.pk}/xoa/").status_code == 403
    assert c.post(f"/ke-hoach/{world.draft.pk}/ban-hanh/").status_code == 403
    assert world.draft.tasks.count() == 1


def test_csrf_enforced_on_actions(world):
    from django.test import Client

    c = Client(enforce_csrf_checks=True)
    c.force_login(world.users["office"])
    assert c.post(f"/nhiem-vu/{world.overdue.pk}/don-doc/").status_code == 403


def test_indicator_actual_by_responsible_unit_only(login, world, client):
    target = world.plan.indicators.get().targets.get()
    client.force_login(world.users["police"])
    assert client.post(f"/chi-tieu/muc/{target.pk}/ket-qua/", {"period": "2023", "value": "90"}).status_code == 404
    client.force_login(world.users["finance"])
    body = client.get("/chi-tieu/").content.decode()
    assert "Thu ngân sách đạt 100% dự toán" in body
    client.post(f"/chi-tieu/muc/{target.pk}/ket-qua/", {"period": "2023", "value": "95,5"})
    assert str(target.actuals.get().value).startswith("95.5")
    body = client.get("/chi-tieu/").content.decode()
    assert "95,5" in body and "Chưa đạt" in body


def test_directory_page_and_alias(login, world):
    c = login(world.users["office"])
    body = c.get("/danh-ba/").content.decode()
    assert "Phòng Tài chính – Kế hoạch" in body
    c.post("/danh-ba/ten-goi-khac/", {"dia_ban": world.jurisdiction.slug, "unit": world.finance.pk, "text": "TCKH"})
    assert world.finance.aliases.filter(text="TCKH").exists()
    r = c.get("/danh-ba/tai-ve/", {"dia_ban": world.jurisdiction.slug})
    assert r.status_code == 200 and r.content[:2] == b"PK"
    assert login(world.users["leader"]).get("/danh-ba/").status_code == 403


def test_urge_with_htmx_returns_fragment(login, world):
    c = login(world.users["office"])
    r = c.post(f"/nhiem-vu/{world.overdue.pk}/don-doc/", HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and "Đã đôn đốc (1)" in r.content.decode()
