"""Unit kinds as data (code, Vietnamese label), for the pure modules and file import.
`models.Unit.Kind` lists the same codes; a test keeps the two in step."""

from __future__ import annotations

UNIT_KINDS: tuple[tuple[str, str], ...] = (
    ("ubnd", "Ủy ban nhân dân"),
    ("van_phong", "Văn phòng"),
    ("phong", "Phòng/Sở"),
    ("trung_tam", "Trung tâm"),
    ("ban", "Ban"),
    ("chi_cuc", "Chi cục"),
    ("cong_an", "Công an"),
    ("quan_su", "Quân sự"),
    ("bao_hiem", "Bảo hiểm"),
    ("hoi_doan_the", "Hội/đoàn thể"),
    ("ubnd_phuong", "UBND phường"),
    ("ubnd_xa", "UBND xã"),
    ("ubnd_thi_tran", "UBND thị trấn"),
    ("thanh_tra", "Thanh tra"),
    ("dang", "Cơ quan Đảng"),
    ("khac", "Khác"),
)
KIND_CODES = frozenset(code for code, _ in UNIT_KINDS)
