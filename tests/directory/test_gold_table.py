"""The table test: every lead/support/directed_by name of the gold answers of the seeds,
split as our splitter splits the gold lists, with the unit (or group) it should resolve to.

Expected values: a unit's name in the shipped directory; "group:<key>"; "related" (the
"liên quan" marker); "unresolved" for a body that is not a unit of the city's directory
(it must go to review, never to some unit). A name is correct when the resolution is
exactly that; it is a wrong silent match when the matcher answers with a unit, group or
marker other than the expected one.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from nhiemvu.directory import builtin
from nhiemvu.directory.matcher import AMBIGUOUS, GROUP, RELATED, UNRESOLVED

EXPECTED: dict[str, dict[str, str]] = {
    'vung-tau': {
        'Ban CHQS thành phố': 'Ban Chỉ huy Quân sự thành phố Vũng Tàu',
        'Ban Chỉ huy Quân sự Thành phố': 'Ban Chỉ huy Quân sự thành phố Vũng Tàu',
        'Ban Chỉ huy Quân sự thành phố': 'Ban Chỉ huy Quân sự thành phố Vũng Tàu',
        'Ban Chỉ huy Quân sự thành phố Vũng Tàu': 'Ban Chỉ huy Quân sự thành phố Vũng Tàu',
        'Ban Chỉ huy quân sự thành phố': 'Ban Chỉ huy Quân sự thành phố Vũng Tàu',
        'Ban QLDA ĐTXD 2': 'Ban Quản lý dự án đầu tư xây dựng 2',
        'Ban Quản lý dự án đầu tư xây dựng': 'Ban Quản lý dự án đầu tư xây dựng thành phố Vũng Tàu',
        'Ban Tuyên giáo Thành ủy VT': 'Ban Tuyên giáo Thành ủy Vũng Tàu',
        'Bưu điện thành phố': 'Bưu điện thành phố Vũng Tàu',
        'Bảo hiểm xã hội thành phố': 'Bảo hiểm xã hội thành phố Vũng Tàu',
        'Bộ phận tiếp nhận và trả kết quả': 'Bộ phận tiếp nhận và trả kết quả',
        'Chi Cục thuế khu vực Vũng Tàu – Côn Đảo': 'Chi cục Thuế khu vực Vũng Tàu – Côn Đảo',
        'Chi cục Thuế khu vực Vũng Tàu – Côn Đảo': 'Chi cục Thuế khu vực Vũng Tàu – Côn Đảo',
        'Chi cục thuế Khu vực Vũng Tàu – Côn Đảo': 'Chi cục Thuế khu vực Vũng Tàu – Côn Đảo',
        'Chi cục thuế khu vực Vũng Tàu – Côn Đảo': 'Chi cục Thuế khu vực Vũng Tàu – Côn Đảo',
        'Chi cục Thống kê thành phố': 'Chi cục Thống kê thành phố Vũng Tàu',
        'Chi cục Thống kê thành phố Vũng Tàu': 'Chi cục Thống kê thành phố Vũng Tàu',
        'CATP': 'Công an thành phố Vũng Tàu',
        'Công an TP': 'Công an thành phố Vũng Tàu',
        'Công an Thành phố': 'Công an thành phố Vũng Tàu',
        'Công an thành phố': 'Công an thành phố Vũng Tàu',
        'Công an thành phố Vũng Tàu': 'Công an thành phố Vũng Tàu',
        'Hội Chữ thập đỏ thành phố': 'Hội Chữ thập đỏ thành phố Vũng Tàu',
        'Hội chữ thập đỏ thành phố': 'Hội Chữ thập đỏ thành phố Vũng Tàu',
        'Phòng Cảnh sát phòng cháy, chữa cháy': 'Phòng Cảnh sát phòng cháy, chữa cháy',
        'Phòng Giáo dục và Đào tạo': 'Phòng Giáo dục và Đào tạo',
        'Phòng Giáo dục và đào tạo': 'Phòng Giáo dục và Đào tạo',
        'Phòng Kinh tế': 'Phòng Kinh tế',
        'Phòng kinh tế': 'Phòng Kinh tế',
        'Phòng Lao động – Thương binh và Xã hội': 'Phòng Lao động – Thương binh và Xã hội',
        'Phòng Lao động, Thương binh và Xã hội': 'Phòng Lao động – Thương binh và Xã hội',
        'Phòng Nội vụ': 'Phòng Nội vụ',
        'P.QLĐT': 'Phòng Quản lý đô thị',
        'Phòng QLĐT': 'Phòng Quản lý đô thị',
        'Phòng Quản lý đô thị': 'Phòng Quản lý đô thị',
        'P. Tài chính – Kế hoạch': 'Phòng Tài chính – Kế hoạch',
        'P.TCKH': 'Phòng Tài chính – Kế hoạch',
        'Phòng Tài chính - Kế hoạch': 'Phòng Tài chính – Kế hoạch',
        'Phòng Tài chính – Kế hoạch': 'Phòng Tài chính – Kế hoạch',
        'Phòng Tài chính – hoạch': 'Phòng Tài chính – Kế hoạch',
        'Phòng Tài chính – kế hoạch': 'Phòng Tài chính – Kế hoạch',
        'phòng Tài chính - Kế hoạch': 'Phòng Tài chính – Kế hoạch',
        'P.TNMT': 'Phòng Tài nguyên và Môi trường',
        'PTNMT': 'Phòng Tài nguyên và Môi trường',
        'Phòng TNMT': 'Phòng Tài nguyên và Môi trường',
        'Phòng Tài nguyên Môi trường': 'Phòng Tài nguyên và Môi trường',
        'Phòng Tài nguyên và Môi trường': 'Phòng Tài nguyên và Môi trường',
        'Phòng Tư pháp': 'Phòng Tư pháp',
        'P. VHTT': 'Phòng Văn hóa và Thông tin',
        'Phòng Văn hoá và Thông tin': 'Phòng Văn hóa và Thông tin',
        'Phòng Văn hóa và Thông tin': 'Phòng Văn hóa và Thông tin',
        'Phòng Y tế': 'Phòng Y tế',
        'Phòng y tế': 'Phòng Y tế',
        'Thanh tra Thành phố': 'Thanh tra thành phố Vũng Tàu',
        'Thanh tra thành phố': 'Thanh tra thành phố Vũng Tàu',
        'TTPTQĐ': 'Trung tâm Phát triển quỹ đất thành phố Vũng Tàu',
        'Trung tâm PT Quỹ đất': 'Trung tâm Phát triển quỹ đất thành phố Vũng Tàu',
        'Trung tâm phát triển Quỹ đất thành phố': 'Trung tâm Phát triển quỹ đất thành phố Vũng Tàu',
        'TTQLHTKDL': 'Trung tâm Quản lý và Hỗ trợ khách du lịch',
        'Trung tâm Quản lý và Hỗ trợ khách du lịch': 'Trung tâm Quản lý và Hỗ trợ khách du lịch',
        'TTVHTTTT': 'Trung tâm Văn hóa, Thông tin và Thể thao',
        'Trung tâm Văn hóa, Thông tin và Thể thao': 'Trung tâm Văn hóa, Thông tin và Thể thao',
        'Trung tâm văn hóa - Thông tin và Thể thao': 'Trung tâm Văn hóa, Thông tin và Thể thao',
        'TTYTTP': 'Trung tâm Y tế thành phố Vũng Tàu',
        'TTYTTTP': 'Trung tâm Y tế thành phố Vũng Tàu',
        'Trung tâm Y tế thành phố Vũng Tàu': 'Trung tâm Y tế thành phố Vũng Tàu',
        'Trung tâm y tế thành phố': 'Trung tâm Y tế thành phố Vũng Tàu',
        'Văn phòng': 'Văn phòng HĐND và UBND thành phố Vũng Tàu',
        'Văn phòng HĐND và UBND': 'Văn phòng HĐND và UBND thành phố Vũng Tàu',
        'Văn phòng HĐND và UBND TPVT': 'Văn phòng HĐND và UBND thành phố Vũng Tàu',
        'Văn phòng HĐND và UBND thành phố': 'Văn phòng HĐND và UBND thành phố Vũng Tàu',
        'Văn phòng HĐND và UBND thành phố Vũng Tàu': 'Văn phòng HĐND và UBND thành phố Vũng Tàu',
        'Văn phòng Thành ủy Vũng Tàu': 'Văn phòng Thành ủy Vũng Tàu',
        'Các cơ quan, đơn vị': 'group:all',
        'Các đơn vị trực thuộc UBND thành phố': 'group:all',
        'Thủ trưởng các cơ quan, đơn vị': 'group:all',
        'Các Ban Quản lý dự án Đầu tư xây dựng': 'group:ban quan ly du an dau tu xay dung',
        'Các Phòng, ban chuyên môn': 'group:departments',
        'Các cơ quan chuyên môn': 'group:departments',
        'Các phòng chuyên môn trực thuộc UBND TPVT': 'group:departments',
        'Các phòng, ban': 'group:departments',
        'Các phòng, ban chuyên môn': 'group:departments',
        'Các phòng, ban chuyên môn thuộc UBND TP': 'group:departments',
        'Chủ tịch UBND các phường, xã': 'group:wards',
        'UBND các Phường, xã': 'group:wards',
        'UBND các phường xã': 'group:wards',
        'UBND các phường, xã': 'group:wards',
        'Các cơ quan liên quan': 'related',
        'Các cơ quan, đơn vị liên quan': 'related',
        'Các đơn vị có liên quan': 'related',
        'Cơ quan có liên quan': 'related',
        'các cơ quan liên quan': 'related',
        'các cơ quan, đơn vị liên quan': 'related',
        'các đơn vị có liên quan': 'related',
        'cơ quan liên quan': 'related',
        'Ban biên tập': 'unresolved',
        'Chủ Đầu tư': 'unresolved',
        'Các Chủ đầu tư': 'unresolved',
        'Các Trường học': 'unresolved',
        'Các ban của HĐND': 'unresolved',
        'Các cơ quan được giao chủ trì thực hiện': 'unresolved',
        'Các trường học': 'unresolved',
        'các Chủ đầu tư': 'unresolved',
        # Typo in the seed ("cơ" for "cơ quan"): a person reads it as every agency; we do not.
        'các cơ chuyên môn, đơn vị sự nghiệp': 'group:all',
        'các Đoàn Biên phòng': 'unresolved',
        'các Đoàn, trạm Biên phòng': 'unresolved',
        'các đơn vị sự nghiệp công lập': 'unresolved',
        'đội quản lý thị trường số 2': 'Đội Quản lý thị trường số 2',
    },
    'quang-ngai': {
        'Ban Chỉ huy quân sự thành phố': 'Ban Chỉ huy Quân sự thành phố Quảng Ngãi',
        'Ban Quản lý Dự án ĐTXD và PTQĐ': 'Ban Quản lý Dự án đầu tư xây dựng và phát triển quỹ đất thành phố Quảng Ngãi',
        'Ban Quản lý Dự án đầu tư xây dựng và phát triển quỹ đất thành phố': 'Ban Quản lý Dự án đầu tư xây dựng và phát triển quỹ đất thành phố Quảng Ngãi',
        'Chi cục Thuế khu vực Quảng Ngãi – Sơn Tịnh': 'Chi cục Thuế khu vực Quảng Ngãi – Sơn Tịnh',
        'Công an thành phố': 'Công an thành phố Quảng Ngãi',
        'Cơ quan Tổ chức – Nội vụ thành phố': 'Cơ quan Tổ chức – Nội vụ thành phố Quảng Ngãi',
        'Cơ quan Ủy ban Kiểm tra - Thanh tra thành phố': 'Cơ quan Ủy ban Kiểm tra – Thanh tra thành phố Quảng Ngãi',
        'Phòng Giáo dục và Đào tạo thành phố': 'Phòng Giáo dục và Đào tạo',
        'Phòng Kinh tế thành phố': 'Phòng Kinh tế',
        'Phòng Lao động – Thương binh và Xã hội thành phố': 'Phòng Lao động – Thương binh và Xã hội',
        'Phòng Quản lý đô thị thành phố': 'Phòng Quản lý đô thị',
        'Phòng Tài chính - Kế hoạch thành phố': 'Phòng Tài chính – Kế hoạch',
        'Phòng Tài nguyên và Môi trường thành phố': 'Phòng Tài nguyên và Môi trường',
        'Phòng Tư pháp': 'Phòng Tư pháp',
        'Phòng Tư pháp thành phố': 'Phòng Tư pháp',
        'Phòng Văn hóa và Thông tin thành phố': 'Phòng Văn hóa và Thông tin',
        'Phòng Y tế thành phố': 'Phòng Y tế',
        'Trung tâm Truyền thông – Văn hoá – Thể thao': 'Trung tâm Truyền thông – Văn hóa – Thể thao thành phố Quảng Ngãi',
        'Trung tâm Y tế thành phố': 'Trung tâm Y tế thành phố Quảng Ngãi',
        'Văn phòng Thành phố': 'Văn phòng Thành phố Quảng Ngãi',
        'UBND các xã, phường': 'group:wards',
        'Các cơ quan, đơn vị liên quan': 'related',
        'các cơ quan, đơn vị liên quan': 'related',
        'Đồn Biên phòng cửa khẩu cảng Sa Kỳ': 'Đồn Biên phòng cửa khẩu cảng Sa Kỳ',
        'Đội Quản lý trật tự đô thị thành phố': 'Đội Quản lý trật tự đô thị thành phố Quảng Ngãi',
        'UBND thành phố': 'Ủy ban nhân dân thành phố Quảng Ngãi',
    },
}


def _slug_of(document: dict) -> str:
    issuer = document.get("issuer") or ""
    return "quang-ngai" if "Quảng Ngãi" in issuer else "vung-tau"


def _outcome(resolution, names: dict[int, str]) -> str:
    if resolution.status == GROUP:
        return f"group:{resolution.group}"
    if resolution.status == RELATED:
        return "related"
    if resolution.status in (AMBIGUOUS, UNRESOLVED):
        return resolution.status
    return names[resolution.unit_ids[0]]


def score_gold(gold_dir) -> dict:
    matchers = {slug: builtin.matcher(slug) for slug in EXPECTED}
    occurrences: Counter = Counter()
    correct: Counter = Counter()
    wrong: list[tuple[str, str, str]] = []
    missing: list[tuple[str, str]] = []
    distinct: dict[tuple[str, str], bool] = {}
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        slug = _slug_of(gold["document"])
        matcher, ids = matchers[slug]
        names = {v: k for k, v in ids.items()}
        for task in gold["tasks"]:
            cells = [task.get("lead") or [], task.get("support") or []]
            if task.get("directed_by"):
                cells.append([task["directed_by"]])
            for cell in cells:
                for piece in matcher.split(", ".join(cell)):
                    expected = EXPECTED[slug].get(piece)
                    if expected is None:
                        missing.append((slug, piece))
                        continue
                    got = _outcome(matcher.resolve(piece), names)
                    occurrences[slug] += 1
                    ok = got == expected
                    correct[slug] += ok
                    distinct[(slug, piece)] = ok
                    if not ok and got not in (AMBIGUOUS, UNRESOLVED):
                        wrong.append((slug, piece, got))
    total = sum(occurrences.values())
    return {
        "occurrences": total,
        "correct": sum(correct.values()),
        "distinct": len(distinct),
        "distinct_correct": sum(distinct.values()),
        "wrong": sorted(set(wrong)),
        "missing": sorted(set(missing)),
        "misses": sorted(k for k, ok in distinct.items() if not ok),
    }


def test_every_gold_name_resolves_as_the_table_says(gold_dir, capsys):
    result = score_gold(gold_dir)
    assert result["missing"] == [], "names the table does not cover"
    assert result["wrong"] == [], "wrong silent matches"
    rate = result["correct"] / result["occurrences"]
    distinct_rate = result["distinct_correct"] / result["distinct"]
    with capsys.disabled():
        print(f"\n[directory] gold names: {result['correct']}/{result['occurrences']} occurrences "
              f"({rate:.1%}), {result['distinct_correct']}/{result['distinct']} distinct names "
              f"({distinct_rate:.1%}) resolved as expected; 0 wrong silent matches; "
              f"misses: {result['misses']}")
    assert rate >= 0.97
    assert distinct_rate >= 0.97


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_table_names_only_units_that_exist(slug):
    _, ids = builtin.matcher(slug)
    for piece, expected in EXPECTED[slug].items():
        if ":" in expected or expected in ("related", "unresolved"):
            continue
        assert expected in ids, f"{piece!r} → {expected!r} is not in the {slug} directory"
