"""The pure matcher on invented spellings and on an invented third jurisdiction (a
district with a town, in another province), to show nothing is wired to the seed cities."""

from __future__ import annotations

import pytest

from nhiemvu.directory import builtin
from nhiemvu.directory.matcher import (
    ABBREVIATION,
    ALIAS,
    AMBIGUOUS,
    EXACT,
    FUZZY,
    GROUP,
    RELATED,
    UNRESOLVED,
    Matcher,
    UnitEntry,
)

# An invented district: "huyện Sông Lam" with a town (thị trấn) and communes. Names of
# its own, a "Phòng Nông nghiệp và Phát triển nông thôn" the cities do not have.
SONG_LAM = [
    UnitEntry(1, "Ủy ban nhân dân huyện Sông Lam", "ubnd", "UBND huyện"),
    UnitEntry(2, "Văn phòng HĐND và UBND huyện Sông Lam", "van_phong"),
    UnitEntry(3, "Phòng Nông nghiệp và Phát triển nông thôn", "phong", "P.NN&PTNT"),
    UnitEntry(4, "Phòng Tài chính – Kế hoạch", "phong"),
    UnitEntry(5, "Phòng Kinh tế và Hạ tầng", "phong"),
    UnitEntry(6, "Phòng Dân tộc", "phong"),
    UnitEntry(7, "Thanh tra huyện Sông Lam", "thanh_tra"),
    UnitEntry(8, "Trung tâm Y tế huyện Sông Lam", "trung_tam"),
    UnitEntry(9, "Trung tâm Dịch vụ nông nghiệp", "trung_tam"),
    UnitEntry(10, "Công an huyện Sông Lam", "cong_an"),
    UnitEntry(11, "Ban Chỉ huy Quân sự huyện Sông Lam", "quan_su"),
    UnitEntry(12, "UBND thị trấn Lam Sơn", "ubnd_thi_tran", parent_id=1),
    UnitEntry(13, "UBND xã Lam Hạ", "ubnd_xa", parent_id=1),
    UnitEntry(14, "UBND xã Lam Thượng", "ubnd_xa", parent_id=1),
    UnitEntry(15, "UBND xã Lam Trung", "ubnd_xa", parent_id=1),
    UnitEntry(16, "Hội Nông dân huyện Sông Lam", "hoi_doan_the"),
]


@pytest.fixture(scope="module")
def song_lam() -> Matcher:
    return Matcher(SONG_LAM, [("Phòng NN", 3)], jurisdiction_name="huyện Sông Lam")


@pytest.fixture(scope="module")
def vung_tau() -> tuple[Matcher, dict[str, int]]:
    return builtin.matcher("vung-tau")


@pytest.mark.parametrize(
    ("text", "unit_id", "status"),
    [
        ("Phòng Nông nghiệp và Phát triển nông thôn", 3, EXACT),
        ("Phòng Nông nghiệp và PTNT", 3, ABBREVIATION),
        ("Phòng NN&PTNT", 3, ABBREVIATION),
        ("P.NN&PTNT", 3, ALIAS),
        ("PNNPTNT", 3, ABBREVIATION),
        ("Phòng NN", 3, ALIAS),
        ("phong nong nghiep va phat trien nong thon huyen", 3, EXACT),
        ("Phòng Nông nghiệp và Phát triển nông thôn huyện Sông Lam", 3, EXACT),
        ("Phòng Nông nghiêp va Phat trien nong thon", 3, EXACT),  # accents missing / wrong
        ("Phòng Nông nghiệp và Phát triển nôngthôn", 3, FUZZY),  # typo
        ("Phòng Tài chính - Kế hoạch huyện", 4, EXACT),
        ("P.TCKH", 4, ABBREVIATION),
        ("PTCKH", 4, ABBREVIATION),
        ("Kinh tế và Hạ tầng", 5, ABBREVIATION),  # without its type word
        ("Phòng KT&HT", 5, ABBREVIATION),
        ("Phòng KTHT", 5, ABBREVIATION),
        ("Thanh tra huyện", 7, EXACT),
        ("Thanh tra", 7, EXACT),
        ("TTYT huyện", 8, ABBREVIATION),
        ("TTYTH", 8, ABBREVIATION),
        ("Trung tâm Y tế", 8, EXACT),
        ("TT Dịch vụ nông nghiệp", 9, ABBREVIATION),
        ("CAH", 10, ABBREVIATION),
        ("Công an huyện", 10, EXACT),
        ("BCHQS huyện", 11, ABBREVIATION),
        ("Ban CHQS huyện Sông Lam", 11, ABBREVIATION),
        ("UBND huyện", 1, EXACT),
        ("Ủy ban nhân dân huyện Sông Lam", 1, EXACT),
        ("Uỷ ban nhân dân huyện", 1, EXACT),
        ("Thị trấn Lam Sơn", 12, EXACT),
        ("UBND xã Lam Hạ", 13, EXACT),
        ("Xã Lam Ha", 13, EXACT),
        ("Văn phòng HĐND & UBND huyện", 2, EXACT),
        ("Văn phòng", 2, ABBREVIATION),
    ],
)
def test_third_jurisdiction_variants(song_lam: Matcher, text: str, unit_id: int, status: str):
    r = song_lam.resolve(text)
    assert (r.status, r.unit_ids) == (status, [unit_id]), r


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("UBND các xã, thị trấn", {"ubnd_xa", "ubnd_thi_tran"}),
        ("Chủ tịch UBND các xã, thị trấn", {"ubnd_xa", "ubnd_thi_tran"}),
        ("UBND các xã", {"ubnd_xa"}),
        ("UBND cấp xã", {"ubnd_xa", "ubnd_thi_tran"}),
        ("UBND xã, thị trấn", {"ubnd_xa", "ubnd_thi_tran"}),
        ("Các phòng, ban chuyên môn thuộc UBND huyện", {"phong", "van_phong", "thanh_tra"}),
        ("Các cơ quan chuyên môn", {"phong", "van_phong", "thanh_tra"}),
    ],
)
def test_third_jurisdiction_groups(song_lam: Matcher, text: str, kinds: set[str]):
    r = song_lam.resolve(text)
    assert r.status == GROUP
    expected = sorted(u.id for u in SONG_LAM if u.kind in kinds)
    assert r.unit_ids == expected


