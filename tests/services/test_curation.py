"""Curation: roles, states, units with their differences, auto-merge, decisions, and what feeds
discrepancies and agreement afterwards."""

from __future__ import annotations

import json

import pytest

from kzt_annotator.cli import main
from kzt_annotator.core.curation import CURATED_LAYER
from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.kinds import Kind, Status
from kzt_annotator.services import annotating, curation
from kzt_annotator.services.figures import discrepancies
from kzt_annotator.services.review import agreement_reports, copy_to_curated_command, review_queue
from tests.figures_fixture import article_for


def tag(repo, article, phrase, who, kind=Kind.FIGURE, **attrs):
    start = article.text.index(phrase)
    return annotating.annotate(
        repo, annotating.new_annotation(article, kind, start, start + len(phrase), who, attrs)
    )


@pytest.fixture
def two_layers(corpus_repo):
    """alice and bob tag article 002 (Courthouse News Service): two spans alike, one differs,
    one only alice tagged."""
    article = article_for(corpus_repo, "002")
    for who in ("alice", "bob"):
        tag(corpus_repo, article, "18 security officers", who, quantity="deaths.security_forces", value="18")
        tag(corpus_repo, article, "More than 3,000 people", who, quantity="detained", value="3000")
    tag(corpus_repo, article, "2,500 paratroopers", "alice", quantity="troops", value="2500")
    tag(corpus_repo, article, "2,500 paratroopers", "bob", quantity="troops.csto", value="2500")
    tag(corpus_repo, article, "26 “armed criminals”", "alice", quantity="deaths.armed_criminals", value="26")
    curation.set_role(corpus_repo, "carol", "curator")
    return corpus_repo, article


def test_units_show_field_differences(two_layers):
    repo, article = two_layers
    units = curation.curation_units(repo, article.id)
    assert [u.agreed for u in units].count(True) == 2
    troops = next(u for u in units if u.versions["alice"].text == "2,500 paratroopers")
    assert not troops.agreed
    [difference] = troops.differences
    assert difference.field == "quantity" and difference.values == {"alice": "troops", "bob": "troops.csto"}
    lonely = next(u for u in units if u.versions["alice"].text == "26 “armed criminals”")
    assert set(lonely.versions) == {"alice"} and not lonely.agreed
    assert any(d.field == "span" and d.values["bob"] == "—" for d in lonely.differences)


def test_session_auto_merge_decide_and_what_counts_afterwards(two_layers):
    repo, article = two_layers
    before = [r for r in agreement_reports(repo) if r.scope == "overall"][0]
    units = curation.curation_units(repo, article.id)
    command = curation.auto_merge_command(units, "carol")
    command.do(repo)
    assert len(command.copies) == 2
    units = curation.curation_units(repo, article.id)
    left = [u for u in units if u.curated is None]
    assert len(left) == 2
    troops = next(u for u in left if u.versions["alice"].text == "2,500 paratroopers")
    curation.take_command([troops], "bob", "carol").do(repo)
    lonely = next(u for u in left if u is not troops)
    curation.take_command([lonely], "alice", "carol").do(repo)
    curated = [a for a in repo.annotations() if a.annotator == CURATED_LAYER]
    assert len(curated) == 4 and all(a.status is Status.ACCEPTED for a in curated)
    # The originals left the review queue: identical ones curated, the other version rejected
    assert review_queue(repo, article_id=article.id) == []
    statuses = {(a.annotator, a.text): a.status for a in repo.annotations() if a.annotator != CURATED_LAYER}
    assert statuses[("bob", "2,500 paratroopers")] is Status.CURATED
    assert statuses[("alice", "2,500 paratroopers")] is Status.REJECTED
    # Discrepancies now read the curated layer alone for this article: one report per unit
    reports = [r for g in discrepancies(repo) for r in g.reports if r.article_id == article.id]
    assert sorted((r.annotator, r.text) for r in reports) == sorted((CURATED_LAYER, a.text) for a in curated)
    troops_group = next(g for g in discrepancies(repo) if g.quantity == "troops.csto")
    assert [r.annotator for r in troops_group.reports] == [CURATED_LAYER]
    # Agreement is between people and unchanged by curation
    after = [r for r in agreement_reports(repo) if r.scope == "overall"][0]
    assert after.annotators == ["alice", "bob"] == before.annotators
    assert [(p.f1_exact, p.cohen_kappa, p.matched) for p in after.pairs] == [
        (p.f1_exact, p.cohen_kappa, p.matched) for p in before.pairs
    ]


def test_every_decision_is_undoable(two_layers):
    repo, article = two_layers
    before = {a.id: a.status for a in repo.annotations()}
    command = curation.auto_merge_command(curation.curation_units(repo, article.id), "carol")
    command.do(repo)
    command.undo(repo)
    assert {a.id: a.status for a in repo.annotations()} == before
    command.do(repo)  # redo after undo passes the version check
    assert sum(1 for a in repo.annotations() if a.annotator == CURATED_LAYER) == 2


