"""Import annotations from a file: resolve articles, check or re-anchor every span, merge by id.

The whole file is checked first; if any record is refused, nothing is written (unless the caller
asks for a partial import). Importing the same file again changes nothing: ids are kept, and
records equal to what is stored count as unchanged. When the same id differs, the newer
`updated_at` wins and the conflict is listed.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path

from kzt_annotator.core.anchoring import anchor
from kzt_annotator.core.attributes import attributes_from_strings
from kzt_annotator.core.changes import Changes
from kzt_annotator.core.errors import KztError
from kzt_annotator.core.kinds import Status
from kzt_annotator.core.model import Annotation, NewArticle, Relation
from kzt_annotator.io.incoming import Incoming, IncomingFile, IncomingRelation, read_any
from kzt_annotator.store.backup import make_backup
from kzt_annotator.store.repository import Repository


class ImportRefused(KztError):
    """Some records cannot be placed; nothing was written. `report` lists them."""

    def __init__(self, report: AnnotationImportReport) -> None:
        reasons = "; ".join(f"{where}: {why}" for where, why in report.refused[:5])
        more = f" (and {len(report.refused) - 5} more)" if len(report.refused) > 5 else ""
        super().__init__(f"{len(report.refused)} record(s) refused, nothing imported: {reasons}{more}")
        self.report = report


@dataclass(slots=True)
class AnnotationImportReport:
    format: str = ""
    added: int = 0
    unchanged: int = 0
    updated: int = 0
    reanchored: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (annotation id, which side won)
    articles_added: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    changes: Changes = field(default_factory=Changes)

    def summary(self) -> str:
        text = (
            f"{self.added} added, {self.unchanged} unchanged, {self.updated} updated, "
            f"{self.reanchored} re-anchored, {len(self.refused)} refused"
        )
        if self.articles_added:
            text += f"; {self.articles_added} article(s) added"
        if self.conflicts:
            text += f"; {len(self.conflicts)} conflict(s)"
        if self.skipped:
            text += "; skipped " + ", ".join(f"{n} {k}" for k, n in sorted(self.skipped.items()))
        return text


def _same(a: Annotation, b: Annotation) -> bool:
    keys = ("kind", "start", "end", "text", "attributes", "note", "status", "linked_ids", "annotator")
    return all(getattr(a, k) == getattr(b, k) for k in keys)


def import_annotations(
    repo: Repository,
    path: Path,
    *,
    annotator: str | None = None,
    partial: bool = False,
    type_map: dict[str, str] | None = None,
    backup_keep: int = 10,
) -> AnnotationImportReport:
    schema = repo.schema()
    if type_map:  # every kind it names must be one of the project's
        type_map = {name: schema.kind(kind).name for name, kind in type_map.items()}
    return import_incoming(
        repo,
        read_any(Path(path), type_map, schema),
        annotator=annotator,
        partial=partial,
        backup_keep=backup_keep,
    )


def import_incoming(
    repo: Repository,
    incoming: IncomingFile,
    *,
    annotator: str | None = None,
    partial: bool = False,
    backup_keep: int = 10,
) -> AnnotationImportReport:
    """Check and apply records already read (by `read_any`, or the REFI-QDA reader)."""
    report = AnnotationImportReport(format=incoming.format, skipped=dict(incoming.skipped))
    _merge_supports(incoming)
    texts: dict[str, str] = {}
    new_articles: dict[str, NewArticle] = {}
    for article in incoming.articles:
        existing = repo.article_by_sha(article.sha256)
        if existing is None:
            new_articles.setdefault(article.sha256, article)
            texts[article.sha256] = article.text
    adds: list[tuple[str, Annotation]] = []
    updates: list[Annotation] = []
    seen_ids: set[str] = set()
    for record in incoming.records:
        try:
            planned = _plan(repo, record, texts, annotator, report)
        except KztError as exc:
            report.refused.append((record.where, str(exc)))
            continue
        if planned is None:
            continue
        sha, annotation, existing = planned
        if annotation.id in seen_ids:
            report.refused.append((record.where, f"annotation id {annotation.id} appears twice in the file"))
            continue
        seen_ids.add(annotation.id)
        if existing is None:
            adds.append((sha, annotation))
        elif _same(existing, replace(annotation, version=existing.version)):
            report.unchanged += 1
        elif annotation.updated_at is None:
            report.conflicts.append(
                (annotation.id, "kept the project's version (the file has no modification time)")
            )
        elif existing.updated_at and annotation.updated_at <= existing.updated_at:
            report.conflicts.append((annotation.id, "kept the project's newer version"))
        else:
            if not _same(existing, annotation):
                report.conflicts.append((annotation.id, "took the file's newer version"))
            updates.append(replace(annotation, version=existing.version))
    adds, updates = _known_links(repo, adds, updates, report)
    relations = _plan_relations(repo, incoming.relations, [a for _, a in adds] + updates, report)
    if report.refused and not partial:
        raise ImportRefused(report)
    if not adds and not updates and not new_articles and not relations:
        return report
    if repo.db_file is not None and len(adds) + len(updates) > 1:
        make_backup(repo.db_file, "before-annotation-import", keep=backup_keep)
    used = {sha for sha, _ in adds}
    articles_to_add = [
        a for sha, a in new_articles.items() if sha in used or incoming.format in {"bundle", "brat", "qdpx"}
    ]
    added_articles, saved = repo.import_batch(articles_to_add, adds, updates, relations)
    report.articles_added = len(added_articles)
    report.added = len(adds)
    report.updated = len(updates)
    report.changes = Changes(
        articles=frozenset(a.article_id for a in saved) | {a.id for a in added_articles},
        annotations=frozenset(a.id for a in saved),
        articles_added=bool(added_articles),
        relations=frozenset(r.id for r in relations),
    )
    return report


def _merge_supports(incoming: IncomingFile) -> None:
    """A `supports` relation in the file is also its source's link (the one rule for both)."""
    by_id = {r.id: r for r in incoming.records if r.id}
    for rel in incoming.relations:
        record = by_id.get(rel.source)
        if rel.type == "supports" and record is not None and rel.target not in record.linked_ids:
            record.linked_ids.append(rel.target)


