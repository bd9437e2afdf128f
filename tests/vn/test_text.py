from nhiemvu.vn.text import clean, fold, fold_aligned, fold_words, nfc, normalize_space, strip_markup


def test_nfc_composes_decomposed_accents():
    decomposed = "Tài chính".encode().decode()  # already NFC
    nfd = "Ta\u0300i chi\u0301nh"
    assert nfc(nfd) == decomposed
    assert len(nfc(nfd)) == len("Tài chính")


def test_normalize_space():
    assert normalize_space("  Phòng\tTài   chính\u00a0–\nKế hoạch  ") == "Phòng Tài chính – Kế hoạch"
    assert normalize_space("a\u200bb") == "ab"


def test_strip_markup():
    assert strip_markup("**Phụ lục**") == "Phụ lục"
    assert strip_markup("<b>I</b>\t<b>Nhiệm vụ chung</b>") == "I\tNhiệm vụ chung"
    assert strip_markup("*(Ban hành kèm theo Quyết định)*") == "(Ban hành kèm theo Quyết định)"
    assert strip_markup("__Mục tiêu__") == "Mục tiêu"
    # a bullet marker and arithmetic are not markup
    assert strip_markup("* Đơn vị thực hiện: Phòng Nội vụ") == "* Đơn vị thực hiện: Phòng Nội vụ"
    assert strip_markup("a * b") == "a * b"


def test_clean():
    assert clean(" **Về  nhiệm vụ**\n năm 2023 ") == "Về nhiệm vụ năm 2023"
    assert clean(None) == ""


def test_fold():
    assert fold("Tài chính – Kế hoạch") == "tai chinh – ke hoach"
    assert fold("ĐÀ NẴNG đường") == "da nang duong"
    assert fold("Quý IV") == "quy iv"
    assert fold_words("Phòng Tài chính - Kế hoạch!") == "phong tai chinh ke hoach"


def test_fold_aligned_keeps_offsets():
    s = "Hoàn thành trước ngày 20/12/2025 ﬁ 한"
    assert len(fold_aligned(s)) == len(s)
    assert fold_aligned("Đường Ỷ") == "duong y"
