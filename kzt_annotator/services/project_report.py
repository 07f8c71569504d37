"""A project report for colleagues: everything `io.project_report_html` renders, gathered once.

Discrepancy groups (with each report's interval), the claims matrix, per-outlet and per-variable
counts, code frequencies and co-occurrence, the agreement summary, and the quote of every
annotation a row refers to (with 80 characters of context), so each row can link to its quote.
Code frequencies and co-occurrence are also CSV exports here.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from kzt_annotator.core.code_stats import (
    FREQUENCY_COLUMNS,
    UNKNOWN_OUTLET,
    CodeStats,
    code_stats,
    cooccurrence_rows,
    frequency_rows,
)
from kzt_annotator.core.discrepancy import Group, Report
from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.model import Annotation, ArticleSummary
from kzt_annotator.io.atomic import atomic_writer
from kzt_annotator.io.csv_format import neutralise
from kzt_annotator.services import figures
from kzt_annotator.store.repository import AnnotationFilter, Repository

CONTEXT = 80
# Article metadata counted like document variables; the project's own variables follow them.
META_VARIABLES = ("language", "author")


@dataclass(frozen=True, slots=True)
class Quote:
    annotation_id: str
    article_id: int
    label: str  # outlet (or "unknown outlet") and article number
    outlet: str
    title: str
    kind: str
    annotator: str
    before: str
    text: str
    after: str
    start: int
    end: int


@dataclass(slots=True)
class OutletRow:
    outlet: str
    articles: int
    counts: dict[str, int]  # kind -> annotations


@dataclass(slots=True)
class ReportData:
    project: str
    generated: datetime
    articles: list[ArticleSummary]
    labels: dict[int, str]  # article id -> "Outlet (article N)"
    groups: list[Group]
    claims: figures.ClaimsMatrix
    outlets: list[OutletRow]
    variables: list[tuple[str, str, int, int]]  # (variable, value, articles, annotations)
    stats: CodeStats
    agreement_columns: tuple[str, ...] = ()
    agreement_rows: list[list[str]] = field(default_factory=list)
    agreement_note: str = ""
    quotes: dict[str, Quote] = field(default_factory=dict)
    kinds: list[str] = field(default_factory=list)
    orphans: list[Report] = field(default_factory=list)  # orphaned figures: listed apart, not counted


def outlet_of(summary: ArticleSummary) -> str:
    return (summary.outlet or "").strip() or UNKNOWN_OUTLET


def article_labels(summaries: list[ArticleSummary]) -> dict[int, str]:
    """'Outlet (article N)': an outlet, never a headline in its place."""
    return {s.id: f"{outlet_of(s)} (article {s.id})" for s in summaries}


def _quotes(
    repo: Repository, annotations: list[Annotation], summaries: list[ArticleSummary]
) -> dict[str, Quote]:
    labels = article_labels(summaries)
    titles = {s.id: s.title for s in summaries}
    outlets = {s.id: outlet_of(s) for s in summaries}
    by_article: dict[int, list[Annotation]] = defaultdict(list)
    for ann in annotations:
        by_article[ann.article_id].append(ann)
    quotes = {}
    for article_id, anns in by_article.items():
        text = repo.article(article_id).text
        for a in anns:
            quotes[a.id] = Quote(
                a.id,
                article_id,
                labels.get(article_id, f"article {article_id}"),
                outlets.get(article_id, UNKNOWN_OUTLET),
                titles.get(article_id, ""),
                str(a.kind),
                a.annotator,
                text[max(0, a.start - CONTEXT) : a.start],
                text[a.start : a.end],
                text[a.end : a.end + CONTEXT],
                a.start,
                a.end,
            )
    return quotes


def _agreement(repo: Repository, data: ReportData, rules) -> None:
    from kzt_annotator.core.agreement_table import PAIR_COLUMNS, pair_rows
    from kzt_annotator.services.review import agreement_reports

    try:
        reports = agreement_reports(repo, rules=rules)
    except InvalidInput as exc:
        data.agreement_note = f"No agreement figures: {exc}."
        return
    data.agreement_columns = PAIR_COLUMNS
    data.agreement_rows = pair_rows([r for r in reports if r.article_id is None])


def gather(repo: Repository, *, adjudicated_only: bool = False, rules=None) -> ReportData:
    """Everything the report shows. `rules`: qualifier rules (core.intervals), default when None."""
    summaries = repo.article_summaries()
    labels = article_labels(summaries)
    statuses = figures.counted_statuses(adjudicated_only)
    annotations = [
        a for a in repo.annotations(AnnotationFilter()) if str(a.status) in statuses and not a.orphaned
    ]
    outlets = {s.id: s.outlet for s in summaries}
    stats = code_stats(annotations, outlets)
    kinds = sorted({str(a.kind) for a in annotations})
    per_outlet: dict[str, OutletRow] = {}
    for s in summaries:
        row = per_outlet.setdefault(outlet_of(s), OutletRow(outlet_of(s), 0, Counter()))
        row.articles += 1
    by_article = Counter((a.article_id, str(a.kind)) for a in annotations)
    for (article_id, kind), n in by_article.items():
        summary = next((s for s in summaries if s.id == article_id), None)
        if summary is not None:
            per_outlet[outlet_of(summary)].counts[kind] += n
    per_article_total = Counter(a.article_id for a in annotations)
    variables = []
    names = [*META_VARIABLES, *(v.name for v in repo.variables())]
    for name in names:
        values: dict[str, list[int]] = defaultdict(list)
        for s in summaries:
            raw = s.variables.get(name) if name not in META_VARIABLES else getattr(s, name, None)
            values[(raw or "").strip() or "(not set)"].append(s.id)
        for value, ids in sorted(values.items()):
            variables.append((name, value, len(ids), sum(per_article_total[i] for i in ids)))
    data = ReportData(
        project=repo.db_file.stem if repo.db_file is not None else repo.name,
        generated=datetime.now(UTC),
        articles=summaries,
        labels=labels,
        groups=figures.discrepancies(repo, adjudicated_only=adjudicated_only, rules=rules),
        claims=figures.claims_matrix(repo, adjudicated_only=adjudicated_only),
        outlets=sorted(per_outlet.values(), key=lambda r: (r.outlet == UNKNOWN_OUTLET, r.outlet.lower())),
        variables=variables,
        stats=stats,
        kinds=kinds,
    )
    data.orphans = figures.orphaned_reports(repo, adjudicated_only=adjudicated_only, rules=rules)
    _agreement(repo, data, rules)
    data.quotes = _quotes(repo, annotations, summaries)
    return data


def project_stats(repo: Repository, *, adjudicated_only: bool = False) -> tuple[CodeStats, dict[int, str]]:
    """Code frequencies and co-occurrence of the project, and article labels for its columns."""
    summaries = repo.article_summaries()
    statuses = figures.counted_statuses(adjudicated_only)
    annotations = [a for a in repo.annotations(AnnotationFilter()) if str(a.status) in statuses]
    return code_stats(annotations, {s.id: s.outlet for s in summaries}), article_labels(summaries)


def export_code_csv(repo: Repository, path: Path, table: str, *, adjudicated_only: bool = False) -> int:
    """Write `table` ("frequencies", "articles" or "outlets") as CSV; returns the number of rows.

    Text cells are neutralised against spreadsheet formulas like the annotation CSV."""
    stats, labels = project_stats(repo, adjudicated_only=adjudicated_only)
    if table == "frequencies":
        header, rows = list(FREQUENCY_COLUMNS), frequency_rows(stats)
    elif table in ("articles", "outlets"):
        header, rows = cooccurrence_rows(stats, table.removesuffix("s"), labels)
    else:
        raise InvalidInput(f"unknown table {table!r}: frequencies, articles or outlets")
    with atomic_writer(Path(path)) as handle:
        writer = csv.writer(handle)
        writer.writerow([neutralise(str(h)) for h in header])
        for row in rows:
            writer.writerow([neutralise(c) if isinstance(c, str) else c for c in row])
    return len(rows)


def export_report(repo: Repository, path: Path, *, adjudicated_only: bool = False, rules=None) -> ReportData:
    """Write the HTML report atomically; returns what it holds (for the summary line)."""
    from kzt_annotator.services.report_html import render

    data = gather(repo, adjudicated_only=adjudicated_only, rules=rules)
    with atomic_writer(Path(path)) as handle:
        handle.write(render(data))
    return data
