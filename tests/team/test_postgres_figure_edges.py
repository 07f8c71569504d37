"""Interval edges worked out in SQL on PostgreSQL equal those worked out in Python."""

from __future__ import annotations

import pytest

from kzt_annotator.core.model import NewArticle
from kzt_annotator.store.repository import open_repository
from tests.services.test_figure_edges import FIXED, assert_same_groups
from tests.services.test_figure_index import _annotation
from tests.services.test_figure_partial import add_figures, assert_partial_equals_full

pytestmark = pytest.mark.postgres  # a real server: `-m "not postgres"` leaves them out


def test_sql_edges_equal_python_edges_on_postgres(pg_url):
    repo = open_repository(pg_url)
    try:
        stored, _ = repo.add_articles(
            [
                NewArticle(
                    text=f"article {i} " + "x" * 90, title=f"T{i}", source_file=f"{i}.txt", outlet=f"O{i % 4}"
                )
                for i in range(6)
            ]
        )
        repo.add_annotations([_annotation(stored, f) for f in FIXED])
        assert_same_groups(repo)
    finally:
        repo.close()


def test_a_partial_reload_equals_the_full_one_on_postgres(pg_url):
    repo = open_repository(pg_url)
    try:
        add_figures(repo)
        assert_partial_equals_full(repo)
    finally:
        repo.close()
