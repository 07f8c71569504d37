"""Repository methods for dismissed suggestions: spans a reader said are not a figure or an
attribution, never proposed again for that article."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kzt_annotator.store.models import DismissedSuggestionRow
from kzt_annotator.store.repo_base import RepositoryBase
from kzt_annotator.store.types import utcnow


class DismissedSuggestionMethods(RepositoryBase):
    def dismissed_suggestions(self, article_id: int) -> set[tuple[str, int, int]]:
        """The article's dismissed suggestions as (kind, start, end), offsets in code points."""

        def work(session: Session) -> set[tuple[str, int, int]]:
            rows = session.execute(
                select(
                    DismissedSuggestionRow.kind, DismissedSuggestionRow.start, DismissedSuggestionRow.end
                ).where(DismissedSuggestionRow.article_id == article_id)
            )
            return {(k, s, e) for k, s, e in rows}

        return self.read(work)

    def dismiss_suggestion(self, article_id: int, kind: str, start: int, end: int, annotator: str) -> None:
        """Record that `annotator` dismissed the suggestion; nothing when it was dismissed already."""

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
        """Forget a dismissal (undo), so the suggestion is proposed again."""
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
