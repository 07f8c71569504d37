"""Repository methods for curation: roles, article states, curation states, curated-layer writes."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from kzt_annotator.core.model import Annotation
from kzt_annotator.store.models import (
    AnnotationRow,
    AnnotatorRow,
    ArticleCurationRow,
    ArticleStateRow,
)
from kzt_annotator.store.repo_annotations import AnnotationMethods
from kzt_annotator.store.repo_base import RepositoryBase, _annotator_row
from kzt_annotator.store.types import utcnow


class CurationMethods(RepositoryBase):
    # -- roles --------------------------------------------------------------------------------
    def annotator_roles(self) -> dict[str, str]:
        """annotator name -> role ('annotator' or 'curator'), for everyone known to the project."""
        return self.read(lambda s: dict(s.execute(select(AnnotatorRow.name, AnnotatorRow.role)).all()))

    def set_role(self, name: str, role: str) -> None:
        def work(session: Session) -> None:
            _annotator_row(session, name).role = role

        self.write(work)

    # -- states -------------------------------------------------------------------------------
    def article_states(self) -> dict[tuple[int, str], str]:
        """(article id, annotator name) -> stored state; absent pairs are derived by the service."""

        def work(session: Session) -> dict[tuple[int, str], str]:
            rows = session.execute(
                select(ArticleStateRow.article_id, AnnotatorRow.name, ArticleStateRow.state).join(
                    AnnotatorRow, AnnotatorRow.id == ArticleStateRow.annotator_id
                )
            )
            return {(a, n): s for a, n, s in rows}

        return self.read(work)

    def set_article_state(self, article_id: int, annotator: str, state: str) -> str | None:
        """Store one annotator's state on one article; returns the state stored before (or None)."""

        def work(session: Session) -> str | None:
            person = _annotator_row(session, annotator)
            row = session.get(ArticleStateRow, (article_id, person.id))
            before = row.state if row else None
            if row is None:
                session.add(
                    ArticleStateRow(
                        article_id=article_id, annotator_id=person.id, state=state, updated_at=utcnow()
                    )
                )
            else:
                row.state, row.updated_at = state, utcnow()
            return before

        return self.write(work)

    def curation_states(self) -> dict[int, tuple[str, str | None]]:
        """article id -> (curation state, curator); absent articles are open."""
        return self.read(
            lambda s: {
                a: (st, c)
                for a, st, c in s.execute(
                    select(
                        ArticleCurationRow.article_id, ArticleCurationRow.state, ArticleCurationRow.curator
                    )
                )
            }
        )

    def set_curation_state(self, article_id: int, state: str, curator: str | None) -> None:
        def work(session: Session) -> None:
            row = session.get(ArticleCurationRow, article_id)
            if row is None:
                session.add(
                    ArticleCurationRow(
                        article_id=article_id, state=state, curator=curator, updated_at=utcnow()
                    )
                )
            else:
                row.state, row.curator, row.updated_at = state, curator, utcnow()

        self.write(work)

    def annotation_counts(self) -> dict[tuple[int, str], int]:
        """(article id, annotator name) -> number of annotations (orphans included)."""

        def work(session: Session) -> dict[tuple[int, str], int]:
            rows = session.execute(
                select(AnnotationRow.article_id, AnnotatorRow.name, func.count())
                .join(AnnotatorRow, AnnotatorRow.id == AnnotationRow.annotator_id)
                .group_by(AnnotationRow.article_id, AnnotatorRow.name)
            )
            return {(a, n): c for a, n, c in rows}

        return self.read(work)

    # -- the curated layer --------------------------------------------------------------------
    def apply_curation(self, created: list[Annotation], updated: list[Annotation]) -> list[Annotation]:
        """Add curated-layer annotations and save the originals' decisions in one transaction.

        Returns the saved originals (new versions). Raises ConflictError if one changed meanwhile.
        """

        def work(session: Session) -> list[Annotation]:
            for ann in created:
                AnnotationMethods._add_in(session, ann)
            return [AnnotationMethods._update_in(session, ann) for ann in updated]

        return self.write(work)

    def revert_curation(self, created_ids: list[str], restored: list[Annotation]) -> list[Annotation]:
        """Undo of apply_curation: delete the curated copies, restore the originals, one transaction."""

        def work(session: Session) -> list[Annotation]:
            if created_ids:
                session.execute(delete(AnnotationRow).where(AnnotationRow.id.in_(created_ids)))
            return [AnnotationMethods._update_in(session, ann) for ann in restored]

        return self.write(work)
