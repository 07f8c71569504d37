"""Export use cases: CSV, W3C JSON-LD, brat, bundle, HTML report. Files are written atomically.

Each format's writer is imported by its use case, so a CSV export (one CLI process) loads no other.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import groupby
from pathlib import Path

from kzt_annotator.core.errors import KztError
from kzt_annotator.core.model import Annotation, ArticleSummary, Relation
from kzt_annotator.io.atomic import atomic_writer, safe_filename
from kzt_annotator.io.jsonfmt import annotation_json, article_json
from kzt_annotator.services import csv_export
from kzt_annotator.store.repository import AnnotationFilter, Repository

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
BUNDLE_FORMAT = "kzt-annotator-bundle"


class ExportCancelled(Exception):
    """The user cancelled; the target file was not written."""


@dataclass(frozen=True, slots=True)
class ExportFilter:
    article_id: int | None = None
    kind: str | None = None
    annotator: str | None = None
    status: str | None = None
    outlet: str | None = None
    variables: tuple[tuple[str, str], ...] = ()  # (document variable, value) pairs that must all hold

    def annotations(self) -> AnnotationFilter:
        return AnnotationFilter(
            self.article_id, self.kind, self.annotator, self.status, self.outlet, self.variables
        )


def empty_reason(repo: Repository, flt: ExportFilter) -> str:
    """Why `flt` selects no annotation, as one phrase for a warning beside an empty export:
    e.g. "carol has no annotations in this project", "none of alice's 12 annotations match
    kind claim, status accepted", "the project has no annotations yet"."""
    named = [
        f"{label} {value}"
        for label, value in (
            ("article", flt.article_id),
            ("kind", flt.kind),
            ("status", flt.status),
            ("outlet", flt.outlet),
        )
        if value not in (None, "")
    ] + [f"{name}={value}" for name, value in flt.variables]
    others = ", ".join(named)
    if flt.annotator:
        counts = repo.annotation_counts()
        total = sum(n for (_, name), n in counts.items() if name == flt.annotator)
        if total == 0:
            return f"{flt.annotator} has no annotations in this project"
        return f"none of {flt.annotator}'s {total} annotation(s) match {others or 'the selection'}"
    return f"no annotation matches {others}" if others else "the project has no annotations yet"


def _by_article(
    repo: Repository, flt: ExportFilter
) -> Iterator[tuple[ArticleSummary, str, list[Annotation]]]:
    """(article, its text, its annotations) for articles with matching annotations, streamed."""
    summaries = {s.id: s for s in repo.article_summaries()}
    for article_id, group in groupby(repo.iter_annotations(flt.annotations()), key=lambda a: a.article_id):
        yield summaries[article_id], repo.article(article_id).text, list(group)


def _relations_from(repo: Repository, group: list[Annotation]) -> list[Relation]:
    """Relations whose source is one of these annotations (their targets may lie elsewhere)."""
    ids = {a.id for a in group}
    return [r for r in repo.relations(annotation_ids=sorted(ids)) if r.source_id in ids]


def _tick(progress: Progress | None, cancelled: Cancelled | None, done: int, total: int, label: str) -> None:
    if cancelled is not None and cancelled():
        raise ExportCancelled("export cancelled; nothing was written")
    if progress is not None:
        progress(done, total, label)


def export_csv(
    repo: Repository,
    path: Path,
    flt: ExportFilter = ExportFilter(),
    *,
    bom: bool = False,
    raw: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """Write the CSV; returns the number of rows."""
    with atomic_writer(path, encoding="utf-8-sig" if bom else "utf-8") as handle:
        return csv_export.write_csv(
            repo,
            handle,
            flt.annotations(),
            raw=raw,
            tick=lambda done, total: _tick(progress, cancelled, done, total, "annotations"),
        ).rows


def export_jsonld(
    repo: Repository,
    path: Path,
    flt: ExportFilter = ExportFilter(),
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """W3C Web Annotation JSON-LD; returns the number of annotations written (as the other
    exports do; their relations are written too, see export_jsonld_counted)."""
    return export_jsonld_counted(repo, path, flt, progress=progress, cancelled=cancelled)[0]


def export_jsonld_counted(
    repo: Repository,
    path: Path,
    flt: ExportFilter = ExportFilter(),
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> tuple[int, int]:
    """Write the JSON-LD collection; returns (annotations, relations) written. Each relation is
    a linking annotation of its own in the file, so the file holds their sum."""
    from kzt_annotator.io import jsonld

    items = []
    annotations = 0
    schema = repo.schema()
    total = repo.count_articles()
    for done, (article, text, group) in enumerate(_by_article(repo, flt)):
        _tick(progress, cancelled, done, total, article.title)
        items.extend(jsonld.annotation_jsonld(a, article, text, schema) for a in group)
        annotations += len(group)
        items.extend(jsonld.relation_jsonld(r) for r in _relations_from(repo, group))
    data = jsonld.collection(items, f"kzt-annotator export of {repo.name}", f"urn:uuid:{uuid.uuid4()}")
    with atomic_writer(path) as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
    return annotations, len(items) - annotations


def export_brat(repo: Repository, folder: Path, flt: ExportFilter = ExportFilter()) -> int:
    """One .txt/.ann pair per article (named by id and title) plus an annotation.conf.

    Raises KztError when `folder` is an existing file (brat is a folder of files).
    """
    if folder.exists() and not folder.is_dir():
        raise KztError(
            f"{folder} is a file; export-brat writes a folder of .txt/.ann files: give a folder name"
        )
    from kzt_annotator.io import brat

    folder.mkdir(parents=True, exist_ok=True)
    schema = repo.schema()
    count = 0
    for article, text, group in _by_article(repo, flt):
        stem = f"{article.id:05d}-{safe_filename(article.title)}"
        with atomic_writer(folder / f"{stem}.txt") as handle:
            handle.write(text)
        with atomic_writer(folder / f"{stem}.ann") as handle:
            handle.write(brat.write_ann(group, text, schema, _relations_from(repo, group)))
        count += len(group)
    with atomic_writer(folder / "annotation.conf") as handle:
        handle.write(brat.annotation_conf(schema))
    return count


def export_bundle(repo: Repository, path: Path, flt: ExportFilter = ExportFilter()) -> int:
    """Articles (text and metadata) and their annotations, for exchange without a server."""
    from kzt_annotator.services.relations import relation_json

    articles, annotations, relations = [], [], []
    schema = repo.schema()
    for article, _text, group in _by_article(repo, flt):
        articles.append(article_json(repo.article(article.id)))
        annotations.extend(dict(annotation_json(a, schema), article_sha256=article.sha256) for a in group)
        relations.extend(relation_json(r) for r in _relations_from(repo, group))
    data = {
        "format": BUNDLE_FORMAT,
        "version": 1,
        "exported_at": datetime.now(UTC).isoformat(),
        "source": repo.name,
        "articles": articles,
        "annotations": annotations,
        "relations": relations,
    }
    with atomic_writer(path) as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
    return len(annotations)


def export_html(repo: Repository, article_ref: str, path: Path) -> Path:
    from kzt_annotator.io import html_report

    article = repo.resolve_article(article_ref)
    annotations = repo.annotations(AnnotationFilter(article_id=article.id))
    with atomic_writer(path) as handle:
        handle.write(html_report.render(article, annotations))
    return path
