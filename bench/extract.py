"""Extraction speed: ms per document and pages (≈3,000 characters) per second.

    .venv/bin/python bench/extract.py                 # the five seeds
    .venv/bin/python bench/extract.py --corpus        # + the 300 real documents (realistic load)
    .venv/bin/python bench/extract.py --repeat 20     # more repetitions for steadier numbers

Runs in one process on one core. The first pass is cold (imports done, nothing cached);
the seed figures are the median of the later passes. Both wall-clock and CPU time
(time.process_time) are printed: on a busy machine the CPU time is the fair figure.
Goal: the five seeds together under 100 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
PAGE = 3000  # characters per page


def _extract(data: bytes, name: str) -> int:
    from nhiemvu.ingest.errors import NoTasks
    from nhiemvu.ingest.extract import extract_bytes

    try:
        return len(extract_bytes(data, name)["tasks"])
    except NoTasks:
        return 0


def bench_seeds(repeat: int) -> None:
    import nhiemvu.ingest.extract  # noqa: F401 - imports are not part of the figures

    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if not seeds:
        print("../shared/seeds không có: bỏ qua.", file=sys.stderr)
        return
    files = [(p.name, p.read_bytes()) for p in seeds]
    cold = []
    for name, data in files:
        t = time.perf_counter()
        _extract(data, name)
        cold.append(time.perf_counter() - t)
    runs: dict[str, list[float]] = {name: [] for name, _ in files}
    cpu: dict[str, list[float]] = {name: [] for name, _ in files}
    for _ in range(repeat):
        for name, data in files:
            t, c = time.perf_counter(), time.process_time()
            _extract(data, name)
            runs[name].append(time.perf_counter() - t)
            cpu[name].append(time.process_time() - c)
    print(f"{'document':<28}{'chars':>8}{'tasks':>7}{'cold ms':>9}{'wall ms':>9}{'cpu ms':>9}{'pages/s':>9}")
    total_chars = 0
    total_warm = total_cpu = 0.0
    for (name, data), c in zip(files, cold, strict=True):
        chars = len(data.decode("utf-8", "replace"))
        warm, used = statistics.median(runs[name]), statistics.median(cpu[name])
        total_chars += chars
        total_warm += warm
        total_cpu += used
        print(f"{name:<28}{chars:>8}{_extract(data, name):>7}{c * 1000:>9.1f}{warm * 1000:>9.1f}{used * 1000:>9.1f}"
              f"{chars / PAGE / max(used, 1e-9):>9.0f}")
    print(f"{'five seeds together':<28}{total_chars:>8}{'':>7}{sum(cold) * 1000:>9.1f}{total_warm * 1000:>9.1f}"
          f"{total_cpu * 1000:>9.1f}{total_chars / PAGE / max(total_cpu, 1e-9):>9.0f}")


def bench_corpus() -> None:
    files = sorted((SHARED / "corpus" / "real-directives").glob("*"))
    if not files:
        print("../shared/corpus không có: bỏ qua.", file=sys.stderr)
        return
    chars = 0
    with_tasks = 0
    times = []
    for p in files:
        data = p.read_bytes()
        chars += len(data.decode("utf-8", "replace"))
        t = time.process_time()
        with_tasks += _extract(data, p.name) > 0
        times.append(time.process_time() - t)
    total = sum(times)
    print(f"corpus (cpu time): {len(files)} documents, {chars / PAGE:.0f} pages, {total:.1f} s, "
          f"{total / len(files) * 1000:.1f} ms/document (median {statistics.median(times) * 1000:.1f}, "
          f"max {max(times) * 1000:.0f}), {chars / PAGE / total:.0f} pages/s; {with_tasks} with tasks")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--corpus", action="store_true")
    a = ap.parse_args()
    bench_seeds(a.repeat)
    if a.corpus:
        bench_corpus()


if __name__ == "__main__":
    main()
