"""The hand-made reference answers for real corpus documents (tests/ingest/corpus_gold/) are
valid per EXTRACTION_FORMAT.md, and the extractor never crashes on those documents.
Scores are measured by bench/score_corpus.py; no threshold is asserted here yet."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parent / "corpus_gold"
ANNOTATIONS = sorted(GOLD.glob("*.json"))
TASK_KEYS = {"ref", "section", "content", "lead", "support", "due_text", "start", "due",
             "recurring", "product", "funding", "directed_by"}
COMPARATORS = {">=", "<=", "<", ">", "="}
CYCLES = {"weekly", "monthly", "quarterly", "semiannual", "ninemonth", "annual", "once"}


def _negatives() -> list[str]:
    lines = (GOLD / "negatives.txt").read_text(encoding="utf-8").splitlines()
    return [s for s in (line.split("#", 1)[0].strip() for line in lines) if s]


def _date(value: object, where: str) -> dt.date | None:
    if value is None:
        return None
    assert isinstance(value, str), f"{where}: date must be a string or null"
    return dt.date.fromisoformat(value)  # raises on anything but YYYY-MM-DD


def _text(value: object, where: str, *, nullable: bool = True) -> None:
    if value is None and nullable:
        return
    assert isinstance(value, str) and value, f"{where}: expected non-empty text"
    assert value == " ".join(value.split()), f"{where}: text not whitespace-normalised"
    assert "**" not in value and "<b>" not in value, f"{where}: markup left in text"


def _agencies(value: object, where: str) -> None:
    assert isinstance(value, list), f"{where}: expected a list"
    for name in value:
        _text(name, where, nullable=False)


def test_there_are_ten_positive_documents_and_five_negatives() -> None:
    assert len(ANNOTATIONS) >= 10
    negatives = _negatives()
    assert len(negatives) >= 5
    assert not {p.stem for p in ANNOTATIONS} & set(negatives)


@pytest.mark.parametrize("path", ANNOTATIONS, ids=lambda p: p.stem)
def test_annotation_is_valid(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "plan-extraction/1"
    doc = data["document"]
    for key in ("kind", "number", "issuer", "title"):
        _text(doc[key], f"document.{key}")
    _date(doc["issued_on"], "document.issued_on")
    p_start, p_due = _date(doc["period"]["start"], "period.start"), _date(doc["period"]["due"], "period.due")
    assert not (p_start and p_due) or p_start <= p_due

    tasks = data["tasks"]
    assert tasks, "a positive document has at least one task"
    refs = [t["ref"] for t in tasks]
    assert len(refs) == len(set(refs)), "refs are unique"
    for t in tasks:
        where = f"task {t.get('ref')}"
        assert set(t) == TASK_KEYS, f"{where}: keys {sorted(set(t) ^ TASK_KEYS)}"
        _text(t["ref"], where, nullable=False)
        _text(t["content"], where, nullable=False)
        for key in ("section", "due_text", "product", "funding", "directed_by"):
            _text(t[key], f"{where}.{key}")
        _agencies(t["lead"], f"{where}.lead")
        _agencies(t["support"], f"{where}.support")
        assert isinstance(t["recurring"], bool)
        start, due = _date(t["start"], f"{where}.start"), _date(t["due"], f"{where}.due")
        assert not (start and due) or start <= due, f"{where}: start after due"
        if t["due_text"] is None:
            assert start is None and due is None, f"{where}: dates without a timing phrase"

    for ind in data["indicators"]:
        _text(ind["text"], "indicator", nullable=False)
        _text(ind["section"], "indicator.section")
        for target in ind["targets"]:
            assert target["comparator"] in COMPARATORS
            assert isinstance(target["value"], (int, float)) and not isinstance(target["value"], bool)
            _text(target["unit"], "target.unit")
            _text(target["scope"], "target.scope")

    for rep in data["reports"]:
        _text(rep["text"], "report", nullable=False)
        _agencies(rep["from"], "report.from")
        _agencies(rep["to"], "report.to")
        assert rep["cycle"] in CYCLES
        for day in rep["due"]:
            _date(day, "report.due")


def _corpus_documents(shared_dir: Path) -> list[Path]:
    corpus = shared_dir / "corpus" / "real-directives"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus/real-directives is absent")
    stems = [p.stem for p in ANNOTATIONS] + _negatives()
    found = []
    for stem in stems:
        docs = [p for p in sorted(corpus.glob(stem + ".*")) if p.suffix != ".json"]
        assert docs, f"{stem}: annotated document missing from the corpus"
        found.append(docs[0])
    return found


def test_extractor_never_crashes_on_annotated_documents(shared_dir: Path) -> None:
    from nhiemvu.ingest.errors import NoTasks
    from nhiemvu.ingest.extract import extract_file

    for path in _corpus_documents(shared_dir):
        try:
            result = extract_file(path)
        except NoTasks:
            continue
        assert result["format"] == "plan-extraction/1", path.stem
        assert isinstance(result["tasks"], list) and result["tasks"], path.stem
