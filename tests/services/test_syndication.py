"""Syndicated copies are grouped on import, across imports, and exact copies stay single."""

import shutil

from kzt_annotator.services.importing import import_paths
from tests.conftest import CORPUS, FIXTURES

SYNDICATION = FIXTURES / "exports" / "syndication.txt"


def test_one_wire_story_under_three_outlets_is_one_group(repo):
    report = import_paths(repo, [SYNDICATION])
    assert [a.outlet for a in report.imported] == [
        "The Daily Steppe",
        "Caspian Herald",
        "Capital Times",
        "Caspian Herald",
    ]
    [group] = repo.syndication_groups()
    assert group.group_id == 1
    assert [m.article_id for m in group.members] == [1, 2, 3]
    assert group.outlets == ["The Daily Steppe", "Caspian Herald", "Capital Times"]
    assert [m.title for m in group.members][
        2
    ] == "Kazakh airport back in government hands as foreign troops arrive"
    groups = {s.id: s.syndication_group for s in repo.article_summaries()}
    assert groups == {1: 1, 2: 1, 3: 1, 4: None}
    assert repo.article(3).syndication_group == 1


def test_a_copy_imported_later_joins_the_group_and_the_sample_corpus_has_none(repo, tmp_path):
    import_paths(repo, [CORPUS])
    assert repo.syndication_groups() == []
    text = SYNDICATION.read_text(encoding="utf-8")
    parts = text.split("                               3 of 4 DOCUMENTS")
    (tmp_path / "first.txt").write_text(parts[0], encoding="utf-8")
    (tmp_path / "later.txt").write_text(
        "                               3 of 4 DOCUMENTS" + parts[1], encoding="utf-8"
    )
    import_paths(repo, [tmp_path / "first.txt"])
    [group] = repo.syndication_groups()
    assert [m.article_id for m in group.members] == [6, 7]
    import_paths(repo, [tmp_path / "later.txt"])
    [group] = repo.syndication_groups()
    assert [m.article_id for m in group.members] == [6, 7, 8]  # the unrelated 4th article stays out


def test_an_exact_copy_is_still_stored_once(repo, tmp_path):
    import_paths(repo, [SYNDICATION])
    shutil.copy(SYNDICATION, tmp_path / "again.txt")
    report = import_paths(repo, [tmp_path / "again.txt"])
    assert report.imported == [] and len(report.duplicates) == 4
    assert repo.count_articles() == 4