def _known_links(
    repo: Repository,
    adds: list[tuple[str, Annotation]],
    updates: list[Annotation],
    report: AnnotationImportReport,
) -> tuple[list[tuple[str, Annotation]], list[Annotation]]:
    """Links to annotations neither in the project nor in the file are dropped and counted."""
    batch = {a.id for _, a in adds} | {a.id for a in updates}
    named = {t for _, a in adds for t in a.linked_ids} | {t for a in updates for t in a.linked_ids}
    known = batch | {a.id for a in repo.annotations_by_ids(sorted(named - batch))}

    def keep(a: Annotation) -> Annotation:
        links = tuple(sorted({t for t in a.linked_ids if t in known}))
        dropped = len(set(a.linked_ids)) - len(links)
        if dropped:
            key = "links to annotations in neither the file nor the project"
            report.skipped[key] = report.skipped.get(key, 0) + dropped
        return a if links == a.linked_ids else replace(a, linked_ids=links)

    return [(sha, keep(a)) for sha, a in adds], [keep(a) for a in updates]


def _plan_relations(
    repo: Repository,
    incoming: list[IncomingRelation],
    batch: list[Annotation],
    report: AnnotationImportReport,
) -> list[Relation]:
    """Relations of the file, checked against the schema and the two annotations' kinds."""
    schema = repo.schema()
    kinds = {a.id: a.kind for a in batch}
    missing = sorted({i for r in incoming for i in (r.source, r.target)} - set(kinds))
    kinds.update({a.id: a.kind for a in repo.annotations_by_ids(missing)})
    out: list[Relation] = []
    for rel in incoming:
        if rel.source not in kinds or rel.target not in kinds:
            report.refused.append(
                (rel.where, f"relation {rel.type}: an annotation it joins is not in the project or the file")
            )
            continue
        try:
            rel_type = schema.check_relation(rel.type, kinds[rel.source], kinds[rel.target])
        except KztError as exc:
            report.refused.append((rel.where, str(exc)))
            continue
        out.append(
            Relation(
                rel.id or str(uuid.uuid4()),
                rel_type.name,
                rel.source,
                rel.target,
                rel.annotator or "imported",
                rel.created_at,
            )
        )
    return out


def _plan(
    repo: Repository,
    record: Incoming,
    texts: dict[str, str],
    annotator: str | None,
    report: AnnotationImportReport,
) -> tuple[str, Annotation, Annotation | None] | None:
    article = repo.article_by_sha(record.article_sha256) if record.article_sha256 else None
    if article is None and record.article_sha256 in texts:
        sha, text, article_id = record.article_sha256, texts[record.article_sha256], 0
    elif article is not None:
        sha, text, article_id = article.sha256, article.text, article.id
    elif record.article_id is not None and not record.article_sha256:
        found = repo.article(record.article_id)
        sha, text, article_id = found.sha256, found.text, found.id
    else:
        raise KztError(
            f"no article with sha256 {record.article_sha256[:12] or '?'}… in this project; "
            "import the article first (or use a bundle, which carries it)"
        )
    if record.problem:
        raise KztError(record.problem)
    if not record.text:
        raise KztError("the span text is empty")
    if record.id and article_id:
        known = repo.annotations_by_ids([record.id])
        if known and known[0].orphaned and known[0].text == record.text:
            # Our own orphan (its passage left the text in a revision): the file's copy of it
            # has nowhere to go either; it stays as the project keeps it.
            return sha, known[0], known[0]
    start, end = record.start, record.end
    if (start is not None and start < 0) or (end is not None and end < 0):
        raise KztError(f"offsets {start}-{end}: offsets count from 0 and cannot be negative")
    if start is not None and end is not None and start >= end:
        raise KztError(f"offsets {start}-{end}: the start must be before the end")
    if start is None or end is None or not (0 <= start < end <= len(text)) or text[start:end] != record.text:
        placed = anchor(text, record.text, record.prefix, record.suffix, start)
        if placed is None or not placed.exact:
            raise KztError(
                f"the text “{record.text[:40]}” is not at {start}-{end} and was not found in the article"
            )
        start, end = placed.start, placed.end
        report.reanchored += 1
    schema = repo.schema()
    kind = schema.kind(record.kind).name
    attributes = attributes_from_strings(kind, record.attributes, schema)
    try:
        status = Status(record.status or "proposed")
    except ValueError:
        raise KztError(f"status {record.status!r} is not proposed, accepted or rejected") from None
    existing = None
    if record.id:
        found = repo.annotations_by_ids([record.id])
        existing = found[0] if found else None
    annotation = Annotation(
        id=record.id or str(uuid.uuid4()),
        article_id=article_id,
        kind=kind,
        start=start,
        end=end,
        text=text[start:end],
        attributes=attributes,
        annotator=annotator or record.annotator or (existing.annotator if existing else "imported"),
        status=status,
        note=record.note,
        linked_ids=tuple(sorted(set(record.linked_ids))),
        reviewer=record.reviewer or None,
        review_note=record.review_note,
        created_at=record.created_at,
        updated_at=record.updated_at,
    )
    return sha, annotation, existing
