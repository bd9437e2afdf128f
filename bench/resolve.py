"""Time splitting and resolving every agency name of the five seeds (goal: < 50 ms).

Run: .venv/bin/python bench/resolve.py [path/to/shared]
Cells are the gold answers' lead/support/directed_by lists and reports' from/to, joined
back into one text each, then split and resolved against the shipped directories (no
database). A fresh Matcher is built for each document, as the import service does; the
time of building it is shown apart. Reading the CSV data files is not timed.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from nhiemvu.directory import builtin
from nhiemvu.directory.matcher import Matcher, UnitEntry

SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared"


def cells_of(gold: dict) -> list[str]:
    cells = []
    for task in gold["tasks"]:
        for field in ("lead", "support"):
            if task.get(field):
                cells.append(", ".join(task[field]))
        if task.get("directed_by"):
            cells.append(task["directed_by"])
    for report in gold.get("reports", []):
        for field in ("from", "to"):
            if report.get(field):
                cells.append(", ".join(report[field]))
    return cells


def main() -> None:
    data = {}
    for slug in ("vung-tau", "quang-ngai"):
        rows = builtin.rows(slug)
        ids = {r.name: n for n, r in enumerate(rows, start=1)}
        data[slug] = ([UnitEntry(ids[r.name], r.name, r.kind, r.short_name) for r in rows],
                      [(a, ids[r.name]) for r in rows for a in r.aliases], builtin.get(slug).name)
    docs = []
    for path in sorted((SHARED / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        slug = "quang-ngai" if "Quảng Ngãi" in (gold["document"].get("issuer") or "") else "vung-tau"
        docs.append((slug, cells_of(gold)))
    totals, builds, cpu = [], [], []
    names = 0
    for _ in range(7):
        start = time.perf_counter()
        cpu_start = time.process_time()
        build = 0.0
        names = 0
        for slug, cells in docs:
            units, aliases, jname = data[slug]
            t0 = time.perf_counter()
            m = Matcher(units, aliases, jurisdiction_name=jname)
            build += time.perf_counter() - t0
            for cell in cells:
                for piece in m.split(cell):
                    m.resolve(piece)
                    names += 1
        totals.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu_start)
        builds.append(build)
    cells = sum(len(c) for _, c in docs)
    best = min(range(len(totals)), key=totals.__getitem__)
    print(f"{len(docs)} documents, {cells} cells, {names} names split+resolved, 7 runs: "
          f"best {totals[best] * 1000:.1f} ms (of which building 5 matchers {builds[best] * 1000:.1f} ms), "
          f"median {sorted(totals)[3] * 1000:.1f} ms, first (cold caches) {totals[0] * 1000:.1f} ms; CPU time first {cpu[0] * 1000:.1f} ms, best {min(cpu) * 1000:.1f} ms, "
          f"median {sorted(cpu)[3] * 1000:.1f} ms; goal < 50 ms")


if __name__ == "__main__":
    main()