def test_all_agencies_leave_out_committees_and_wards(song_lam: Matcher):
    r = song_lam.resolve("Thủ trưởng các cơ quan, đơn vị huyện")
    assert r.status == GROUP
    assert 1 not in r.unit_ids and 13 not in r.unit_ids
    assert {2, 3, 10, 11, 16} <= set(r.unit_ids)


@pytest.mark.parametrize(
    "text",
    ["Các cơ quan, đơn vị liên quan", "các đơn vị có liên quan", "Cơ quan liên quan", "các sở, ngành liên quan"],
)
def test_related_marker_is_never_expanded(song_lam: Matcher, text: str):
    r = song_lam.resolve(text)
    assert (r.status, r.unit_ids) == (RELATED, [])


@pytest.mark.parametrize(
    "text",
    [
        "Sở Nông nghiệp và Phát triển nông thôn",  # the province's, not the district's
        "Cục Thống kê",
        "UBND tỉnh",
        "Văn phòng UBND tỉnh",
        "Phòng Giáo dục và Đào tạo",  # not in this district's directory
        "Trường THCS Lam Sơn",
        "Bệnh viện đa khoa tỉnh",
        "UBND xã Lam Hồng",
    ],
)
def test_no_silent_match_for_bodies_outside_the_directory(song_lam: Matcher, text: str):
    r = song_lam.resolve(text)
    assert r.status in (UNRESOLVED, AMBIGUOUS), r
    assert r.unit_ids == []


def test_ambiguous_is_returned_with_candidates(song_lam: Matcher):
    r = song_lam.resolve("Y tế")  # matches nothing but the centre: one candidate
    assert r.status == ABBREVIATION
    m = Matcher([UnitEntry(1, "Phòng Y tế"), UnitEntry(2, "Trung tâm Y tế", "trung_tam")])
    r = m.resolve("Y tế")
    assert r.status == AMBIGUOUS
    assert [c for c, _ in r.candidates] == [1, 2]
    assert r.unit_ids == []


def test_unresolved_offers_candidates_for_review(song_lam: Matcher):
    r = song_lam.resolve("Phòng Nông nghiệp")
    assert r.status in (UNRESOLVED, AMBIGUOUS)
    assert r.candidates and r.candidates[0][0] == 3


def test_numbers_are_never_fuzzed():
    m = Matcher([UnitEntry(1, "UBND phường 1", "ubnd_phuong"), UnitEntry(2, "UBND phường 10", "ubnd_phuong")],
                jurisdiction_name="thành phố X")
    assert m.resolve("Phường 1").unit_ids == [1]
    assert m.resolve("phường 10").unit_ids == [2]
    assert m.resolve("Phường 11").status == UNRESOLVED


