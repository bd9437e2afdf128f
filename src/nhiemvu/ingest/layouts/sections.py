"""What a heading says its part of the document holds, from the words every directive
uses for its parts: tasks ("Nhiệm vụ", "Giải pháp", "Nội dung"), the implementation part
("Tổ chức thực hiện"), the assignment part ("Phân công nhiệm vụ"), or no tasks at all
("Mục đích, yêu cầu", "Quan điểm", "Mục tiêu", "Chỉ tiêu", "Kinh phí", ...). Pure.
"""

from __future__ import annotations

import functools
import re

from nhiemvu.ingest.layouts.vn_compat import fold_words

TASKS = "tasks"
IMPLEMENTATION = "implementation"
ASSIGNMENT = "assignment"
NONE = "none"

_ASSIGNMENT = re.compile(r"^(ve )?(phan cong|giao nhiem vu|trach nhiem|phan cong trach nhiem|nhiem vu cua)\b")
_IMPLEMENTATION = re.compile(r"^(ve )?(to chuc thuc hien|to chuc trien khai|trien khai thuc hien ke hoach|dieu khoan thi hanh)")
_TASKS = re.compile(
    r"\b(nhiem vu|giai phap|cong viec|noi dung (thuc hien|nhiem vu|cong viec|trien khai|ke hoach|chu yeu|trong tam|cu the)|"
    r"hoat dong (chu yeu|trong tam|cu the)|danh muc (nhiem vu|cong viec|de an))\b|^noi dung$|"
    # "Nội dung, hình thức" / "Nội dung và giải pháp": the work and how it is done.
    r"^noi dung (va )?(hinh thuc|giai phap|bien phap|cach thuc|phuong thuc|phuong phap)\b|"
    # "*Trọng tâm:*" over lettered items: the key tasks of the topic above.
    r"^(cac )?(viec |van de )?trong tam$|"
    # "Nội dung thi đua": what an emulation campaign asks of everyone
    r"^(cac )?noi dung thi dua\b"
)
_NONE = re.compile(
    r"^(cac |nhom )?(muc dich|yeu cau|quan diem|muc tieu|chi tieu|can cu|su can thiet|tinh hinh|"
    r"ket qua|danh gia|boi canh|pham vi|doi tuong|nguyen tac|hieu luc|kinh phi|nguon kinh phi|"
    r"nguon von|che do bao cao|thong tin bao cao|giai thich|dinh huong|thuc trang|co so)\b"
)


_PROCEDURE = re.compile(
    r"^((noi dung|danh muc)( cu the)?( cua)?( tung)?( cac)? thu tuc|thu tuc( hanh chinh)?\b|trinh tu thuc hien|"
    r"thanh phan( so luong)? ho so|cach thuc thuc hien|quy trinh (noi bo|dien tu|giai quyet))"
)
_POWERS = re.compile(r"^(vi tri |ve )?(nhiem vu (va )?quyen han|chuc nang nhiem vu|chuc nang quyen han|quyen va nghia vu|quyen han va trach nhiem)\b")


@functools.lru_cache(maxsize=8192)
def classify(heading: str) -> str | None:
    f = fold_words(heading)
    if not f:
        return None
    if _POWERS.match(f):
        return NONE  # an organisation's standing functions and powers, not assigned work
    if _PROCEDURE.match(f):
        return NONE  # the text of administrative procedures (steps, dossier, fees)
    if _ASSIGNMENT.match(f):
        return ASSIGNMENT
    if _IMPLEMENTATION.match(f):
        return IMPLEMENTATION
    head = " ".join(f.split()[:8])
    if _NONE.match(f) and not re.search(r"\b(nhiem vu|giai phap)\b", head):
        return NONE
    if _TASKS.search(head):
        return TASKS
    if re.search(r"\bhieu luc\b|\bthi hanh\b", head):
        return NONE
    return None


_KIND_WORDS = (
    "quyet dinh", "ke hoach", "chuong trinh", "chi thi", "cong van", "thong bao", "nghi quyet",
    "phu luc", "ket luan", "huong dan", "de an", "quy che", "quy dinh", "danh muc",
)


def is_document_title(text: str) -> bool:
    """A short title line naming a document kind ("KẾ HOẠCH", "PHỤ LỤC I", "Quyết định"),
    as directives and their attachments open."""
    f = fold_words(text)
    words = f.split()
    if not words or len(words) > 14 or not any(f == k or f.startswith(k + " ") for k in _KIND_WORDS):
        return False
    letters = [c for c in text if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    return len(words) <= 4 or (bool(letters) and upper >= len(letters) * 0.6)
