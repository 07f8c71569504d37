"""Performance figures, each the median of several runs, with its target and its ratio.

    .venv/bin/python benchmarks/run.py [--quick] [--only=gui,discrepancy,import,export,search,start,memory]
                                       [--json OUT] [--runs N] [--import-runs N]

Prints one line per figure: PASS / MISS against its target, or blank for an untargeted figure
(never counted as a pass). `--json OUT` writes every figure with its target, ratio to the target
(<= 1 holds) and ratio to its baseline. `--quick` uses smaller sizes (a smoke run); the README
quotes a full run. Peers side by side: benchmarks/peers.py.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import common, gui, throughput  # noqa: E402

QUICK = "--quick" in sys.argv
if "--runs" in sys.argv:  # fewer runs on a busy machine; the JSON records how many
    common.RUNS = int(sys.argv[sys.argv.index("--runs") + 1])
IMPORT_RUNS = int(sys.argv[sys.argv.index("--import-runs") + 1]) if "--import-runs" in sys.argv else 3


def main() -> int:
    only = next((a.split("=", 1)[1].split(",") for a in sys.argv if a.startswith("--only=")), None)
    out = next((Path(sys.argv[i + 1]) for i, a in enumerate(sys.argv) if a == "--json"), None)
    tmp = Path(tempfile.mkdtemp(prefix="kzt-bench-"))
    # The windows measured here start from the default layout and leave the user's own alone
    # (they read and wrote the user's window.ini, so a run depended on what was opened before).
    os.environ["KZT_ANNOTATOR_CONFIG_DIR"] = str(tmp / "config")
    started = time.time()
    print(
        f"kzt-annotator benchmarks ({'quick' if QUICK else 'full'}), {os.cpu_count()} cores, "
        f"Python {sys.version.split()[0]}, medians of {common.RUNS}",
        flush=True,
    )

    def wanted(name: str) -> bool:
        return only is None or name in only

    def save(complete: bool) -> None:
        """Write the JSON so far: a run stopped early still leaves the figures it measured."""
        if out is None:
            return
        targeted = [f for f in common.RESULTS if f.target is not None]
        common.write_json(
            out,
            {
                "quick": QUICK,
                "complete": complete,
                "cores": os.cpu_count(),
                "python": sys.version.split()[0],
                "platform": platform.platform(),
                "runs": common.RUNS,
                "import_runs": 1 if QUICK else IMPORT_RUNS,
                "load_average_at_start": load_at_start,
                "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
                "seconds": round(time.time() - started),
                "held": len([f for f in targeted if f.ok]),
                "targeted": len(targeted),
            },
        )

    load_at_start = [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None
    if wanted("gui"):
        gui.profiling_app()
        gui.bench_window(tmp, "300,000-char article, 10,000 annotations", gui.long_article_project)
        save(False)
        gui.bench_window(tmp, "200 articles, 50,000 unreviewed", gui.review_project)
        save(False)
    if wanted("discrepancy"):
        gui.bench_discrepancy(tmp, 20_000 if QUICK else 100_000)
        save(False)
    sizes = (500, 2_000) if QUICK else (2_000, 10_000)
    corpus_db = None
    if wanted("import") or wanted("search") or wanted("start") or wanted("memory") or wanted("export"):
        for size in sizes:
            corpus_db = throughput.bench_import(tmp, size, runs=1 if QUICK else IMPORT_RUNS)
            save(False)
    assert corpus_db is not None or not (wanted("search") or wanted("start") or wanted("memory"))
    if wanted("export"):
        throughput.bench_export(tmp, corpus_db)
        save(False)
    if wanted("search"):
        throughput.bench_search(tmp, corpus_db, sizes[-1])
        save(False)
    if wanted("start"):
        throughput.bench_starts(tmp, corpus_db, sizes[-1])
        save(False)
    if wanted("memory"):
        throughput.bench_memory(tmp, corpus_db, sizes[-1])
    targeted = [f for f in common.RESULTS if f.target is not None]
    held = [f for f in targeted if f.ok]
    print(f"\n{len(held)} of {len(targeted)} targets held ({len(common.RESULTS) - len(targeted)} untargeted)")
    if out is not None:
        save(True)
        print(f"figures written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
