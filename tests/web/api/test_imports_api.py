"""POST /api/plans/imports returns a job at once; GET /api/plans/imports/{id} follows it;
only the jurisdiction's Office and admins see a job (404 for everyone else)."""

from __future__ import annotations

import pytest

from nhiemvu.jobs import imports
from nhiemvu.jobs.models import ImportJob
from nhiemvu.tracking.models import Plan
from tests.jobs.test_imports import SMALL

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _queued(settings):
    settings.NHIEMVU_IMPORT_MODE = "queue"  # the test runs each job itself


def test_start_poll_done(make_client, world):
    office = make_client(world["users"]["office"])
    r = office.post("/api/plans/imports", files={"file": ("kh15.txt", SMALL.encode(), "text/plain")})
    assert r.status_code == 202, r.text
    job = r.json()
    assert job["state"] == "queued" and job["percent"] == 0 and job["page"] == f"/nhap-van-ban/{job['id']}/"
    assert job["jurisdiction"] == "tp-thu" and job["file"] == "kh15.txt"
    imports.run(job["id"])
    done = office.get(f"/api/plans/imports/{job['id']}").json()
    assert done["state"] == "done" and done["outcome"] == "created" and done["percent"] == 100
    plan = Plan.objects.get(pk=done["plan_id"])
    assert plan.source_name == "kh15.txt" and "Phòng Tư pháp" in done["unresolved"]
    # The same file again: a new job that finds the plan already made.
    again = office.post("/api/plans/imports", files={"file": ("kh15.txt", SMALL.encode(), "text/plain")}).json()
    imports.run(again["id"])
    again = office.get(f"/api/plans/imports/{again['id']}").json()
    assert again["outcome"] == "duplicate" and again["plan_id"] == plan.pk


def test_failure_and_retry(make_client, world):
    office = make_client(world["users"]["office"])
    job = office.post("/api/plans/imports", files={"file": ("hong.docx", b"PK\x03\x04 x", "application/zip")}).json()
    imports.run(job["id"])
    failed = office.get(f"/api/plans/imports/{job['id']}").json()
    assert failed["state"] == "failed" and "hong.docx" in failed["error"]
    r = office.post(f"/api/plans/imports/{job['id']}/retry")
    assert r.status_code == 202 and r.json()["id"] != job["id"] and r.json()["state"] == "queued"
    assert office.post(f"/api/plans/imports/{r.json()['id']}/retry").status_code == 400  # not failed


@pytest.mark.parametrize("role", ["agency", "leader"])
def test_other_roles_cannot_start_or_see(make_client, world, role):
    client = make_client(world["users"][role])
    r = client.post("/api/plans/imports", files={"file": ("kh15.txt", SMALL.encode(), "text/plain")})
    assert r.status_code == 403 and not ImportJob.objects.exists()
    job = imports.submit(SMALL.encode(), "kh15.txt", world["jurisdiction"], world["users"]["office"])
    assert client.get(f"/api/plans/imports/{job.pk}").status_code == 404
    assert client.post(f"/api/plans/imports/{job.pk}/retry").status_code in (403, 404)


def test_another_jurisdictions_office_gets_404(make_client, world):
    from nhiemvu.accounts.models import Role
    from nhiemvu.directory.models import Jurisdiction
    from tests.web.api.conftest import _user

    other = _user("office2", Role.OFFICE, Jurisdiction.objects.create(slug="khac", name="Huyện Khác"))
    job = imports.submit(SMALL.encode(), "kh15.txt", world["jurisdiction"], world["users"]["office"])
    assert make_client(other).get(f"/api/plans/imports/{job.pk}").status_code == 404
    assert make_client(world["users"]["admin"]).get(f"/api/plans/imports/{job.pk}").status_code == 200
    # Nor can it start an import into the first jurisdiction.
    r = make_client(other).post("/api/plans/imports", data={"jurisdiction": "tp-thu"},
                                files={"file": ("kh15.txt", SMALL.encode(), "text/plain")})
    assert r.status_code == 404


def test_schema_documents_the_endpoints(make_client, world):
    schema = make_client().get("/openapi.json").json()
    assert "/api/plans/imports" in schema["paths"] and "/api/plans/imports/{job_id}" in schema["paths"]
