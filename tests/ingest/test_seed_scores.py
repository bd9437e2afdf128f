"""The extraction of every seed, scored by the project's own scorer against the reference
answers: tasks F1 ≥ 0.99 and every field ≥ 0.98 on each seed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from nhiemvu.ingest.extract import extract_file


@pytest.fixture(scope="module")
def scorer(shared_dir: Path):
    path = shared_dir / "tools" / "score_extraction.py"
    if not path.exists():
        pytest.skip("../shared/tools/score_extraction.py is absent")
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _pairs(gold_dir: Path, seeds_dir: Path) -> list[tuple[Path, Path]]:
    out = []
    for gold in sorted(gold_dir.glob("*.json")):
        docs = [d for d in sorted(seeds_dir.glob(gold.stem + ".*")) if d.suffix != ".json"]
        if docs:
            out.append((gold, docs[0]))
    return out


def test_every_seed_scores_at_least_the_thresholds(scorer, gold_dir: Path, seeds_dir: Path) -> None:
    import json

    pairs = _pairs(gold_dir, seeds_dir)
    assert len(pairs) >= 5
    failures = []
    for gold_path, doc in pairs:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        result = scorer.score_document(gold, extract_file(doc))
        f1 = result["tasks"][2]
        if f1 < 0.99:
            failures.append(f"{doc.name}: tasks F1 {f1:.3f}")
        for field, (accuracy, _, n) in result["fields"].items():
            if n and accuracy < 0.98:
                failures.append(f"{doc.name}: {field} {accuracy:.3f}")
    assert not failures, failures


def test_every_task_points_back_at_its_source_lines(seeds_dir: Path) -> None:
    from nhiemvu.ingest.read import read_path

    for doc_path in sorted(seeds_dir.glob("*.txt")):
        doc = read_path(doc_path)
        for task in extract_file(doc_path)["tasks"]:
            first, last = task["source"]["lines"]
            assert 1 <= first <= last <= len(doc.lines)
            # The first word of the task is on one of its source lines.
            word = task["content"].split()[0].strip("-*")
            assert any(word in line for line in doc.lines[first - 1:last]), (doc_path.name, task["ref"])
