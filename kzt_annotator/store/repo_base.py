"""The Repository's foundation: engine, one-transaction reads and writes with bounded retry."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, Select, exists, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from kzt_annotator.core.errors import KztError
from kzt_annotator.store.engine import write_engine
from kzt_annotator.store.location import describe, sqlite_path
from kzt_annotator.store.models import (
    AnnotationRow,
    AnnotatorRow,
    ArticleRow,
    ArticleValueRow,
    VariableRow,
)
from kzt_annotator.store.types import utcnow

T = TypeVar("T")
WRITE_ATTEMPTS = 5
EDITABLE_META = ("title", "outlet", "author", "published", "url", "language", "memo")


class DatabaseBusy(KztError):
    """Another process kept the database locked past the busy timeout and every retry."""


@dataclass(frozen=True, slots=True)
class AnnotationFilter:
    article_id: int | None = None
    kind: str | None = None
    annotator: str | None = None
    status: str | None = None
    outlet: str | None = None
    variables: tuple[tuple[str, str], ...] = ()  # (document variable, canonical value): all must hold


def filtered(stmt: Select, flt: AnnotationFilter, articles: tuple[int, int] | None = None) -> Select:
    """`stmt` (over annotations joined with annotators) narrowed by the filter and an article id range."""
    if articles is not None:
        stmt = stmt.where(AnnotationRow.article_id.between(*articles))
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
    for name, value in flt.variables:
        stmt = stmt.where(
            exists()
            .where(ArticleValueRow.article_id == AnnotationRow.article_id)
            .where(ArticleValueRow.variable_id == VariableRow.id)
            .where(VariableRow.name == name, ArticleValueRow.value == value)
        )
    return stmt


class RepositoryBase:
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
