"""Repository methods for annotators, annotations (optimistic concurrency) and dismissed suggestions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from sqlalchemy import Select, delete, func, select, type_coerce, update
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from kzt_annotator.core.attributes import attributes_from_stored
from kzt_annotator.core.errors import ConflictError, InvalidInput, NotFound
from kzt_annotator.core.id_prefixes import checked_prefix, one_match
from kzt_annotator.core.kinds import Kind, kind_name
from kzt_annotator.core.model import (
    Annotation,
    Annotator,
    Article,
    NewArticle,
    Relation,
)
from kzt_annotator.store import export_rows
from kzt_annotator.store.annotation_list import AnnotationList, annotation_from_raw
from kzt_annotator.store.bulk_insert import insert_rows
from kzt_annotator.store.convert import (
    ANNOTATION_COLUMNS,
    annotation_from_row,
    annotation_values,
)
from kzt_annotator.store.id_lookup import ids_starting_with
from kzt_annotator.store.models import (
    AnnotationRow,
    AnnotatorRow,
    ArticleRow,
    RelationRow,
    RelationTypeRow,
    SchemaKindRow,
)
from kzt_annotator.store.relation_rows import (
    SUPPORTS,
    delete_relations_of,
    insert_links,
    insert_relation,
    relation_exists,
    relations_touching,
    supports_targets_column,
    sync_supports,
)
from kzt_annotator.store.repo_base import AnnotationFilter, RepositoryBase, _annotator_row, filtered
from kzt_annotator.store.types import utcnow

# Untyped: the driver's values, converted by annotation_from_raw without SQLAlchemy's per-value
# result processing (JSON, datetimes).
_RAW_COLUMNS = [
    (
        supports_targets_column().label(name)
        if name == "linked_ids"
        else type_coerce(AnnotationRow.__table__.c[name], NullType()).label(name)
    )
    for name in ANNOTATION_COLUMNS
]


class AnnotationMethods(RepositoryBase):
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
        """Insert annotations (keeping their ids) in one transaction and one multi-row insert."""
        items = list(annotations)

        def work(session: Session) -> list[Annotation]:
            saved = self._add_many(session, items)
            for ann in items:  # after all: a link may name an annotation added later in the batch
                insert_links(session, ann)
            return saved

        return self.write(work)

    @staticmethod
    def _add_in(session: Session, ann: Annotation, links: bool = True) -> Annotation:
        """Insert one annotation (see _add_many) and, with `links`, its `supports` links."""
        saved = AnnotationMethods._add_many(session, [ann])[0]
        if links:
            insert_links(session, ann)
        return saved

    @staticmethod
    def _add_many(session: Session, anns: Sequence[Annotation]) -> list[Annotation]:
        """Insert annotations with one Core insert (no ORM objects, flush or read-back: tagging a
        span is the most frequent write) and return them as written, in order. Each annotator is
        looked up (or added) once, and the rows go as multi-row inserts (store/bulk_insert.py), not
        one statement or round trip per annotation. Links are the
        caller's (a link may name an annotation added later in the batch)."""
        if not anns:
            return []
        names = sorted({ann.annotator for ann in anns})
        ids = dict(
            session.execute(
                select(AnnotatorRow.name, AnnotatorRow.id).where(AnnotatorRow.name.in_(names))
            ).all()
        )
        for name in names:
            if name not in ids:
                ids[name] = _annotator_row(session, name).id
        now = utcnow()
        rows = []
        for ann in anns:
            values = annotation_values(ann, ids[ann.annotator])
            values.update(
                created_at=ann.created_at or now, updated_at=ann.updated_at or now, version=ann.version or 1
            )
            rows.append(values)
        insert_rows(session, AnnotationRow.__table__, rows)
        return [
            replace(
                ann,
                kind=kind_name(values["kind"]),
                attributes=attributes_from_stored(kind_name(values["kind"]), values["attributes"]),
                linked_ids=tuple(sorted(ann.linked_ids)),
                created_at=values["created_at"],
                updated_at=values["updated_at"],
                version=values["version"],
            )
            for ann, values in zip(anns, rows, strict=True)
        ]

    def import_batch(
        self,
        articles: Sequence[NewArticle],
        adds: Sequence[tuple[str, Annotation]],
        updates: Sequence[Annotation],
        relations: Sequence[Relation] = (),
    ) -> tuple[list[Article], list[Annotation]]:
        """One transaction: new articles, then annotations (given with their article's sha256),
        then their `supports` links and `relations` (those not there already)."""

        def work(session: Session) -> tuple[list[Article], list[Annotation]]:
            added_articles, _dups = self._add_articles_in(session, articles)
            shas = {sha for sha, _ in adds}
            ids = dict(
                session.execute(
                    select(ArticleRow.sha256, ArticleRow.id).where(ArticleRow.sha256.in_(shas))
                ).all()
            )
            saved = self._add_many(session, [replace(ann, article_id=ids[sha]) for sha, ann in adds])
            saved += [self._update_in(session, ann, links=False) for ann in updates]
            for relation in relations:  # first: a relation keeps its id (sync would make a new one)
                if not relation_exists(session, relation):
                    insert_relation(session, relation)
            for ann in [a for _, a in adds] + list(updates):
                sync_supports(session, ann)
            return added_articles, saved

        return self.write(work)

    def update_annotation(self, annotation: Annotation) -> Annotation:
        """Save an edited annotation; refused if it changed since `annotation.version` was read."""
        return self.write(lambda session: self._update_in(session, annotation))

    @staticmethod
    def _update_in(session: Session, annotation: Annotation, links: bool = True) -> Annotation:
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
        if links:
            sync_supports(session, annotation)
        return annotation_from_row(row, annotation.annotator, annotation.linked_ids)

    def update_annotations(self, annotations: list[Annotation]) -> list[Annotation]:
        """Save several edited annotations in one transaction (all or none)."""

        def work(session: Session) -> list[Annotation]:
            return [self._update_in(session, a) for a in annotations]

        return self.write(work) if annotations else []

    def attribute_values(self, kind: Kind, name: str) -> list[str]:
        """Distinct non-empty values of one attribute, for completion and key matching."""

        def work(session: Session) -> list[str]:
            rows = session.execute(select(AnnotationRow.attributes).where(AnnotationRow.kind == str(kind)))
            return sorted({str(r[0].get(name)) for r in rows if r[0] and r[0].get(name)})

        return self.read(work)

    def delete_annotation(self, annotation_id: str, version: int | None = None) -> Annotation:
        """Delete one annotation and return it as it was.

        With `version` (the version the caller read), the delete is refused with ConflictError
        when someone saved a newer version meanwhile, as edits are. NotFound when it is gone.
        """

        def work(session: Session) -> Annotation:
            row = session.get(AnnotationRow, annotation_id)
            if row is None:
                raise NotFound(f"no annotation {annotation_id}")
            name = session.get(AnnotatorRow, row.annotator_id)
            touching = relations_touching(session, [annotation_id])
            links = tuple(
                r.target_id for r in touching if r.type == SUPPORTS and r.source_id == annotation_id
            )
            gone = annotation_from_row(row, name.name if name else "", links)
            delete_relations_of(session, annotation_id)
            delete_at_version(session, row, version)
            return gone

        return self.write(work)

    def annotation(self, annotation_id: str) -> Annotation:
        found = self.annotations_by_ids([annotation_id])
        if not found:
            raise NotFound(f"no annotation {annotation_id}")
        return found[0]

    def resolve_annotation_id(self, ref: str) -> str:
        """The full id of the one annotation whose id is `ref` or starts with it.

        Raises InvalidInput for a prefix shorter than core.id_prefixes.MIN_PREFIX or one that
        fits several, NotFound when none matches (the tables show 8-character prefixes).
        """
        ref = checked_prefix(ref, "annotation")
        found = self.read(lambda session: ids_starting_with(session, AnnotationRow.id, ref))
        return one_match(ref, found, "annotation", "annotations")

    def annotations_by_ids(self, ids: Sequence[str]) -> list[Annotation]:
        found: list[Annotation] = []
        for i in range(0, len(ids), 900):
            stmt = self._annotation_query(AnnotationFilter()).where(
                AnnotationRow.id.in_(list(ids[i : i + 900]))
            )
            found += self.read(
                lambda session, q=stmt: [annotation_from_raw(r) for r in session.connection().execute(q)]
            )
        return found

    def iter_annotations(
        self, flt: AnnotationFilter | None = None, batch: int = 5000
    ) -> Iterator[Annotation]:
        """Stream annotations (ordered by article, start) without holding them all in memory."""
        with Session(self.engine) as session:
            stmt = self._annotation_query(flt or AnnotationFilter())
            result = session.connection().execution_options(yield_per=batch).execute(stmt)
            for row in result:
                yield annotation_from_raw(row)

    def iter_export_rows(
        self, flt: AnnotationFilter | None = None, articles: tuple[int, int] | None = None
    ) -> Iterator[list]:
        """Batches of plain rows for bulk export (see store.export_rows.EXPORT_COLUMNS), by article;
        `articles`: only those with ids in this (first, last) range."""
        return export_rows.iter_export_rows(self.engine, flt or AnnotationFilter(), articles)

    def export_counts(self, flt: AnnotationFilter | None = None) -> list[tuple[int, int]]:
        """(article id, matching annotations), in article order."""
        return export_rows.counts_by_article(self.engine, flt or AnnotationFilter())

    def article_texts(self, first: int, last: int) -> dict[int, str]:
        """Texts of the articles with ids first..last, in one query."""
        return export_rows.article_texts(self.engine, first, last)

    def annotations(self, flt: AnnotationFilter | None = None) -> list[Annotation]:
        stmt = self._annotation_query(flt or AnnotationFilter())
        return self.read(lambda session: [annotation_from_raw(r) for r in session.connection().execute(stmt)])

    def article_annotations(self, article_id: int) -> AnnotationList:
        """One article's annotations by (start, end), built into objects only as they are used."""
        stmt = (
            select(
                AnnotationRow.id,
                AnnotationRow.start,
                AnnotationRow.end,
                AnnotationRow.kind,
                AnnotatorRow.name,
            )
            .join(AnnotatorRow, AnnotatorRow.id == AnnotationRow.annotator_id)
            .where(AnnotationRow.article_id == article_id)
            .order_by(AnnotationRow.start, AnnotationRow.end)
        )
        # Through the Core connection: the ORM's row loading costs several times the query here.
        spans = self.read(lambda session: session.connection().execute(stmt).all())
        return AnnotationList(spans, self.annotations_by_ids)

    @staticmethod
    def _annotation_query(flt: AnnotationFilter) -> Select:
        stmt = select(*_RAW_COLUMNS, AnnotatorRow.name).join(
            AnnotatorRow, AnnotatorRow.id == AnnotationRow.annotator_id
        )
        return filtered(stmt, flt).order_by(AnnotationRow.article_id, AnnotationRow.start, AnnotationRow.end)

    def change_marker(self) -> tuple:
        """Cheap fingerprint of the project's contents; differs after any write by anyone."""

        def work(session: Session) -> tuple:
            annotations = session.execute(
                select(func.count(), func.max(AnnotationRow.updated_at), func.sum(AnnotationRow.version))
            ).one()
            articles = session.execute(select(func.count(), func.max(ArticleRow.id))).one()
            relations = session.scalar(select(func.count()).select_from(RelationRow))
            # last: the schema's size, so a window can tell a schema change from other changes
            schema = session.scalar(select(func.count()).select_from(SchemaKindRow)) or 0
            schema += session.scalar(select(func.count()).select_from(RelationTypeRow)) or 0
            return (*annotations, *articles, relations, schema)

        return self.read(work)


def delete_at_version(session: Session, row: AnnotationRow, version: int | None) -> None:
    """Delete `row`; with `version` (the version the caller read) only if it is still that one.

    Raises ConflictError when someone saved a newer version meanwhile, as edits are refused.
    """
    stmt = delete(AnnotationRow).where(AnnotationRow.id == row.id)
    if version is not None:
        stmt = stmt.where(AnnotationRow.version == version)
    result = session.execute(stmt.execution_options(synchronize_session=False))
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise ConflictError(
            f"annotation {row.id} was changed elsewhere (now version {row.version}) "
            "since you opened it; it was not deleted - reload and decide again"
        )
