"""`nhiemvu directory …` commands."""

from __future__ import annotations

import json

import pytest

from nhiemvu.cli import main
from nhiemvu.directory.models import Unit

pytestmark = pytest.mark.django_db


def test_load_list_resolve(capsys):
    assert main(["directory", "load", "vung-tau"]) == 0
    assert "Đã nạp vung-tau" in capsys.readouterr().out
    assert main(["directory", "list"]) == 0
    assert "vung-tau" in capsys.readouterr().out
    assert main(["directory", "list", "-j", "vung-tau"]) == 0
    assert "Phòng Tài chính – Kế hoạch" in capsys.readouterr().out
    assert main(["directory", "resolve", "P.TCKH", "--jurisdiction", "vung-tau"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("P.TCKH\t") and "Phòng Tài chính – Kế hoạch" in out
    assert main(["directory", "resolve", "--split", "--json", "-j", "vung-tau",
                 "TTYTTTP, Các cơ quan, đơn vị liên quan và UBND các phường, xã"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["status"] for d in data] == ["fuzzy", "related", "group"]
    assert data[0]["units"][0]["name"] == "Trung tâm Y tế thành phố Vũng Tàu"


def test_export_import(tmp_path, capsys):
    main(["directory", "load", "quang-ngai"])
    out = tmp_path / "qn.xlsx"
    assert main(["directory", "export", "--jurisdiction", "quang-ngai", "--out", str(out)]) == 0
    assert out.stat().st_size > 0
    capsys.readouterr()
    assert main(["directory", "import", str(out), "-j", "qn-copy", "--name", "thành phố Quảng Ngãi"]) == 0
    assert "Thêm 45 đơn vị" in capsys.readouterr().out
    assert Unit.objects.filter(jurisdiction__slug="qn-copy").count() == 45


def test_errors_go_to_stderr(tmp_path, capsys):
    assert main(["directory", "resolve", "P.TCKH", "-j", "khong-co"]) == 1
    assert "Chưa có địa bàn" in capsys.readouterr().err
    bad = tmp_path / "bad.csv"
    bad.write_text("Tên đơn vị,Loại\nPhòng A,không-rõ\n", encoding="utf-8")
    main(["directory", "load", "vung-tau"])
    assert main(["directory", "import", str(bad), "-j", "vung-tau"]) == 1
    err = capsys.readouterr().err
    assert "bad.csv" in err and "dòng 2" in err


def test_failed_import_does_not_leave_a_new_jurisdiction(tmp_path, capsys):
    from nhiemvu.directory.models import Jurisdiction

    bad = tmp_path / "bad.csv"
    bad.write_text("Tên đơn vị,Trực thuộc\nUBND xã A,UBND huyện Không Có\n", encoding="utf-8")
    assert main(["directory", "import", str(bad), "-j", "moi", "--name", "huyện Mới"]) == 1
    assert "không có trong tệp hay danh bạ" in capsys.readouterr().err
    assert not Jurisdiction.objects.filter(slug="moi").exists()
