"""Every API endpoint does its job (the authorization matrix is in test_matrix.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from nhiemvu.audit.models import AuditEvent
from nhiemvu.directory.models import Alias, Unit
from nhiemvu.tracking.models import Assignment, Evidence, Plan, Task

pytestmark = pytest.mark.django_db


def ids(response) -> set[int]:
    assert response.status_code == 200, response.text
    return {t["id"] for t in response.json()["items"]}


# ---------------------------------------------------------------- tasks: list and filters


def test_list_filters(make_client, world):
    c = make_client(world["users"]["office"])
    own, other = world["objs"]["own"], world["objs"]["other"]
    both = {own["task"].pk, other["task"].pk}
    assert ids(c.get("/api/tasks")) == both
    assert ids(c.get(f"/api/tasks?plan={own['plan'].pk}")) == {own["task"].pk}
    assert ids(c.get(f"/api/tasks?unit={other['unit'].pk}")) == {other["task"].pk}
    assert ids(c.get(f"/api/tasks?unit={other['unit'].pk}&role=support")) == set()
    assert ids(c.get("/api/tasks?status=in_progress")) == both
    assert ids(c.get("/api/tasks?status=overdue&status=due_soon")) == set()
    later = (dt.date.today() + dt.timedelta(days=61)).isoformat()
    sooner = (dt.date.today() + dt.timedelta(days=59)).isoformat()
    assert ids(c.get(f"/api/tasks?due_before={later}")) == both
    assert ids(c.get(f"/api/tasks?due_before={sooner}")) == set()
    row = c.get("/api/tasks").json()["items"][0]
    assert row["status_label"] and row["leads"] and row["supports"] == []


def test_inbox_most_urgent_first(make_client, world):
    own = world["objs"]["own"]
    today = dt.date.today()

    def make(content, role=Assignment.Role.LEAD, **fields):
        task = Task.objects.create(plan=own["plan"], content=content, **fields)
        Assignment.objects.create(task=task, unit=world["own"], role=role)
        return task

    late = make("Việc đã quá hạn", Assignment.Role.SUPPORT, due=today - dt.timedelta(days=3))
    soon = make("Sắp đến hạn", due=today + dt.timedelta(days=2))
    later = make("Chưa bắt đầu", due=today + dt.timedelta(days=90), start=today + dt.timedelta(days=30))
    always = make("Thường xuyên", recurring=True)
    make("Đã xong", due=today - dt.timedelta(days=9), completed_on=today - dt.timedelta(days=10))
    make("Đã huỷ", due=today - dt.timedelta(days=9), cancelled=True)
    body = make_client(world["users"]["agency"]).get("/api/tasks/inbox").json()
    assert body["unit"]["id"] == world["own"].pk
    assert [(t["id"], t["status"], t["my_role"]) for t in body["items"]] == [
        (late.pk, "overdue", "support"), (soon.pk, "due_soon", "lead"), (own["task"].pk, "in_progress", "lead"),
        (later.pk, "not_yet_due", "lead"), (always.pk, "recurring", "lead")]
    office = make_client(world["users"]["office"])
    assert office.get("/api/tasks/inbox").status_code == 400
    assert len(office.get(f"/api/tasks/inbox?unit_id={world['own'].pk}").json()["items"]) == 5


def test_search_ignores_accents_and_case(make_client, world):
    c = make_client(world["users"]["leader"])
    own, other = world["objs"]["own"]["task"].pk, world["objs"]["other"]["task"].pk
    assert ids(c.get("/api/tasks", params={"q": "RA SOAT ngan sach"})) == {own, other}
    assert ids(c.get("/api/tasks", params={"q": "tai chinh - ke hoach"})) == {own}
    assert ids(c.get("/api/tasks", params={"q": "Tài Chính"})) == {own}
    assert ids(c.get("/api/tasks", params={"q": "y te"})) == {other}
    assert ids(c.get("/api/tasks", params={"q": "100%_"})) == set()  # LIKE wildcards are literal
    # An agency's search only covers its own tasks.
    assert ids(make_client(world["users"]["agency"]).get("/api/tasks", params={"q": "y te"})) == set()


def test_search_sees_edits_and_new_tasks(make_client, world):
    from nhiemvu.tracking import services

    task = world["objs"]["own"]["task"]
    services.update_task(task, None, content="Đầu tư công trình Đường Trần Phú")
    c = make_client(world["users"]["office"])
    assert ids(c.get("/api/tasks", params={"q": "duong tran phu"})) == {task.pk}
    new = Task.objects.bulk_create([Task(plan=task.plan, content="Phổ cập bơi cho học sinh", order=9)])
    assert ids(c.get("/api/tasks", params={"q": "pho cap boi"})) == {new[0].pk}


def test_pagination_and_bad_filters(make_client, world):
    c = make_client(world["users"]["office"])
    first = c.get("/api/tasks?limit=1").json()
    second = c.get("/api/tasks?limit=1&offset=1").json()
    assert first["has_more"] and not second["has_more"]
    assert {first["items"][0]["id"], second["items"][0]["id"]} == {t.pk for t in Task.objects.all()}
    r = c.get("/api/tasks?status=dang_lam")
    assert r.status_code == 400 and "dang_lam" in r.json()["detail"]
    assert c.get("/api/tasks?limit=100000").status_code == 422
    assert c.get("/api/tasks?due_before=31/12/2023").status_code == 422


# ---------------------------------------------------------------- tasks: detail and actions


def test_task_detail(make_client, world):
    own = world["objs"]["own"]
    body = make_client(world["users"]["agency"]).get(f"/api/tasks/{own['task'].pk}").json()
    assert body["plan"]["number"] == "own/KH-UBND"
    assert body["assignments"][0]["unit"]["id"] == own["unit"].pk
    assert body["updates"][0]["percent"] == 40
    assert body["updates"][0]["evidence"][0]["url"] == f"/api/files/evidence/{own['evidence'].pk}"
    assert body["extensions"][0]["state"] == "pending"
    assert {h["action"] for h in body["history"]} >= {"progress.submit", "extension.request"}
    assert body["can_report"] is True and body["can_review"] is False
    office = make_client(world["users"]["office"]).get(f"/api/tasks/{own['task'].pk}").json()
    assert office["can_review"] is True


def test_full_cycle_progress_files_completion_accept(make_client, world):
    own = world["objs"]["own"]
    task = own["task"]
    agency = make_client(world["users"]["agency"])
    office = make_client(world["users"]["office"])
    before = office.get("/api/stats/dashboard").json()["counts"]

    r = agency.post(f"/api/tasks/{task.pk}/progress", data={"percent": "100", "text": "Đã hoàn thành",
                                                             "completion": "true"},
                    files=[("files", ("ket-qua.pdf", b"%PDF-1.4 ket qua", "application/pdf")),
                           ("files", ("anh.txt", "ảnh chụp".encode(), "text/plain"))])
    assert r.status_code == 201, r.text
    update = r.json()
    assert update["completion"] and update["state"] == "submitted" and len(update["evidence"]) == 2
    got = agency.get(update["evidence"][0]["url"])
    assert got.status_code == 200 and got.content == b"%PDF-1.4 ket qua"
    assert "attachment" in got.headers["content-disposition"]
    # Another unit cannot fetch the file by its id.
    assert make_client(world["users"]["other"]).get(update["evidence"][0]["url"]).status_code == 404

    r = office.post(f"/api/tasks/updates/{update['id']}/accept")
    assert r.status_code == 200 and r.json()["state"] == "accepted"
    detail = office.get(f"/api/tasks/{task.pk}").json()
    assert detail["status"] == "completed_on_time" and detail["completed_on"] == dt.date.today().isoformat()
    after = office.get("/api/stats/dashboard").json()["counts"]
    assert after["completed_on_time"] == before["completed_on_time"] + 1
    assert after["in_progress"] == before["in_progress"] - 1
    # Accepting twice is a rule error, in Vietnamese.
    r = office.post(f"/api/tasks/updates/{update['id']}/accept")
    assert r.status_code == 400 and "duyệt" in r.json()["detail"]


def test_evidence_type_is_checked_by_content(make_client, world):
    task = world["objs"]["own"]["task"]
    agency = make_client(world["users"]["agency"])
    r = agency.post(f"/api/tasks/{task.pk}/progress", data={"percent": "50"},
                    files=[("files", ("bao-cao.pdf", b"MZ\x90\x00\x03 an executable", "application/pdf"))])
    assert r.status_code == 400 and "bao-cao.pdf" in r.json()["detail"]
    assert not Evidence.objects.filter(name="bao-cao.pdf").exists()


def test_rule_errors_are_400_with_the_service_message(make_client, world):
    own = world["objs"]["own"]
    agency = make_client(world["users"]["agency"])
    r = agency.post(f"/api/tasks/{own['task'].pk}/extensions",
                    json={"new_due": dt.date.today().isoformat(), "reason": "x"})
    assert r.status_code == 400 and "Hạn đề nghị" in r.json()["detail"]
    r = make_client(world["users"]["office"]).post(f"/api/tasks/updates/{own['update'].pk}/return",
                                                   json={"comment": ""})
    assert r.status_code == 422
    r = agency.post(f"/api/tasks/{own['task'].pk}/progress", data={"percent": "140"})
    assert r.status_code == 422


def test_support_unit_reports_but_cannot_complete(make_client, world):
    own = world["objs"]["own"]
    Assignment.objects.create(task=own["task"], unit=world["other"], role=Assignment.Role.SUPPORT)
    other = make_client(world["users"]["other"])
    r = other.post(f"/api/tasks/{own['task'].pk}/progress", data={"percent": "50", "text": "Phối hợp"})
    assert r.status_code == 201
    r = other.post(f"/api/tasks/{own['task'].pk}/progress", data={"percent": "100", "completion": "true"})
    assert r.status_code == 400 and "chủ trì" in r.json()["detail"]


def test_office_reports_for_a_unit_that_must_be_assigned(make_client, world):
    own = world["objs"]["own"]
    office = make_client(world["users"]["office"])
    r = office.post(f"/api/tasks/{own['task'].pk}/progress", data={"percent": "10"})
    assert r.status_code == 400 and "unit_id" in r.json()["detail"]
    r = office.post(f"/api/tasks/{own['task'].pk}/progress", data={"percent": "10", "unit_id": world["other"].pk})
    assert r.status_code == 400


def test_extension_refused_keeps_due_and_urge_and_cancel(make_client, world):
    own = world["objs"]["own"]
    office = make_client(world["users"]["office"])
    r = office.post(f"/api/tasks/extensions/{own['extension'].pk}/decide", json={"approve": False, "comment": "Không"})
    assert r.status_code == 200 and r.json()["state"] == "refused"
    assert Task.objects.get(pk=own["task"].pk).extended_due is None
    r = office.post(f"/api/tasks/{own['task'].pk}/urge", json={"note": "Đề nghị báo cáo"})
    assert r.status_code == 201 and r.json()["note"] == "Đề nghị báo cáo"
    assert office.get(f"/api/tasks/{own['task'].pk}").json()["urge_count"] == 1
    r = office.post(f"/api/tasks/{own['task'].pk}/cancel", json={"decision": "99/QĐ-UBND", "reason": "Trùng"})
    assert r.status_code == 200 and r.json()["status"] == "cancelled" and r.json()["cancel_decision"] == "99/QĐ-UBND"
    assert AuditEvent.objects.filter(action="task.cancel").exists()


# ---------------------------------------------------------------- plans


SMALL_PLAN = (
    "KẾ HOẠCH\nThực hiện nhiệm vụ năm 2024\n\n"
    "STT\tNỘI DUNG NHIỆM VỤ\tCƠ QUAN CHỦ TRÌ\tCƠ QUAN PHỐI HỢP\tTHỜI GIAN HOÀN THÀNH\n"
    "1\tRà soát hồ sơ đất đai tồn đọng.\tPhòng Tài chính – Kế hoạch\tPhòng Y tế\tQuý II/2024\n"
    "2\tKiểm tra an toàn thực phẩm dịp Tết.\tPhòng Y tế\t\tTháng 01/2024\n"
)


def test_import_then_publish(make_client, world):
    office = make_client(world["users"]["office"])
    r = office.post("/api/plans/import", files={"file": ("ke-hoach.txt", SMALL_PLAN.encode(), "text/plain")})
    assert r.status_code == 201, r.text
    body = r.json()
    plan = body["plan"]
    assert body["created"] and plan["status"] == "draft" and plan["task_count"] >= 2
    assert Plan.objects.get(pk=plan["id"]).jurisdiction == world["jurisdiction"]
    # The same file again: the same plan, no duplicate.
    again = office.post("/api/plans/import", files={"file": ("ke-hoach.txt", SMALL_PLAN.encode(), "text/plain")})
    assert again.status_code == 200 and again.json()["duplicate"] and again.json()["plan"]["id"] == plan["id"]
    # Drafts are invisible to agencies until published.
    agency = make_client(world["users"]["agency"])
    assert agency.get(f"/api/plans/{plan['id']}").status_code == 404
    assert office.post(f"/api/plans/{plan['id']}/publish").json()["status"] == "published"
    assert agency.get(f"/api/plans/{plan['id']}").status_code == 200
    assert office.get(f"/api/plans/{plan['id']}/document").content == SMALL_PLAN.encode()
    listed = {p["id"] for p in office.get("/api/plans").json()}
    assert plan["id"] in listed


def test_import_seed_document(make_client, world, seeds_dir):
    data = sorted(seeds_dir.glob("000_*.txt"))[0].read_bytes()
    r = make_client(world["users"]["office"]).post("/api/plans/import",
                                                   files={"file": ("000.txt", data, "text/plain")})
    assert r.status_code == 201, r.text
    assert r.json()["plan"]["task_count"] > 50
    assert r.json()["unresolved"]  # the test directory has two units only


def test_import_errors(make_client, world):
    office = make_client(world["users"]["office"])
    r = office.post("/api/plans/import", files={"file": ("hong.docx", b"PK\x03\x04 not a zip", "application/zip")})
    assert r.status_code == 400 and "hong.docx" in r.json()["detail"]
    r = office.post("/api/plans/import", data={"jurisdiction": "khong-co"},
                    files={"file": ("a.txt", SMALL_PLAN.encode(), "text/plain")})
    assert r.status_code == 404
    assert office.post("/api/plans/import").status_code == 422
    assert not Plan.objects.filter(status="draft").exclude(pk=world["draft"].pk).exists()


def test_import_size_limit(make_client, world, settings):
    settings.NHIEMVU_MAX_UPLOAD_BYTES = 100
    r = make_client(world["users"]["office"]).post(
        "/api/plans/import", files={"file": ("lon.txt", SMALL_PLAN.encode(), "text/plain")})
    assert r.status_code == 400 and "quá lớn" in r.json()["detail"]


# ---------------------------------------------------------------- indicators


def test_indicators_and_actuals(make_client, world):
    own = world["objs"]["own"]
    agency = make_client(world["users"]["agency"])
    listed = agency.get("/api/indicators").json()
    assert [i["id"] for i in listed] == [own["indicator"].pk]
    r = agency.post(f"/api/indicators/targets/{own['target'].pk}/actuals", json={"period": "2023-Q2", "value": "90"})
    assert r.status_code == 201
    r = agency.post(f"/api/indicators/targets/{own['target'].pk}/actuals", json={"period": "2023", "value": "96"})
    target = agency.get(f"/api/indicators/{own['indicator'].pk}").json()["targets"][0]
    assert target["latest"]["period"] == "2023" and target["achieved"] is True
    assert target["achievement_percent"] == pytest.approx(101.1)
    assert len(target["actuals"]) == 2
    bad = agency.post(f"/api/indicators/targets/{own['target'].pk}/actuals", json={"period": "quý 2", "value": "1"})
    assert bad.status_code == 422
    office_view = make_client(world["users"]["office"]).get(f"/api/indicators?plan={own['plan'].pk}").json()
    assert [i["id"] for i in office_view] == [own["indicator"].pk]


# ---------------------------------------------------------------- directory


def test_directory_units_resolve_and_alias(make_client, world):
    office = make_client(world["users"]["office"])
    units = office.get("/api/directory/units", params={"q": "tai chinh"}).json()
    assert [u["id"] for u in units] == [world["own"].pk]
    assert office.get(f"/api/directory/units/{world['other'].pk}").json()["short_name"] == "YT"
    r = office.post("/api/directory/resolve", json={"names": ["Phòng Tài chính - Kế hoạch", "Sở Không Có"]})
    assert r.status_code == 200
    first, second = r.json()
    assert first["unit_ids"] == [world["own"].pk] and second["status"] in ("unresolved", "ambiguous", "fuzzy")
    r = office.post("/api/directory/aliases", json={"text": "P.TCKH", "unit_id": world["own"].pk})
    assert r.status_code == 201 and Alias.objects.filter(text="P.TCKH", unit=world["own"]).exists()
    again = office.post("/api/directory/resolve", json={"names": ["P.TCKH"]}).json()[0]
    assert again["unit_ids"] == [world["own"].pk]
    assert make_client(world["users"]["agency"]).post(
        "/api/directory/aliases", json={"text": "YT", "unit_id": world["other"].pk}).status_code == 403
    assert office.post("/api/directory/resolve", json={"names": []}).status_code == 422


def test_directory_unit_of_another_jurisdiction_is_404(make_client, world):
    from nhiemvu.directory.models import Jurisdiction

    j2 = Jurisdiction.objects.create(slug="khac", name="Khác")
    far = Unit.objects.create(jurisdiction=j2, name="Phòng Xa")
    office = make_client(world["users"]["office"])
    assert office.get(f"/api/directory/units/{far.pk}").status_code == 404
    assert office.post("/api/directory/aliases", json={"text": "PX", "unit_id": far.pk}).status_code == 404


# ---------------------------------------------------------------- stats


def test_dashboard_counts_and_rates(make_client, world):
    task = world["objs"]["other"]["task"]
    Task.objects.filter(pk=task.pk).update(due=dt.date.today() - dt.timedelta(days=45), urge_count=3,
                                           last_activity_on=dt.date.today() - dt.timedelta(days=90))
    office = make_client(world["users"]["office"]).get("/api/stats/dashboard").json()
    assert office["total"] == 2 and office["counts"]["overdue"] == 1 and office["counts"]["in_progress"] == 1
    assert office["ageing"] == {"le_30": 0, "31_120": 1, "gt_120": 0}
    assert office["escalated"] == 1 and office["stale"] == 1
    assert office["rates"]["done_of_due"]["denominator"] == 1 and office["rates"]["done_of_due"]["value"] == 0.0
    agency = make_client(world["users"]["agency"]).get("/api/stats/dashboard").json()
    assert agency["total"] == 1 and agency["counts"]["overdue"] == 0
    by_plan = make_client(world["users"]["office"]).get(f"/api/stats/dashboard?plan={task.plan_id}").json()
    assert by_plan["total"] == 1
    assert make_client(world["users"]["office"]).get("/api/stats/dashboard?period=2023-Q9").status_code == 400
    assert make_client(world["users"]["office"]).get("/api/stats/dashboard?period=2023-Q2").status_code == 200


def test_unit_table(make_client, world):
    rows = make_client(world["users"]["leader"]).get("/api/stats/units").json()
    assert {r["unit_id"] for r in rows} == {world["own"].pk, world["other"].pk}
    assert all(r["assigned"] == 1 and "done_of_due" in r["rates"] for r in rows)


# ---------------------------------------------------------------- reports


def test_report_downloads_are_real_files(make_client, world):
    own = world["objs"]["own"]
    office = make_client(world["users"]["office"])
    docx = office.get(f"/api/reports/plans/{own['plan'].pk}/2023")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert "wordprocessingml" in docx.headers["content-type"]
    xlsx = office.get(f"/api/reports/plans/{own['plan'].pk}/2023?format=xlsx")
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx.headers["content-type"]
    assert office.get(f"/api/reports/plans/{own['plan'].pk}/2023?format=exe").status_code == 400
    assert office.get(f"/api/reports/plans/{own['plan'].pk}/quy-hai").status_code == 400
    letter = office.get(f"/api/reports/urging/{own['unit'].pk}")
    assert letter.status_code == 200 and AuditEvent.objects.filter(action="reports.urging_letter").exists()
    links = office.get(f"/api/reports/links?period=2023-Q2&plan={own['plan'].pk}").json()
    assert len(links) == 2 and all(link["api"].startswith("/api/reports/") for link in links)
    assert office.get(links[1]["api"]).status_code == 200
    agency_links = make_client(world["users"]["agency"]).get(
        f"/api/reports/links?period=2023-Q2&plan={own['plan'].pk}").json()
    assert [link["api"] for link in agency_links] == [f"/api/reports/units/{own['unit'].pk}/2023-Q2"]


# ---------------------------------------------------------------- schema


def test_every_operation_is_documented_in_vietnamese(make_client, world):
    schema = make_client().get("/openapi.json").json()
    assert schema["info"]["title"] == "nhiemvu API"
    ops = [op for path in schema["paths"].values() for op in path.values()]
    assert len(ops) >= 25
    assert all(op.get("summary") for op in ops)
    assert {"BearerAuth", "SessionAuth"} <= set(schema["components"]["securitySchemes"]) or \
        len(schema["components"]["securitySchemes"]) == 2


def test_evidence_rows_point_at_stored_files(world):
    ev = Evidence.objects.first()
    assert ev.file.sha256 and ev.file.size > 0
