"""Make the README screenshots from the running application (offscreen).

    .venv/bin/python scripts/screenshots.py [OUT_DIR]

Builds a throwaway project from the sample corpus, tags a few spans through the same services
the GUI uses, and grabs each window or panel to a PNG.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"


def tag(repo, article_id: int, phrase: str, kind, annotator: str = "alice", **attrs: str):
    from kzt_annotator.services import annotating

    article = repo.article(article_id)
    start = article.text.index(phrase)
    return annotating.annotate(
        repo, annotating.new_annotation(article, kind, start, start + len(phrase), annotator, attrs)
    )


def tag_all_figures(repo) -> None:
    """The hand-made figure annotations of the sample corpus (tests/fixtures/corpus_figures.json)."""
    import json

    from kzt_annotator.core.kinds import Kind

    data = json.loads((ROOT / "tests" / "fixtures" / "corpus_figures.json").read_text(encoding="utf-8"))
    by_prefix = {s.source_file[:3]: s.id for s in repo.article_summaries()}
    for item in data["figures"]:
        attrs = {
            k: str(v)
            for k, v in item.items()
            if k in {"quantity", "value", "qualifier", "unit", "figure_source"} and v is not None
        }
        annotator = "alice" if item["file"] in {"000", "002"} else "bob"
        tag(repo, by_prefix[item["file"]], item["phrase"], Kind.FIGURE, annotator, **attrs)


def build_project(path: Path):
    from kzt_annotator.core.kinds import Kind
    from kzt_annotator.services.importing import import_paths
    from kzt_annotator.store.repository import open_repository

    repo = open_repository(path)
    source = CORPUS if CORPUS.is_dir() else None
    if source is None:
        from kzt_annotator.ui.resources import sample_articles_dir

        source = sample_articles_dir()
    import_paths(repo, [source])
    if CORPUS.is_dir():
        # What a researcher does first: name the outlets the text does not show.
        repo.update_article_meta(1, outlet="Student blog (WordPress)")
        repo.update_article_meta(2, outlet="German business daily (MT)")
        repo.update_article_meta(5, outlet="Security Management")
        tag_all_figures(repo)
        tag(
            repo,
            3,
            "The Kremlin sent 2,500 paratroopers",
            Kind.CLAIM,
            claim_key="russia_sent_troops",
            stance="reports",
        )
        tag(
            repo,
            3,
            "The Interior Ministry said",
            Kind.ATTRIBUTION,
            speaker="Interior Ministry",
            quote_kind="indirect",
        )
        tag(
            repo,
            1,
            "foreign-trained terrorists",
            Kind.CLAIM,
            claim_key="foreign_terrorists",
            claimant="Tokayev",
            stance="disputes",
        )
        tag(
            repo,
            2,
            "terrorist attacks allegedly directed from abroad",
            Kind.CLAIM,
            claim_key="foreign_terrorists",
            claimant="Tokayev",
            stance="reports",
        )
    return repo


def fill_codebook(repo) -> None:
    """A small codebook and two document variables, as a researcher would set them up."""
    from kzt_annotator.core.codebook import make_entry
    from kzt_annotator.core.model import CodebookKind as K
    from kzt_annotator.services import codebook, metadata

    for kind, key, label, colour, parent, aliases, description in (
        (K.QUANTITY, "deaths", "Deaths", "#C62828", None, (), "Everyone reported killed in the unrest."),
        (
            K.QUANTITY,
            "deaths.security_forces",
            "Security forces killed",
            "#AD1457",
            "deaths",
            ("security_deaths",),
            "Police officers, national guard and soldiers; not 'armed criminals'.",
        ),
        (
            K.QUANTITY,
            "deaths.protesters",
            "Protesters killed",
            "#EF6C00",
            "deaths",
            (),
            "Civilians and protesters.",
        ),
        (K.QUANTITY, "troops", "Foreign troops", "#1565C0", None, (), "CSTO troops sent to Kazakhstan."),
        (K.QUANTITY, "detained", "Detained", "#6A1B9A", None, ("arrested",), "People detained or arrested."),
        (
            K.SPEAKER,
            "tokayev",
            "Kassym-Jomart Tokayev",
            "",
            None,
            ("Kassym-Shomart Tokayev", "Tokayev", "President Tokayev"),
            "President of Kazakhstan.",
        ),
        (K.SPEAKER, "interior_ministry", "Interior Ministry", "", None, ("Kazakh Interior Ministry",), ""),
        (K.OUTLET, "cns", "Courthouse News Service", "", None, ("CNS",), ""),
        (K.CLAIM_KEY, "foreign_terrorists", "Attack directed from abroad", "", None, (), ""),
    ):
        codebook.add_entry(
            repo,
            make_entry(
                kind, key, label, colour=colour, parent=parent, aliases=aliases, description=description
            ),
        )
    metadata.add_variable(repo, "ownership", "category", ["state", "private"])
    metadata.add_variable(repo, "country", "text")
    metadata.edit_metadata(repo, [3], {}, {"ownership": "private", "country": "US"})
    metadata.edit_metadata(repo, [2], {}, {"ownership": "private", "country": "DE"})


def codebook_shots(window, repo, out: Path, app) -> None:
    """The codebook editor dock and the metadata editor (main() filled the codebook)."""
    window.flush_refresh()
    window.refresh_codebook()
    window.codebook_dock.raise_()
    panel = window.codebook_panel
    from kzt_annotator.core.model import CodebookKind

    panel.select(CodebookKind.QUANTITY, "deaths.security_forces")
    panel.resize(1100, 520)
    settle(app)
    panel.grab().save(str(out / "codebook-editor.png"))
    print(f"wrote {out / 'codebook-editor.png'}")
    window.open_article(2)
    window.article_view.clearSelection()
    editor = window.open_metadata_editor()
    editor.memo.setPlainText("German business daily; reprinted from a news agency feed.")
    editor.resize(560, 480)
    settle(app)
    editor.grab().save(str(out / "metadata-editor.png"))
    print(f"wrote {out / 'metadata-editor.png'}")
    editor.close()


def settle(app, rounds: int = 10) -> None:
    """Let deferred refreshes and the charts' own layout requests run before a grab."""
    import time

    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("KZT_ANNOTATOR_CONFIG_DIR", tempfile.mkdtemp(prefix="kzt-shots-cfg-"))
    from PySide6.QtWidgets import QApplication

    from kzt_annotator.settings import Settings
    from kzt_annotator.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    repo = build_project(Path(tempfile.mkdtemp(prefix="kzt-shots-")) / "shots.sqlite")
    window = MainWindow(repo, Settings(annotator="alice"), "alice")
    window.resize(1400, 860)
    window.show()
    window.open_article(3)
    text = window.reader.article.text
    start = text.index("The Interior Ministry said")
    window.reader.place_cursor(start)
    window.workspace.step_annotation(1)
    settle(app)
    window.grab().save(str(out / "main-window.png"))
    print(f"wrote {out / 'main-window.png'}")
    from kzt_annotator.ui.discrepancy_panel import DiscrepancyPanel

    fill_codebook(repo)  # deaths > deaths.security_forces: the panel shows the family side by side
    panel = DiscrepancyPanel(repo)
    panel.resize(1200, 520)
    panel.show()
    panel.refresh()
    panel.settle()
    troops = next(i for i, g in enumerate(panel.groups.groups) if g.quantity == "troops")
    panel.group_view.setCurrentIndex(panel.groups.index(troops, 0))
    settle(app)
    panel.grab().save(str(out / "discrepancy-panel.png"))
    print(f"wrote {out / 'discrepancy-panel.png'}")

    # A second annotator on article 002, partly agreeing with alice, for the review pictures.
    from kzt_annotator.core.kinds import Kind

    for phrase, attrs in (
        ("2,500 paratroopers", {"quantity": "troops", "value": "2500", "qualifier": "exact"}),
        ("18 security officers", {"quantity": "security_deaths", "value": "19"}),
        (
            "More than 3,000 people",
            {"quantity": "detained", "value": "3000", "qualifier": "more_than", "unit": "people"},
        ),
        ("scores of protesters and police", {"quantity": "injured", "qualifier": "scores"}),
    ):
        tag(repo, 3, phrase, Kind.FIGURE, "bob", **attrs)
    window.flush_refresh()
    window.open_article(3)
    dialog = window.open_compare()
    dialog.first.setCurrentText("alice")
    dialog.second.setCurrentText("bob")
    dialog.resize(1300, 620)
    dialog.left.place_cursor(dialog.article.text.index("The Kremlin sent"))
    dialog.right.place_cursor(dialog.article.text.index("The Kremlin sent"))
    settle(app)
    dialog.grab().save(str(out / "compare-view.png"))
    print(f"wrote {out / 'compare-view.png'}")
    dialog.close()
    window.review_dock.raise_()
    window.refresh_review()
    window.flush_refresh()
    window.review_panel.resize(1100, 330)
    settle(app)
    window.review_panel.grab().save(str(out / "review-queue.png"))
    print(f"wrote {out / 'review-queue.png'}")
    codebook_shots(window, repo, out, app)
    window.close()
    repo.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
