"""Each seed rebuilt as .docx (real tables, merged cells, Word numbering), .pdf and
.xlsx scores like its text version with the shared scorer: tasks F1 and every field
≥ 0.98 and within 0.01 of the text version."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests.fixtures import pdf_draw, seed_docs

FIELDS = ("lead", "support", "due_text", "start", "due", "product", "funding")
# (seed prefix, format) pairs known to fall short, with the reason; checked non-strictly so
# that the rest of the suite stays meaningful while the cause is fixed where it lives.
KNOWN_GAPS: dict[tuple[str, str], str] = {}


@pytest.fixture(scope="session")
def scorer(shared_dir: Path):
    spec = importlib.util.spec_from_file_location("score_extraction", shared_dir / "tools" / "score_extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def built(seeds_dir: Path, tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Every seed in every format, built once per session."""
    out = tmp_path_factory.mktemp("seed-formats")
    files: dict[tuple[str, str], Path] = {}
    for seed in sorted(seeds_dir.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        docx = seed_docs.build_docx(text)
        files[(seed.stem, "docx")] = out / f"{seed.stem}.docx"
        files[(seed.stem, "docx")].write_bytes(docx)
        if seed_docs.soffice():
            pdf = seed_docs.convert_with_soffice(docx, ".docx", "pdf")
        elif pdf_draw.fonts_available():
            pdf = pdf_draw.seed_pdf(text)
        else:
            pdf = None
        if pdf:
            files[(seed.stem, "pdf")] = out / f"{seed.stem}.pdf"
            files[(seed.stem, "pdf")].write_bytes(pdf)
        xlsx = seed_docs.build_xlsx(text)
        if xlsx:
            files[(seed.stem, "xlsx")] = out / f"{seed.stem}.xlsx"
            files[(seed.stem, "xlsx")].write_bytes(xlsx)
    return files


def _score(scorer, gold: dict, path: Path) -> dict:
    from nhiemvu.ingest.extract import extract_file

    return scorer.score_document(gold, extract_file(path))


def _summary(result: dict) -> dict[str, float]:
    out = {"tasks_f1": result["tasks"][2]}
    for field in FIELDS:
        acc, _, n = result["fields"][field]
        if n:
            out[field] = acc
    return out


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_format_scores_like_text(prefix, fmt, built, scorer, seeds_dir, gold_dir, request):
    import json

    pytest.importorskip("nhiemvu.ingest.extract")
    stem = next(seeds_dir.glob(f"{prefix}_*.txt")).stem
    if (stem, fmt) not in built:
        why = "no table in this seed" if fmt == "xlsx" else "neither LibreOffice nor DejaVu fonts to make a PDF"
        pytest.skip(why)
    if (prefix, fmt) in KNOWN_GAPS:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_GAPS[(prefix, fmt)], strict=False))
    gold = json.loads((gold_dir / f"{stem}.json").read_text(encoding="utf-8"))
    text = _summary(_score(scorer, gold, seeds_dir / f"{stem}.txt"))
    got = _summary(_score(scorer, gold, built[(stem, fmt)]))
    for key, value in got.items():
        assert value >= 0.98, f"{fmt} {key} = {value:.3f} (text version {text.get(key, 0):.3f})"
        assert value >= text.get(key, 1.0) - 0.01, f"{fmt} {key} = {value:.3f} vs text {text[key]:.3f}"
