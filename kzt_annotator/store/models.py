"""SQLAlchemy 2 typed ORM models. Private to `store`: the Repository converts them to core types.

No `from __future__ import annotations` here: the declarative scan then reads each `Mapped[...]`
as an object instead of evaluating its text (about 3 ms of every verb's start; the tables and
mappers made are the same).
"""

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, deferred, mapped_column

from kzt_annotator.store.types import UTCDateTime, utcnow

# A naming convention lets Alembic's batch mode find constraints on SQLite.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class AnnotatorRow(Base):
    __tablename__ = "annotators"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    role: Mapped[str] = mapped_column(String(20), default="annotator", server_default="annotator")


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    url: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(20))
    source_file: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    chars: Mapped[int] = mapped_column(Integer)
    # Loaded only when an article is opened: lists of 10,000 articles stay small.
    text: Mapped[str] = deferred(mapped_column(Text, nullable=False))
    boilerplate: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # From news-database exports, PDFs and fetched pages (revision 0005).
    section: Mapped[str | None] = mapped_column(Text)
    length_words: Mapped[int | None] = mapped_column(Integer)
    export_file: Mapped[str | None] = mapped_column(Text)
    export_index: Mapped[int | None] = mapped_column(Integer)
    pages: Mapped[list[Any] | None] = mapped_column(JSON)
    fetched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Near-duplicate detection (core/syndication.py): the body's shingle sketch and the group.
    dup_sketch: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    syndication_group: Mapped[int | None] = mapped_column(Integer, index=True)
    # Metadata fields inferred from the text ("published", "outlet", ...); editing one clears it (0007).
    inferred: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    memo: Mapped[str] = mapped_column(Text, default="", server_default="")


