"""Each user sees and marks only their own notifications."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_own_notifications_only(client, django_user_model):
    from nhiemvu.jobs.models import Notification
    from nhiemvu.jobs.services import unread_count

    alice = django_user_model.objects.create_user("alice", password=None)
    bob = django_user_model.objects.create_user("bob", password=None)
    mine = Notification.objects.create(user=alice, kind="overdue", title="Nhiệm vụ A quá hạn", url="/nhiem-vu/1/")
    theirs = Notification.objects.create(user=bob, kind="due_soon", title="Nhiệm vụ B sắp đến hạn")
    assert client.get("/thong-bao/").status_code == 302
    client.force_login(alice)
    page = client.get("/thong-bao/").content.decode()
    assert "Nhiệm vụ A quá hạn" in page and "Nhiệm vụ B" not in page
    client.post("/thong-bao/da-doc/", {"id": [theirs.pk]})  # someone else's: untouched
    theirs.refresh_from_db()
    assert theirs.read_at is None and unread_count(alice) == 1
    client.post("/thong-bao/da-doc/", {"id": [mine.pk]})
    assert unread_count(alice) == 0 and unread_count(bob) == 1
    assert client.get("/thong-bao/da-doc/").status_code == 405