def test_majority_and_bad_choices(two_layers):
    repo, article = two_layers
    units = curation.curation_units(repo, article.id)
    troops = next(u for u in units if u.versions["alice"].text == "2,500 paratroopers")
    with pytest.raises(InvalidInput, match="no majority"):
        curation.take_command([troops], "majority", "carol")
    lonely = next(u for u in units if u.versions["alice"].text == "26 “armed criminals”")
    with pytest.raises(InvalidInput, match="'bob' did not tag it"):
        curation.take_command([lonely], "bob", "carol")
    with pytest.raises(InvalidInput, match="not a curator"):
        curation.check_curator(repo, "alice")


def test_review_copy_goes_to_the_curated_layer_and_leaves_the_queue(two_layers):
    repo, article = two_layers
    original = next(
        a for a in repo.annotations() if a.annotator == "alice" and a.text == "26 “armed criminals”"
    )
    copy_to_curated_command(repo, original, "carol").do(repo)
    assert repo.annotation(original.id).status is Status.CURATED
    assert original.id not in {a.id for a in review_queue(repo)}
    overall = agreement_reports(repo)[0]
    assert overall.annotators == ["alice", "bob"]  # the copy is not an annotator
    with pytest.raises(InvalidInput, match="curated layer"):
        agreement_reports(repo, ["alice", CURATED_LAYER])


def test_states_and_team_progress(two_layers):
    repo, article = two_layers
    people, rows = curation.team_progress(repo)
    assert people == ["alice", "bob", "carol"]
    row = next(r for r in rows if r.article_id == article.id)
    assert row.states == {"alice": "in_progress", "bob": "in_progress", "carol": "not_started"}
    assert row.counts["alice"] == 4 and not row.ready
    curation.finish(repo, article.id, "alice")
    curation.finish(repo, article.id, "bob")
    row = next(r for r in curation.team_progress(repo)[1] if r.article_id == article.id)
    assert row.ready and row.states["alice"] == "finished"
    with pytest.raises(InvalidInput, match="curated layer's name"):
        curation.finish(repo, article.id, CURATED_LAYER)


