"""Splitting responsibility cells into agencies (pure)."""

from __future__ import annotations

import json

import pytest

from nhiemvu.directory import builtin
from nhiemvu.directory.matcher import split_agencies
from nhiemvu.directory.names import clean


@pytest.mark.parametrize(
    ("cell", "agencies"),
    [
        # "và" and "," inside names, without any directory (structure only).
        ("Văn phòng HĐND và UBND thành phố", ["Văn phòng HĐND và UBND thành phố"]),
        ("Phòng Văn hoá và Thông tin, Phòng Tài chính – Kế hoạch",
         ["Phòng Văn hoá và Thông tin", "Phòng Tài chính – Kế hoạch"]),
        ("Phòng Lao động, Thương binh và Xã hội và Công an thành phố",
         ["Phòng Lao động, Thương binh và Xã hội", "Công an thành phố"]),
        ("Trung tâm Văn hóa, Thông tin và Thể thao; UBND các phường, xã",
         ["Trung tâm Văn hóa, Thông tin và Thể thao", "UBND các phường, xã"]),
        ("Văn phòng HĐND và UBND thành phố; Thủ trưởng các cơ quan, đơn vị, Chủ tịch UBND các phường, xã "
         "và các cơ quan liên quan",
         ["Văn phòng HĐND và UBND thành phố", "Thủ trưởng các cơ quan, đơn vị", "Chủ tịch UBND các phường, xã",
          "các cơ quan liên quan"]),
        ("P.TCKH, PTNMT và TTYTTP", ["P.TCKH", "PTNMT", "TTYTTP"]),
        ("PTNMT, Chủ đầu tư", ["PTNMT", "Chủ đầu tư"]),
        ("các Đoàn Biên phòng, cơ quan liên quan", ["các Đoàn Biên phòng", "cơ quan liên quan"]),
        ("Các cơ quan, đơn vị liên quan.", ["Các cơ quan, đơn vị liên quan"]),
        ("phòng Tài chính - Kế hoạch, Chi cục Thống kê, Văn phòng thành phố",
         ["phòng Tài chính - Kế hoạch", "Chi cục Thống kê", "Văn phòng thành phố"]),
        ("- Phòng Nội vụ\n- Phòng Tư pháp", ["Phòng Nội vụ", "Phòng Tư pháp"]),
        ("<b>Phòng Y tế</b>", ["Phòng Y tế"]),
        ("Bộ Tư pháp, Bộ Giáo dục và Đào tạo, Bộ Xây dựng,", ["Bộ Tư pháp", "Bộ Giáo dục và Đào tạo", "Bộ Xây dựng"]),
        ("Văn phòng UBND tỉnh, Giám đốc Sở Giáo dục và Đào tạo",
         ["Văn phòng UBND tỉnh", "Giám đốc Sở Giáo dục và Đào tạo"]),
        ("Các sở, ngành, UBND xã, phường, đặc khu", ["Các sở, ngành", "UBND xã, phường, đặc khu"]),
        ("Sở Y tế (0,5 ngày)", ["Sở Y tế (0,5 ngày)"]),
        ("", []),
    ],
)
def test_structure_only(cell: str, agencies: list[str]):
    assert split_agencies(cell) == agencies


def test_shared_prefix_is_expanded():
    cell = "Các phòng: Tài chính – Kế hoạch, Tài nguyên và Môi trường, Quản lý đô thị; Trung tâm PT Quỹ đất"
    assert split_agencies(cell) == [
        "Phòng Tài chính – Kế hoạch", "Phòng Tài nguyên và Môi trường", "Phòng Quản lý đô thị",
        "Trung tâm PT Quỹ đất",
    ]
    # As written, for an extraction that must keep the document's text.
    assert split_agencies(cell, expand_prefix=False) == [
        "Các phòng: Tài chính – Kế hoạch", "Tài nguyên và Môi trường", "Quản lý đô thị", "Trung tâm PT Quỹ đất",
    ]


def test_known_names_decide_where_structure_cannot():
    cell = "Phòng Nông nghiệp và Phát triển nông thôn và Phòng Y tế"
    assert split_agencies(cell) == ["Phòng Nông nghiệp và Phát triển nông thôn", "Phòng Y tế"]
    # "Đội …" written in lower case after a comma looks like the rest of a name …
    cell = "Công an thành phố, đội quản lý thị trường số 2"
    assert split_agencies(cell) == ["Công an thành phố, đội quản lý thị trường số 2"]
    # … until the directory knows it.
    assert split_agencies(cell, ["Đội Quản lý thị trường số 2", "Công an thành phố X"]) == [
        "Công an thành phố", "đội quản lý thị trường số 2",
    ]
    # "Sở Y tế và Môi trường" is one name only if the directory says so.
    assert split_agencies("Sở Công Thương và Sở Xây dựng") == ["Sở Công Thương", "Sở Xây dựng"]


def test_matcher_rejoins_a_name_split_at_an_abbreviation():
    m, _ = builtin.matcher("quang-ngai")
    assert m.split("Ban Quản lý Dự án ĐTXD và PTQĐ, UBND các xã, phường") == [
        "Ban Quản lý Dự án ĐTXD và PTQĐ", "UBND các xã, phường",
    ]


def test_gold_lists_come_back_as_written(gold_dir):
    """Each gold lead/support list, joined into one cell with ", " "; " or " và ", splits back
    into the same list (directory names known)."""
    matchers = {slug: builtin.matcher(slug)[0] for slug in ("vung-tau", "quang-ngai")}
    total = same = 0
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        slug = "quang-ngai" if "Quảng Ngãi" in (gold["document"]["issuer"] or "") else "vung-tau"
        for task in gold["tasks"]:
            for names in (task["lead"], task["support"]):
                if not names:
                    continue
                for glue in (", ", "; ", " và "):
                    total += 1
                    got = matchers[slug].split(glue.join(names), expand_prefix=False)
                    same += got == [clean(n) for n in names]
    print(f"\n[directory] gold lists split back as written: {same}/{total}")
    assert same / total >= 0.99
