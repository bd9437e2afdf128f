"""Score floors for the hand-annotated corpus sets (tests/ingest/*_gold/), so a change to the
layouts that loses tasks on real documents fails here, not weeks later in a province.

The floors sit a little under the scores measured when they were set (bench/score_corpus.py
prints the same numbers). The held-out sets were tuned against after their first contact, so
these guard against regressions; they are not the generalisation estimate (see the READMEs).
Needs ../shared (the corpus documents and the shared scorer): skipped without it."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("score_corpus", HERE.parents[1] / "bench" / "score_corpus.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)  # the same scoring as bench/score_corpus.py, not a copy
CORPUS, negatives, run = bench.CORPUS, bench.negatives, bench.run

# set: tasks F1 floor, floor for lead / due_text accuracy on the paired tasks
FLOORS = {
    "corpus_gold": (0.99, 0.98),
    "heldout_gold": (0.97, 0.98),
    "heldout2_gold": (0.97, 0.98),
    "heldout3_gold": (0.97, 0.98),
    "heldout4_gold": (0.92, 0.97),
}


@pytest.fixture(scope="module")
def scorer():
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent (../shared not mounted)")
    return bench.load_scorer()


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_gold_set_stays_above_its_floor(scorer, name: str) -> None:
    gold_dir = HERE / name
    if not gold_dir.is_dir():
        pytest.skip(f"{name} not in this checkout")
    results = {}
    for path in sorted(gold_dir.glob("*.json")):
        pred, outcome = run(CORPUS / f"{path.stem}.md")
        assert outcome in ("ok", "notasks"), f"{path.stem}: {outcome}"
        results[path.stem] = scorer.score_document(json.loads(path.read_text(encoding="utf-8")), pred or {})
    total = scorer.combine(results)
    f1_floor, field_floor = FLOORS[name]
    assert total["tasks"][2] >= f1_floor, scorer.line(name, total)
    for field in ("lead", "due_text"):
        acc = total["fields"][field][0]
        assert acc >= field_floor, f"{name} {field} {acc:.3f} < {field_floor}"


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_gold_set_negatives_are_refused(scorer, name: str) -> None:
    gold_dir = HERE / name
    if not gold_dir.is_dir():
        pytest.skip(f"{name} not in this checkout")
    wrong = []
    for stem in negatives(gold_dir):
        pred, outcome = run(CORPUS / f"{stem}.md")
        if outcome != "notasks":
            wrong.append(f"{stem}: {outcome} ({len(pred['tasks']) if pred else 0} tasks)")
    assert not wrong, wrong