def test_cli_session(two_layers, capsys):
    repo, article = two_layers
    db = str(repo.db_file)
    assert main(["finish", str(article.id), "--db", db, "--annotator", "alice"]) == 0
    assert main(["curate", str(article.id), "--db", db, "--annotator", "alice", "--auto-merge"]) == 1
    assert "not a curator" in capsys.readouterr().err
    code = main(
        ["curate", str(article.id), "--db", db, "--annotator", "carol", "--auto-merge", "--format", "json"]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["merged_automatically"] == 2
    open_units = [u for u in data["units"] if u["state"] == "open"]
    assert len(open_units) == 2
    troops = next(u for u in open_units if u["differences"][0]["field"] == "quantity")
    code = main(
        [
            "curate",
            str(article.id),
            "--db",
            db,
            "--annotator",
            "carol",
            "--unit",
            str(troops["unit"]),
            "--take",
            "alice",
            "--done",
            "--allow-undecided",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0 and "1 of 4 units still to decide" in out
    code = main(["curation-status", "--db", db, "--format", "json"])
    status = json.loads(capsys.readouterr().out)
    row = next(r for r in status["articles"] if r["article_id"] == article.id)
    assert row["curation"] == "curated" and row["curated_annotations"] == 3 and row["curator"] == "carol"
    assert row["states"]["alice"] == "finished" and row["states"]["bob"] == "in_progress"
    assert main(["curate", str(article.id), "--db", db, "--annotator", "carol", "--unit", "99"]) == 1
    assert "no unit 99" in capsys.readouterr().err


def test_annotations_belong_to_their_annotator(two_layers, capsys):
    repo, article = two_layers
    alices = next(a for a in repo.annotations() if a.annotator == "alice")
    db = str(repo.db_file)
    assert main(["delete-annotation", alices.id, "--db", db, "--annotator", "bob"]) == 1
    assert "belongs to alice" in capsys.readouterr().err
    assert repo.annotation(alices.id).id == alices.id  # nothing was deleted
    assert main(["delete-annotation", alices.id, "--db", db, "--annotator", "alice"]) == 0
    # The curated layer is the curators' to change
    command = curation.auto_merge_command(curation.curation_units(repo, article.id), "carol")
    command.do(repo)
    curated = command.copies[0]
    assert main(["delete-annotation", curated.id, "--db", db, "--annotator", "bob"]) == 1
    assert "only by curators" in capsys.readouterr().err
    assert main(["delete-annotation", curated.id, "--db", db, "--annotator", "carol"]) == 0


def test_team_mode_annotator_is_the_database_login():
    from kzt_annotator.store.location import database_login

    assert database_login("postgresql+psycopg://alice:secret@db.example.org/news") == "alice"
    assert database_login("postgresql+psycopg://b%C3%B6b@host/news") == "böb"
    assert database_login("sqlite:////tmp/x.sqlite") is None


def test_two_annotators_versions_are_one_report_of_their_article(corpus_repo):
    """Issue case: two annotators' versions of one span must not count as two outlets' reports."""
    article = article_for(corpus_repo, "002")
    tag(corpus_repo, article, "18 security officers", "alice", quantity="deaths.security_forces", value="18")
    tag(corpus_repo, article, "18 security officers", "bob", quantity="deaths.security_forces", value="19")
    other = article_for(corpus_repo, "000")
    start = other.text.index("troops")
    annotating.annotate(
        corpus_repo,
        annotating.new_annotation(
            other,
            Kind.FIGURE,
            start,
            start + 6,
            "alice",
            {"quantity": "deaths.security_forces", "value": "18"},
        ),
    )
    [group] = [g for g in discrepancies(corpus_repo) if g.quantity == "deaths.security_forces"]
    assert len(group.reports) == 2  # one row per article
    merged = next(r for r in group.reports if r.article_id == article.id)
    assert merged.annotator == "alice, bob" and merged.spread == (18.0, 19.0) and merged.value is None
    assert merged.interval.low == 18.0 and merged.interval.high == 19.0
    # The relation is still judged from every annotator's reading: bob's 19 conflicts with the
    # other article's 18 until a curator settles the article
    assert group.relation.label == "conflicting"
    every = [
        g for g in discrepancies(corpus_repo, every_annotator=True) if g.quantity == "deaths.security_forces"
    ]
    assert len(every[0].reports) == 3


def test_the_refusal_names_a_command_that_grants_the_role_on_this_project(two_layers, tmp_path, monkeypatch):
    """The command in the message carries this project's --db: run as given (from another
    folder, with another default project), it makes alice a curator here."""
    import re
    import shlex

    repo, _article = two_layers
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KZT_ANNOTATOR_DB", str(tmp_path / "default.sqlite"))
    with pytest.raises(InvalidInput) as refused:
        curation.check_curator(repo, "alice")
    [command] = re.findall(r"`([^`]+)`", str(refused.value))
    argv = shlex.split(command)
    assert argv[:3] == ["kzt-annotator", "--db", str(repo.db_file)]
    assert main(argv[1:]) == 0
    assert curation.check_curator(repo, "alice") == "alice"
    assert not (tmp_path / "default.sqlite").exists()


def test_done_with_undecided_units_is_refused_and_writes_nothing(two_layers, capsys):
    repo, article = two_layers
    db = str(repo.db_file)
    before = sorted(a.id for a in repo.annotations())
    code = main(["curate", str(article.id), "--db", db, "--annotator", "carol", "--auto-merge", "--done"])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "2 of 4 units are still undecided" in err
    assert f"curate {article.id} --unit N --take NAME|majority" in err and "--allow-undecided" in err
    assert sorted(a.id for a in repo.annotations()) == before  # not even the auto-merge ran
    assert curation.curation_state(repo, article.id) == "open"
    # deciding the last units in the same command closes it
    units = curation.curation_units(repo, article.id)
    open_numbers = [str(u.number) for u in units if not u.agreed]
    argv = ["curate", str(article.id), "--db", db, "--annotator", "carol", "--auto-merge", "--done"]
    for number in open_numbers:
        argv += ["--unit", number]
    assert main([*argv, "--take", "alice"]) == 0, capsys.readouterr().err
    assert "0 of 4 units still to decide" in capsys.readouterr().out
    assert curation.curation_state(repo, article.id) == "curated"


def test_done_allow_undecided_closes_with_units_left_out(two_layers, capsys):
    repo, article = two_layers
    db = str(repo.db_file)
    argv = ["curate", str(article.id), "--db", db, "--annotator", "carol", "--done", "--allow-undecided"]
    assert main(argv) == 0, capsys.readouterr().err
    assert "4 of 4 units still to decide" in capsys.readouterr().out
    assert curation.curation_state(repo, article.id) == "curated"


def test_auto_merge_and_unit_in_one_command_take_an_agreed_unit_once(two_layers, capsys):
    repo, article = two_layers
    agreed = next(u for u in curation.curation_units(repo, article.id) if u.agreed)
    argv = ["curate", str(article.id), "--db", str(repo.db_file), "--annotator", "carol", "--auto-merge"]
    code = main([*argv, "--unit", str(agreed.number), "--take", "alice"])
    assert code == 0, capsys.readouterr().err  # it was "changed elsewhere": merged, then taken again
    curated = [a for a in repo.annotations() if a.annotator == CURATED_LAYER]
    assert len(curated) == 2 == len({(a.start, a.end) for a in curated})  # each agreed unit once
