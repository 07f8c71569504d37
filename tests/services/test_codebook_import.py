"""Importing a codebook merges it into the project's: an entry the file describes with less
detail keeps what the project has, a spelling of an existing entry never becomes an entry of its
own, the summary says what changed, and a backup is taken first."""

import pytest

from kzt_annotator.core.codebook import Codebook, make_entry
from kzt_annotator.core.codebook_merge import merge_import
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import CodebookKind
from kzt_annotator.services import codebook as service
from kzt_annotator.services.annotating import new_annotation
from kzt_annotator.services.qda_codebook import write_qdc
from kzt_annotator.services.qdpx_export import export_qdpx
from kzt_annotator.store.backup import list_backups
from tests.conftest import dump_database

Q, S, OUT = CodebookKind.QUANTITY, CodebookKind.SPEAKER, CodebookKind.OUTLET

GOOD_CSV = (
    "kind,key,label,parent,aliases,colour,description\n"
    "quantity,deaths,Deaths,,,#C62828,All deaths\n"
    "quantity,deaths.protesters,Protesters killed,deaths,,#AA0000,Protesters only\n"
    "speaker,Kassym-Jomart Tokayev,President Tokayev,,Tokayev,#1565C0,Head of state\n"
    "outlet,Courthouse News Service,CNS,,,#00AA00,US legal news\n"
)


def by_key(repo):
    return {(e.kind, e.key): e for e in repo.codebook()}


def test_the_projects_own_earlier_qdpx_keeps_labels_colours_descriptions_and_aliases(corpus_repo, tmp_path):
    """The tester's steps: a .qdpx exported before the codebook was filled in carries bare keys
    (the speaker `Tokayev` as used in an annotation); importing it after a full CSV codebook
    changed nothing the CSV gave, and `Tokayev` stays an alias."""
    repo = corpus_repo
    article = repo.article(1)
    repo.add_annotation(new_annotation(article, Kind.ATTRIBUTION, 0, 10, "tester", {"speaker": "Tokayev"}))
    repo.add_annotation(
        new_annotation(article, Kind.FIGURE, 20, 30, "tester", {"quantity": "deaths", "value": "3"})
    )
    qdpx = tmp_path / "a.qdpx"
    export_qdpx(repo, qdpx)
    csv = tmp_path / "cb_good.csv"
    csv.write_text(GOOD_CSV, encoding="utf-8")
    assert service.import_codebook(repo, csv).added == 4
    before = by_key(repo)

    result = service.import_codebook(repo, qdpx)

    assert by_key(repo) == before
    assert (result.added, result.updated) == (0, 0)
    assert "'Tokayev' is the speaker 'Kassym-Jomart Tokayev'" in result.summary
    assert service.load(repo).resolve(S, "Tokayev").key == "Kassym-Jomart Tokayev"
    assert result.backup is None  # nothing changed, nothing to back up


def test_fields_the_file_gives_replace_and_the_rest_are_kept(repo, tmp_path):
    service.add_entry(repo, make_entry(Q, "deaths", "Deaths", colour="#C62828", description="All deaths"))
    service.add_entry(repo, make_entry(S, "Kassym-Jomart Tokayev", "President", aliases=["Tokayev"]))
    path = tmp_path / "bare.qdc"
    write_qdc(
        path,
        [
            make_entry(Q, "deaths", colour="#00FF00"),  # a new colour, nothing else
            make_entry(S, "Kassym-Jomart Tokayev", aliases=["K-J Tokayev"]),
            make_entry(S, "tokayev", description="from another tool"),  # the alias, in lower case
            make_entry(Q, "injured", "Injured"),
        ],
    )
    result = service.import_codebook(repo, path)

    book = by_key(repo)
    deaths = book[(Q, "deaths")]
    assert (deaths.label, deaths.colour, deaths.description) == ("Deaths", "#00FF00", "All deaths")
    tokayev = book[(S, "Kassym-Jomart Tokayev")]
    assert tokayev.label == "President"
    assert tokayev.aliases == ("Tokayev", "K-J Tokayev")
    assert tokayev.description == "from another tool"
    assert (S, "tokayev") not in book and (Q, "injured") in book
    assert (result.added, result.updated, result.unchanged) == (1, 2, 0)
    assert result.summary.startswith("1 added, 2 updated (colour, description, aliases), 0 unchanged;")


def test_a_backup_is_taken_before_a_codebook_import(repo, db_path, tmp_path):
    service.add_entry(repo, make_entry(Q, "deaths", "Deaths"))
    before = dump_database(db_path)
    path = tmp_path / "c.csv"
    path.write_text("kind,key,colour\nquantity,deaths,#C62828\n", encoding="utf-8")
    result = service.import_codebook(repo, path)
    backups = [b for b in list_backups(db_path) if b.reason == "before-codebook-import"]
    assert len(backups) == 1 and result.backup == backups[0].path
    assert dump_database(backups[0].path) == before


def test_undo_of_a_merged_import_restores_the_entries(repo, db_path, tmp_path):
    service.add_entry(repo, make_entry(S, "Kassym-Jomart Tokayev", "President", aliases=["Tokayev"]))
    before = dump_database(db_path)
    path = tmp_path / "c.qdc"
    write_qdc(path, [make_entry(S, "Kassym-Jomart Tokayev", colour="#123456"), make_entry(S, "Nazarbayev")])
    command, _ = service.import_command(repo, path)
    command.do(repo)
    assert by_key(repo)[(S, "Kassym-Jomart Tokayev")].colour == "#123456"
    command.undo(repo)
    assert dump_database(db_path) == before


@pytest.mark.parametrize(
    ("incoming", "expected_parent"),
    [
        (make_entry(Q, "deaths.protesters"), "deaths"),  # no parent in the file: kept
        (make_entry(Q, "deaths.protesters", parent="casualties"), "casualties"),  # moved
    ],
)
def test_a_parent_the_file_leaves_out_is_kept(incoming, expected_parent):
    book = Codebook(
        [
            make_entry(Q, "deaths"),
            make_entry(Q, "casualties"),
            make_entry(Q, "deaths.protesters", parent="deaths"),
        ]
    )
    plan = merge_import(book, [incoming])
    assert plan.put[(Q, "deaths.protesters")].parent == expected_parent


def test_children_of_a_matched_spelling_go_under_the_existing_entry():
    book = Codebook([make_entry(OUT, "Courthouse News Service", "CNS")])
    plan = merge_import(book, [make_entry(OUT, "CNS"), make_entry(OUT, "CNS West", parent="CNS")])
    assert plan.put[(OUT, "CNS West")].parent == "Courthouse News Service"
    assert (OUT, "CNS") not in plan.put and plan.added == 1
