"""Codebook use cases on a real project: edits apply to the annotations that use an entry, undo
restores exactly, bad input changes nothing, CSV round trip."""

from dataclasses import replace

import pytest

from kzt_annotator.core.codebook import make_entry
from kzt_annotator.core.codebook_commands import MergeEntries, RenameEntry, SplitEntry
from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import CodebookKind
from kzt_annotator.services import codebook as service
from kzt_annotator.services.annotating import new_annotation
from tests.conftest import dump_database

Q, S, OUT = CodebookKind.QUANTITY, CodebookKind.SPEAKER, CodebookKind.OUTLET


def figure(repo, article_id, start, end, quantity):
    article = repo.article(article_id)
    return repo.add_annotation(
        new_annotation(article, Kind.FIGURE, start, end, "tester", {"quantity": quantity, "value": "18"})
    )


def test_rename_rewrites_every_annotation_and_undo_restores_them(corpus_repo, db_path):
    repo = corpus_repo
    service.add_entry(repo, make_entry(Q, "deaths", "Deaths"))
    service.add_entry(repo, make_entry(Q, "deaths.security", parent="deaths"))
    a = figure(repo, 1, 0, 5, "deaths")
    b = figure(repo, 2, 0, 5, "Deaths")
    other = figure(repo, 2, 10, 15, "detained")
    before = dump_database(db_path)
    command = RenameEntry(Q, "deaths", "deaths_total")
    changes = command.do(repo)
    assert changes.annotations == {a.id, b.id} and changes.codebook == {"quantity"}
    assert {repo.annotation(i).attributes.quantity for i in (a.id, b.id)} == {"deaths_total"}
    assert repo.annotation(other.id).attributes.quantity == "detained"
    book = service.load(repo)
    assert book.get(Q, "deaths.security").parent == "deaths_total" and book.get(Q, "deaths") is None
    command.undo(repo)
    assert repo.annotation(a.id).attributes.quantity == "deaths"
    assert repo.annotation(b.id).attributes.quantity == "Deaths"
    assert service.load(repo).get(Q, "deaths.security").parent == "deaths"
    command.do(repo)  # redo
    assert repo.annotation(b.id).attributes.quantity == "deaths_total"
    assert before != dump_database(db_path)


def test_merge_folds_spellings_into_aliases_and_moves_children(corpus_repo):
    repo = corpus_repo
    service.add_entry(repo, make_entry(S, "tokayev", "Kassym-Jomart Tokayev"))
    service.add_entry(repo, make_entry(S, "Kassym-Shomart Tokayev"))
    article = repo.article(1)
    said = repo.add_annotation(
        new_annotation(article, Kind.ATTRIBUTION, 0, 5, "tester", {"speaker": "Kassym-Shomart Tokayev"})
    )
    command = MergeEntries(S, ["Kassym-Shomart Tokayev"], "tokayev")
    command.do(repo)
    merged = service.load(repo).get(S, "tokayev")
    assert merged.aliases == ("Kassym-Shomart Tokayev",)
    assert repo.annotation(said.id).attributes.speaker == "tokayev"
    command.undo(repo)
    assert repo.annotation(said.id).attributes.speaker == "Kassym-Shomart Tokayev"
    assert service.load(repo).get(S, "Kassym-Shomart Tokayev") is not None


def test_split_moves_the_chosen_figures_to_a_new_child(corpus_repo):
    repo = corpus_repo
    service.add_entry(repo, make_entry(Q, "deaths"))
    police = figure(repo, 1, 0, 5, "deaths")
    protesters = figure(repo, 2, 0, 5, "deaths")
    new = make_entry(Q, "deaths.security_forces", "Security forces", parent="deaths")
    command = SplitEntry(Q, "deaths", new, [police.id])
    command.do(repo)
    assert repo.annotation(police.id).attributes.quantity == "deaths.security_forces"
    assert repo.annotation(protesters.id).attributes.quantity == "deaths"
    command.undo(repo)
    assert repo.annotation(police.id).attributes.quantity == "deaths"
    assert service.load(repo).get(Q, "deaths.security_forces") is None


def test_renaming_an_outlet_renames_it_on_its_articles(corpus_repo):
    repo = corpus_repo
    repo.update_article_meta(3, outlet="CNS")
    service.add_entry(repo, make_entry(OUT, "CNS", "Courthouse News Service"))
    changes = service.rename_entry(repo, OUT, "CNS", "courthouse")
    assert changes.articles == {3} and repo.article(3).outlet == "courthouse"


def test_delete_moves_children_up_and_keeps_annotation_text(corpus_repo):
    repo = corpus_repo
    service.add_entry(repo, make_entry(Q, "deaths"))
    service.add_entry(repo, make_entry(Q, "deaths.protesters", parent="deaths"))
    f = figure(repo, 1, 0, 5, "deaths")
    service.delete_entry(repo, Q, "deaths")
    assert service.load(repo).get(Q, "deaths.protesters").parent is None
    assert repo.annotation(f.id).attributes.quantity == "deaths"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda r: service.rename_entry(r, Q, "nope", "x"), "no quantity 'nope'"),
        (lambda r: service.move_entry(r, Q, "deaths", "deaths.protesters"), "cycle"),
        (lambda r: service.add_entry(r, make_entry(Q, "deaths")), "already has"),
        (lambda r: service.rename_entry(r, Q, "deaths", "deaths.protesters"), "merge the two"),
        (lambda r: service.add_entry(r, make_entry(S, "nazarbayev", aliases=["Tokayev"])), "already names"),
        (lambda r: make_entry(Q, "x", colour="blue"), "#RRGGBB"),
    ],
)
def test_bad_input_changes_nothing(repo, db_path, call, message):
    service.add_entry(repo, make_entry(Q, "deaths"))
    service.add_entry(repo, make_entry(Q, "deaths.protesters", parent="deaths"))
    service.add_entry(repo, make_entry(S, "tokayev", aliases=["Tokayev"]))
    before = dump_database(db_path)
    with pytest.raises(InvalidInput, match=message):
        call(repo)
    assert dump_database(db_path) == before


