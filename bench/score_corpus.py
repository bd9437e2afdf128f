"""Generalisation score: the extractor on real corpus documents annotated by hand.

    .venv/bin/python bench/score_corpus.py            # one line per document, then TOTAL
    .venv/bin/python bench/score_corpus.py --misses   # also every unpaired task and differing field
    .venv/bin/python bench/score_corpus.py --gold tests/ingest/heldout_gold   # the held-out set

Reference answers: tests/ingest/corpus_gold/<stem>.json (our own annotations of
../shared/corpus/real-directives/<stem>.md); negatives.txt lists documents that assign nothing,
where the right answer is a refusal (NoTasks). Scoring uses the shared scorer
(../shared/tools/score_extraction.py, imported, not copied). Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "real-directives"
GOLD = REPO / "tests" / "ingest" / "corpus_gold"


def load_scorer() -> ModuleType:
    path = SHARED / "tools" / "score_extraction.py"
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"không tải được {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def negatives(gold_dir: Path) -> list[str]:
    path = gold_dir / "negatives.txt"
    if not path.exists():
        return []
    stems = []
    for line in path.read_text(encoding="utf-8").splitlines():
        stem = line.split("#", 1)[0].strip()
        if stem:
            stems.append(stem)
    return stems


def document(stem: str) -> Path:
    found = [p for p in sorted(CORPUS.glob(stem + ".*")) if p.suffix != ".json"]
    if not found:
        raise FileNotFoundError(f"{stem}: không có trong {CORPUS}")
    return found[0]


def run(path: Path) -> tuple[dict | None, str]:
    """The extraction, or None with the outcome: 'ok', 'notasks' or the error."""
    from nhiemvu.ingest.errors import NoTasks
    from nhiemvu.ingest.extract import extract_file

    try:
        return extract_file(path), "ok"
    except NoTasks:
        return None, "notasks"
    except Exception as exc:  # noqa: BLE001 - a crash is a result to report, not to hide
        return None, f"{type(exc).__name__}: {exc}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--misses", action="store_true", help="list unpaired reference tasks and differing fields")
    ap.add_argument("--gold", type=Path, default=GOLD, help="folder of reference answers (default: corpus_gold)")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        print(f"{CORPUS} không có: bỏ qua.", file=sys.stderr)
        return 0
    sys.path.insert(0, str(REPO / "src"))
    scorer = load_scorer()

    results, outcomes = {}, {}
    for gold_path in sorted(args.gold.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred, outcome = run(document(gold_path.stem))
        outcomes[gold_path.stem] = outcome
        results[gold_path.stem] = scorer.score_document(gold, pred or {})
    for name, r in results.items():
        print(scorer.line(name, r))
        if outcomes[name] != "ok":
            print(f"    extractor gave {outcomes[name]}")
        if args.misses:
            for ref in r["unpaired_gold"]:
                print(f"    unpaired reference task {ref}")
            for ref, fld, g, p in r["misses"]:
                print(f"    {ref} {fld}: expected {g!r} got {p!r}")
    if results:
        print(scorer.line("TOTAL", scorer.combine(results)))

    print()
    refused = 0
    stems = negatives(args.gold)
    for stem in stems:
        pred, outcome = run(document(stem))
        if outcome == "notasks":
            refused += 1
            print(f"{stem:<28} negative: refused (NoTasks) ok")
        elif outcome == "ok":
            print(f"{stem:<28} negative: WRONG, {len(pred['tasks'])} tasks extracted")
        else:
            print(f"{stem:<28} negative: CRASH {outcome}")
    print(f"{'NEGATIVES':<28} refused {refused}/{len(stems)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
