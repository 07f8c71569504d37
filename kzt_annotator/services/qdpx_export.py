"""Export a project as a REFI-QDA project (`.qdpx`) for ATLAS.ti, MAXQDA, NVivo, QualCoder.

The ZIP holds `project.qde` (checked against Project-mrt2019.xsd before it is written) and one
`Sources/<guid>.txt` per article: the stored text, UTF-8, so selection positions (code points of
that text) are exactly our annotation offsets. Article metadata (outlet, author, date, URL,
language) become document variables. See `qda_mapping` for codes, selections and codings.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kzt_annotator import __version__
from kzt_annotator.core.attributes import attributes_to_strings
from kzt_annotator.core.model import Annotation, Article
from kzt_annotator.io.atomic import atomic_writer
from kzt_annotator.io.refi_codebook import count_codes, stable_guid
from kzt_annotator.io.refi_project import (
    QdaCoding,
    QdaNote,
    QdaProject,
    QdaSelection,
    QdaSource,
    QdaUser,
    QdaVariable,
    write_project,
)
from kzt_annotator.io.refi_xml import write_qdpx
from kzt_annotator.services import qda_codebook
from kzt_annotator.services import qda_mapping as m
from kzt_annotator.store.repository import AnnotationFilter, Repository

# Built-in article metadata as document variables: (name, REFI type).
META_VARIABLES = (
    ("outlet", "Text"),
    ("author", "Text"),
    ("published", "Date"),
    ("url", "Text"),
    ("language", "Text"),
)
# Project-defined document variables: our type -> REFI typeOfVariable. A category is Text with its
# allowed values in the variable's description after CATEGORY_MARK.
REFI_TYPE = {"text": "Text", "number": "Float", "date": "Date", "boolean": "Boolean", "category": "Text"}
CATEGORY_MARK = "kzt-annotator category: "


@dataclass(frozen=True, slots=True)
class QdpxExportReport:
    sources: int
    selections: int
    codes: int
    users: int
    notes: int

    def summary(self) -> str:
        return (
            f"{self.sources} source(s), {self.selections} coded selection(s), {self.codes} code(s), "
            f"{self.users} user(s), {self.notes} note(s)"
        )


def _selection(ann: Annotation, guids: dict[tuple[str, str], str], notes: list[QdaNote]) -> QdaSelection:
    kind = str(ann.kind)
    values = attributes_to_strings(ann.attributes)
    key_field = m.KEY_FIELD.get(kind)
    user = m.user_guid(ann.annotator)
    codings = [QdaCoding(stable_guid("coding", ann.id, kind), m.kind_guid(kind), user, ann.created_at)]
    key = values.get(key_field or "", "")
    if key:
        codings.append(
            QdaCoding(
                stable_guid("coding", ann.id, key), guids[(m.KEY_CODEBOOK[kind], key)], user, ann.created_at
            )
        )
    fields = [(n, v) for n, v in values.items()]
    fields.append(("status", str(ann.status)))
    if ann.linked_ids:
        fields.append(("linked", "; ".join(ann.linked_ids)))
    if ann.reviewer:
        fields.append(("reviewer", ann.reviewer))
    fields.append(("review_note", ann.review_note))
    note_refs = ()
    if ann.note:
        note = QdaNote(
            stable_guid("note", ann.id),
            f"Note on {kind} “{m.selection_name(ann.text)[:40]}”",
            ann.note,
            user=user,
            created=ann.created_at,
        )
        notes.append(note)
        note_refs = (note.guid,)
    return QdaSelection(
        guid=ann.id.upper(),
        start=ann.start,
        end=ann.end,
        name=m.selection_name(ann.text),
        description=m.describe(kind, fields),
        codings=tuple(codings),
        note_refs=note_refs,
        user=user,
        created=ann.created_at,
        modifying_user=user,
        modified=ann.updated_at,
    )


def _meta_value(article: Article, name: str) -> str:
    value = getattr(article, name, None)
    return "" if value is None else value.isoformat() if hasattr(value, "isoformat") else str(value)


def build_project(
    repo: Repository, flt: AnnotationFilter | None = None
) -> tuple[QdaProject, dict[str, bytes]]:
    """The project as REFI-QDA records and the source files {name: UTF-8 bytes}."""
    flt = flt or AnnotationFilter()
    summaries = repo.article_summaries()
    if flt.article_id is not None:
        summaries = [s for s in summaries if s.id == flt.article_id]
    if flt.outlet:
        summaries = [s for s in summaries if s.outlet == flt.outlet]
    annotations: dict[int, list[Annotation]] = defaultdict(list)
    used: dict[str, set[str]] = defaultdict(set)
    for ann in repo.iter_annotations(flt):
        annotations[ann.article_id].append(ann)
        kind = str(ann.kind)
        if kind in m.KEY_FIELD:
            key = attributes_to_strings(ann.attributes).get(m.KEY_FIELD[kind], "")
            if key:
                used[m.KEY_CODEBOOK[kind]].add(key)
    codes, guids = qda_codebook.project_codes(repo, used)
    variables = [QdaVariable(stable_guid("variable", name), name, typ) for name, typ in META_VARIABLES]
    variables += [
        QdaVariable(
            stable_guid("variable", v.name),
            v.name,
            REFI_TYPE.get(str(v.type), "Text"),
            f"{CATEGORY_MARK}{' | '.join(v.values)}" if v.values else "",
        )
        for v in repo.variables()
        if v.name not in dict(META_VARIABLES)
    ]
    notes: list[QdaNote] = []
    users = {a.name for a in repo.annotators()}
    sources, files = [], {}
    for summary in summaries:
        article = repo.article(summary.id)
        guid = m.source_guid(article.sha256)
        files[f"{guid}.txt"] = article.text.encode("utf-8")
        anns = sorted(annotations.get(article.id, []), key=lambda a: (a.start, a.end, a.id))
        own = dict(getattr(summary, "variables", {}) or {})
        values = tuple(
            (v.guid, own.get(v.name) or _meta_value(article, v.name))
            for v in variables
            if own.get(v.name) or _meta_value(article, v.name)
        )
        memo_refs: tuple[str, ...] = ()
        if getattr(article, "memo", ""):
            memo = QdaNote(
                stable_guid("memo", article.sha256), f"Memo on “{article.title[:60]}”", article.memo
            )
            notes.append(memo)
            memo_refs = (memo.guid,)
        sources.append(
            QdaSource(
                guid=guid,
                name=article.title or article.source_file,
                plain_text_path=f"internal://{guid}.txt",
                description=f"sha256 {article.sha256}; imported from {article.source_file}",
                selections=tuple(_selection(a, guids, notes) for a in anns),
                variables=values,
                note_refs=memo_refs,
                created=article.imported_at,
            )
        )
        users.update(a.annotator for a in anns)
    project = QdaProject(
        name=repo.db_file.stem if repo.db_file is not None else (repo.name or "kzt-annotator project"),
        origin=f"kzt-annotator {__version__}",
        users=[QdaUser(m.user_guid(n), n) for n in sorted(users)],
        codes=tuple(codes),
        variables=variables,
        sources=sources,
        notes=notes,
        created=datetime.now(UTC),
    )
    return project, files


def export_qdpx(repo: Repository, path: Path, flt: AnnotationFilter | None = None) -> QdpxExportReport:
    """Write the `.qdpx` atomically. Raises FileRefused only on a bug (the XML fails its schema)."""
    project, files = build_project(repo, flt)
    data = write_qdpx(write_project(project), files)
    with atomic_writer(Path(path), "wb") as handle:
        handle.write(data)
    return QdpxExportReport(
        sources=len(project.sources),
        selections=sum(len(s.selections) for s in project.sources),
        codes=count_codes(project.codes),
        users=len(project.users),
        notes=len(project.notes),
    )
