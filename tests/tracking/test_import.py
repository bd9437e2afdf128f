"""Import: extraction → draft plan, all or nothing; duplicates; revisions; carry-over."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from nhiemvu.audit.models import AuditEvent
from nhiemvu.tracking import importing, services
from nhiemvu.tracking.models import Assignment, Plan, StoredFile, Task

pytestmark = pytest.mark.django_db


def extraction(n: int = 3, *, number: str = "12/KH-UBND", year: int = 2023, lead: str = "Phòng Tài chính – Kế hoạch",
               content: str = "Nhiệm vụ số {i}") -> dict:
    return {
        "format": "plan-extraction/1",
        "document": {"kind": "Kế hoạch", "number": number, "issued_on": f"{year - 1}-12-20",
                     "issuer": "UBND thành phố Thử", "title": f"Kế hoạch năm {year}",
                     "period": {"start": f"{year}-01-01", "due": f"{year}-12-31"}},
        "tasks": [
            {"ref": f"I.{i}", "section": "Nhiệm vụ chung", "content": content.format(i=i), "lead": [lead],
             "support": ["Công an thành phố", "Các cơ quan, đơn vị liên quan", "Ban Không Tồn Tại"],
             "due_text": f"Quý II/{year}", "start": f"{year}-04-01", "due": f"{year}-06-30", "recurring": False,
             "product": None, "funding": None, "directed_by": None, "source": {"lines": [i, i]}}
            for i in range(1, n + 1)
        ],
        "indicators": [{"ref": "(1)", "section": "Chỉ tiêu", "text": "Tỷ lệ hộ nghèo dưới 1%",
                        "targets": [{"scope": None, "comparator": "<", "value": 1, "unit": "%"}]}],
        "reports": [{"text": "Báo cáo quý trước ngày 10", "from": ["Phòng Văn hoá và Thông tin"],
                     "to": ["Phòng Tài chính – Kế hoạch"], "due": [f"{year}-04-10"], "cycle": "quarterly"}],
    }


def t0_section(plan) -> str:
    return plan.tasks.order_by("order").first().section.title


def _bytes(ex: dict) -> bytes:
    return json.dumps(ex, ensure_ascii=False).encode()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_import_builds_a_draft_plan_with_resolved_units(world) -> None:
    ex = extraction()
    res = services.import_document(_bytes(ex), "kh.json", world.jurisdiction, extraction=ex)
    plan = res.plan
    assert res.created and plan.status == Plan.Status.DRAFT and plan.number == "12/KH-UBND"
    assert plan.tasks.count() == 3 and t0_section(plan) == "Nhiệm vụ chung"
    t = plan.tasks.get(ref="I.1")
    assert (t.due_text, t.start, t.due, t.source) == ("Quý II/2023", dt.date(2023, 4, 1), dt.date(2023, 6, 30),
                                                      {"lines": [1, 1]})
    rows = {(a.role, a.kind, a.unit_id, a.name_as_written) for a in t.assignments.all()}
    assert ("lead", "unit", world.finance.pk, "Phòng Tài chính – Kế hoạch") in rows
    assert ("support", "unit", world.police.pk, "Công an thành phố") in rows
    assert ("support", "related", None, "Các cơ quan, đơn vị liên quan") in rows
    assert ("support", "unresolved", None, "Ban Không Tồn Tại") in rows
    assert res.unresolved == ["Ban Không Tồn Tại"]
    target = plan.indicators.get().targets.get()
    assert (target.comparator, float(target.value), target.unit) == ("<", 1.0, "%")
    duty = plan.reporting_duties.get()
    assert duty.cycle == "quarterly" and list(duty.from_units.all()) == [world.culture]
    from nhiemvu.tracking.documents import path_for, sha256_of

    assert plan.document.sha256 == sha256_of(_bytes(ex)) and path_for(plan.document.sha256).exists()
    assert AuditEvent.objects.filter(action="plan.import", object_id=str(plan.pk)).count() == 1


def test_same_file_twice_is_the_same_plan(world) -> None:
    ex = extraction()
    first = services.import_document(_bytes(ex), "kh.json", world.jurisdiction, extraction=ex)
    again = services.import_document(_bytes(ex), "ban-sao.json", world.jurisdiction)  # no extraction needed
    assert again.duplicate and again.plan.pk == first.plan.pk
    assert Plan.objects.count() == 1 and Task.objects.count() == 3


def test_revision_shows_a_diff_before_replacing_the_draft(world) -> None:
    ex1 = extraction(3)
    first = services.import_document(_bytes(ex1), "v1.json", world.jurisdiction, extraction=ex1)
    ex2 = extraction(4)
    ex2["tasks"][0]["due_text"], ex2["tasks"][0]["due"] = "Quý III/2023", "2023-09-30"
    del ex2["tasks"][1]
    pending = services.import_document(_bytes(ex2), "v2.json", world.jurisdiction, extraction=ex2)
    assert pending.needs_confirmation and pending.plan.pk == first.plan.pk
    assert [t["ref"] for t in pending.diff.added] == ["I.4"]
    assert [t["ref"] for t in pending.diff.removed] == ["I.2"]
    assert [c.ref for c in pending.diff.changed] == ["I.1"]
    assert set(pending.diff.changed[0].fields) == {"due_text", "due"}
    assert Task.objects.filter(plan=first.plan).count() == 3  # nothing changed yet
    done = services.import_document(_bytes(ex2), "v2.json", world.jurisdiction, extraction=ex2, replace=True)
    assert done.replaced and done.plan.pk == first.plan.pk
    assert sorted(done.plan.tasks.values_list("ref", flat=True)) == ["I.1", "I.3", "I.4"]
    assert Plan.objects.count() == 1


def test_revision_of_a_published_plan_is_a_new_draft(world) -> None:
    ex1 = extraction(2)
    first = services.import_document(_bytes(ex1), "v1.json", world.jurisdiction, extraction=ex1).plan
    services.publish_plan(first, None)
    ex2 = extraction(3)
    res = services.import_document(_bytes(ex2), "v2.json", world.jurisdiction, extraction=ex2)
    assert res.created and res.plan.revises_id == first.pk and [t["ref"] for t in res.diff.added] == ["I.3"]


def test_crash_mid_import_leaves_nothing(world, monkeypatch) -> None:
    def boom(plan):
        assert plan.tasks.count() == 3  # the tasks were written...
        raise RuntimeError("sự cố giả lập")

    monkeypatch.setattr(importing, "link_carry_over", boom)
    ex = extraction()
    with pytest.raises(RuntimeError):
        services.import_document(_bytes(ex), "kh.json", world.jurisdiction, extraction=ex)
    # ...and rolled back with everything else.
    assert (Plan.objects.count(), Task.objects.count(), Assignment.objects.count(), StoredFile.objects.count()) == (
        0, 0, 0, 0)
    assert not AuditEvent.objects.filter(action="plan.import").exists()


def test_bad_file_gives_a_vietnamese_error_and_nothing(world) -> None:
    from nhiemvu.ingest.errors import IngestError

    with pytest.raises(IngestError) as err:
        services.import_document(b"\x00\x01\x02\x03" * 100, "hong.pdf", world.jurisdiction)
    assert "hong.pdf" in str(err.value)
    with pytest.raises(IngestError):
        services.import_document("Một văn bản không có nhiệm vụ nào.".encode(), "trong.txt", world.jurisdiction)
    assert Plan.objects.count() == 0 and StoredFile.objects.count() == 0


def test_agency_cannot_import(world) -> None:
    from django.core.exceptions import PermissionDenied

    officer = world.user("agency", world.finance)
    with pytest.raises(PermissionDenied):
        services.import_document(b"x", "x.txt", world.jurisdiction, officer, extraction=extraction())


def test_carry_over_links_continuing_tasks(world) -> None:
    old = extraction(1, number="1/KH-UBND", year=2022, content="Xây dựng cơ sở dữ liệu đất đai số {i} toàn thành phố")
    services.import_document(_bytes(old), "2022.json", world.jurisdiction, extraction=old)
    new = extraction(1, number="2/KH-UBND", year=2023,
                     content="Tiếp tục xây dựng cơ sở dữ liệu đất đai số {i} toàn thành phố")
    other_lead = extraction(1, number="3/KH-UBND", year=2023, lead="Công an thành phố",
                            content="Tiếp tục xây dựng cơ sở dữ liệu đất đai số {i} toàn thành phố")
    plan = services.import_document(_bytes(new), "2023.json", world.jurisdiction, extraction=new).plan
    other = services.import_document(_bytes(other_lead), "2023b.json", world.jurisdiction, extraction=other_lead).plan
    prev = Task.objects.get(plan__number="1/KH-UBND")
    assert plan.tasks.get().carried_from_id == prev.pk
    assert other.tasks.get().carried_from_id is None  # not the same lead


def test_diff_pairs_renumbered_tasks_by_content() -> None:
    old = [{"ref": "1", "content": "A"}, {"ref": "2", "content": "B"}]
    new = [{"ref": "1", "content": "A"}, {"ref": "3", "content": "b"}]
    d = importing.diff_tasks(old, new)
    assert not d.added and not d.removed and d.changed[0].fields == {"ref": ("2", "3")}
    assert importing.diff_tasks(old, old).empty


def test_seed_documents_import(world, seeds_dir) -> None:
    from nhiemvu.directory.services import load_builtin

    j = load_builtin("vung-tau")
    for path in sorted(seeds_dir.iterdir())[:2]:
        res = services.import_document(path.read_bytes(), path.name, j)
        ex = res.plan.extraction
        assert res.plan.tasks.count() == len(ex["tasks"]) > 0
        leads = sum(len(t["lead"]) for t in ex["tasks"])
        assert Assignment.objects.filter(task__plan=res.plan, role="lead").exclude(via_group__gt="").count() >= (
            leads - len(res.unresolved) - 20)
