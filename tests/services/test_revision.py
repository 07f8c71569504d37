"""Revised articles: annotations follow their quotes; what is gone is orphaned, never deleted."""

from __future__ import annotations

import random

from kzt_annotator.services import annotating
from kzt_annotator.services.revision import reanchor_all, replace_text
from kzt_annotator.services.suggestions import suggestions_for
from tests.figures_fixture import article_for, tag_corpus_figures


def test_replace_text_moves_annotations_and_orphans_the_lost(corpus_repo, tmp_path):
    ids = tag_corpus_figures(corpus_repo)
    article = article_for(corpus_repo, "002")
    revised = "Editor's note: this story was updated on Saturday.\n\n" + article.text
    revised = revised.replace("One officer reportedly was beheaded. ", "")
    path = tmp_path / "revised.txt"
    path.write_text(revised, encoding="utf-8")
    result = replace_text(corpus_repo, str(article.id), path)
    assert [a.text for a in result.orphaned] == ["One officer"]
    new = corpus_repo.article(article.id)
    for annotation in corpus_repo.annotations():
        if annotation.article_id != article.id:
            continue
        if annotation.id == ids["002:One officer"]:
            assert annotation.orphaned
        else:
            assert new.text[annotation.start : annotation.end] == annotation.text and not annotation.orphaned


Edit = tuple[int, int, str]  # (start, end) in the original text, replaced by the string


def _revise(text: str, rng: random.Random, spans: list[tuple[int, int]]) -> tuple[str, list[Edit]]:
    """Simulated editing: inserted paragraphs, typo fixes, an edited sentence, a word added inside
    two of the annotated `spans`.

    Returns the revised text and its edits against the original, so the true new place of every
    span is known (see _moved)."""
    edits: list[Edit] = []
    inner = [s for s, e in spans if " " in text[s + 1 : e - 1]]
    for s in rng.sample(inner, min(2, len(inner))):
        at = text.index(" ", s + 1) + 1  # after the quote's first word
        edits.append((at, at, "reportedly "))
    starts = [0] + [i + 2 for i in range(len(text)) if text.startswith("\n\n", i)]
    paragraph = "An inserted paragraph with fresh reporting, said an editor."
    for _ in range(3):
        k = rng.randrange(len(starts) + 1)
        at = starts[k] if k < len(starts) else len(text)
        edits.append((at, at, paragraph + "\n\n" if k < len(starts) else "\n\n" + paragraph))
    for wrong, right in (("Kazakhstan’s", "Kazakhstan's"), ("protestors", "protesters"), (" ,", ",")):
        at = text.find(wrong)
        if at >= 0:
            edits.append((at, at + len(wrong), right))
    ends = [i for i in range(len(text)) if text.startswith(". ", i)] + [len(text)]
    at = ends[rng.randrange(len(ends))]
    edits.append((at, at, " (corrected)"))
    edits.sort(key=lambda e: (e[0], e[1]))
    pieces, done = [], 0
    for start, end, replacement in edits:
        pieces += [text[done:start], replacement]
        done = end
    return "".join(pieces) + text[done:], edits


def _moved(position: int, edits: list[Edit], side: str) -> int:
    """Where `position` of the original is in the revision (an insertion at a span's end stays out)."""
    shift = 0
    for start, end, replacement in edits:
        if end < position or (end == position and (start < end or side == "start")):
            shift += len(replacement) - (end - start)
    return position + shift


def _touched(start: int, end: int, edits: list[Edit]) -> bool:
    """Whether an edit changes the words inside [start, end)."""
    return any(s < end and e > start if s < e else start < s < end for s, e, _ in edits)


def test_reanchoring_share_over_simulated_revisions(corpus_repo, capsys):
    rng = random.Random(7)
    counts = {
        kind: {"total": 0, "exact": 0, "overlapping": 0, "orphaned": 0} for kind in ("intact", "edited")
    }
    for summary in corpus_repo.article_summaries():
        article = corpus_repo.article(summary.id)
        for s in suggestions_for(corpus_repo, article):
            annotating.annotate(
                corpus_repo, annotating.new_annotation(article, s.kind, s.start, s.end, "t", s.attributes)
            )
        annotations = [a for a in corpus_repo.annotations() if a.article_id == article.id]
        for _trial in range(5):
            revised, edits = _revise(article.text, rng, [(a.start, a.end) for a in annotations])
            updated, _ = reanchor_all(article.text, revised, annotations)
            for old, new in zip(annotations, updated, strict=True):
                tally = counts["edited" if _touched(old.start, old.end, edits) else "intact"]
                tally["total"] += 1
                want = (_moved(old.start, edits, "start"), _moved(old.end, edits, "end"))
                if new.orphaned:
                    tally["orphaned"] += 1
                elif (new.start, new.end) == want:
                    tally["exact"] += 1
                elif new.start < want[1] and want[0] < new.end:
                    tally["overlapping"] += 1
    intact, edited = counts["intact"], counts["edited"]
    with capsys.disabled():
        for kind, tally in counts.items():
            print(
                f"\nre-anchoring, {kind} quotes: {tally['exact']} of {tally['total']} placed exactly "
                f"({tally['exact'] / tally['total']:.1%}), {tally['overlapping']} overlapping the right place, "
                f"{tally['orphaned']} orphaned, "
                f"{tally['total'] - tally['exact'] - tally['overlapping'] - tally['orphaned']} elsewhere"
            )
    assert intact["total"] > 300 and intact["exact"] == intact["total"]
    # quotes whose own words were edited: two or more in each trial
    assert edited["total"] >= 2 * 5 * 5
    # measured: 49 of 58 exactly, 9 overlapping, none orphaned or elsewhere (the README quotes
    # these); an edited short quote whose context was edited too can land on the same words elsewhere
    elsewhere = edited["total"] - edited["exact"] - edited["overlapping"] - edited["orphaned"]
    assert edited["exact"] >= 0.8 * edited["total"] and elsewhere <= 1


