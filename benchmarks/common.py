"""What every benchmark shares: the result list, medians, set-up helpers, child processes."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5  # each figure is the median of this many runs


@dataclass
class Figure:
    """One measured figure. `target` is None for an untargeted line (never counted as a pass)."""

    name: str
    value: float
    unit: str
    target: float | None = None
    better: str = "lower"  # "lower" or "higher" is better
    baseline: float | None = None
    baseline_name: str = ""
    runs: int = 1
    note: str = ""

    @property
    def ok(self) -> bool | None:
        if self.target is None:
            return None
        return self.value <= self.target if self.better == "lower" else self.value >= self.target

    @property
    def target_ratio(self) -> float | None:
        """value / target (lower is better) or target / value (higher is better): <= 1 holds."""
        if self.target is None or not self.value:
            return None
        return self.value / self.target if self.better == "lower" else self.target / self.value

    def as_json(self) -> dict:
        data = asdict(self)
        data.update(ok=self.ok, target_ratio=self.target_ratio)
        data["baseline_ratio"] = self.value / self.baseline if self.baseline else None
        return data


RESULTS: list[Figure] = []


def report(figure: Figure) -> Figure:
    RESULTS.append(figure)
    status = {True: "PASS", False: "MISS", None: "    "}[figure.ok]
    target = (
        ""
        if figure.target is None
        else f"  target {'<=' if figure.better == 'lower' else '>='} {figure.target:g}"
    )
    base = (
        f"  {figure.value / figure.baseline:.2f}x {figure.baseline_name or 'baseline'} ({figure.baseline:.4g})"
        if figure.baseline
        else ""
    )
    print(f"{status}  {figure.name}: {figure.value:.4g} {figure.unit}{target}{base}", flush=True)
    return figure


def write_json(path: Path, meta: dict) -> None:
    data = {"meta": meta, "figures": [f.as_json() for f in RESULTS]}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def median_of(fn: Callable[[], float | None], runs: int | None = None) -> float:
    """The median of `runs` (default RUNS) calls; `fn` returns its own measurement, or None to be
    timed here."""
    samples = []
    runs = RUNS if runs is None else runs
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        measured = fn()
        samples.append(time.perf_counter() - start if measured is None else measured)
    return statistics.median(samples)


def fill_annotations(
    db: Path,
    article_id: int,
    text: str,
    count: int,
    kinds=("claim", "attribution", "figure"),
    seed: int = 5,
    status: str = "proposed",
) -> None:
    """Bulk-insert annotations straight into SQLite (set-up, not measured)."""
    rng = random.Random(seed)
    connection = sqlite3.connect(db)
    annotator = connection.execute(
        "insert into annotators(name, created_at) values ('bench', '2026-01-01') "
        "on conflict(name) do update set name=name returning id"
    ).fetchone()[0]
    rows = []
    for _ in range(count):
        start = rng.randrange(0, len(text) - 60)
        end = start + rng.randrange(5, 60)
        kind = rng.choice(kinds)
        attrs = (
            {
                "quantity": rng.choice(["deaths", "detained", "troops", "injured"]),
                "value": rng.randint(1, 20000),
                "qualifier": rng.choice(["exact", "more_than", "up_to", "approximately"]),
            }
            if kind == "figure"
            else {}
        )
        rows.append(
            (
                str(uuid.uuid4()),
                article_id,
                kind,
                start,
                end,
                text[start:end],
                json.dumps(attrs),
                "",
                annotator,
            )
            + (status, "[]", "", "2026-01-01 00:00:00", "2026-01-01 00:00:00", 1, 0)
        )
    connection.executemany(
        "insert into annotations(id, article_id, kind, start, end, text, attributes, note, annotator_id, status, "
        "linked_ids, review_note, created_at, updated_at, version, orphaned) values "
        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    connection.commit()
    connection.close()


@contextlib.contextmanager
def cli_server(env: dict[str, str]) -> Iterator[dict[str, str]]:
    """`env` for CLI processes served by a warm server (cli_client.py) of their own, in a private
    runtime directory; `warm(env, args)` starts it. The server is stopped on leaving."""
    runtime = tempfile.mkdtemp(prefix="kzt", dir="/tmp")  # a socket's path has ~100 bytes of room
    served = dict(env, XDG_RUNTIME_DIR=runtime, KZT_ANNOTATOR_CLI_SERVER="120")
    try:
        yield served
    finally:
        for lock in Path(runtime, "kzt-annotator").glob("*.lock"):
            pid = lock.read_text().strip()
            if pid:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(int(pid), signal.SIGTERM)
        shutil.rmtree(runtime, ignore_errors=True)


def warm(env: dict[str, str], args: list[str], code: str | None = None) -> None:
    """Run one CLI verb as the measured processes run it, so that it starts the server they use,
    and wait until that server listens. `code`: their `python -c` text; without it, `python -m
    kzt_annotator.cli ARGS`. A server serves only processes with its module search path
    (cli_client.fingerprint), and `-c` puts "" first on the path where `-m` puts the working
    directory: a server warmed one way is not found by processes started the other way."""
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "kzt_annotator.cli", *args]
    subprocess.run(command, env=env, check=True, capture_output=True, cwd=ROOT)
    folder = Path(env["XDG_RUNTIME_DIR"], "kzt-annotator")
    deadline = time.monotonic() + 60
    while not list(folder.glob("*.sock")):
        if time.monotonic() > deadline:
            raise TimeoutError("the CLI server did not start")
        time.sleep(0.05)
    time.sleep(0.2)  # listening once the socket exists; let its start-up settle


def child_env(tmp: Path) -> dict[str, str]:
    """Environment of a measured child process: offscreen, its own settings, a fixed annotator."""
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        KZT_ANNOTATOR_CONFIG_DIR=str(tmp / "cfg"),
        KZT_ANNOTATOR_USER="bench",
        KZT_ANNOTATOR_CLI_SERVER="off",  # measured as run on its own; cli_server() switches it on
    )
