"""Every page renders for the roles that may see it, in Vietnamese, with the right data."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def test_anonymous_is_sent_to_login(client, world):
    for url in ("/tong-quan/", "/hop-thu/", "/nhiem-vu/", f"/nhiem-vu/{world.overdue.pk}/"):
        r = client.get(url)
        assert r.status_code == 302 and r.url.startswith("/dang-nhap/"), url


def test_dashboard_counts_and_lists(login, world):
    c = login(world.users["office"])
    r = c.get("/tong-quan/")
    assert r.status_code == 200
    body = text(r)
    assert 'data-status="overdue">1<' in body
    assert 'data-status="due_soon">1<' in body
    assert 'data-status="completed_on_time">1<' in body
    assert "Xây dựng dự toán ngân sách năm" in body  # overdue list
    assert "Phòng Tài chính – Kế hoạch" in body  # unit table
    assert "<svg" in body
    assert "Nhiệm vụ trong bản nháp" not in body  # drafts are not tracked yet


def test_dashboard_filters_and_groups(login, world):
    c = login(world.users["leader"])
    r = c.get("/tong-quan/", {"unit": world.police.pk})
    assert 'data-status="overdue">0<' in text(r)
    for group in ("section", "plan"):
        assert c.get("/tong-quan/", {"nhom": group, "sap_xep": "rate"}).status_code == 200
    assert c.get("/tong-quan/", {"period": "2023-Q2"}).status_code == 200


def test_leader_sees_no_urge_button(login, world):
    body = text(login(world.users["leader"]).get("/tong-quan/"))
    assert "Đôn đốc</button>" not in body
    body = text(login(world.users["office"]).get("/tong-quan/"))
    assert "Đôn đốc</button>" in body


def test_agency_cannot_open_dashboard(login, world):
    assert login(world.users["finance"]).get("/tong-quan/").status_code == 403


def test_inbox_groups_lead_and_support(login, world):
    c = login(world.users["health"])
    body = text(c.get("/hop-thu/"))
    assert "Tiêm chủng mở rộng" in body  # lead
    assert "Xây dựng dự toán ngân sách năm" in body  # support
    assert "Bảo đảm an ninh trật tự" not in body
    assert "Sắp đến hạn" in body and "Quá hạn" in body
    body = text(c.get("/hop-thu/", {"vai_tro": "lead"}))
    assert "Xây dựng dự toán" not in body


def test_task_page_shows_everything(login, world):
    c = login(world.users["office"])
    body = text(c.get(f"/nhiem-vu/{world.overdue.pk}/"))
    for part in ("Xây dựng dự toán ngân sách năm", "Phòng Tài chính – Kế hoạch", "Trung tâm Y tế thành phố",
                 "Quá hạn", "Đôn đốc đơn vị chủ trì", "Huỷ nhiệm vụ", "Nhật ký thay đổi"):
        assert part in body, part


def test_search_ignores_accents_and_case(login, world):
    c = login(world.users["office"])
    body = text(c.get("/tim-kiem/", {"q": "DU TOAN ngan sach"}))
    assert "Xây dựng dự toán ngân sách năm" in body
    assert "Tiêm chủng" not in body
    body = text(c.get("/tim-kiem/", {"q": "tiêm CHỦNG"}))
    assert "Tiêm chủng mở rộng" in body


def test_search_for_agency_stays_in_its_unit(login, world):
    body = text(login(world.users["police"]).get("/tim-kiem/", {"q": "ngan sach"}))
    assert "Xây dựng dự toán" not in body


def test_task_list_status_filter(login, world):
    body = text(login(world.users["office"]).get("/nhiem-vu/", {"status": "overdue"}))
    assert "Xây dựng dự toán" in body and "Tiêm chủng" not in body


def test_report_links(login, world):
    c = login(world.users["office"])
    r = c.get(f"/ke-hoach/{world.plan.pk}/bao-cao/", {"period": "2023-q2", "fmt": "xlsx"})
    assert r.status_code == 302 and r.url.endswith(f"/bao-cao/ke-hoach/{world.plan.pk}/2023-Q2.xlsx")
    r = c.get(f"/ke-hoach/{world.plan.pk}/bao-cao/", {"period": "quý 2"})
    assert r.status_code == 302 and r.url == f"/ke-hoach/{world.plan.pk}/"
    assert "công văn đôn đốc" in text(c.get("/tong-quan/"))
    body = text(login(world.users["finance"]).get("/hop-thu/"))
    assert f"/bao-cao/don-vi/{world.finance.pk}/" in body


def test_search_index_follows_edits_and_bulk_imports(login, world):
    from nhiemvu.tracking.models import Task

    c = login(world.users["office"])
    assert "Tiêm chủng" in text(c.get("/tim-kiem/", {"q": "tiem chung"}))
    world.soon.content = "Khám sức khoẻ định kỳ cho người cao tuổi"
    world.soon.save()  # an edit re-folds the text
    assert "Khám sức khoẻ" in text(c.get("/tim-kiem/", {"q": "SUC KHOE"}))
    Task.objects.bulk_create([Task(plan=world.plan, order=9, ref="9", content="Đầu tư trường học")])
    assert "Đầu tư trường học" in text(c.get("/tim-kiem/", {"q": "dau tu"}))


def test_notifications_in_menu_with_unread_count(login, world):
    from nhiemvu.jobs.models import Notification

    Notification.objects.create(user=world.users["finance"], kind=Notification.Kind.choices[0][0],
                                title="Nhiệm vụ sắp đến hạn", task=world.overdue)
    body = text(login(world.users["finance"]).get("/hop-thu/"))
    assert "/thong-bao/" in body and 'aria-label="1 chưa đọc"' in body


def test_a_group_phrase_is_shown_once_with_its_units_folded_under_it(login, world):
    from nhiemvu.tracking.models import Assignment

    group = "Các cơ quan, đơn vị thành phố"
    task = world.later
    Assignment.objects.create(task=task, role="support", kind="group", name_as_written=group, order=5)
    for i, unit in enumerate((world.finance, world.health), 6):
        Assignment.objects.create(task=task, unit=unit, role="support", kind="unit", name_as_written=group,
                                  via_group=group, order=i)
    body = text(login(world.users["office"]).get(f"/nhiem-vu/{task.pk}/"))
    assert 'class="agency-group"' in body and "2 đơn vị" in body
    assert body.count(group) == 3  # the group tag, then "(group)" beside each folded unit