def test_a_deleted_sentence_orphans_its_figure_instead_of_landing_elsewhere(repo, tmp_path):
    from kzt_annotator.core.kinds import Kind
    from kzt_annotator.services.importing import import_paths

    first = "Officials in Almaty said 40 people were hurt in the clashes on Wednesday night."
    second = "By Friday, doctors at the city hospital said 40 people were hurt, most of them lightly."
    original = tmp_path / "a.txt"
    original.write_text(f"Protests spread.\n\n{first}\n\n{second}\n\nThe curfew stays.", encoding="utf-8")
    (article,) = import_paths(repo, [original]).imported
    at = article.text.index("40 people were hurt")
    figure = annotating.annotate(
        repo, annotating.new_annotation(article, Kind.FIGURE, at, at + len("40 people"), "t")
    )
    revised = tmp_path / "b.txt"
    revised.write_text(f"Protests spread.\n\n{second}\n\nThe curfew stays.", encoding="utf-8")
    result = replace_text(repo, str(article.id), revised)
    assert (result.moved, len(result.orphaned)) == (0, 1)
    kept = repo.annotation(figure.id)
    assert kept.orphaned and kept.text == "40 people"


def test_the_projects_own_csv_imports_back_after_replace_text(corpus_repo, tmp_path):
    from kzt_annotator.services import exporting
    from kzt_annotator.services.annotation_import import import_annotations

    tag_corpus_figures(corpus_repo)
    article = article_for(corpus_repo, "002")
    revised = ("Editor's note: updated.\n\n" + article.text).replace(
        "One officer reportedly was beheaded. ", ""
    )
    path = tmp_path / "revised.txt"
    path.write_text(revised, encoding="utf-8")
    assert len(replace_text(corpus_repo, str(article.id), path).orphaned) == 1
    out = tmp_path / "all.csv"
    exporting.export_csv(corpus_repo, out)
    report = import_annotations(corpus_repo, out)
    assert not report.refused and report.added == 0 and report.updated == 0


def test_an_orphaned_figure_is_not_counted_in_discrepancies(corpus_repo, tmp_path):
    from kzt_annotator.services.figures import discrepancies, figure_groups

    ids = tag_corpus_figures(corpus_repo)
    orphan = ids["002:One officer"]
    before = {r.annotation_id for g in discrepancies(corpus_repo) for r in g.reports}
    assert orphan in before
    article = article_for(corpus_repo, "002")
    path = tmp_path / "revised.txt"
    path.write_text(article.text.replace("One officer reportedly was beheaded. ", ""), encoding="utf-8")
    replace_text(corpus_repo, str(article.id), path)
    assert corpus_repo.annotation(orphan).orphaned
    counted = {r.annotation_id for g in discrepancies(corpus_repo) for r in g.reports}
    assert counted == before - {orphan}
    summary = figure_groups(corpus_repo)
    corpus_repo.rebuild_figure_index()
    assert figure_groups(corpus_repo) == summary


def test_orphans_are_listed_flagged_and_can_be_placed_or_deleted(corpus_repo, tmp_path, capsys):
    import json

    from kzt_annotator.cli import main

    ids = tag_corpus_figures(corpus_repo)
    article = article_for(corpus_repo, "002")
    revised = article.text.replace("One officer reportedly was beheaded. ", "Police said one officer died. ")
    path = tmp_path / "revised.txt"
    path.write_text(revised, encoding="utf-8")
    replace_text(corpus_repo, str(article.id), path)
    orphan = ids["002:One officer"]
    db = str(corpus_repo.db_file)
    capsys.readouterr()
    assert main(["orphans", "--db", db, "--format", "json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert listed["id"] == orphan and listed["text"] == "One officer" and listed["orphaned"] is True
    assert main(["annotations", "--db", db, "--kind", "figure"]) == 0
    assert "(orphaned)" in capsys.readouterr().out
    start = revised.index("one officer")
    assert (
        main(["orphans", "--db", db, "--place", orphan[:8], "--start", str(start), "--end", str(start + 11)])
        == 0
    )
    placed = corpus_repo.annotation(orphan)
    assert not placed.orphaned and placed.text == "one officer"
    assert main(["orphans", "--db", db, "--delete", orphan[:8]]) == 1  # no longer an orphan
    capsys.readouterr()
    assert main(["orphans", "--db", db]) == 0 and orphan[:8] not in capsys.readouterr().out


def test_the_csv_export_flags_orphans(corpus_repo, tmp_path):
    import csv

    from kzt_annotator.services import exporting

    ids = tag_corpus_figures(corpus_repo)
    article = article_for(corpus_repo, "002")
    path = tmp_path / "revised.txt"
    path.write_text(article.text.replace("One officer reportedly was beheaded. ", ""), encoding="utf-8")
    replace_text(corpus_repo, str(article.id), path)
    out = tmp_path / "all.csv"
    exporting.export_csv(corpus_repo, out)
    with open(out, encoding="utf-8", newline="") as handle:
        rows = {r["annotation_id"]: r for r in csv.DictReader(handle)}
    orphan = rows[ids["002:One officer"]]
    assert orphan["orphaned"] == "true" and orphan["text"] == "One officer"
    assert orphan["context_before"] == orphan["context_after"] == ""
    assert {r["orphaned"] for k, r in rows.items() if k != ids["002:One officer"]} == {"false"}
