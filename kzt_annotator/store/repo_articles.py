"""Repository methods for articles: bulk import, lookup, summaries, metadata, revised text."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, undefer

from kzt_annotator.core.errors import InvalidInput, NotFound
from kzt_annotator.core.id_prefixes import MIN_PREFIX
from kzt_annotator.core.model import (
    Annotation,
    Article,
    ArticleSummary,
    NewArticle,
)
from kzt_annotator.store.bulk_insert import insert_rows
from kzt_annotator.store.convert import (
    article_from_row,
    pages_to_json,
    ranges_to_json,
)
from kzt_annotator.store.engine import one_pass
from kzt_annotator.store.models import (
    AnnotationRow,
    ArticleRow,
    ArticleSourceRow,
    ArticleValueRow,
    VariableRow,
)
from kzt_annotator.store.repo_base import EDITABLE_META, RepositoryBase, _ids_by_sha
from kzt_annotator.store.types import utcnow

if TYPE_CHECKING:
    from kzt_annotator.core.syndication import SyndicationGroup


def _insert_articles(session: Session, rows: list[dict[str, Any]]) -> dict[str, int]:
    """Insert article rows (column name -> value; see store/bulk_insert.py); returns sha256 ->
    the new row's id (RETURNING gives rows in no set order, hence the sha256 with each id)."""
    table = ArticleRow.__table__
    found = insert_rows(session, table, rows, table.c.sha256, table.c.id)
    if found is None:
        return _ids_by_sha(session, [row["sha256"] for row in rows])
    return dict(found)


