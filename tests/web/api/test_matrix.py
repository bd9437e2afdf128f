"""The authorization matrix: each role × each action × an object of the agency's own unit or of
another unit. Out-of-scope objects are 404 (never 403), so ids cannot be probed; a visible
object the role may not act on is 403; anonymous is 401. Allowed calls really change data."""

from __future__ import annotations

import datetime as dt

import pytest

from nhiemvu.audit.models import AuditEvent
from nhiemvu.tracking.models import Actual, Extension, ProgressUpdate, Task, Urge

pytestmark = pytest.mark.django_db

ROLES = ("admin", "office", "leader", "agency", "other", "anonymous")
# `agency` is the officer of the unit that owns the "own" objects; `other` the officer of the
# unit owning the "other" objects. Expected status per role for (own object, other object).
OK_REVIEW = {"admin": "ok", "office": "ok", "leader": 403, "agency": 403, "other": 404, "anonymous": 401}
OK_READ = {"admin": "ok", "office": "ok", "leader": "ok", "agency": "ok", "other": 404, "anonymous": 401}
OK_REPORT = {"admin": "ok", "office": "ok", "leader": 403, "agency": "ok", "other": 404, "anonymous": 401}


def _mirror(table: dict) -> dict:
    """The same rule seen from the other unit's object: agency and other swap."""
    return {**table, "agency": table["other"], "other": table["agency"]}


def _staff_payload(w, key, role):
    return {} if role in ("agency", "other") else {"unit_id": w["objs"][key]["unit"].pk}


# action name → (method, path maker, payload maker, expected table for the "own" object,
#                 success status, check that the change happened)
ACTIONS = {
    "view task": ("GET", lambda o: f"/api/tasks/{o['task'].pk}", None, OK_READ, 200, None),
    "unit inbox": ("GET", lambda o: f"/api/tasks/inbox?unit_id={o['unit'].pk}", None, OK_READ, 200, None),
    "download evidence": ("GET", lambda o: f"/api/files/evidence/{o['evidence'].pk}", None, OK_READ, 200, None),
    "view plan": ("GET", lambda o: f"/api/plans/{o['plan'].pk}", None, OK_READ, 200, None),
    "plan document": ("GET", lambda o: f"/api/plans/{o['plan'].pk}/document", None, OK_READ, 200, None),
    "plan report": ("GET", lambda o: f"/api/reports/plans/{o['plan'].pk}/2023-Q2?format=xlsx", None,
                    {**OK_READ, "agency": 403}, 200, None),
    "unit report": ("GET", lambda o: f"/api/reports/units/{o['unit'].pk}/2023-Q2", None,
                    {**OK_REPORT, "leader": 404}, 200, None),
    "urging letter": ("GET", lambda o: f"/api/reports/urging/{o['unit'].pk}", None,
                      {**OK_REVIEW, "leader": 404, "agency": 403}, 200, None),
    "view indicator": ("GET", lambda o: f"/api/indicators/{o['indicator'].pk}", None, OK_READ, 200, None),
    "submit progress": (
        "POST-FORM", lambda o: f"/api/tasks/{o['task'].pk}/progress",
        lambda w, key, role: {"percent": 60, "text": "Đã xong phần lớn", **_staff_payload(w, key, role)},
        OK_REPORT, 201, lambda o: ProgressUpdate.objects.filter(task=o["task"], percent=60).exists(),
    ),
    "accept progress": (
        "POST", lambda o: f"/api/tasks/updates/{o['update'].pk}/accept", lambda w, k, r: {}, OK_REVIEW, 200,
        lambda o: ProgressUpdate.objects.get(pk=o["update"].pk).state == "accepted",
    ),
    "return progress": (
        "POST", lambda o: f"/api/tasks/updates/{o['update'].pk}/return", lambda w, k, r: {"comment": "Bổ sung số liệu"},
        OK_REVIEW, 200, lambda o: ProgressUpdate.objects.get(pk=o["update"].pk).state == "returned",
    ),
    "request extension": (
        "POST", lambda o: f"/api/tasks/{o['task'].pk}/extensions",
        lambda w, key, role: {"new_due": (dt.date.today() + dt.timedelta(days=120)).isoformat(),
                              "reason": "Chờ hướng dẫn", **_staff_payload(w, key, role)},
        OK_REPORT, 201, lambda o: Extension.objects.filter(task=o["task"]).count() == 2,
    ),
    "decide extension": (
        "POST", lambda o: f"/api/tasks/extensions/{o['extension'].pk}/decide",
        lambda w, k, r: {"approve": True, "comment": "Đồng ý"}, OK_REVIEW, 200,
        lambda o: Task.objects.get(pk=o["task"].pk).extended_due is not None,
    ),
    "request removal": (
        "POST", lambda o: f"/api/tasks/{o['task'].pk}/removal",
        lambda w, key, role: {"reason": "Chờ quyết định của tỉnh", "reason_kind": "depends_elsewhere",
                              **_staff_payload(w, key, role)},
        OK_REPORT, 201, lambda o: o["task"].assignments.get().removal_requests.count() == 2,
    ),
    "decide removal": (
        "POST", lambda o: f"/api/tasks/removals/{o['removal'].pk}/decide",
        lambda w, k, r: {"approve": True}, OK_REVIEW, 200,
        lambda o: o["task"].assignments.get().removed_on is not None,
    ),
    "urge": (
        "POST", lambda o: f"/api/tasks/{o['task'].pk}/urge", lambda w, k, r: {"note": "Khẩn trương"}, OK_REVIEW, 201,
        lambda o: Urge.objects.filter(task=o["task"]).exists(),
    ),
    "cancel": (
        "POST", lambda o: f"/api/tasks/{o['task'].pk}/cancel", lambda w, k, r: {"decision": "12/QĐ-UBND"},
        OK_REVIEW, 200, lambda o: Task.objects.get(pk=o["task"].pk).cancelled,
    ),
    "record actual": (
        "POST", lambda o: f"/api/indicators/targets/{o['target'].pk}/actuals",
        lambda w, k, r: {"period": "2023", "value": "96.5"},
        OK_REPORT, 201, lambda o: Actual.objects.filter(target=o["target"]).exists(),
    ),
}