class FeedItemRow(Base):
    """A feed item already imported (or refused as a duplicate), so `import-feed` takes it once."""

    __tablename__ = "feed_items"
    __table_args__ = (UniqueConstraint("feed_url", "item_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed_url: Mapped[str] = mapped_column(Text)
    item_key: Mapped[str] = mapped_column(Text)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ArticleSourceRow(Base):
    """The original bytes of an imported file, kept for provenance (HTML, DOCX)."""

    __tablename__ = "article_sources"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(100))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class AnnotationRow(Base):
    __tablename__ = "annotations"
    __table_args__ = (
        Index("ix_annotations_article_start", "article_id", "start"),
        Index("ix_annotations_kind", "kind"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    note: Mapped[str] = mapped_column(Text, default="")
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    linked_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    reviewer: Mapped[str | None] = mapped_column(String(200))
    review_note: Mapped[str] = mapped_column(Text, default="")
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Set when a revised article text no longer contains the span; never deleted for that.
    orphaned: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")


class ArticleStateRow(Base):
    """One annotator's state on one article (core.curation.ArticleState); absent = derived."""

    __tablename__ = "article_states"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"), primary_key=True)
    state: Mapped[str] = mapped_column(String(20))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ArticleCurationRow(Base):
    """The curation state of one article (core.curation.CurationState); absent = open."""

    __tablename__ = "article_curation"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    state: Mapped[str] = mapped_column(String(20))
    curator: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CodebookRow(Base):
    __tablename__ = "codebook"
    __table_args__ = (UniqueConstraint("kind", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(200))
    label: Mapped[str] = mapped_column(Text)
    colour: Mapped[str] = mapped_column(String(20), default="")
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    parent_key: Mapped[str | None] = mapped_column(String(200))  # a key of the same kind
    aliases: Mapped[list[str] | None] = mapped_column(JSON, default=list)


class VariableRow(Base):
    """A document variable the project defines (country, ownership, ...)."""

    __tablename__ = "variables"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    type: Mapped[str] = mapped_column(String(20))
    allowed: Mapped[list[str]] = mapped_column(JSON, default=list)  # a category's values, in order
    position: Mapped[int] = mapped_column(Integer, default=0)


class ArticleValueRow(Base):
    """One article's value of one document variable, as text in the variable's canonical form."""

    __tablename__ = "article_values"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    variable_id: Mapped[int] = mapped_column(ForeignKey("variables.id", ondelete="CASCADE"), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class DismissedSuggestionRow(Base):
    """A suggestion the researcher dismissed, remembered so it is not offered again."""

    __tablename__ = "dismissed_suggestions"
    __table_args__ = (UniqueConstraint("article_id", "kind", "start", "end"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    annotator: Mapped[str] = mapped_column(String(200))
    dismissed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FigureFactRow(Base):
    """One figure's quantity and numbers as columns; written only by triggers (see figure_index)."""

    __tablename__ = "figure_facts"
    __table_args__ = (
        Index("ix_figure_facts_key", "quantity", "as_of", "status", "article_id", "qualifier", "shape"),
        Index("ix_figure_facts_order", "quantity", "value", "value_low", "article_id", "annotation_id"),
    )

    annotation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    article_id: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[str] = mapped_column(Text)
    as_of: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))
    qualifier: Mapped[str] = mapped_column(String(40))
    shape: Mapped[int] = mapped_column(Integer)
    value: Mapped[float | None] = mapped_column(Float)
    value_low: Mapped[float | None] = mapped_column(Float)
    value_high: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(Text, server_default="")


class FigureSummaryRow(Base):
    """Per quantity, article, unit, date, status, qualifier and shape: how many figures, their
    extremes. Stored in that order (on SQLite without rowid): the discrepancy panel reads it grouped
    by quantity, article, unit (and date) without sorting it."""

    __tablename__ = "figure_summary"
    __table_args__ = (
        PrimaryKeyConstraint("quantity", "article_id", "unit", "as_of", "status", "qualifier", "shape"),
        {"sqlite_with_rowid": False},
    )

    quantity: Mapped[str] = mapped_column(Text, primary_key=True)
    as_of: Mapped[str] = mapped_column(String(40), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    article_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    qualifier: Mapped[str] = mapped_column(String(40), primary_key=True)
    shape: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    unit: Mapped[str] = mapped_column(Text, primary_key=True, server_default="")
    n: Mapped[int] = mapped_column(Integer)
    min_value: Mapped[float | None] = mapped_column(Float)
    max_value: Mapped[float | None] = mapped_column(Float)
    min_low: Mapped[float | None] = mapped_column(Float)
    max_low: Mapped[float | None] = mapped_column(Float)
    min_high: Mapped[float | None] = mapped_column(Float)
    max_high: Mapped[float | None] = mapped_column(Float)


class SchemaKindRow(Base):
    """A project-defined annotation kind (core.schema.KindSpec); `fields` a JSON list of fields."""

    __tablename__ = "schema_kinds"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    label: Mapped[str] = mapped_column(Text, default="")
    colour: Mapped[str] = mapped_column(String(20), default="")
    hotkey: Mapped[str] = mapped_column(String(5), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    fields: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RelationTypeRow(Base):
    """A project-defined relation type; `sources`/`targets` JSON lists of kind names (empty: any)."""

    __tablename__ = "relation_types"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    label: Mapped[str] = mapped_column(Text, default="")
    sources: Mapped[list[str]] = mapped_column(JSON, default=list)
    targets: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RelationRow(Base):
    """A typed relation between two annotations; deleting either annotation deletes it."""

    __tablename__ = "relations"
    __table_args__ = (
        UniqueConstraint("type", "source_id", "target_id"),
        Index("ix_relations_source", "source_id"),
        Index("ix_relations_target", "target_id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    type: Mapped[str] = mapped_column(String(40))
    source_id: Mapped[str] = mapped_column(ForeignKey("annotations.id", ondelete="CASCADE"))
    target_id: Mapped[str] = mapped_column(ForeignKey("annotations.id", ondelete="CASCADE"))
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
