"""Directory services on the database: loading, resolving, learning, import/export."""

from __future__ import annotations

import pytest

from nhiemvu.audit.models import AuditEvent
from nhiemvu.directory import services
from nhiemvu.directory.io import DirectoryFileError
from nhiemvu.directory.kinds import KIND_CODES
from nhiemvu.directory.models import Alias, Jurisdiction, Unit

pytestmark = pytest.mark.django_db


def test_kind_codes_match_the_model():
    assert {c for c, _ in Unit.Kind.choices} == set(KIND_CODES)


def test_builtin_slugs():
    assert services.builtin_slugs() == ["vung-tau", "quang-ngai"]


def test_load_builtin_is_idempotent_and_audited():
    j = services.load_builtin("vung-tau")
    units = Unit.objects.filter(jurisdiction=j).count()
    events = AuditEvent.objects.count()
    assert units >= 40 and events > units
    wards = Unit.objects.get(jurisdiction=j, name="UBND phường Thắng Nhất")
    assert wards.parent.kind == Unit.Kind.PEOPLES_COMMITTEE
    assert Unit.objects.filter(jurisdiction=j, uncertain=True).exists()
    again = services.load_builtin("vung-tau")
    assert again.pk == j.pk
    assert Unit.objects.filter(jurisdiction=j).count() == units
    assert AuditEvent.objects.count() == events  # nothing changed, nothing logged


def test_load_unknown_builtin():
    with pytest.raises(services.DirectoryError, match="Không có danh bạ dựng sẵn"):
        services.load_builtin("ha-noi")


def test_resolve_names_uses_the_database():
    services.load_builtin("vung-tau")
    res = services.resolve_names("vung-tau", ["P.TCKH", "UBND các phường, xã", "Các cơ quan, đơn vị liên quan",
                                              "Sở Ngoại vụ"])
    tckh = Unit.objects.get(name="Phòng Tài chính – Kế hoạch", jurisdiction__slug="vung-tau")
    assert [r.status for r in res] == ["alias", "group", "related", "unresolved"]
    assert res[0].unit_ids == [tckh.pk]
    assert len(res[1].unit_ids) == 17  # 16 wards and a commune


def test_inactive_units_are_not_resolved():
    j = services.load_builtin("vung-tau")
    Unit.objects.filter(jurisdiction=j, name="Phòng Y tế").update(is_active=False)
    assert services.resolve_names(j, ["Phòng Y tế"])[0].unit_ids == []


def test_split_and_resolve():
    services.load_builtin("quang-ngai")
    res = services.split_and_resolve("quang-ngai", "Ban Quản lý Dự án ĐTXD và PTQĐ, UBND các xã, phường và "
                                                   "các cơ quan, đơn vị liên quan")
    assert [r.status for r in res] == ["abbreviation", "group", "related"]


def test_learn_alias_is_reused_and_audited(django_user_model):
    j = services.load_builtin("vung-tau")
    user = django_user_model.objects.create_user("vanphong", password="x-Strong-pass-1")
    unit = Unit.objects.get(jurisdiction=j, name="Ban Quản lý dự án đầu tư xây dựng thành phố Vũng Tàu")
    assert services.resolve_names(j, ["Ban biên tập"])[0].status == "unresolved"
    alias = services.learn_alias(j, "Ban  biên tập", unit, actor=user)
    assert alias.source == Alias.Source.LEARNED and alias.text == "Ban biên tập"
    again = services.resolve_names(j, ["ban bien tap"])[0]
    assert (again.status, again.unit_ids) == ("alias", [unit.pk])
    event = AuditEvent.objects.filter(action="directory.alias.learn").get()
    assert event.actor == user and event.unit_id == unit.pk
    # Taught again for another unit: moved, and logged with before/after.
    other = Unit.objects.get(jurisdiction=j, name="Văn phòng HĐND và UBND thành phố Vũng Tàu")
    services.learn_alias(j, "Ban biên tập", other, actor=user)
    assert services.resolve_names(j, ["Ban biên tập"])[0].unit_ids == [other.pk]
    moved = AuditEvent.objects.filter(action="directory.alias.learn").first()
    assert moved.before == {"unit_id": unit.pk} and moved.after == {"unit_id": other.pk}
    # Same again: nothing new.
    count = AuditEvent.objects.count()
    services.learn_alias(j, "BAN BIÊN TẬP", other, actor=user)
    assert AuditEvent.objects.count() == count