CASES = [
    pytest.param(action, role, key, id=f"{action}|{role}|{key}")
    for action in ACTIONS for role in ROLES for key in ("own", "other")
]


def _expected(action: str, role: str, key: str):
    table = ACTIONS[action][3]
    return table[role] if key == "own" else _mirror(table)[role]


@pytest.mark.parametrize(("action", "role", "key"), CASES)
def test_matrix(make_client, world, action, role, key):
    method, path_of, payload_of, _, success, changed = ACTIONS[action]
    obj = world["objs"][key]
    client = make_client(None if role == "anonymous" else world["users"][role])
    path = path_of(obj)
    events_before = AuditEvent.objects.count()
    if method == "GET":
        r = client.get(path)
    elif method == "POST-FORM":
        r = client.post(path, data={k: str(v) for k, v in payload_of(world, key, role).items()})
    else:
        r = client.post(path, json=payload_of(world, key, role))
    want = _expected(action, role, key)
    if want == "ok":
        assert r.status_code == success, r.text
        if action == "download evidence":
            assert r.content == f"minh chứng {key}".encode()
        if changed is not None:
            assert changed(obj), "the call succeeded but nothing changed"
            assert AuditEvent.objects.count() > events_before, "a change without an audit event"
    else:
        assert r.status_code == want, r.text
        assert "detail" in r.json()
        if changed is not None:
            assert not changed(obj), "a refused call changed data"
            assert AuditEvent.objects.count() == events_before


def test_task_list_is_scoped(make_client, world):
    own, other = world["objs"]["own"]["task"].pk, world["objs"]["other"]["task"].pk
    for role, want in (("office", {own, other}), ("leader", {own, other}), ("agency", {own}), ("other", {other})):
        items = make_client(world["users"][role]).get("/api/tasks").json()["items"]
        assert {t["id"] for t in items} == want, role
    assert make_client().get("/api/tasks").status_code == 401


def test_agency_cannot_name_another_unit_when_reporting(make_client, world):
    task = world["objs"]["own"]["task"]
    r = make_client(world["users"]["agency"]).post(
        f"/api/tasks/{task.pk}/progress", data={"percent": "10", "unit_id": str(world["other"].pk)})
    assert r.status_code == 403
    assert not ProgressUpdate.objects.filter(task=task, percent=10).exists()