def test_csv_round_trip_reproduces_tree_colours_descriptions(repo, tmp_path):
    entries = [
        make_entry(Q, "deaths", "Deaths", colour="#C62828", description="All deaths; see memo"),
        make_entry(Q, "deaths.protesters", parent="deaths", description="=not a formula"),
        make_entry(S, "tokayev", "Kassym-Jomart Tokayev", aliases=["Tokayev", "Kassym-Shomart Tokayev"]),
    ]
    for entry in entries:
        service.add_entry(repo, entry)
    path = tmp_path / "codebook.csv"
    assert service.export_codebook(repo, path) == 3
    from kzt_annotator.store.repository import open_repository

    other = open_repository(tmp_path / "empty.sqlite")
    try:
        result = service.import_codebook(other, path)
        assert (result.added, result.updated, result.unchanged) == (3, 0, 0)
        assert sorted(other.codebook(), key=lambda e: e.key) == sorted(entries, key=lambda e: e.key)
        again = service.import_codebook(other, path)
        assert (again.added, again.unchanged) == (0, 3)
    finally:
        other.close()


def test_the_golden_csv(repo, tmp_path):
    service.add_entry(
        repo, make_entry(Q, "deaths", "Deaths", colour="#c62828", description="memo, with comma")
    )
    service.add_entry(repo, make_entry(Q, "deaths.protesters", parent="deaths"))
    service.add_entry(
        repo, make_entry(S, "tokayev", "Kassym-Jomart Tokayev", aliases=["Tokayev", "K-S Tokayev"])
    )
    path = tmp_path / "c.csv"
    service.export_codebook(repo, path)
    assert path.read_bytes() == (
        b"kind,key,label,parent,aliases,colour,description\r\n"
        b'quantity,deaths,Deaths,,,#C62828,"memo, with comma"\r\n'
        b"quantity,deaths.protesters,,deaths,,,\r\n"
        b"speaker,tokayev,Kassym-Jomart Tokayev,,Tokayev;K-S Tokayev,,\r\n"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kind,key\nquantity,a\nquantity,a\n", "appears twice"),
        ("kind,key,parent\nquantity,a,b\nquantity,b,a\n", "cycle"),
        ("kind,key,parent\nquantity,a,nope\n", "no quantity 'nope'"),
        ("kind,key\nplanet,a\n", "not a codebook kind"),
        ("kind,key,colour\nquantity,a,red\n", "row 2"),
        ("name,label\nx,y\n", "no kind or key column"),
    ],
)
def test_a_bad_codebook_file_changes_nothing(repo, db_path, tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    before = dump_database(db_path)
    from kzt_annotator.core.errors import KztError

    with pytest.raises(KztError, match=message):
        service.import_codebook(repo, path)
    assert dump_database(db_path) == before


def test_a_qdpx_is_read_but_not_written_by_the_codebook(repo, tmp_path):
    with pytest.raises(InvalidInput, match="only read by the codebook"):
        service.export_codebook(repo, tmp_path / "p.qdpx")


def test_a_value_changed_meanwhile_makes_the_whole_write_fail(corpus_repo):
    repo = corpus_repo
    service.add_entry(repo, make_entry(Q, "deaths"))
    f = figure(repo, 1, 0, 5, "deaths")
    command = RenameEntry(Q, "deaths", "deaths_total")
    command.do(repo)
    edited = repo.annotation(f.id)
    repo.update_annotation(replace(edited, attributes=replace(edited.attributes, quantity="killed")))
    from kzt_annotator.core.errors import ConflictError

    with pytest.raises(ConflictError):
        command.undo(repo)
    assert service.load(repo).get(Q, "deaths_total") is not None


def test_suggestions_name_values_as_the_codebook_does(corpus_repo):
    from kzt_annotator.services.suggestions import suggestions_for

    repo = corpus_repo
    article = next(repo.article(s.id) for s in repo.article_summaries() if s.source_file.startswith("001_"))
    before = {s.attributes.quantity for s in suggestions_for(repo, article, (Kind.FIGURE,))}
    assert "detained" in before
    service.add_entry(repo, make_entry(Q, "people_detained", "People detained", aliases=["detained"]))
    after = {s.attributes.quantity for s in suggestions_for(repo, article, (Kind.FIGURE,))}
    assert "people_detained" in after and "detained" not in after


def test_speaker_spellings_are_one_claimant_in_the_claims_matrix(corpus_repo):
    from kzt_annotator.services.figures import claims_matrix

    repo = corpus_repo
    service.add_entry(
        repo, make_entry(S, "tokayev", "Kassym-Jomart Tokayev", aliases=["Kassym-Shomart Tokayev", "Tokayev"])
    )
    for article_id, claimant in ((1, "Tokayev"), (1, "Kassym-Shomart Tokayev"), (3, "kassym-jomart tokayev")):
        article = repo.article(article_id)
        repo.add_annotation(
            new_annotation(
                article,
                Kind.CLAIM,
                0,
                5 + len(claimant),
                "tester",
                {"claim_key": "foreign", "claimant": claimant},
            )
        )
    matrix = claims_matrix(repo)
    assert {cell.claimants for cell in matrix.cells.values()} == {("Kassym-Jomart Tokayev",)}
