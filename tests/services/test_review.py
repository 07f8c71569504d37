import json

import pytest

from kzt_annotator.cli import main
from kzt_annotator.core.kinds import Kind, Status
from kzt_annotator.services import annotating
from kzt_annotator.services.figures import discrepancies
from kzt_annotator.services.review import agreement_report, review, review_queue
from tests.figures_fixture import tag_corpus_figures


def test_reject_never_deletes_and_adjudicated_layer_limits_discrepancies(corpus_repo):
    ids = tag_corpus_figures(corpus_repo, annotator="alice")
    rejected = review(corpus_repo, ids["001:up to 15,000 soldiers"], Status.REJECTED, "rev", "unconfirmed")
    assert rejected.status is Status.REJECTED and rejected.reviewer == "rev" and rejected.reviewed_at
    assert corpus_repo.annotation(rejected.id).review_note == "unconfirmed"
    for key in ("000:2,500 troops", "002:2,500 paratroopers"):
        review(corpus_repo, ids[key], Status.ACCEPTED, "rev")
    troops = next(g for g in discrepancies(corpus_repo, adjudicated_only=True) if g.quantity == "troops")
    assert len(troops.reports) == 2 and troops.relation.label == "equal"
    assert len(review_queue(corpus_repo)) == 19 - 3


def test_copy_into_the_curated_layer(corpus_repo):
    from kzt_annotator.core.curation import CURATED_LAYER
    from kzt_annotator.services.curation import set_role
    from kzt_annotator.services.review import copy_to_curated_command

    ids = tag_corpus_figures(corpus_repo, annotator="alice")
    original = corpus_repo.annotation(ids["003:40 people"])
    set_role(corpus_repo, "rev", "curator")
    command = copy_to_curated_command(corpus_repo, original, "rev")
    command.do(corpus_repo)
    [copy] = command.copies
    copy = corpus_repo.annotation(copy.id)
    assert copy.status is Status.ACCEPTED and copy.annotator == CURATED_LAYER and copy.id != original.id
    assert copy.reviewer == "rev" and copy.review_note == "curated from alice"
    # The original left the queue (it is represented by the curated copy now)
    assert corpus_repo.annotation(original.id).status is Status.CURATED
    assert original.id not in {a.id for a in review_queue(corpus_repo)}


def test_agreement_on_the_corpus_with_three_annotators(corpus_repo, capsys):
    tag_corpus_figures(corpus_repo, annotator="alice")
    tag_corpus_figures(corpus_repo, annotator="carol")  # carol agrees with alice on every span
    article = corpus_repo.article(2)
    start = article.text.index("dozens of demonstrators")
    annotating.annotate(
        corpus_repo,
        annotating.new_annotation(article, Kind.FIGURE, start, start + 6, "bob", {"qualifier": "dozens"}),
    )
    report = agreement_report(corpus_repo, ["alice", "bob", "carol"], kind="figure")
    pairs = {(p.first, p.second): p for p in report.pairs}
    assert pairs[("alice", "carol")].f1_exact.value == 1.0
    assert pairs[("alice", "bob")].f1_exact.value == 0.0
    assert pairs[("alice", "bob")].f1_overlap.value == 2 / 20
    assert pairs[("alice", "bob")].missed_by_second == 18
    code = main(
        ["agreement", "--db", str(corpus_repo.db_file), "--annotators", "alice", "carol", "--format", "json"]
    )
    data = json.loads(capsys.readouterr().out, parse_constant=lambda c: pytest.fail(f"not JSON: {c}"))
    assert code == 0 and data[0]["pairs"][0]["f1_exact"] == 1.0 and data[0]["scope"] == "overall"
    scopes = [r["scope"] for r in data]
    # overall, every kind (claim and attribution: nobody tagged one, so F1 is null with a reason),
    # then every article
    assert scopes[:4] == ["overall", "attribution", "claim", "figure"]
    claim = data[2]["pairs"][0]
    assert claim["f1_exact"] is None and claim["reasons"]["f1_exact"] == "no spans from either annotator"
    tagged = sorted({a.article_id for a in corpus_repo.annotations() if a.annotator in ("alice", "carol")})
    assert scopes[4:] == [f"article {i}" for i in tagged] and len(tagged) >= 3
    code = main(
        [
            "agreement",
            "--db",
            str(corpus_repo.db_file),
            "--annotators",
            "alice",
            "carol",
            "--article",
            "2",
            "--format",
            "json",
        ]
    )
    data = json.loads(capsys.readouterr().out)
    assert [r["scope"] for r in data] == [
        "article 2",
        "article 2 / attribution",
        "article 2 / claim",
        "article 2 / figure",
    ]


def test_review_cli(corpus_repo, capsys):
    ids = tag_corpus_figures(corpus_repo)
    target = ids["002:One officer"]
    code = main(
        [
            "review",
            target,
            "--reject",
            "--note",
            "not a casualty count",
            "--reviewer",
            "rev",
            "--db",
            str(corpus_repo.db_file),
        ]
    )
    assert code == 0 and "rejected" in capsys.readouterr().out
    assert corpus_repo.annotation(target).status is Status.REJECTED
