"""Repository methods for feeds: which items of a feed were taken, and taking new ones."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from kzt_annotator.core.model import Article, NewArticle
from kzt_annotator.store.models import FeedItemRow
from kzt_annotator.store.repo_articles import ArticleMethods
from kzt_annotator.store.types import utcnow


class FeedMethods(ArticleMethods):
    def seen_feed_items(self, feed_url: str) -> set[str]:
        """The item keys (entry id, else link) of `feed_url` already imported."""
        stmt = select(FeedItemRow.item_key).where(FeedItemRow.feed_url == feed_url)
        return self.read(lambda session: set(session.scalars(stmt)))

    def add_feed_articles(
        self, feed_url: str, items: Sequence[tuple[str, NewArticle]]
    ) -> tuple[list[Article], list[tuple[NewArticle, int]]]:
        """Store the articles of new feed items and remember the items, in one transaction;
        returns (added, [(duplicate, existing id)]) like add_articles."""

        def work(session: Session) -> tuple[list[Article], list[tuple[NewArticle, int]]]:
            added, duplicates = self._add_articles_in(session, [article for _, article in items])
            ids = {a.sha256: a.id for a in added}
            ids.update({new.sha256: existing for new, existing in duplicates})
            seen = set(session.scalars(select(FeedItemRow.item_key).where(FeedItemRow.feed_url == feed_url)))
            now = utcnow()
            rows = []
            for key, article in items:
                if key not in seen:
                    seen.add(key)
                    rows.append(
                        {
                            "feed_url": feed_url,
                            "item_key": key,
                            "article_id": ids.get(article.sha256),
                            "seen_at": now,
                        }
                    )
            if rows:
                session.execute(insert(FeedItemRow), rows)
            return added, duplicates

        return self.write(work)
