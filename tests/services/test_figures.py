"""Discrepancies and suggestions on the sample corpus, through the services."""

from __future__ import annotations

import pytest

from kzt_annotator.core.discrepancy import Relation
from kzt_annotator.core.kinds import Kind
from kzt_annotator.services.figures import (
    claims_matrix,
    discrepancies,
    known_quantity_keys,
    merge_quantity_keys,
    similar_quantity_key,
)
from kzt_annotator.services.suggestions import dismiss, suggestions_for
from tests.figures_fixture import article_for, gold, tag_corpus_figures


@pytest.fixture
def tagged(corpus_repo):
    return corpus_repo, tag_corpus_figures(corpus_repo)


def pair_relation(group, first, second):
    for pair in group.pairs:
        if {pair.first, pair.second} == {first, second}:
            return pair.relation
    raise AssertionError("no such pair")


def groups_by_key(repo):
    return {g.quantity: g for g in discrepancies(repo)}


def test_csto_troops_2500_twice_against_up_to_15000_is_conflicting(tagged):
    repo, ids = tagged
    group = groups_by_key(repo)["troops"]
    assert len(group.reports) == 3
    assert group.relation is Relation.CONFLICTING
    assert (
        pair_relation(group, ids["000:2,500 troops"], ids["001:up to 15,000 soldiers"])
        is Relation.CONFLICTING
    )
    assert (
        pair_relation(group, ids["002:2,500 paratroopers"], ids["001:up to 15,000 soldiers"])
        is Relation.CONFLICTING
    )
    assert pair_relation(group, ids["000:2,500 troops"], ids["002:2,500 paratroopers"]) is Relation.EQUAL


def test_detained_more_than_3000_against_approximately_4404_is_compatible(tagged):
    repo, ids = tagged
    group = groups_by_key(repo)["detained"]
    assert group.relation is Relation.COMPATIBLE
    assert (
        pair_relation(group, ids["002:More than 3,000 people"], ids["003:approximately 4,404 people"])
        is Relation.COMPATIBLE
    )


def test_security_officers_killed_18_against_19_is_conflicting(tagged):
    repo, ids = tagged
    group = groups_by_key(repo)["security_deaths"]
    assert (
        pair_relation(group, ids["002:18 security officers"], ids["000:19 of whom"]) is Relation.CONFLICTING
    )
    assert group.relation is Relation.CONFLICTING


def test_conflicts_sort_first_and_equal_groups_are_equal(tagged):
    repo, _ = tagged
    groups = discrepancies(repo)
    relations = [g.relation for g in groups]
    assert relations == sorted(relations, reverse=True)
    assert groups_by_key(repo)["armed_criminals_killed"].relation is Relation.EQUAL


def test_similar_quantity_keys_are_only_proposed_and_can_be_merged(tagged, capsys):
    from kzt_annotator.cli import main

    repo, _ = tagged
    known = known_quantity_keys(repo)
    assert similar_quantity_key("Troops", known) is None  # the same key
    assert similar_quantity_key("people detained", known) == "detained"
    assert similar_quantity_key("bitcoin share", known) is None
    # A typed key is stored as typed, never rewritten to the similar one (different populations)
    code = main(
        [
            "annotate",
            "1",
            "--db",
            str(repo.db_file),
            "--kind",
            "figure",
            "--start",
            "0",
            "--end",
            "4",
            "--attr",
            "quantity=people_detained",
            "--format",
            "json",
        ]
    )
    out, err = capsys.readouterr()
    import json

    assert code == 0 and json.loads(out)["attributes"]["quantity"] == "people_detained"
    assert "a similar key exists: “detained”" in err
    changes = merge_quantity_keys(repo, ["officers_beheaded"], "security_deaths")
    assert len(changes.annotations) == 1
    every = {g.quantity: g for g in discrepancies(repo, every_annotator=True)}
    assert len(every["security_deaths"].reports) == 4
    # By default one row per article: the beheaded officer joins article 002's row as its spread
    rows = groups_by_key(repo)["security_deaths"].reports
    assert len(rows) == 3 and sum(len(r.merged) or 1 for r in rows) == 4


def test_claims_matrix_marks_keys_whose_stances_differ(corpus_repo):
    from kzt_annotator.services import annotating

    def claim(prefix, phrase, **attrs):
        article = article_for(corpus_repo, prefix)
        start = article.text.index(phrase)
        annotating.annotate(
            corpus_repo,
            annotating.new_annotation(article, Kind.CLAIM, start, start + len(phrase), "tester", attrs),
        )

    claim(
        "000",
        "foreign-trained terrorists",
        claim_key="foreign_terrorists",
        claimant="Tokayev",
        stance="disputes",
    )
    claim(
        "001",
        "terrorist attacks allegedly directed from abroad",
        claim_key="foreign_terrorists",
        claimant="Tokayev",
        stance="reports",
    )
    claim("002", "The Kremlin sent 2,500 paratroopers", claim_key="russia_sent_troops", stance="reports")
    matrix = claims_matrix(corpus_repo)
    assert matrix.keys == ["foreign_terrorists", "russia_sent_troops"]
    assert matrix.disputed_keys == {"foreign_terrorists"}
    assert len(matrix.articles) == 3


def test_suggestion_recall_and_precision_on_the_complete_articles(corpus_repo, capsys):
    data = gold()
    hits = total = proposed = 0
    for prefix in data["complete"]:
        article = article_for(corpus_repo, prefix)
        found = {(s.start, s.end): s for s in suggestions_for(corpus_repo, article, (Kind.FIGURE,))}
        proposed += len(found)
        for item in (f for f in data["figures"] if f["file"] == prefix):
            total += 1
            start = article.text.index(item["phrase"])
            s = found.get((start, start + len(item["phrase"])))
            if (
                s
                and s.attributes.value == item["value"]
                and s.attributes.qualifier.value == item["qualifier"]
            ):
                hits += 1
    recall, precision = hits / total, hits / proposed
    with capsys.disabled():
        print(
            f"\nfigure suggestions: recall {recall:.1%} ({hits}/{total}), precision {precision:.1%} "
            f"({hits}/{proposed}) on {', '.join(data['complete'])}"
        )
    assert recall >= 0.95
    assert precision >= 0.8


def test_dismissed_and_tagged_suggestions_are_not_offered_again(corpus_repo):
    article = article_for(corpus_repo, "002")
    first = suggestions_for(corpus_repo, article, (Kind.FIGURE,))
    dismiss(corpus_repo, article.id, first[0], "tester")
    tag_corpus_figures(corpus_repo)
    again = suggestions_for(corpus_repo, article, (Kind.FIGURE,))
    assert first[0].start not in {s.start for s in again}
    assert again == []  # every figure of 002 is tagged now


def test_attribution_suggestions_name_the_speaker(corpus_repo):
    article = article_for(corpus_repo, "002")
    found = suggestions_for(corpus_repo, article, (Kind.ATTRIBUTION,))
    speaker = {s.text: s.attributes.speaker for s in found}
    quote = next(t for t in speaker if t.startswith("“I gave the order"))
    assert speaker[quote] == "Kassym-Jomart Tokayev"
    role = {s.text: s.attributes.speaker_role for s in found}
    assert role[quote] == "President"
    ministry = next(s for s in found if s.text.startswith("26 “armed criminals”"))
    assert ministry.attributes.speaker == "Interior Ministry"
    assert article.text[ministry.cue[0] : ministry.cue[1]] == "said"