def test_learned_alias_belongs_to_its_jurisdiction():
    vt = services.load_builtin("vung-tau")
    qn = services.load_builtin("quang-ngai")
    qn_unit = Unit.objects.get(jurisdiction=qn, name="Phòng Y tế")
    with pytest.raises(services.DirectoryError, match="không thuộc địa bàn"):
        services.learn_alias(vt, "Phòng YT", qn_unit)
    services.learn_alias(qn, "Tổ y tế", qn_unit)
    assert services.resolve_names(vt, ["Tổ y tế"])[0].unit_ids == []


def test_export_import_round_trip(tmp_path):
    services.load_builtin("vung-tau")
    j = Jurisdiction.objects.get(slug="vung-tau")
    services.learn_alias(j, "Ban biên tập", Unit.objects.get(jurisdiction=j, name="Phòng Văn hóa và Thông tin"))
    for suffix in (".csv", ".xlsx"):
        out = tmp_path / f"vt{suffix}"
        count = services.export_file("vung-tau", out)
        assert count == Unit.objects.filter(jurisdiction=j).count()
        copy = services.create_jurisdiction(f"vt-copy{suffix[1:]}", "thành phố Vũng Tàu")
        result = services.import_file(copy, out)
        assert len(result.created) == count and result.aliases_added >= 2
        original = [r.as_cells() for r in services.export_rows(j)]
        copied = [r.as_cells() for r in services.export_rows(copy)]
        assert copied == original
        # Importing the same file again changes nothing.
        second = services.import_file(copy, out)
        assert (second.created, second.updated, second.unchanged) == ([], [], count)


def test_import_updates_and_logs(tmp_path):
    j = services.load_builtin("vung-tau")
    path = tmp_path / "sua.csv"
    path.write_text("Tên đơn vị,Thư điện tử\nPhòng y tế,phongyte@vungtau.gov.vn\n", encoding="utf-8")
    result = services.import_file(j, path)
    assert result.updated == ["Phòng y tế"]
    unit = Unit.objects.get(jurisdiction=j, email="phongyte@vungtau.gov.vn")
    event = AuditEvent.objects.filter(action="directory.unit.update", object_id=str(unit.pk)).first()
    assert event.after["email"] == "phongyte@vungtau.gov.vn"


def test_import_is_all_or_nothing(tmp_path):
    j = services.create_jurisdiction("song-lam", "huyện Sông Lam")
    path = tmp_path / "song-lam.csv"
    path.write_text(
        "Tên đơn vị,Loại,Trực thuộc\n"
        "Phòng Nội vụ,phong,\n"
        "UBND xã Lam Hạ,ubnd_xa,UBND huyện Sông Lam\n"  # parent not in the file nor the directory
        "Phòng nội vụ,phong,\n",  # duplicate
        encoding="utf-8",
    )
    with pytest.raises(DirectoryFileError) as err:
        services.import_file(j, path)
    text = str(err.value)
    assert "song-lam.csv" in text and "dòng 3" in text and "dòng 4" in text
    assert Unit.objects.filter(jurisdiction=j).count() == 0


def test_import_rejects_alias_owned_by_another_unit(tmp_path):
    j = services.load_builtin("vung-tau")
    path = tmp_path / "x.csv"
    path.write_text("Tên đơn vị,Tên gọi khác\nPhòng Y tế,Ban CHQS\n", encoding="utf-8")
    with pytest.raises(DirectoryFileError, match="đang thuộc đơn vị"):
        services.import_file(j, path)


def test_jurisdiction_for_issuer():
    services.load_builtin("vung-tau")
    services.load_builtin("quang-ngai")
    assert services.jurisdiction_for_issuer("UBND THÀNH PHỐ VŨNG TÀU").slug == "vung-tau"
    assert services.jurisdiction_for_issuer("Ủy ban nhân dân thành phố Quảng Ngãi").slug == "quang-ngai"
    assert services.jurisdiction_for_issuer("UBND huyện Sông Lam") is None
    assert services.jurisdiction_for_issuer(None) is None


def test_unknown_jurisdiction_message():
    with pytest.raises(services.DirectoryError, match="nhiemvu directory load"):
        services.resolve_names("vung-tau", ["P.TCKH"])
