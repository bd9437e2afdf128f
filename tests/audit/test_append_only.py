import pytest
from django.db import DatabaseError, connection, transaction

from nhiemvu.audit.models import AppendOnlyError, AuditEvent
from nhiemvu.audit.services import diff, record


@pytest.mark.django_db
def test_record_writes_one_event_with_system_actor():
    event = record("plan.import", object_type="tracking.plan", object_id=7, object_repr="Kế hoạch 1",
                   after={"tasks": 3})
    assert event.actor_name == "hệ thống"
    assert AuditEvent.objects.get(pk=event.pk).after == {"tasks": 3}


@pytest.mark.django_db
def test_events_cannot_be_changed_or_deleted_through_the_orm():
    event = record("x", object_type="t", object_id=1)
    event.note = "sửa"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(note="sửa")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_database_refuses_updates_behind_the_orm():
    event = record("x", object_type="t", object_id=1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute("UPDATE audit_auditevent SET note = 'sửa' WHERE id = %s", [event.pk])


def test_diff_keeps_only_changed_keys():
    assert diff({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}) == ({"b": 2, "c": None}, {"b": 3, "c": 4})
