"""Repository methods for document variables and article metadata edits (several articles at once)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from kzt_annotator.core.errors import InvalidInput, NotFound
from kzt_annotator.store.models import ArticleRow, ArticleValueRow, VariableRow
from kzt_annotator.store.repo_base import RepositoryBase

if TYPE_CHECKING:
    from kzt_annotator.core.article_edits import MetaEdit
    from kzt_annotator.core.changes import Changes
    from kzt_annotator.core.variables import Variable

META_FIELDS = ("title", "outlet", "author", "published", "url", "language", "memo")


class VariableMethods(RepositoryBase):
    def variables(self) -> list[Variable]:
        """The project's document variables in the order they were added."""
        from kzt_annotator.core.variables import Variable, VariableType

        def work(session: Session) -> list[Variable]:
            rows = session.scalars(select(VariableRow).order_by(VariableRow.position, VariableRow.id))
            return [Variable(r.name, VariableType(r.type), tuple(r.allowed or ())) for r in rows]

        return self.read(work)

    def add_variable(self, variable: Variable) -> Changes:
        from kzt_annotator.core.changes import Changes

        def work(session: Session) -> Changes:
            if session.scalar(select(VariableRow.id).where(VariableRow.name == variable.name)) is not None:
                raise InvalidInput(f"the project already has a variable {variable.name!r}")
            position = session.scalar(select(func.max(VariableRow.position))) or 0
            session.add(
                VariableRow(
                    name=variable.name,
                    type=variable.type.value,
                    allowed=list(variable.values),
                    position=position + 1,
                )
            )
            return Changes(variables=True)

        return self.write(work)

    def delete_variable(self, name: str) -> Changes:
        """Remove a variable and every article's value of it."""
        from kzt_annotator.core.changes import Changes

        def work(session: Session) -> Changes:
            row = session.scalar(select(VariableRow).where(VariableRow.name == name))
            if row is None:
                raise NotFound(f"no variable {name!r}; see `variable list`")
            touched = set(
                session.scalars(
                    select(ArticleValueRow.article_id).where(ArticleValueRow.variable_id == row.id)
                )
            )
            session.execute(delete(ArticleValueRow).where(ArticleValueRow.variable_id == row.id))
            session.delete(row)
            return Changes(articles=frozenset(touched), variables=True)

        return self.write(work)

    def article_values(self, article_ids: Collection[int] | None = None) -> dict[int, dict[str, str]]:
        """article id -> {variable name: stored value} (articles without values are left out)."""
        stmt = select(ArticleValueRow.article_id, VariableRow.name, ArticleValueRow.value).join(
            VariableRow, VariableRow.id == ArticleValueRow.variable_id
        )
        if article_ids is not None:
            stmt = stmt.where(ArticleValueRow.article_id.in_(list(article_ids)))

        def work(session: Session) -> dict[int, dict[str, str]]:
            out: dict[int, dict[str, str]] = {}
            for article_id, name, value in session.connection().execute(stmt).all():
                out.setdefault(article_id, {})[name] = value
            return out

        return self.read(work)

    def write_metadata(self, edits: Sequence[MetaEdit]) -> Changes:
        """Apply metadata and variable values to several articles in one transaction.

        Values must already be in their canonical form (services.metadata checks them).
        """
        from kzt_annotator.core.changes import Changes

        def work(session: Session) -> Changes:
            ids = {r.name: r.id for r in session.scalars(select(VariableRow))}
            for edit in edits:
                row = session.get(ArticleRow, edit.article_id)
                if row is None:
                    raise NotFound(f"no article with id {edit.article_id}")
                for name, value in edit.fields.items():
                    if name not in META_FIELDS:
                        raise InvalidInput(f"cannot edit {name} of an article")
                    setattr(row, name, "" if name == "memo" and value is None else value)
                if row.inferred and set(row.inferred) & set(edit.fields):
                    row.inferred = [n for n in row.inferred if n not in edit.fields]  # typed now
                for name, value in edit.variables.items():
                    if name not in ids:
                        raise InvalidInput(
                            f"no variable {name!r}; add it with `variable add {name} --type ...`"
                        )
                    session.execute(
                        delete(ArticleValueRow).where(
                            ArticleValueRow.article_id == edit.article_id,
                            ArticleValueRow.variable_id == ids[name],
                        )
                    )
                    if value is not None:
                        session.add(
                            ArticleValueRow(article_id=edit.article_id, variable_id=ids[name], value=value)
                        )
                session.flush()
            return Changes(articles=frozenset(e.article_id for e in edits))

        return self.write(work)
