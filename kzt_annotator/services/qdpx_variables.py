"""Document variables and source memos of an imported REFI-QDA project, planned then applied.

Variables other than our article metadata (outlet, author, published, url, language) become the
project's document variables: REFI types map to ours (Text -> text, or category when the
description lists its values as this program writes them; Integer/Float -> number;
Date/DateTime -> date; Boolean -> boolean); a name is made lower case with `_` for other
characters. A variable the project already has keeps its type, and values are checked against it.
A value that does not fit is counted as not represented, never stored half-parsed. Notes a
source refers to become its article's memo (when the article has none).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from kzt_annotator.core.article_edits import MetaEdit
from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.variables import Variable, make_variable, parse_value
from kzt_annotator.io.refi_project import QdaProject
from kzt_annotator.services.qdpx_export import CATEGORY_MARK
from kzt_annotator.store.repository import Repository

META = ("outlet", "author", "published", "url", "language")
OUR_TYPE = {"Text": "text", "Integer": "number", "Float": "number", "Date": "date", "DateTime": "date"}
OUR_TYPE["Boolean"] = "boolean"


@dataclass(slots=True)
class Extras:
    new_variables: list[Variable] = field(default_factory=list)
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # source guid -> {name: value}
    memos: dict[str, str] = field(default_factory=dict)  # source guid -> memo


def _name(raw: str) -> str:
    return re.sub(r"[^a-z0-9_]+", "_", raw.strip().lower()).strip("_")


def plan(repo: Repository, project: QdaProject, not_represented: Counter[str]) -> Extras:
    extras = Extras()
    known = {v.name: v for v in repo.variables()}
    defined: dict[str, Variable | None] = {}
    for v in project.variables:
        if v.name in META:
            continue
        name = _name(v.name)
        if name in known:
            defined[v.guid] = known[name]
            continue
        listed = v.description.startswith(CATEGORY_MARK)
        values = v.description[len(CATEGORY_MARK) :].split(" | ") if listed else []
        try:
            variable = make_variable(name, "category" if values else OUR_TYPE.get(v.type, "text"), values)
        except InvalidInput:
            defined[v.guid] = None
            continue
        known[name] = variable
        defined[v.guid] = variable
        extras.new_variables.append(variable)
    cases: dict[str, list[tuple[str, str]]] = {}
    for case in project.cases:
        for ref in case.source_refs:
            cases.setdefault(ref, []).extend(case.variables)
    notes = {n.guid: n for n in project.notes}
    for source in project.sources:
        out: dict[str, str] = {}
        for guid, raw in [*source.variables, *cases.get(source.guid, [])]:
            if guid not in defined:
                continue  # article metadata, handled with the article
            variable = defined[guid]
            try:
                is_date = variable is not None and str(variable.type) == "date"
                value = parse_value(variable, raw[:10] if is_date else raw) if variable else None
            except InvalidInput:
                value = None
            if value is None:
                if raw.strip():
                    not_represented["document variable values"] += 1
                continue
            out.setdefault(variable.name, value)
        extras.values[source.guid] = out
        memo = "\n\n".join(notes[r].text for r in source.note_refs if r in notes and notes[r].text)
        if memo:
            extras.memos[source.guid] = memo
    return extras


def apply(repo: Repository, project: QdaProject, extras: Extras, shas: dict[str, str]) -> int:
    """Add the new variables, then write values and memos of the imported sources' articles in
    one transaction (never overwriting a memo or value the article already has)."""
    for variable in extras.new_variables:
        repo.add_variable(variable)
    edits = []
    for source in project.sources:
        article = repo.article_by_sha(shas[source.guid])
        if article is None:
            continue
        current = repo.article_values([article.id]).get(article.id, {})
        values = {k: v for k, v in extras.values.get(source.guid, {}).items() if k not in current}
        fields = {}
        if extras.memos.get(source.guid) and not article.memo:
            fields["memo"] = extras.memos[source.guid]
        if values or fields:
            edits.append(MetaEdit(article.id, fields, values))
    if edits:
        repo.write_metadata(edits)
    return len(edits)