def test_type_word_guard():
    m = Matcher([UnitEntry(1, "Chi cục Thống kê thành phố", "chi_cuc")], jurisdiction_name="thành phố X")
    assert m.resolve("Chi cục Thống kê").unit_ids == [1]
    assert m.resolve("Cục Thống kê").status == UNRESOLVED


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Phong Tai chinh Ke hoach", "Phòng Tài chính – Kế hoạch"),
        ("PHÒNG TÀI CHÍNH - KẾ HOẠCH THÀNH PHỐ", "Phòng Tài chính – Kế hoạch"),
        ("Phòng Tài chính Kế hoạch TP", "Phòng Tài chính – Kế hoạch"),
        ("Phòng Tài chánh – Kế hoạch", "Phòng Tài chính – Kế hoạch"),  # southern spelling
        ("TCKH", "Phòng Tài chính – Kế hoạch"),
        ("P.TC-KH", "Phòng Tài chính – Kế hoạch"),
        ("Phòng Văn hoá - Thông tin", "Phòng Văn hóa và Thông tin"),
        ("Phòng VH&TT", "Phòng Văn hóa và Thông tin"),
        ("Phòng Lao động Thương binh Xã hội", "Phòng Lao động – Thương binh và Xã hội"),
        ("Phòng LĐTBXH", "Phòng Lao động – Thương binh và Xã hội"),
        ("Phòng LĐ-TB&XH", "Phòng Lao động – Thương binh và Xã hội"),
        ("Công an TP Vũng Tàu", "Công an thành phố Vũng Tàu"),
        ("CA thành phố", "Công an thành phố Vũng Tàu"),
        ("Trung tâm Y tế TPVT", "Trung tâm Y tế thành phố Vũng Tàu"),
        ("TTYT thành phố", "Trung tâm Y tế thành phố Vũng Tàu"),
        ("VP HĐND và UBND thành phố", "Văn phòng HĐND và UBND thành phố Vũng Tàu"),
        ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thành phố",
         "Văn phòng HĐND và UBND thành phố Vũng Tàu"),
        ("BHXH thành phố", "Bảo hiểm xã hội thành phố Vũng Tàu"),
        ("Phường Thắng Nhất", "UBND phường Thắng Nhất"),
        ("UBND P. Thắng Nhì", "UBND phường Thắng Nhì"),
        ("xã Long Sơn", "UBND xã Long Sơn"),
        ("Phòng Quản lý Đô thị thành phố Vũng Tàu", "Phòng Quản lý đô thị"),
        ("Phòng Quan ly do thi", "Phòng Quản lý đô thị"),
        ("Phòng Giáo dục & Đào tạo", "Phòng Giáo dục và Đào tạo"),
        ("Phòng GD&ĐT", "Phòng Giáo dục và Đào tạo"),
        ("Phòng Giáo duc va Dao tao", "Phòng Giáo dục và Đào tạo"),
    ],
)
def test_invented_variants_vung_tau(vung_tau, text: str, name: str):
    matcher, ids = vung_tau
    r = matcher.resolve(text)
    assert r.unit_ids == [ids[name]], r
    assert r.matched


def test_fuzzy_typos_are_flagged_as_fuzzy(vung_tau):
    matcher, ids = vung_tau
    r = matcher.resolve("Phòng Tài nguyen và Môi trưòng")
    assert r.unit_ids == [ids["Phòng Tài nguyên và Môi trường"]]
    r = matcher.resolve("Phòng Tư phap")
    assert r.unit_ids == [ids["Phòng Tư pháp"]]
    r = matcher.resolve("Phòng Tài nguyên Môi trường")
    assert (r.status, r.unit_ids) == (FUZZY, [ids["Phòng Tài nguyên và Môi trường"]])
    assert r.score < 100


def test_same_name_different_city():
    qn, qn_ids = builtin.matcher("quang-ngai")
    vt, vt_ids = builtin.matcher("vung-tau")
    # "Văn phòng Thành phố" is a unit in Quảng Ngãi; in Vũng Tàu it must not become another unit silently.
    assert qn.resolve("Văn phòng Thành phố").unit_ids == [qn_ids["Văn phòng Thành phố Quảng Ngãi"]]
    assert vt.resolve("Công an thành phố Quảng Ngãi").status in (UNRESOLVED, AMBIGUOUS)


def test_learned_aliases_take_part(song_lam: Matcher):
    m = Matcher(SONG_LAM, [("Đội thuế số 3", 10)], jurisdiction_name="huyện Sông Lam")
    r = m.resolve("Đội Thuế số 3")
    assert (r.status, r.unit_ids) == (ALIAS, [10])
    assert song_lam.resolve("Đội thuế số 3").status == UNRESOLVED


def test_resolve_is_cached_but_results_are_independent(song_lam: Matcher):
    first = song_lam.resolve("P.TCKH")
    first.unit_ids.append(99)
    assert song_lam.resolve("P.TCKH").unit_ids == [4]


@pytest.mark.parametrize(
    ("text", "unit_id"),
    [
        ("Giám đốc Trung tâm Y tế huyện", 8),
        ("Chủ tịch UBND xã Lam Hạ", 13),
        ("Trưởng phòng Tài chính - Kế hoạch", 4),
        ("Chánh Thanh tra huyện", 7),
        ("Chỉ huy trưởng Ban CHQS huyện", 11),
    ],
)
def test_a_title_names_its_unit(song_lam: Matcher, text: str, unit_id: int):
    assert song_lam.resolve(text).unit_ids == [unit_id]


def test_a_school_is_not_a_title(song_lam: Matcher):
    assert song_lam.resolve("Trường Tiểu học Lam Sơn").status == UNRESOLVED
