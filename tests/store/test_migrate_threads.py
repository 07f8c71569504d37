"""New projects opened on several threads at once: Alembic runs one migration at a time through
module-level proxies, so the upgrades take turns (store/migrate.py) instead of running into each
other ("table annotators already exists")."""

from __future__ import annotations

import threading

import pytest

from kzt_annotator.store.repository import open_repository


@pytest.mark.parametrize("same_file", [False, True])
def test_projects_opened_on_three_threads_at_once_all_open(tmp_path, same_file):
    barrier = threading.Barrier(3)
    errors: list[str] = []
    paths = [tmp_path / ("same.sqlite" if same_file else f"p{i}.sqlite") for i in range(3)]

    def open_one(path) -> None:  # noqa: ANN001
        barrier.wait()
        try:
            repo = open_repository(path, backup_keep=0)
            repo.article_summaries()
            repo.close()
        except Exception as exc:  # noqa: BLE001 - the test reports whatever went wrong
            errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=open_one, args=(path,)) for path in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
