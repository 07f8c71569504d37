"""The Repository: every read and write of project data, taking and returning core types.

Each public writing method is one transaction (one user action). SQLite writers begin with
BEGIN IMMEDIATE and are retried a bounded number of times if the file stays busy, so a user
never sees "database is locked" for a short overlap with another process.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, Select, delete, func, insert, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, undefer

from kzt_annotator.core.errors import ConflictError, InvalidInput, KztError, NotFound
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import (
    Annotation,
    Annotator,
    Article,
    ArticleSummary,
    CodebookEntry,
    CodebookKind,
    NewArticle,
)
from kzt_annotator.store import migrate
from kzt_annotator.store.backup import DEFAULT_KEEP, backup_if_changed
from kzt_annotator.store.convert import (
    ANNOTATION_COLUMNS,
    annotation_from_row,
    annotation_from_values,
    annotation_values,
    article_from_row,
    ranges_to_json,
)
from kzt_annotator.store.engine import make_engine, write_engine
from kzt_annotator.store.location import describe, resolve_db_url, sqlite_path
from kzt_annotator.store.models import (
    AnnotationRow,
    AnnotatorRow,
    ArticleRow,
    ArticleSourceRow,
    CodebookRow,
    DismissedSuggestionRow,
)
from kzt_annotator.store.types import utcnow

T = TypeVar("T")
WRITE_ATTEMPTS = 5
EDITABLE_META = ("title", "outlet", "author", "published", "url", "language")


class DatabaseBusy(KztError):
    """Another process kept the database locked past the busy timeout and every retry."""


@dataclass(frozen=True, slots=True)
class AnnotationFilter:
    article_id: int | None = None
    kind: str | None = None
    annotator: str | None = None
    status: str | None = None
    outlet: str | None = None


def open_repository(
    path_or_url: str | Path | None = None, *, migrate_db: bool = True, backup_keep: int = DEFAULT_KEEP
) -> Repository:
    """Open (and create or upgrade) the project at `path_or_url` (see `store.location`)."""
    url = resolve_db_url(path_or_url)
    db_file = sqlite_path(url)
    if db_file is not None and db_file.exists() and db_file.is_dir():
        raise KztError(f"{db_file} is a folder; give the path of a project file (.sqlite)")
    if db_file is not None and backup_keep > 0:
        backup_if_changed(db_file, keep=backup_keep)
    engine = make_engine(url)
    try:
        if migrate_db:
            migrate.upgrade(engine, db_file, keep=backup_keep)
    except OperationalError as exc:
        engine.dispose()
        raise KztError(f"cannot open the database {describe(url)}: {exc.orig}") from exc
    except Exception:
        engine.dispose()
        raise
    return Repository(engine, url)


class Repository:
    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self._writer = write_engine(engine)

    # -- plumbing ---------------------------------------------------------------------------
    @property
    def db_file(self) -> Path | None:
        return sqlite_path(self.url)

    @property
    def name(self) -> str:
        return describe(self.url)

    def close(self) -> None:
        self.engine.dispose()

    def read(self, work: Callable[[Session], T]) -> T:
        with Session(self.engine) as session:
            return work(session)

    def write(self, work: Callable[[Session], T]) -> T:
        """Run `work` in one write transaction; retry a few times while the file is locked."""
        for attempt in range(WRITE_ATTEMPTS):
            try:
                with Session(self._writer, expire_on_commit=False) as session, session.begin():
                    return work(session)
            except OperationalError as exc:
                if "locked" not in str(exc.orig) and "busy" not in str(exc.orig):
                    raise
                if attempt == WRITE_ATTEMPTS - 1:
                    raise DatabaseBusy(
                        "the project database stayed locked by another program; nothing was "
                        "written - close other kzt-annotator windows or scripts and try again"
                    ) from exc
                time.sleep(0.05 * (2**attempt))
        raise AssertionError("unreachable")

    # -- articles ---------------------------------------------------------------------------
    def add_articles(
        self, articles: Sequence[NewArticle]
    ) -> tuple[list[Article], list[tuple[NewArticle, int]]]:
        """Store new articles in one transaction; returns (added, [(duplicate, existing id)])."""

        return self.write(lambda session: self._add_articles_in(session, articles))

    @staticmethod
    def _add_articles_in(
        session: Session, articles: Sequence[NewArticle]
    ) -> tuple[list[Article], list[tuple[NewArticle, int]]]:
        existing = _ids_by_sha(session, [a.sha256 for a in articles])
        fresh: dict[str, NewArticle] = {}
        duplicates: list[tuple[NewArticle, int]] = []
        for new in articles:
            sha = new.sha256
            if sha in existing:
                duplicates.append((new, existing[sha]))
            elif sha in fresh:
                duplicates.append((new, -1))  # the same text twice in one import; id filled in below
            else:
                fresh[sha] = new
        if not fresh:
            return [], duplicates
        now = utcnow()
        # Core bulk insert: several times faster than ORM unit-of-work for thousands of rows.
        session.execute(
            insert(ArticleRow),
            [
                {
                    "sha256": sha,
                    "title": new.title,
                    "outlet": new.outlet,
                    "author": new.author,
                    "published": new.published,
                    "url": new.url,
                    "language": new.language,
                    "source_file": new.source_file,
                    "imported_at": now,
                    "chars": len(new.text),
                    "text": new.text,
                    "boilerplate": ranges_to_json(new.boilerplate),
                }
                for sha, new in fresh.items()
            ],
        )
        ids = _ids_by_sha(session, list(fresh))
        duplicates = [(new, ids[new.sha256] if found < 0 else found) for new, found in duplicates]
        sources = [
            {
                "article_id": ids[sha],
                "media_type": new.source_media_type or "application/octet-stream",
                "data": new.source_bytes,
            }
            for sha, new in fresh.items()
            if new.source_bytes is not None
        ]
        if sources:
            session.execute(insert(ArticleSourceRow), sources)
        added = [
            Article(
                id=ids[sha],
                text=new.text,
                title=new.title,
                sha256=sha,
                source_file=new.source_file,
                imported_at=now,
                outlet=new.outlet,
                author=new.author,
                published=new.published,
                url=new.url,
                language=new.language,
                boilerplate=new.boilerplate,
            )
            for sha, new in fresh.items()
        ]
        return added, duplicates

    def article(self, article_id: int) -> Article:
        def work(session: Session) -> Article:
            row = session.get(ArticleRow, article_id, options=[undefer(ArticleRow.text)])
            if row is None:
                raise NotFound(f"no article with id {article_id}")
            return article_from_row(row)

        return self.read(work)

    def resolve_article(self, ref: str | int) -> Article:
        """An article by id, or by a unique prefix (at least 4 characters) of its sha256."""
        text = str(ref).strip()
        if text.isdigit():
            try:
                return self.article(int(text))
            except NotFound:
                if len(text) < 4:
                    raise
        if len(text) < 4:
            raise NotFound(f"no article {text!r}: give an id or at least 4 characters of its sha256")

        def work(session: Session) -> list[int]:
            rows = session.execute(
                select(ArticleRow.id).where(ArticleRow.sha256.startswith(text.lower())).limit(2)
            )
            return [r[0] for r in rows]

        ids = self.read(work)
        if not ids:
            raise NotFound(f"no article with id or sha256 prefix {text!r}")
        if len(ids) > 1:
            raise NotFound(f"sha256 prefix {text!r} matches several articles; give more characters")
        return self.article(ids[0])

    def article_by_sha(self, sha256: str) -> Article | None:
        def work(session: Session) -> int | None:
            return session.scalar(select(ArticleRow.id).where(ArticleRow.sha256 == sha256))

        found = self.read(work)
        return None if found is None else self.article(found)

    def article_summaries(self) -> list[ArticleSummary]:
        """Every article without its text (Core rows: lists of 10,000 articles stay quick)."""

        def work(session: Session) -> list[ArticleSummary]:
            counts: dict[int, dict[str, int]] = {}
            for article_id, kind, n in session.execute(
                select(AnnotationRow.article_id, AnnotationRow.kind, func.count()).group_by(
                    AnnotationRow.article_id, AnnotationRow.kind
                )
            ):
                counts.setdefault(article_id, {})[kind] = n
            columns = (
                ArticleRow.id,
                ArticleRow.title,
                ArticleRow.sha256,
                ArticleRow.source_file,
                ArticleRow.imported_at,
                ArticleRow.chars,
                ArticleRow.outlet,
                ArticleRow.author,
                ArticleRow.published,
                ArticleRow.url,
                ArticleRow.language,
            )
            kinds = [k.value for k in Kind]
            out = []
            for row in session.execute(select(*columns).order_by(ArticleRow.id)):
                found = counts.get(row[0], {})
                out.append(ArticleSummary(*row, counts={k: found.get(k, 0) for k in kinds}))
            return out

        return self.read(work)

    def article_labels(self) -> dict[int, tuple[str, str]]:
        """id -> (outlet, title) for every article: what panels and exports label rows with."""
        stmt = select(ArticleRow.id, ArticleRow.outlet, ArticleRow.title)
        return self.read(lambda session: {i: (o or "", t) for i, o, t in session.execute(stmt)})

    def count_articles(self) -> int:
        return self.read(lambda s: s.scalar(select(func.count()).select_from(ArticleRow)) or 0)

    def update_article_meta(self, article_id: int, **changes: Any) -> Article:
        unknown = set(changes) - set(EDITABLE_META)
        if unknown:
            raise InvalidInput(f"cannot edit {', '.join(sorted(unknown))} of an article")

        def work(session: Session) -> None:
            row = session.get(ArticleRow, article_id)
            if row is None:
                raise NotFound(f"no article with id {article_id}")
            for key, value in changes.items():
                setattr(row, key, value)

        self.write(work)
        return self.article(article_id)

    def replace_article_text(
        self, article_id: int, text: str, boilerplate: tuple, annotations: list[Annotation]
    ) -> Article:
        """Swap in a revised text and save its re-anchored annotations, in one transaction."""
        from kzt_annotator.core.model import text_sha256

        def work(session: Session) -> None:
            row = session.get(ArticleRow, article_id)
            if row is None:
                raise NotFound(f"no article with id {article_id}")
            sha = text_sha256(text)
            clash = session.scalar(
                select(ArticleRow.id).where(ArticleRow.sha256 == sha, ArticleRow.id != article_id)
            )
            if clash is not None:
                raise InvalidInput(f"article #{clash} already has exactly this text")
            row.text, row.sha256, row.chars = text, sha, len(text)
            row.boilerplate = ranges_to_json(boilerplate)
            for annotation in annotations:
                self._update_in(session, annotation)

        self.write(work)
        return self.article(article_id)

    def texts_containing(self, needle: str) -> list[tuple[int, str]]:
        """(id, text) of articles whose text may contain `needle` (the caller checks exactly)."""

        def work(session: Session) -> list[tuple[int, str]]:
            pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            stmt = (
                select(ArticleRow.id, ArticleRow.text)
                .where(ArticleRow.text.ilike(pattern, escape="\\"))
                .order_by(ArticleRow.id)
            )
            return [(i, t) for i, t in session.execute(stmt)]

        return self.read(work)

    def source_bytes(self, article_id: int) -> tuple[str, bytes] | None:
        def work(session: Session) -> tuple[str, bytes] | None:
            row = session.get(ArticleSourceRow, article_id)
            return None if row is None else (row.media_type, row.data)

        return self.read(work)

    # -- annotators -------------------------------------------------------------------------
    def annotator(self, name: str) -> Annotator:
        """The annotator called `name`, created on first use."""
        name = name.strip()
        if not name:
            raise InvalidInput("the annotator name is empty; set one with --annotator NAME")
        return self.write(lambda s: _annotator_row(s, name))

    def annotators(self) -> list[Annotator]:
        def work(session: Session) -> list[Annotator]:
            rows = session.scalars(select(AnnotatorRow).order_by(AnnotatorRow.name))
            return [Annotator(r.id, r.name) for r in rows]

        return self.read(work)

    # -- annotations ------------------------------------------------------------------------
    def add_annotation(self, annotation: Annotation) -> Annotation:
        return self.add_annotations([annotation])[0]

    def add_annotations(self, annotations: Iterable[Annotation]) -> list[Annotation]:
        """Insert annotations (keeping their ids) in one transaction."""
        items = list(annotations)

        return self.write(lambda session: [self._add_in(session, ann) for ann in items])

    @staticmethod
    def _add_in(session: Session, ann: Annotation) -> Annotation:
        annotator = _annotator_row(session, ann.annotator)
        now = utcnow()
        row = AnnotationRow(
            **annotation_values(ann, annotator.id),
            created_at=ann.created_at or now,
            updated_at=ann.updated_at or now,
            version=ann.version or 1,
        )
        session.add(row)
        session.flush()
        return annotation_from_row(row, ann.annotator)

    def import_batch(
        self,
        articles: Sequence[NewArticle],
        adds: Sequence[tuple[str, Annotation]],
        updates: Sequence[Annotation],
    ) -> tuple[list[Article], list[Annotation]]:
        """One transaction: new articles, then annotations (given with their article's sha256)."""

        def work(session: Session) -> tuple[list[Article], list[Annotation]]:
            added_articles, _dups = self._add_articles_in(session, articles)
            shas = {sha for sha, _ in adds}
            ids = dict(
                session.execute(
                    select(ArticleRow.sha256, ArticleRow.id).where(ArticleRow.sha256.in_(shas))
                ).all()
            )
            saved = [self._add_in(session, replace(ann, article_id=ids[sha])) for sha, ann in adds]
            saved += [self._update_in(session, ann) for ann in updates]
            return added_articles, saved

        return self.write(work)

    def update_annotation(self, annotation: Annotation) -> Annotation:
        """Save an edited annotation; refused if it changed since `annotation.version` was read."""
        return self.write(lambda session: self._update_in(session, annotation))

    @staticmethod
    def _update_in(session: Session, annotation: Annotation) -> Annotation:
        annotator = _annotator_row(session, annotation.annotator)
        values = annotation_values(annotation, annotator.id)
        values.pop("id")
        result = session.execute(
            update(AnnotationRow)
            .where(AnnotationRow.id == annotation.id)
            .where(AnnotationRow.version == annotation.version)
            .values(**values, updated_at=utcnow(), version=annotation.version + 1)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            exists = session.get(AnnotationRow, annotation.id)
            if exists is None:
                raise NotFound(f"annotation {annotation.id} no longer exists")
            raise ConflictError(
                f"annotation {annotation.id} was changed elsewhere (now version {exists.version}) "
                "since you opened it; your edit was not saved - reload and apply it again"
            )
        row = session.get(AnnotationRow, annotation.id, populate_existing=True)
        assert row is not None
        return annotation_from_row(row, annotation.annotator)

    def update_annotations(self, annotations: list[Annotation]) -> list[Annotation]:
        """Save several edited annotations in one transaction (all or none)."""

        def work(session: Session) -> list[Annotation]:
            return [self._update_in(session, a) for a in annotations]

        return self.write(work) if annotations else []

    def attribute_values(self, kind: Kind, name: str) -> list[str]:
        """Distinct non-empty values of one attribute, for completion and key matching."""

        def work(session: Session) -> list[str]:
            rows = session.execute(select(AnnotationRow.attributes).where(AnnotationRow.kind == kind.value))
            return sorted({str(r[0].get(name)) for r in rows if r[0] and r[0].get(name)})

        return self.read(work)

    def delete_annotation(self, annotation_id: str) -> Annotation:
        def work(session: Session) -> Annotation:
            row = session.get(AnnotationRow, annotation_id)
            if row is None:
                raise NotFound(f"no annotation {annotation_id}")
            name = session.get(AnnotatorRow, row.annotator_id)
            gone = annotation_from_row(row, name.name if name else "")
            session.execute(delete(AnnotationRow).where(AnnotationRow.id == annotation_id))
            return gone

        return self.write(work)

    def annotation(self, annotation_id: str) -> Annotation:
        found = self.annotations_by_ids([annotation_id])
        if not found:
            raise NotFound(f"no annotation {annotation_id}")
        return found[0]

    def annotations_by_ids(self, ids: Sequence[str]) -> list[Annotation]:
        found: list[Annotation] = []
        for i in range(0, len(ids), 900):
            stmt = self._annotation_query(AnnotationFilter()).where(
                AnnotationRow.id.in_(list(ids[i : i + 900]))
            )
            found += self.read(
                lambda session, q=stmt: [annotation_from_values(r[:-1], r[-1]) for r in session.execute(q)]
            )
        return found

    def iter_annotations(
        self, flt: AnnotationFilter | None = None, batch: int = 5000
    ) -> Iterator[Annotation]:
        """Stream annotations (ordered by article, start) without holding them all in memory."""
        with Session(self.engine) as session:
            result = session.execute(self._annotation_query(flt or AnnotationFilter())).yield_per(batch)
            for row in result:
                yield annotation_from_values(row[:-1], row[-1])

    def annotations(self, flt: AnnotationFilter | None = None) -> list[Annotation]:
        flt = flt or AnnotationFilter()
        stmt = self._annotation_query(flt)
        return self.read(
            lambda session: [annotation_from_values(r[:-1], r[-1]) for r in session.execute(stmt)]
        )

    @staticmethod
    def _annotation_query(flt: AnnotationFilter) -> Select:
        columns = [getattr(AnnotationRow, name) for name in ANNOTATION_COLUMNS]
        stmt = select(*columns, AnnotatorRow.name).join(
            AnnotatorRow, AnnotatorRow.id == AnnotationRow.annotator_id
        )
        if flt.article_id is not None:
            stmt = stmt.where(AnnotationRow.article_id == flt.article_id)
        if flt.kind:
            stmt = stmt.where(AnnotationRow.kind == flt.kind)
        if flt.annotator:
            stmt = stmt.where(AnnotatorRow.name == flt.annotator)
        if flt.status:
            stmt = stmt.where(AnnotationRow.status == flt.status)
        if flt.outlet:
            stmt = stmt.join(ArticleRow, ArticleRow.id == AnnotationRow.article_id).where(
                ArticleRow.outlet == flt.outlet
            )
        return stmt.order_by(AnnotationRow.article_id, AnnotationRow.start, AnnotationRow.end)

    def change_marker(self) -> tuple:
        """Cheap fingerprint of the project's contents; differs after any write by anyone."""

        def work(session: Session) -> tuple:
            annotations = session.execute(
                select(func.count(), func.max(AnnotationRow.updated_at), func.sum(AnnotationRow.version))
            ).one()
            articles = session.execute(select(func.count(), func.max(ArticleRow.id))).one()
            return (*annotations, *articles)

        return self.read(work)

    # -- dismissed suggestions ------------------------------------------------------------
    def dismissed_suggestions(self, article_id: int) -> set[tuple[str, int, int]]:
        def work(session: Session) -> set[tuple[str, int, int]]:
            rows = session.execute(
                select(
                    DismissedSuggestionRow.kind, DismissedSuggestionRow.start, DismissedSuggestionRow.end
                ).where(DismissedSuggestionRow.article_id == article_id)
            )
            return {(k, s, e) for k, s, e in rows}

        return self.read(work)

    def dismiss_suggestion(self, article_id: int, kind: str, start: int, end: int, annotator: str) -> None:
        def work(session: Session) -> None:
            exists = session.scalar(
                select(DismissedSuggestionRow.id).where(
                    DismissedSuggestionRow.article_id == article_id,
                    DismissedSuggestionRow.kind == kind,
                    DismissedSuggestionRow.start == start,
                    DismissedSuggestionRow.end == end,
                )
            )
            if exists is None:
                session.add(
                    DismissedSuggestionRow(
                        article_id=article_id,
                        kind=kind,
                        start=start,
                        end=end,
                        annotator=annotator,
                        dismissed_at=utcnow(),
                    )
                )

        self.write(work)

    def undismiss_suggestion(self, article_id: int, kind: str, start: int, end: int) -> None:
        self.write(
            lambda session: session.execute(
                delete(DismissedSuggestionRow).where(
                    DismissedSuggestionRow.article_id == article_id,
                    DismissedSuggestionRow.kind == kind,
                    DismissedSuggestionRow.start == start,
                    DismissedSuggestionRow.end == end,
                )
            )
        )

    # -- codebook ---------------------------------------------------------------------------
    def codebook(self, kind: CodebookKind | None = None) -> list[CodebookEntry]:
        def work(session: Session) -> list[CodebookEntry]:
            stmt = select(CodebookRow).order_by(CodebookRow.kind, CodebookRow.key)
            if kind is not None:
                stmt = stmt.where(CodebookRow.kind == kind.value)
            return [
                CodebookEntry(CodebookKind(r.kind), r.key, r.label, r.colour) for r in session.scalars(stmt)
            ]

        return self.read(work)

    def put_codebook_entry(self, entry: CodebookEntry) -> CodebookEntry:
        def work(session: Session) -> None:
            row = session.scalar(
                select(CodebookRow).where(CodebookRow.kind == entry.kind.value, CodebookRow.key == entry.key)
            )
            if row is None:
                session.add(
                    CodebookRow(kind=entry.kind.value, key=entry.key, label=entry.label, colour=entry.colour)
                )
            else:
                row.label, row.colour = entry.label, entry.colour

        self.write(work)
        return entry


def _ids_by_sha(session: Session, shas: list[str], chunk: int = 900) -> dict[str, int]:
    """sha256 -> article id, in chunks that stay under SQLite's bound-parameter limit."""
    found: dict[str, int] = {}
    for i in range(0, len(shas), chunk):
        part = shas[i : i + chunk]
        found.update(
            session.execute(select(ArticleRow.sha256, ArticleRow.id).where(ArticleRow.sha256.in_(part))).all()
        )
    return found


def _annotator_row(session: Session, name: str) -> AnnotatorRow:
    row = session.scalar(select(AnnotatorRow).where(AnnotatorRow.name == name))
    if row is None:
        row = AnnotatorRow(name=name, created_at=utcnow())
        session.add(row)
        session.flush()
    return row
