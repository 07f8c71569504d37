"""Near-duplicate groups in the database: sketches and group ids of articles (core/syndication.py
says what counts as a near-duplicate).

`assign_groups` runs inside the import's transaction, so an import and its grouping are stored
together or not at all.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session, undefer

from kzt_annotator.core import syndication
from kzt_annotator.core.model import NewArticle
from kzt_annotator.core.syndication import GroupMember, SyndicationGroup
from kzt_annotator.store.convert import ranges_from_json
from kzt_annotator.store.models import ArticleRow


def sketch_of(new: NewArticle) -> bytes:
    """The article's sketch: computed while parsing (NewArticle.sketch), else here; b"" when the
    text is too short to compare."""
    if new.sketch is not None:
        return new.sketch
    return syndication.sketch(syndication.body_of(new.text, new.boilerplate)) or b""


def assign_groups(session: Session, fresh: Mapping[int, tuple[NewArticle, bytes]]) -> dict[int, int]:
    """Group newly added articles (id -> (article, its stored sketch)) with their near-duplicates
    among all articles; returns article id -> group id for every article whose group changed or
    was made (new articles included)."""
    bodies: dict[int, str] = {}
    sketches = {article_id: syndication.values(packed) for article_id, (_new, packed) in fresh.items()}
    if not sketches:
        return {}
    known: dict[int, list[int]] = {}
    groups: dict[int, int | None] = {}
    rows = session.execute(
        select(ArticleRow.id, ArticleRow.dup_sketch, ArticleRow.syndication_group).where(
            ArticleRow.dup_sketch.is_not(None)
        )
    )
    for article_id, packed, group in rows:
        known[article_id] = sketches.get(article_id) or syndication.values(packed)
        groups[article_id] = group
    index: dict[int, set[int]] = {}
    for article_id, values in known.items():
        for v in values[: syndication.CANDIDATE_VALUES]:
            index.setdefault(v, set()).add(article_id)
    grouping = syndication.Grouping.empty()
    for article_id, group in groups.items():
        if group is not None:
            grouping.union(article_id, group)
    prepared = {article_id: syndication.Prepared.of(values) for article_id, values in known.items()}
    for article_id, values in sketches.items():
        mine = prepared[article_id]
        candidates = set().union(*(index.get(v, set()) for v in values[: syndication.CANDIDATE_VALUES]))
        candidates.discard(article_id)
        for other in sorted(candidates):
            if other in sketches and other < article_id:
                continue  # the pair was judged from the other side
            if not syndication.may_reach(mine, prepared[other]):
                continue  # the cheap exact bound: most candidates share one small value only
            if grouping.find(other) == grouping.find(article_id):
                continue
            if syndication.estimated_jaccard(values, known[other]) < syndication.JACCARD_MIN:
                continue
            if syndication.confirmed(
                _body(session, article_id, bodies, fresh), _body(session, other, bodies, fresh)
            ):
                grouping.union(article_id, other)
    changed = {
        article_id: group
        for article_id, group in grouping.groups().items()
        if groups.get(article_id) != group
    }
    if changed:  # one executemany, not a statement per article
        session.connection().execute(
            update(ArticleRow.__table__)
            .where(ArticleRow.__table__.c.id == bindparam("article"))
            .values(syndication_group=bindparam("group")),
            [{"article": a, "group": g} for a, g in changed.items()],
        )
    return changed


def _body(
    session: Session, article_id: int, bodies: dict[int, str], fresh: Mapping[int, tuple[NewArticle, bytes]]
) -> str:
    """An article's body, computed once: from the new article, else read from the database."""
    if article_id in fresh and article_id not in bodies:
        new = fresh[article_id][0]
        bodies[article_id] = syndication.body_of(new.text, new.boilerplate)
    if article_id not in bodies:
        row = session.get(ArticleRow, article_id, options=[undefer(ArticleRow.text)])
        assert row is not None
        bodies[article_id] = syndication.body_of(row.text, ranges_from_json(row.boilerplate))
    return bodies[article_id]


def syndication_groups(session: Session) -> list[SyndicationGroup]:
    """Every group of two or more articles, largest first, then by group id."""
    stmt = (
        select(
            ArticleRow.syndication_group,
            ArticleRow.id,
            ArticleRow.title,
            ArticleRow.outlet,
            ArticleRow.published,
            ArticleRow.source_file,
        )
        .where(ArticleRow.syndication_group.is_not(None))
        .order_by(ArticleRow.syndication_group, ArticleRow.id)
    )
    members: dict[int, list[GroupMember]] = {}
    for group, *fields in session.connection().execute(stmt).all():
        members.setdefault(group, []).append(GroupMember(*fields))
    out = [SyndicationGroup(g, tuple(ms)) for g, ms in members.items() if len(ms) > 1]
    return sorted(out, key=lambda g: (-len(g.members), g.group_id))
