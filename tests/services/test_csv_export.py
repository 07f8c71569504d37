"""A large CSV export is cut into parts of whole articles, built in worker processes, same bytes."""

from __future__ import annotations

import io
import os

from kzt_annotator.services.csv_export import plan_parts, write_csv
from kzt_annotator.store.repository import AnnotationFilter
from tests.figures_fixture import tag_corpus_figures


def test_parts_hold_whole_articles_of_about_the_wanted_size():
    counts = [(1, 3), (2, 3), (4, 10), (7, 1), (9, 1)]
    assert plan_parts(counts, 5) == [(1, 2, 6), (4, 4, 10), (7, 9, 2)]
    assert plan_parts([], 5) == []
    assert sum(p[2] for p in plan_parts(counts, 1)) == 18


def test_worker_processes_write_the_same_csv_as_one_process(corpus_repo):
    tag_corpus_figures(corpus_repo)
    parts = len(plan_parts(corpus_repo.export_counts(AnnotationFilter()), 3))
    outputs, ticks, builders = [], [], []
    for parallel in (False, True):
        buffer = io.StringIO(newline="")
        written = write_csv(
            corpus_repo,
            buffer,
            AnnotationFilter(),
            raw=False,
            tick=lambda done, total: ticks.append((done, total)),
            part_rows=3,
            parallel=parallel,
        )
        outputs.append((written.rows, buffer.getvalue()))
        builders.append(written.builders)
    assert outputs[0] == outputs[1] and outputs[0][0] == 19
    assert parts >= 3 and len(set(ticks)) > 2  # progress between parts
    assert outputs[0][1].count("\r\n") == 20
    # one process built every part, then worker processes did (no silent fallback to this one)
    assert builders[0] == {os.getpid(): parts}
    assert os.getpid() not in builders[1] and sum(builders[1].values()) == parts
