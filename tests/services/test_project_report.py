"""The HTML project report: self-contained, escaped, every row linked to its quote; it renders
in a real browser (headless Chromium). Code frequencies and co-occurrence as CSV."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess

import pytest
from lxml import html as lxml_html

from kzt_annotator.cli import main
from kzt_annotator.core.code_stats import code_stats, cooccurrence_rows, frequency_rows
from kzt_annotator.services.project_report import export_code_csv, export_report
from tests.figures_fixture import tag_corpus_figures

HOSTILE = '<script>alert("x")</script><img src=http://evil.example/x.png>'


@pytest.fixture
def report_repo(corpus_repo):
    tag_corpus_figures(corpus_repo)
    first = corpus_repo.article_summaries()[0]
    corpus_repo.update_article_meta(first.id, outlet=HOSTILE)
    return corpus_repo


def test_report_is_self_contained_escaped_and_every_row_links_to_a_quote(report_repo, tmp_path):
    out = tmp_path / "report.html"
    data = export_report(report_repo, out)
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page.lower() and "http://evil" not in page.replace(
        "http://evil.example/x.png&gt;", ""
    )
    assert "&lt;script&gt;" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    tree = lxml_html.fromstring(page)
    assert not tree.xpath("//script | //img | //iframe | //link | //object | //embed")
    assert not [e for e in tree.xpath("//*[@src]")]
    links = tree.xpath("//a/@href")
    assert all(h.startswith("#") for h in links), [h for h in links if not h.startswith("#")]
    ids = set(tree.xpath("//@id"))
    assert {h[1:] for h in links} <= ids
    quote_links = {h for h in links if h.startswith("#q-")}
    assert len(quote_links) == len(data.quotes) == 19  # every annotation is reached from some row
    for group in data.groups:  # each discrepancy row links to its report's quote
        for report in group.reports:
            assert f"#q-{report.annotation_id}" in quote_links
    sections = tree.xpath("//h2/text()")
    assert sections == [
        "Discrepancies",
        "Claims matrix",
        "Outlets",
        "Variables",
        "Code frequencies",
        "Codes × articles",
        "Codes × outlets",
        "Agreement",
        "Quotes",
    ]
    assert len(tree.xpath("//svg")) >= len(data.groups)
    assert "unknown outlet" in page  # never a headline where the outlet is unknown


def test_code_frequencies_and_cooccurrence_count_annotations_articles_and_outlets(report_repo, tmp_path):
    annotations = report_repo.annotations()
    outlets = {s.id: s.outlet for s in report_repo.article_summaries()}
    stats = code_stats(annotations, outlets)
    rows = {r[0]: r for r in frequency_rows(stats)}
    assert rows["figure"][2] == 19
    troops = rows["figure: troops"]
    assert troops[2] == 3 and troops[3] == 3
    header, matrix = cooccurrence_rows(stats, "article")
    assert len(header) == 1 + len(stats.articles)
    assert sum(sum(r[1:]) for r in matrix if r[0] == "figure") == 19
    out = tmp_path / "freq.csv"
    assert export_code_csv(report_repo, out, "frequencies") == len(rows)
    with open(out, encoding="utf-8", newline="") as handle:
        read = list(csv.reader(handle))
    assert read[0] == ["code", "kind", "annotations", "articles", "outlets"]
    assert ["figure: troops", "figure", "3", "3", "3"] in read


def test_report_and_csv_verbs(report_repo, tmp_path, capsys):
    db = report_repo.db_file
    assert main(["export-report", str(tmp_path / "r.html"), "--db", str(db)]) == 0
    assert "discrepancy group(s)" in capsys.readouterr().out
    assert main(["export-cooccurrence", str(tmp_path / "o.csv"), "--by", "outlet", "--db", str(db)]) == 0
    with open(tmp_path / "o.csv", encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert HOSTILE in header and "The Organization for World Peace" in header
    assert main(["export-code-frequencies", str(tmp_path / "f.csv"), "--db", str(db)]) == 0


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(_chromium() is None, reason="chromium is not installed (apt-get install chromium)")
def test_report_renders_in_headless_chromium(report_repo, tmp_path):
    out = tmp_path / "report.html"
    export_report(report_repo, out)
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    dom = subprocess.run(
        [_chromium(), *flags, "--dump-dom", out.as_uri()], capture_output=True, text=True, timeout=120
    )
    assert dom.returncode == 0, dom.stderr[-2000:]
    rendered = lxml_html.fromstring(dom.stdout)
    assert rendered.xpath("//h2/text()")[0] == "Discrepancies"
    assert len(rendered.xpath("//svg//rect")) > 5
    shot = tmp_path / "shot.png"
    result = subprocess.run(
        [_chromium(), *flags, f"--screenshot={shot}", "--window-size=1200,1600", out.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and shot.exists(), result.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000  # a drawn page, not a blank one
    assert not re.search(r"Refused to (load|execute)", result.stderr)  # the CSP blocked nothing we wrote


def test_per_variable_counts_include_the_projects_document_variables(report_repo, tmp_path):
    from kzt_annotator.services import metadata

    metadata.add_variable(report_repo, "ownership", "category", ["state", "private"])
    first = report_repo.article_summaries()[0].id
    metadata.edit_metadata(report_repo, [first], {}, {"ownership": "state"})
    data = export_report(report_repo, tmp_path / "r.html")
    rows = {(name, value): (articles, annotations) for name, value, articles, annotations in data.variables}
    assert rows[("ownership", "state")][0] == 1 and rows[("ownership", "(not set)")][0] == 4
