"""The import progress page: upload → job page polled with htmx → review screen; failure
with the reader's message and a retry; only the jurisdiction's Office and admins see a job."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model

from nhiemvu.accounts.models import Membership, Role
from nhiemvu.jobs import imports
from nhiemvu.jobs.models import ImportJob
from nhiemvu.tracking.models import Plan
from tests.jobs.test_imports import SMALL

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(settings):
    settings.NHIEMVU_IMPORT_MODE = "queue"  # the upload returns at once; the test runs the job


def _upload(client, name: str, data: bytes):
    from nhiemvu.directory.models import Jurisdiction

    f = io.BytesIO(data)
    f.name = name
    # The world's Office has no jurisdiction of its own: it picks one on the form.
    return client.post("/nhap-van-ban/", {"file": f, "jurisdiction": Jurisdiction.objects.get(slug="thu-nghiem").pk})


def _poll(client, job):
    return client.get(f"/nhap-van-ban/{job.pk}/tien-do/", HTTP_HX_REQUEST="true")


def test_upload_returns_at_once_and_the_page_polls_until_done(world, login, queued):
    c = login(world.users["office"])
    r = _upload(c, "kh15.txt", SMALL.encode())
    job = ImportJob.objects.get()
    assert r.status_code == 302 and r.url == f"/nhap-van-ban/{job.pk}/"
    assert job.state == ImportJob.State.QUEUED and not Plan.objects.filter(source_name="kh15.txt").exists()
    page = c.get(r.url).content.decode()
    assert "<progress" in page and 'hx-trigger="every 1s"' in page and f"/nhap-van-ban/{job.pk}/tien-do/" in page
    assert "Đang chờ xử lý" in page and 'http-equiv="refresh"' in page  # no-JS fallback
    # Mid-way: the fragment shows the stage and the pages.
    ImportJob.objects.filter(pk=job.pk).update(state="running", stage="ocr", done=3, total=10,
                                               message=imports.stage_text("ocr", 3, 10))
    frag = _poll(c, job).content.decode()
    assert frag.lstrip().startswith('<div id="import-progress"') and "<html" not in frag
    assert "Đang nhận dạng chữ trang 4/10 (OCR)" in frag and 'value="47"' in frag and "every 1s" in frag
    assert '<li class="on" aria-current="step">Đang nhận dạng chữ (OCR)</li>' in frag
    ImportJob.objects.filter(pk=job.pk).update(state="queued", stage="queued")
    imports.run(job.pk)
    r = _poll(c, job)
    assert r.status_code == 200 and r["HX-Redirect"] == f"/nhap-van-ban/{job.pk}/"
    r = c.get(f"/nhap-van-ban/{job.pk}/")
    plan = Plan.objects.get(source_name="kh15.txt")
    assert r.status_code == 302 and r.url == f"/ke-hoach/{plan.pk}/"
    review = c.get(r.url).content.decode()
    assert "Đã đọc kh15.txt: 2 nhiệm vụ" in review and 'id="L1"' in review


def test_review_uses_the_lines_kept_by_the_import(world, login, queued, monkeypatch):
    from nhiemvu.web import scope

    c = login(world.users["office"])
    _upload(c, "kh15.txt", SMALL.encode())
    imports.run(ImportJob.objects.get().pk)
    plan = Plan.objects.get(source_name="kh15.txt")
    monkeypatch.setattr(scope, "document_lines", lambda plan: pytest.fail("read the document again"))
    page = c.get(f"/ke-hoach/{plan.pk}/").content.decode()
    assert 'id="L6"' in page and "II. NHIỆM VỤ CỤ THỂ" in page


def test_failure_shows_the_message_and_retries_from_the_stored_file(world, login, queued):
    c = login(world.users["office"])
    _upload(c, "hong.docx", b"PK\x03\x04 not really a docx")
    job = imports.run(ImportJob.objects.get().pk)
    assert job.state == ImportJob.State.FAILED
    frag = _poll(c, job).content.decode()
    assert "hong.docx" in frag and "Thử lại" in frag and "hx-trigger" not in frag  # polling stops
    # The steps show how far it got: uploaded, stopped while reading.
    assert '<li class="on">Đang tải lên</li><li>Đang đọc tệp</li>' in frag
    page = c.get(f"/nhap-van-ban/{job.pk}/").content.decode()
    assert 'role="alert"' in page and "hong.docx" in page
    r = c.post(f"/nhap-van-ban/{job.pk}/thu-lai/")
    new = ImportJob.objects.exclude(pk=job.pk).get()
    assert r.status_code == 302 and r.url == f"/nhap-van-ban/{new.pk}/" and new.retry_of_id == job.pk
    # Retrying a job that did not fail is refused.
    imports.run(new.pk)
    ok = imports.run(imports.submit(SMALL.encode(), "kh15.txt", world.jurisdiction, world.users["office"]).pk)
    assert c.post(f"/nhap-van-ban/{ok.pk}/thu-lai/").status_code == 302
    assert ImportJob.objects.count() == 3


def test_stale_job_shows_as_failed_when_polled(world, login, queued):
    import datetime as dt

    from django.utils import timezone

    c = login(world.users["office"])
    _upload(c, "kh15.txt", SMALL.encode())
    job = ImportJob.objects.get()
    long_ago = timezone.now() - dt.timedelta(hours=1)
    ImportJob.objects.filter(pk=job.pk).update(state="running", stage="ocr", heartbeat_at=long_ago)
    frag = _poll(c, job).content.decode()
    assert "gián đoạn" in frag and "Thử lại" in frag


def test_revision_goes_through_the_confirmation(world, login, queued):
    c = login(world.users["office"])
    _upload(c, "kh15.txt", SMALL.encode())
    imports.run(ImportJob.objects.get().pk)
    revised = SMALL.replace("2. Tổng kết công tác cải cách hành chính.", "2. Sơ kết công tác chuyển đổi số.")
    r = _upload(c, "kh15-sua.txt", revised.encode())
    job = imports.run(ImportJob.objects.get(name="kh15-sua.txt").pk)
    page = c.get(r.url).content.decode()
    assert "Văn bản sửa đổi" in page and f'name="job" value="{job.pk}"' in page and "thay đổi 1" in page
    r = c.post("/nhap-van-ban/xac-nhan/", {"job": job.pk})
    replacing = ImportJob.objects.get(replace=True)
    assert r.status_code == 302 and r.url == f"/nhap-van-ban/{replacing.pk}/"
    imports.run(replacing.pk)
    r = c.get(r.url)
    plan = Plan.objects.get(source_name="kh15-sua.txt")
    assert r.url == f"/ke-hoach/{plan.pk}/" and Plan.objects.filter(number="15/KH-UBND").count() == 1
    assert "Sơ kết công tác chuyển đổi số." in "".join(plan.tasks.values_list("content", flat=True))


def test_same_file_uploaded_twice_opens_the_same_plan(world, login):
    c = login(world.users["office"])  # "sync" mode (tests/web/conftest.py): run in the request
    first = _upload(c, "kh15.txt", SMALL.encode())
    second = _upload(c, "kh15-lan-2.txt", SMALL.encode())
    assert first.url == second.url and Plan.objects.filter(number="15/KH-UBND").count() == 1
    assert "đã được nhập trước đây" in c.get(second.url).content.decode()


@pytest.mark.parametrize("who", ["finance", "leader", "other_office", "other_admin"])
def test_others_get_404(world, login, queued, who):
    from nhiemvu.directory.models import Jurisdiction

    office = world.users["office"]
    job = imports.submit(b"PK\x03\x04 x", "hong.docx", world.jurisdiction, office)
    imports.run(job.pk)
    if who.startswith("other"):
        other = Jurisdiction.objects.create(slug="noi-khac", name="Huyện Khác")
        user = get_user_model().objects.create_user(who, password=None)
        Membership.objects.create(user=user, role=Role.OFFICE if who == "other_office" else Role.ADMIN,
                                  jurisdiction=other)
    else:
        user = world.users[who]
    c = login(user)
    for url in (f"/nhap-van-ban/{job.pk}/", f"/nhap-van-ban/{job.pk}/tien-do/"):
        assert c.get(url).status_code == 404
    assert c.post(f"/nhap-van-ban/{job.pk}/thu-lai/").status_code == 404
    assert c.post("/nhap-van-ban/xac-nhan/", {"job": job.pk}).status_code in (302, 403)
    assert ImportJob.objects.count() == 1


def test_office_and_admin_of_the_jurisdiction_see_it(world, login, queued, client):
    job = imports.submit(SMALL.encode(), "kh15.txt", world.jurisdiction, world.users["office"])
    assert client.get(f"/nhap-van-ban/{job.pk}/").status_code == 302  # anonymous: to the sign-in page
    assert "/dang-nhap/" in client.get(f"/nhap-van-ban/{job.pk}/")["Location"]
    colleague = get_user_model().objects.create_user("vanphong2", password=None)
    Membership.objects.create(user=colleague, role=Role.OFFICE, jurisdiction=world.jurisdiction)
    for user in (colleague, world.users["admin"]):
        assert login(user).get(f"/nhap-van-ban/{job.pk}/").status_code == 200


def test_import_page_lists_the_jurisdictions_recent_jobs(world, login, queued):
    from nhiemvu.directory.models import Jurisdiction

    job = imports.submit(SMALL.encode(), "kh15.txt", world.jurisdiction, world.users["office"])
    page = login(world.users["office"]).get("/nhap-van-ban/").content.decode()
    assert 'id="recent-imports"' in page and f"/nhap-van-ban/{job.pk}/" in page and "Đang chờ xử lý" in page
    other = get_user_model().objects.create_user("khac", password=None)
    Membership.objects.create(user=other, role=Role.OFFICE,
                              jurisdiction=Jurisdiction.objects.create(slug="noi-khac", name="Huyện Khác"))
    assert "kh15.txt" not in login(other).get("/nhap-van-ban/").content.decode()
