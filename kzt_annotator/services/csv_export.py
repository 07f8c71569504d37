"""Writing the analysis CSV fast: plain rows, in parts, the parts built on every core.

`csv.writer` itself takes about half of the time budget (at most twice a bare writer), and reading
a million rows from SQLite about a quarter, which leaves too little for building the rows in one
process. So a large export is cut into parts of whole articles; worker processes each read and
format a part into CSV text, and this process writes the parts to the file in order.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterator
from itertools import chain, groupby
from operator import itemgetter
from typing import IO, NamedTuple

from kzt_annotator.core.model import ArticleSummary
from kzt_annotator.io import csv_format
from kzt_annotator.services.parent_watch import watch_parent
from kzt_annotator.store.repository import AnnotationFilter, Repository, open_repository

PART_ROWS = 50_000  # annotations per part: enough to keep a worker busy, small enough to hold
# Starting the workers costs about a second; below this one process is faster (measured: 100,000
# annotations took 2.0 s in one process, 2.6 s with two workers; 1,000,000 took 14 s with them).
PARALLEL_FROM = 4 * PART_ROWS
Part = tuple[int, int, int]  # first article id, last article id, annotations

_worker: tuple[str, Repository, dict[int, ArticleSummary], tuple[str, ...]] | None = None  # per worker


class CsvWritten(NamedTuple):
    """What write_csv did: rows written, and which processes built the parts."""

    rows: int
    builders: dict[int, int]  # process id -> parts it built (only this process's: no workers ran)


def plan_parts(counts: list[tuple[int, int]], part_rows: int = PART_ROWS) -> list[Part]:
    """Consecutive article ranges of about `part_rows` annotations each (an article is never split)."""
    parts: list[Part] = []
    first, rows = None, 0
    for article_id, count in counts:
        if first is None:
            first = article_id
        rows += count
        if rows >= part_rows:
            parts.append((first, article_id, rows))
            first, rows = None, 0
    if first is not None:
        parts.append((first, counts[-1][0], rows))
    return parts


def part_text(
    repo: Repository,
    summaries: dict[int, ArticleSummary],
    flt: AnnotationFilter,
    part: Part,
    raw: bool,
    variables: tuple[str, ...] = (),
) -> str:
    """The CSV lines of one part (no header); `variables` are the names of the var_ columns."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180
    texts = repo.article_texts(part[0], part[1])
    layout = csv_format.CsvLayout(repo.schema())
    stream = chain.from_iterable(repo.iter_export_rows(flt, (part[0], part[1])))
    for article_id, group in groupby(stream, key=itemgetter(0)):
        ordered = sorted(group, key=itemgetter(3, 4))  # rows come by article; within it by start, end
        summary = summaries[article_id]
        cells = csv_format.article_cells(summary, raw=raw)
        rows = csv_format.stored_rows(cells, texts[article_id], ordered, raw=raw, layout=layout)
        keep = (lambda v: v) if raw else csv_format.neutralise
        # one column per document variable after the fixed ones, then the neutralised marker
        extra = [keep(summary.variables.get(name, "")) for name in variables] + csv_format.marker(raw=raw)
        if extra:
            rows = (row + extra for row in rows)
        writer.writerows(rows)
    return buffer.getvalue()


def _part_in_worker(url: str, flt: AnnotationFilter, part: Part, raw: bool) -> tuple[int, str]:
    global _worker
    if _worker is None or _worker[0] != url:
        repo = open_repository(url, migrate_db=False, backup_keep=0)
        names = tuple(v.name for v in repo.variables())
        _worker = (url, repo, {s.id: s for s in repo.article_summaries()}, names)
    return os.getpid(), part_text(_worker[1], _worker[2], flt, part, raw, _worker[3])


def _texts(
    repo: Repository, flt: AnnotationFilter, parts: list[Part], raw: bool, parallel: bool
) -> Iterator[tuple[int, str]]:
    """Each part's CSV text, in order, with the id of the process that built it."""
    summaries = {s.id: s for s in repo.article_summaries()}
    names = tuple(v.name for v in repo.variables())
    done = 0
    if parallel:  # the process machinery loads only here: a small export runs in one process
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        context = multiprocessing.get_context("spawn")  # safe beside Qt's threads
        try:
            with ProcessPoolExecutor(
                max_workers=os.cpu_count(), mp_context=context, initializer=watch_parent
            ) as pool:
                jobs = [pool.submit(_part_in_worker, repo.url, flt, part, raw) for part in parts]
                try:
                    for job in jobs:
                        yield job.result()
                        done += 1
                finally:
                    for job in jobs:
                        job.cancel()  # cancelled or failed: do not start the parts left
            return
        except (BrokenProcessPool, OSError):
            pass  # no worker processes here (a frozen app, a sandbox): do the rest in this process
    for part in parts[done:]:
        yield os.getpid(), part_text(repo, summaries, flt, part, raw, names)


def write_csv(
    repo: Repository,
    handle: IO[str],
    flt: AnnotationFilter,
    *,
    raw: bool,
    tick: Callable[[int, int], None],
    part_rows: int = PART_ROWS,
    parallel: bool | None = None,
) -> CsvWritten:
    """Write header and rows to `handle`; `tick(annotations done, total)` between parts.

    `parallel`: None decides by size; True/False force it (a database only this process can
    open is never shared)."""
    columns = csv_format.CsvLayout(repo.schema()).columns + tuple(v.column for v in repo.variables())
    csv.writer(handle, lineterminator="\r\n").writerow(csv_format.header(columns, raw=raw))
    parts = plan_parts(repo.export_counts(flt), part_rows)
    total = sum(p[2] for p in parts)
    if parallel is None:  # worker processes pay off only for large exports
        parallel = total >= PARALLEL_FROM and (os.cpu_count() or 1) > 1
    parallel = parallel and _shareable(repo)
    written, builders = 0, {}
    for part, (builder, text) in zip(parts, _texts(repo, flt, parts, raw, parallel), strict=True):
        tick(written, total)
        handle.write(text)
        written += part[2]
        builders[builder] = builders.get(builder, 0) + 1
    return CsvWritten(written, builders)


def _shareable(repo: Repository) -> bool:
    """Whether another process can open the same database (not an in-memory SQLite one)."""
    return repo.db_file is not None or repo.engine.dialect.name == "postgresql"
