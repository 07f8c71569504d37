"""A project-defined kind is compared for agreement like the built-in three, field by field."""

from __future__ import annotations

from kzt_annotator.services.annotating import annotate, new_annotation
from kzt_annotator.services.review import agreement_report
from kzt_annotator.services.schema_admin import add_kind


def test_agreement_covers_a_project_kind_and_its_fields(corpus_repo):
    repo = corpus_repo
    add_kind(repo, "frame", ["frame_type:category=economic,security,political"])
    schema = repo.schema()
    article = repo.article(1)
    spans = [(0, 20), (30, 60), (70, 90)]
    for who, types in (
        ("ann", ["economic", "security", "political"]),
        ("bob", ["economic", "security", "economic"]),
    ):
        for (start, end), frame_type in zip(spans, types, strict=True):
            annotate(
                repo,
                new_annotation(article, "frame", start, end, who, {"frame_type": frame_type}, schema=schema),
            )
    report = agreement_report(repo, ["ann", "bob"], kind="frame")
    [pair] = report.pairs
    assert pair.matched == 3 and pair.value_differs == 1
    assert "frame_type" in report.alpha_attributes


def test_agreement_on_relations_reads_the_relation_rows(corpus_repo):
    from kzt_annotator.core.kinds import Kind
    from kzt_annotator.services.relations import relate

    repo = corpus_repo
    article = repo.article(1)
    made = {}
    for who in ("ann", "bob"):
        claim = annotate(repo, new_annotation(article, Kind.CLAIM, 0, 20, who))
        speaker = annotate(repo, new_annotation(article, Kind.ATTRIBUTION, 30, 40, who))
        figure = annotate(repo, new_annotation(article, Kind.FIGURE, 50, 60, who, {"value": "3"}))
        made[who] = (claim, speaker, figure)
        relate(repo, speaker.id, claim.id, "supports", who)
    relate(repo, made["ann"][1].id, made["ann"][2].id, "source_of", "ann")  # only ann relates the figure
    report = agreement_report(repo, ["ann", "bob"])
    [pair] = report.pairs
    assert pair.relations_f1.value == 2 * 1 / (2 + 1)
