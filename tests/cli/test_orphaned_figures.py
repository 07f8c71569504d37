"""Figures orphaned by a text revision are listed apart from the discrepancy groups: the CLI
names how many were not counted and lists them with --orphaned; the HTML report lists them."""

from __future__ import annotations

import json

from kzt_annotator.cli import main
from kzt_annotator.services.project_report import export_report
from kzt_annotator.services.revision import replace_text
from tests.figures_fixture import article_for, tag_corpus_figures


def _orphan_one(repo, tmp_path):
    ids = tag_corpus_figures(repo)
    article = article_for(repo, "002")
    revised = article.text.replace("One officer reportedly was beheaded. ", "")
    path = tmp_path / "revised.txt"
    path.write_text(revised, encoding="utf-8")
    assert [a.text for a in replace_text(repo, str(article.id), path).orphaned] == ["One officer"]
    return ids["002:One officer"]


def test_the_orphaned_figures_are_listed_apart(corpus_repo, db_path, tmp_path, capsys):
    orphan = _orphan_one(corpus_repo, tmp_path)
    report = export_report(corpus_repo, tmp_path / "report.html")
    assert [r.annotation_id for r in report.orphans] == [orphan]
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Orphaned figures, not counted (1)" in html and "“One officer”" in html
    corpus_repo.close()

    assert main(["discrepancies", "--db", str(db_path), "--orphaned", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["annotation_id"], r["quantity"], r["text"]) for r in listed] == [
        (orphan, "officers_beheaded", "One officer")
    ]
    assert main(["discrepancies", "--db", str(db_path), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert captured.err.strip() == (
        "1 orphaned figure(s) not counted (their text was revised away); `discrepancies --orphaned` lists them"
    )
    assert main(["discrepancies", "--db", str(db_path), "--orphaned", "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].startswith("quantity,article_id,outlet,annotation_id") and len(rows) == 2
