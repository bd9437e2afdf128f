"""Mutated real fixture bytes give a Document or a clear IngestError, nothing else."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nhiemvu.ingest.errors import IngestError
from nhiemvu.ingest.read import read_bytes
from tests.fixtures import pdf_draw
from tests.fixtures.small_docs import abstract, build, num, p, tbl, tc


def _docx() -> bytes:
    numbering = abstract(1, [("decimal", "%1."), ("decimal", "%1.%2.")]) + num(1, 1)
    body = p("Mục đích", num=(1, 0)) + p("Việc", num=(1, 1)) + tbl(
        [[tc("STT"), tc("Chủ trì")], [tc("1"), tc("Phòng Tư pháp", vmerge="restart")], [tc("2"), tc(vmerge="continue")]], 2
    )
    return build(body, numbering)


def _xlsx() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["STT", "Nội dung", "Chủ trì"])
    wb.active.append([1, "Việc một", "Phòng Tư pháp"])
    wb.active.merge_cells("C2:C3")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _pdf() -> bytes:
    rows = [[("STT", True), ("Nội dung", True)], [("1", False), ("Việc một của Phòng Tư pháp", False)]]
    return pdf_draw.build_pdf([pdf_draw.table_flowable(rows, [50, 300])], running_head=False)


SEEDS = {"docx": _docx, "xlsx": _xlsx}
if pdf_draw.fonts_available():
    SEEDS["pdf"] = _pdf


def mutations(data: bytes):
    """Flip, delete, insert or truncate a few spans of real bytes."""
    n = len(data)
    edit = st.tuples(
        st.sampled_from(["flip", "delete", "insert", "truncate"]),
        st.integers(0, n - 1),
        st.integers(1, 64),
        st.binary(min_size=1, max_size=16),
    )
    return st.lists(edit, min_size=1, max_size=4)


def apply(data: bytes, edits) -> bytes:
    buf = bytearray(data)
    for kind, at, size, junk in edits:
        at = at % max(1, len(buf))
        if kind == "flip":
            for k in range(at, min(len(buf), at + size)):
                buf[k] ^= 0x5A
        elif kind == "delete":
            del buf[at : at + size]
        elif kind == "insert":
            buf[at:at] = junk
        else:
            del buf[at:]
    return bytes(buf)


@pytest.mark.parametrize("kind", sorted(SEEDS))
def test_mutated_files_never_crash(kind, monkeypatch):
    monkeypatch.setenv("NHIEMVU_OCR", "off")  # a damaged page with no text would go to OCR: slow, and tested elsewhere
    original = SEEDS[kind]()
    read_bytes(original, f"goc.{kind}")  # the unmutated file reads

    @settings(max_examples=120, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(mutations(original))
    def check(edits):
        data = apply(original, edits)
        try:
            doc = read_bytes(data, f"hong.{kind}")
        except IngestError as exc:
            assert exc.message and exc.name == f"hong.{kind}"
            return
        assert isinstance(doc.lines, list)

    check()