def test_draft_plans_invisible_to_agencies_and_publish_is_office_only(make_client, world):
    draft = world["draft"]
    for role in ("agency", "other"):
        assert make_client(world["users"][role]).get(f"/api/plans/{draft.pk}").status_code == 404
        assert make_client(world["users"][role]).post(f"/api/plans/{draft.pk}/publish").status_code == 404
    assert make_client(world["users"]["leader"]).post(f"/api/plans/{draft.pk}/publish").status_code == 403
    r = make_client(world["users"]["office"]).post(f"/api/plans/{draft.pk}/publish")
    assert r.status_code == 200 and r.json()["status"] == "published"
    # Publishing twice is a rule error (400 with the service's message), not a crash.
    r = make_client(world["users"]["office"]).post(f"/api/plans/{draft.pk}/publish")
    assert r.status_code == 400 and "nháp" in r.json()["detail"]


def test_office_of_another_jurisdiction_sees_nothing(make_client, world):
    from nhiemvu.accounts.models import Role
    from nhiemvu.directory.models import Jurisdiction
    from tests.web.api.conftest import _user

    j2 = Jurisdiction.objects.create(slug="tinh-khac", name="Tỉnh khác")
    stranger = _user("office2", Role.OFFICE, j2)
    client = make_client(stranger)
    task = world["objs"]["own"]["task"]
    assert client.get(f"/api/tasks/{task.pk}").status_code == 404
    assert client.post(f"/api/tasks/{task.pk}/urge", json={}).status_code == 404
    assert client.get("/api/tasks").json()["items"] == []
    assert client.get("/api/directory/units?jurisdiction=tp-thu").status_code == 404


@pytest.mark.parametrize("role", ["admin", "office", "leader", "agency", "other"])
def test_unit_table_is_for_staff_only(make_client, world, role):
    r = make_client(world["users"][role]).get("/api/stats/units")
    assert r.status_code == (403 if role in ("agency", "other") else 200)


def test_csrf_enforced_on_every_state_changing_session_call(make_client, world):
    """Same calls as the matrix with a valid session but no CSRF token: all refused, nothing changed."""
    obj = world["objs"]["own"]
    client = make_client(world["users"]["office"], csrf=False)
    before = AuditEvent.objects.count()
    for action, (method, path_of, payload_of, *_rest) in ACTIONS.items():
        if method == "GET":
            continue
        payload = payload_of(world, "own", "office")
        if method == "POST-FORM":
            r = client.post(path_of(obj), data={k: str(v) for k, v in payload.items()})
        else:
            r = client.post(path_of(obj), json=payload)
        assert r.status_code == 403, (action, r.text)
        assert "CSRF" in r.json()["detail"]
    assert AuditEvent.objects.count() == before


def test_bearer_token_acts_with_its_users_scope_without_csrf(make_client, world):
    from nhiemvu.web.models import ApiToken

    _, raw = ApiToken.issue(world["users"]["agency"], "tích hợp")
    client = make_client(token=raw)
    own, other = world["objs"]["own"], world["objs"]["other"]
    r = client.post(f"/api/tasks/{own['task'].pk}/progress", data={"percent": "70", "text": "qua token"})
    assert r.status_code == 201, r.text
    assert client.post(f"/api/tasks/{other['task'].pk}/progress", data={"percent": "70"}).status_code == 404
    assert client.post(f"/api/tasks/updates/{own['update'].pk}/accept").status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_every_list_is_scoped(make_client, world, role):
    """Lists never leak another unit's objects: plans, tasks, indicators, inbox."""
    o = world["objs"]
    everything = {"plans": {o["own"]["plan"].pk, o["other"]["plan"].pk, world["draft"].pk},
                  "tasks": {o["own"]["task"].pk, o["other"]["task"].pk},
                  "indicators": {o["own"]["indicator"].pk, o["other"]["indicator"].pk}}
    mine = {"agency": "own", "other": "other"}.get(role)
    client = make_client(None if role == "anonymous" else world["users"][role])
    got = {
        "plans": client.get("/api/plans"),
        "tasks": client.get("/api/tasks"),
        "indicators": client.get("/api/indicators"),
    }
    if role == "anonymous":
        assert all(r.status_code == 401 for r in got.values())
        return
    ids = {
        "plans": {p["id"] for p in got["plans"].json()},
        "tasks": {t["id"] for t in got["tasks"].json()["items"]},
        "indicators": {i["id"] for i in got["indicators"].json()},
    }
    if mine is None:
        assert ids == everything
    else:
        assert ids == {"plans": {o[mine]["plan"].pk}, "tasks": {o[mine]["task"].pk},
                       "indicators": {o[mine]["indicator"].pk}}
        inbox = client.get("/api/tasks/inbox").json()["items"]
        assert [t["id"] for t in inbox] == [o[mine]["task"].pk]
