"""Repository methods for the codebook: entries, the values that use them, one-transaction writes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from kzt_annotator.core.errors import ConflictError
from kzt_annotator.core.model import CodebookEntry, CodebookKind
from kzt_annotator.store.models import AnnotationRow, ArticleRow, CodebookRow
from kzt_annotator.store.repo_base import RepositoryBase
from kzt_annotator.store.types import utcnow

if TYPE_CHECKING:  # imported where used: a verb that never touches the codebook skips them
    from kzt_annotator.core.changes import Changes
    from kzt_annotator.core.codebook_commands import CodebookWrite, Use, ValueChange


def _entry(row: CodebookRow) -> CodebookEntry:
    return CodebookEntry(
        CodebookKind(row.kind),
        row.key,
        row.label,
        row.colour or "",
        row.description or "",
        row.parent_key or None,
        tuple(row.aliases or ()),
    )


class CodebookMethods(RepositoryBase):
    def codebook(self, kind: CodebookKind | None = None) -> list[CodebookEntry]:
        """Entries ordered by kind and key (one kind, or all)."""

        def work(session: Session) -> list[CodebookEntry]:
            stmt = select(CodebookRow).order_by(CodebookRow.kind, CodebookRow.key)
            if kind is not None:
                stmt = stmt.where(CodebookRow.kind == kind.value)
            return [_entry(r) for r in session.scalars(stmt)]

        return self.read(work)

    def put_codebook_entry(self, entry: CodebookEntry) -> CodebookEntry:
        """Insert or replace one entry (no checks: services.codebook checks and undoes)."""
        from kzt_annotator.core.codebook_commands import CodebookWrite

        self.write_codebook(CodebookWrite(put=(entry,)))
        return entry

    def codebook_uses(self, kind: CodebookKind, match: Callable[[str], bool]) -> list[Use]:
        """Annotation attributes (and, for outlets, article outlets) whose value `match` accepts."""
        from kzt_annotator.core.codebook import REFERENCE_FIELDS
        from kzt_annotator.core.codebook_commands import Use

        def work(session: Session) -> list[Use]:
            uses: list[Use] = []
            if kind is CodebookKind.OUTLET:
                for ident, outlet in session.execute(
                    select(ArticleRow.id, ArticleRow.outlet).where(ArticleRow.outlet.is_not(None))
                ):
                    if outlet and match(outlet):
                        uses.append(Use("article", ident, "outlet", outlet))
                return uses
            fields = REFERENCE_FIELDS.get(kind, ())
            kinds = {k.value for k, _ in fields}
            if not kinds:
                return uses
            names = {k.value: [f for kk, f in fields if kk is k] for k, _ in fields}
            stmt = select(AnnotationRow.id, AnnotationRow.kind, AnnotationRow.attributes).where(
                AnnotationRow.kind.in_(kinds)
            )
            for ident, ann_kind, attributes in session.execute(stmt):
                for name in names.get(ann_kind, ()):
                    value = (attributes or {}).get(name)
                    if isinstance(value, str) and value and match(value):
                        uses.append(Use("annotation", ident, name, value))
            return uses

        return self.read(work)

    def write_codebook(self, write: CodebookWrite) -> Changes:
        """Apply one planned codebook write in one transaction; ConflictError if a value it
        rewrites is no longer what was read (nothing is written then)."""
        from kzt_annotator.core.changes import Changes

        def work(session: Session) -> Changes:
            for kind, key in write.remove:
                session.execute(
                    delete(CodebookRow).where(CodebookRow.kind == kind.value, CodebookRow.key == key)
                )
            session.flush()
            for entry in write.put:
                row = session.scalar(
                    select(CodebookRow).where(
                        CodebookRow.kind == entry.kind.value, CodebookRow.key == entry.key
                    )
                )
                if row is None:
                    row = CodebookRow(kind=entry.kind.value, key=entry.key)
                    session.add(row)
                row.label, row.colour, row.description = entry.label, entry.colour, entry.description
                row.parent_key, row.aliases = entry.parent, list(entry.aliases)
            articles: set[int] = set()
            annotations: set[str] = set()
            for change in write.values:
                if change.target == "article":
                    articles.add(_rewrite_outlet(session, change))
                else:
                    articles.add(_rewrite_attribute(session, change))
                    annotations.add(str(change.ident))
            kinds = {k.value for k, _ in write.remove} | {e.kind.value for e in write.put}
            return Changes(
                articles=frozenset(articles), annotations=frozenset(annotations), codebook=frozenset(kinds)
            )

        return self.write(work)


def _stale(change: ValueChange) -> ConflictError:
    return ConflictError(
        f"{change.target} {change.ident} no longer has {change.field} {change.old!r} (changed "
        "elsewhere); nothing was changed - reload and try again"
    )


def _rewrite_outlet(session: Session, change: ValueChange) -> int:
    result = session.execute(
        update(ArticleRow)
        .where(ArticleRow.id == change.ident, ArticleRow.outlet == change.old)
        .values(outlet=change.new)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise _stale(change)
    return int(change.ident)


def _rewrite_attribute(session: Session, change: ValueChange) -> int:
    row = session.get(AnnotationRow, change.ident, populate_existing=True)
    if row is None or (row.attributes or {}).get(change.field) != change.old:
        raise _stale(change)
    row.attributes = {**row.attributes, change.field: change.new}
    row.version += 1
    row.updated_at = utcnow()
    session.flush()
    return row.article_id
