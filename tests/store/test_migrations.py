"""Every schema revision: a database made by the previous revision migrates with its data; a failed
migration leaves the file as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kzt_annotator.core.errors import KztError
from kzt_annotator.store.engine import make_engine
from kzt_annotator.store.migrate import (
    MIGRATIONS,
    SCHEMA_HEAD,
    alembic_config,
    current_revision,
    head_revision,
    upgrade,
)
from kzt_annotator.store.repository import open_repository
from tests.conftest import dump_database

FIXTURES = Path(__file__).parent / "fixtures"


def revisions() -> list[str]:
    return sorted(p.name.split("_", 1)[0] for p in (Path(MIGRATIONS) / "versions").glob("0*.py"))


def test_every_revision_but_the_first_has_a_fixture_from_its_predecessor():
    revs = revisions()
    for previous in revs[:-1]:
        assert (FIXTURES / f"schema_{previous}.sqlite").exists(), f"add a fixture made by revision {previous}"


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("schema_*.sqlite")))
def test_fixture_migrates_to_head_with_its_data(tmp_path, fixture):
    path = tmp_path / fixture
    shutil.copy(FIXTURES / fixture, path)
    repo = open_repository(path)
    try:
        assert current_revision(repo.engine) == head_revision()
        [annotation] = repo.annotations()
        assert annotation.text == "2,500 paratroopers" and annotation.orphaned is False
        assert repo.article(1).title == "Old project"
        # 0004 filled the figure index from the figures already there
        [(quantity, *_rest, count, low, high)] = [r[:7] + r[7:9] for r in repo.figure_summary()]
        assert (quantity, count, low, high) == ("troops", 1, 2500, 2500)
    finally:
        repo.close()


def test_a_failed_migration_leaves_the_file_untouched(tmp_path):
    broken = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, broken, ignore=shutil.ignore_patterns("__pycache__"))
    head = head_revision()
    (broken / "versions" / "9999_broken.py").write_text(
        f'revision = "9999"\ndown_revision = "{head}"\nbranch_labels = None\ndepends_on = None\n\n'
        "from alembic import op\n\n\ndef upgrade():\n"
        "    op.execute('CREATE TABLE half_done (id INTEGER)')\n"
        "    op.execute('ALTER TABLE no_such_table ADD COLUMN x INTEGER')\n\n\ndef downgrade():\n    pass\n"
    )
    path = tmp_path / "p.sqlite"
    open_repository(path).close()
    before = dump_database(path)
    engine = make_engine(f"sqlite:///{path}")
    try:
        with pytest.raises(KztError, match="left unchanged"):
            upgrade(engine, path, config=alembic_config(str(broken)))
    finally:
        engine.dispose()
    assert dump_database(path) == before


def test_the_schema_head_constant_names_the_newest_migration():
    assert SCHEMA_HEAD == head_revision() == revisions()[-1]


def test_0014_goes_back_to_0013_and_up_again_keeping_the_figure_index(corpus_repo):
    """The figure index keyed in group order (0014) goes back to 0013's key order and up again
    with the same rows, and its triggers still keep it current."""
    from alembic import command
    from sqlalchemy import text

    from kzt_annotator.store.migrate import alembic_config, current_revision
    from tests.figures_fixture import tag_corpus_figures

    tag_corpus_figures(corpus_repo)
    engine = corpus_repo.engine

    def summary():
        with engine.connect() as connection:
            return sorted(connection.execute(text("SELECT * FROM figure_summary")).all())

    before = summary()
    config = alembic_config()
    for target in ("0013", "head"):
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            (command.downgrade if target == "0013" else command.upgrade)(config, target)
        assert summary() == before
    assert current_revision(engine) == "0014"
    tag_corpus_figures(corpus_repo, annotator="bob")
    assert sum(row.n for row in summary()) == 2 * sum(row.n for row in before)