class ArticleMethods(RepositoryBase):
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
        shas = [new.sha256 for new in articles]  # hashed once: 30 us an article
        existing = _ids_by_sha(session, shas)
        fresh: dict[str, NewArticle] = {}
        duplicates: list[tuple[NewArticle, int]] = []
        for sha, new in zip(shas, articles, strict=True):
            if sha in existing:
                duplicates.append((new, existing[sha]))
            elif sha in fresh:
                duplicates.append((new, -1))  # the same text twice in one import; id filled in below
            else:
                fresh[sha] = new
        if not fresh:
            return [], duplicates
        from kzt_annotator.store.syndication_store import assign_groups, sketch_of  # writing verbs only

        now = utcnow()
        sketches = {sha: sketch_of(new) for sha, new in fresh.items()}
        # Core bulk insert into the table (no ORM unit of work or bulk-ORM bookkeeping): several
        # times faster than the ORM for thousands of rows. The columns' types still convert every
        # value, so rows are stored exactly as the ORM stores them.
        ids = _insert_articles(
            session,
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
                    "inferred": list(new.inferred),
                    "section": new.section,
                    "length_words": new.length_words,
                    "export_file": new.export_file,
                    "export_index": new.export_index,
                    "pages": pages_to_json(new.pages) if new.pages else None,
                    "fetched_at": new.fetched_at,
                    "dup_sketch": sketches[sha] or None,
                    "memo": "",
                }
                for sha, new in fresh.items()
            ],
        )
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
        grouped = assign_groups(
            session, {ids[sha]: (new, sketches[sha]) for sha, new in fresh.items() if sketches[sha]}
        )
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
                inferred=new.inferred,
                section=new.section,
                length_words=new.length_words,
                export_file=new.export_file,
                export_index=new.export_index,
                pages=new.pages,
                fetched_at=new.fetched_at,
                syndication_group=grouped.get(ids[sha]),
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
        """An article by id, or by a unique prefix (core.id_prefixes.MIN_PREFIX characters or more)
        of its sha256."""
        text = str(ref).strip()
        if text.isdigit():
            try:
                return self.article(int(text))
            except NotFound:
                if len(text) < MIN_PREFIX:
                    raise
        if len(text) < MIN_PREFIX:
            raise NotFound(
                f"no article {text!r}: give an id or at least {MIN_PREFIX} characters of its sha256"
            )

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

    def article_summaries(
        self, ids: Sequence[int] | None = None, only: int | None = None
    ) -> list[ArticleSummary]:
        """Every article (or those with these `ids`, or the one `only`) without its text (Core
        rows: lists of 10,000 articles stay quick)."""
        if only is not None:
            ids = [only]

        def work(session: Session) -> list[ArticleSummary]:
            counts: dict[int, dict[str, int]] = {}
            connection = session.connection()  # Core rows: the ORM's row loading costs 3-4x here
            count_stmt = select(AnnotationRow.article_id, AnnotationRow.kind, func.count())
            if ids is not None:
                count_stmt = count_stmt.where(AnnotationRow.article_id.in_(list(ids)))
            for article_id, kind, n in connection.execute(
                count_stmt.group_by(AnnotationRow.article_id, AnnotationRow.kind)
            ).all():
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
                ArticleRow.syndication_group,
            )
            values: dict[int, dict[str, str]] = {}
            value_stmt = select(ArticleValueRow.article_id, VariableRow.name, ArticleValueRow.value).join(
                VariableRow, VariableRow.id == ArticleValueRow.variable_id
            )
            if ids is not None:
                value_stmt = value_stmt.where(ArticleValueRow.article_id.in_(list(ids)))
            for article_id, name, value in connection.execute(value_stmt).all():
                values.setdefault(article_id, {})[name] = value
            # one count per kind of the project's schema (the built-in three and its own)
            kinds = [str(k) for k in self.schema().kind_names]  # type: ignore[attr-defined]
            out = []
            stmt = select(*columns, ArticleRow.memo).order_by(ArticleRow.id)
            if ids is not None:
                stmt = stmt.where(ArticleRow.id.in_(list(ids)))
            for row in connection.execute(stmt).all():  # fetchall: one call
                found = counts.get(row[0], {})
                out.append(
                    ArticleSummary(
                        *row[:-2],
                        counts={k: found.get(k, 0) for k in kinds},
                        syndication_group=row[-2],
                        memo=row[-1] or "",
                        variables=values.get(row[0], {}),
                    )
                )
            return out

        return self.read(work)

    def article_summary(self, article_id: int) -> ArticleSummary:
        """One article without its text (with counts, memo and variable values)."""
        found = self.article_summaries(only=article_id)
        if not found:
            raise NotFound(f"no article with id {article_id}")
        return found[0]

    def article_dates(self, ids: Collection[int] | None = None) -> dict[int, date]:
        """id -> publication date of the articles that have one (of `ids` when given)."""
        stmt = select(ArticleRow.id, ArticleRow.published).where(ArticleRow.published.is_not(None))
        if ids is not None:
            stmt = stmt.where(ArticleRow.id.in_(list(ids)))
        return self.read(lambda session: {i: day for i, day in session.execute(stmt).all()})

    def article_inferred(self, ids: Collection[int]) -> dict[int, tuple[str, ...]]:
        """id -> the metadata fields inferred from the text (not typed or read), of `ids`."""
        stmt = select(ArticleRow.id, ArticleRow.inferred).where(ArticleRow.id.in_(list(ids)))
        return self.read(lambda session: {i: tuple(f or ()) for i, f in session.execute(stmt).all()})

    def article_labels(self, ids: Collection[int] | None = None) -> dict[int, tuple[str, str]]:
        """id -> (outlet, title) for every article (or those with these `ids` that exist): what
        panels and exports label rows with."""
        stmt = select(ArticleRow.id, ArticleRow.outlet, ArticleRow.title)
        if ids is None:
            return self.read(
                lambda session: {i: (o or "", t) for i, o, t in session.connection().execute(stmt).all()}
            )
        wanted = sorted(set(ids))

        def work(session: Session) -> dict[int, tuple[str, str]]:
            found: dict[int, tuple[str, str]] = {}
            for at in range(0, len(wanted), 900):  # under SQLite's bound-parameter limit
                part = stmt.where(ArticleRow.id.in_(wanted[at : at + 900]))
                found.update((i, (o or "", t)) for i, o, t in session.connection().execute(part))
            return found

        return self.read(work)

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
            if row.inferred and set(row.inferred) & set(changes):
                row.inferred = [name for name in row.inferred if name not in changes]  # typed now

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

    def syndication_sources(self) -> dict[int, int]:
        """Article id -> near-duplicate group id, for the articles that are in a group."""
        stmt = select(ArticleRow.id, ArticleRow.syndication_group).where(
            ArticleRow.syndication_group.is_not(None)
        )

        def work(session: Session) -> dict[int, int]:
            connection = session.connection()
            with one_pass(connection):  # every page of the table, for a few ids
                return dict(connection.execute(stmt).all())

        return self.read(work)

    def syndication_groups(self) -> list[SyndicationGroup]:
        """Near-duplicate groups (the same wire text under several outlets), largest first."""
        from kzt_annotator.store.syndication_store import syndication_groups

        return self.read(syndication_groups)

    def source_bytes(self, article_id: int) -> tuple[str, bytes] | None:
        def work(session: Session) -> tuple[str, bytes] | None:
            row = session.get(ArticleSourceRow, article_id)
            return None if row is None else (row.media_type, row.data)

        return self.read(work)
