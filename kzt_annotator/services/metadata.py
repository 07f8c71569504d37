"""Article metadata, document variables and deleting articles: use cases for the CLI and the GUI.

`metadata_command` checks text values (from a form or `set-meta`) for one or several articles and
builds the undoable edit; `delete_command` backs the project up and builds the undoable deletion.
The plain functions run the command at once (the CLI) and return the change record.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from kzt_annotator.core.article_edits import DeleteArticles, EditMetadata, MetaEdit
from kzt_annotator.core.changes import Changes
from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.variables import Variable, make_variable, parse_value
from kzt_annotator.store.backup import DEFAULT_KEEP, make_backup
from kzt_annotator.store.repository import Repository

TEXT_FIELDS = ("title", "outlet", "author", "url", "language", "memo")
FIELDS = (*TEXT_FIELDS, "published")


def parse_fields(raw: Mapping[str, str]) -> dict[str, Any]:
    """Form or command-line text -> stored metadata values ('' clears a field; the title must stay)."""
    out: dict[str, Any] = {}
    for name, value in raw.items():
        if name not in FIELDS:
            raise InvalidInput(f"cannot edit {name} of an article; the fields are {', '.join(FIELDS)}")
        text = value.strip() if name != "memo" else value
        if name == "published":
            try:
                out[name] = date.fromisoformat(text) if text else None
            except ValueError:
                raise InvalidInput(f"date {value!r}: write it as YYYY-MM-DD") from None
        elif name == "memo":
            out[name] = text
        elif name == "title" and not text:
            raise InvalidInput("an article needs a title; the title cannot be empty")
        else:
            out[name] = text or None
    return out


def parse_variables(repo: Repository, raw: Mapping[str, str]) -> dict[str, str | None]:
    """NAME -> text values checked against the project's variables ('' removes a value)."""
    known = {v.name: v for v in repo.variables()}
    out: dict[str, str | None] = {}
    for name, value in raw.items():
        variable = known.get(name.strip().lower())
        if variable is None:
            raise InvalidInput(f"no variable {name!r}; add it with `variable add {name} --type ...`")
        out[variable.name] = parse_value(variable, value)
    return out


def metadata_command(
    repo: Repository,
    article_ids: Sequence[int],
    fields: Mapping[str, str] | None = None,
    variables: Mapping[str, str] | None = None,
) -> EditMetadata:
    """The undoable edit setting the given fields and variables on every article in `article_ids`."""
    if not article_ids:
        raise InvalidInput("choose at least one article")
    parsed = parse_fields(fields or {})
    values = parse_variables(repo, variables or {})
    if not parsed and not values:
        raise InvalidInput("nothing to change")
    current = repo.article_values(article_ids)
    before, after = [], []
    for article_id in article_ids:
        article = repo.article_summary(article_id)
        old_fields = {name: getattr(article, name) for name in parsed}
        old_values = {name: current.get(article_id, {}).get(name) for name in values}
        before.append(MetaEdit(article_id, old_fields, old_values))
        after.append(MetaEdit(article_id, dict(parsed), dict(values)))
    return EditMetadata(before, after)


def inferred_fields(repo: Repository, article_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    """article id -> its metadata fields inferred from the text ("published", "outlet",
    "language" ...): shown as such in the editor until someone types or confirms them."""
    return repo.article_inferred(article_ids)


def edit_metadata(
    repo: Repository,
    article_ids: Sequence[int],
    fields: Mapping[str, str] | None = None,
    variables: Mapping[str, str] | None = None,
) -> Changes:
    return metadata_command(repo, article_ids, fields, variables).do(repo)


def add_variable(
    repo: Repository, name: str, type_: str, values: Iterable[str] = ()
) -> tuple[Variable, Changes]:
    variable = make_variable(name, type_, values)
    return variable, repo.add_variable(variable)


def split_values(text: str | None) -> list[str]:
    """'state, private' -> ['state', 'private']."""
    return [v.strip() for v in (text or "").split(",") if v.strip()]


def delete_command(
    repo: Repository, article_ids: Sequence[int], backup_keep: int = DEFAULT_KEEP
) -> DeleteArticles:
    """Back the project up (SQLite), then build the deletion of the articles (checked to exist)."""
    titles = [repo.article_summary(i).title for i in article_ids]
    if repo.db_file is not None and backup_keep > 0:
        make_backup(repo.db_file, "pre-delete-article", keep=backup_keep)
    return DeleteArticles(article_ids, titles)


def delete_articles(repo: Repository, article_ids: Sequence[int], backup_keep: int = DEFAULT_KEEP) -> Changes:
    return delete_command(repo, article_ids, backup_keep).do(repo)
