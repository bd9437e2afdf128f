"""The seeds rewritten the ways other offices write the same documents (pipe tables,
columns in another order, other header names, no markup, other bullet markers and
responsibility names, hard-wrapped lines, one header for the whole table): the extraction
must score as well as on the originals."""

from __future__ import annotations

import importlib.util
import json
import re
import textwrap
from pathlib import Path

import pytest

from nhiemvu.ingest.extract import extract_document
from nhiemvu.ingest.readers.text import read_text


@pytest.fixture(scope="module")
def scorer(shared_dir: Path):
    spec = importlib.util.spec_from_file_location("score_extraction", shared_dir / "tools" / "score_extraction.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _pipe(text: str) -> str:
    return "\n".join("| " + " | ".join(line.split("\t")) + " |" if line.count("\t") >= 2 else line
                     for line in text.split("\n"))


def _reorder(text: str, order: list[int]) -> str:
    out = []
    for line in text.split("\n"):
        if line.count("\t") >= 2:
            cells = line.split("\t") + [""] * len(order)
            line = "\t".join(cells[i] for i in order)
        out.append(line)
    return "\n".join(out)


def _wrap(text: str) -> str:
    return "\n".join("\n".join(textwrap.wrap(line, 70)) if line.strip() else "" for line in text.split("\n"))


def _one_header(text: str) -> str:
    lines = text.split("\n")
    header = next(line for line in lines if line.count("\t") >= 3)
    first = lines.index(header)
    rest = [line for line in lines[first + 1:] if line != header and line.strip()]
    return "\n".join(lines[: first + 1] + rest)


VARIANTS = {
    "000-pipe": ("000", _pipe),
    "000-columns": ("000", lambda t: _reorder(t, [0, 1, 4, 3, 2])),
    "000-no-markup": ("000", lambda t: t.replace("<b>", "").replace("</b>", "")),
    "000-one-header": ("000", _one_header),
    "003-pipe": ("003", _pipe),
    "001-markers": ("001", lambda t: t.replace("* Đơn vị thực hiện đánh giá:", "- Cơ quan chủ trì:")
                    .replace("* Thời gian thực hiện đánh giá:", "- Thời hạn hoàn thành:")),
    "001-no-blank-lines": ("001", lambda t: re.sub(r"\n\n+", "\n", t)),
    "001-wrapped": ("001", _wrap),
    "002-wrapped": ("002", _wrap),
    "004-markers": ("004", lambda t: t.replace("+ Cơ quan chủ trì tham mưu:", "- Đơn vị chủ trì:").replace("+ ", "• ")),
    "004-wrapped": ("004", _wrap),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_seed_variant_scores_like_the_seed(variant: str, scorer, seeds_dir: Path, gold_dir: Path) -> None:
    prefix, rewrite = VARIANTS[variant]
    seed = next(seeds_dir.glob(f"{prefix}_*.txt"))
    gold = json.loads((gold_dir / f"{seed.stem}.json").read_text(encoding="utf-8"))
    text = rewrite(seed.read_text(encoding="utf-8"))
    result = scorer.score_document(gold, extract_document(read_text(text.encode("utf-8"), seed.name)))
    assert result["tasks"][2] >= 0.99, (variant, result["unpaired_gold"])
    for field, (accuracy, _, n) in result["fields"].items():
        assert not n or accuracy >= 0.98, (variant, field, accuracy)
