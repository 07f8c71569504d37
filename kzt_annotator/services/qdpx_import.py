"""Import a REFI-QDA project (`.qdpx`) or only its codebook.

Everything is read and checked before anything is written: the ZIP (unsafe paths, zip bombs),
the XML (no entities; Project-mrt2019.xsd), every text source (inline, or `internal://NAME` in
`Sources/`), every selection's span against its text. A missing source, a span outside its text
or any other refusal is one line and nothing is imported.

Selections this program wrote come back exactly (id, kind, attributes, status, links, note,
annotator, times). Another tool's codings become annotations when their code sits under a code
named after one of our kinds (`claim`, `attribution`, `figure`; the code's own name becomes the
key: claim key, speaker, quantity); other codings, sources that are not text (PDF, pictures,
audio, video), sets, links, graphs and notes on nothing we keep are counted as not represented.
Document variables named like our article metadata (outlet, author, published, url, language)
fill it in.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kzt_annotator.core.changes import Changes
from kzt_annotator.core.model import NewArticle, normalise_newlines
from kzt_annotator.io.decode import decode_text
from kzt_annotator.io.errors import FileRefused
from kzt_annotator.io.incoming import Incoming, IncomingFile
from kzt_annotator.io.limits import max_file_bytes
from kzt_annotator.io.refi_codebook import QdaCode, count_codes
from kzt_annotator.io.refi_project import QdaProject, QdaSelection, QdaSource, read_project
from kzt_annotator.io.refi_xml import read_qdpx
from kzt_annotator.services import qda_mapping as m
from kzt_annotator.services.annotation_import import AnnotationImportReport, import_incoming
from kzt_annotator.store.repository import Repository

META = ("outlet", "author", "published", "url", "language")
REVIEW_FIELDS = ("status", "linked", "reviewer", "review_note")


@dataclass(slots=True)
class QdpxImportReport:
    codes: int = 0
    sources: int = 0
    annotations: AnnotationImportReport | None = None
    not_represented: Counter[str] = field(default_factory=Counter)
    codebook_changes: Changes = field(default_factory=Changes)

    def summary(self) -> str:
        parts = [f"{self.codes} code(s)"]
        if self.annotations is not None:
            parts.append(f"{self.sources} text source(s)")
            parts.append(f"annotations: {self.annotations.summary()}")
        if self.not_represented:
            total = sum(self.not_represented.values())
            detail = ", ".join(f"{n} {what}" for what, n in sorted(self.not_represented.items()))
            parts.append(f"not represented here ({total}): {detail}")
        return "; ".join(parts)


def read_file(path: Path) -> tuple[QdaProject, dict[str, bytes]]:
    """The project and its Sources/ files, checked. Raises FileRefused (one line)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FileRefused(f"cannot read {path}: {exc.strerror or exc}") from None
    if size > max(max_file_bytes(), 1024 * 1024 * 1024):
        raise FileRefused(f"{path.name} is larger than 1 GB; refused")
    archive = read_qdpx(path.read_bytes(), path.name)
    return read_project(archive.project_xml, f"{path.name} (project.qde)"), archive.sources


def _source_text(source: QdaSource, files: dict[str, bytes]) -> str | None:
    if source.content is not None and not source.plain_text_path:
        return source.content
    target = source.plain_text_path
    if not target.startswith("internal://"):
        return None  # relative:// and absolute:// point outside the file; we never follow them
    name = target.removeprefix("internal://")
    lowered = {k.lower(): v for k, v in files.items()}
    data = files.get(name, lowered.get(name.lower()))
    if data is None:
        return None
    try:
        return data.decode("utf-8-sig")  # the standard's encoding
    except UnicodeDecodeError:
        try:
            return decode_text(data)[0]
        except FileRefused as exc:
            raise FileRefused(f"source {source.name!r} ({name}): {exc}") from None


def _offset_map(raw: str) -> list[int] | None:
    """raw position -> position in the text with CRLF/CR made LF; None when nothing changes."""
    if "\r" not in raw:
        return None
    out, pos, i = [], 0, 0
    while i < len(raw):
        out.append(pos)
        if raw[i] == "\r" and i + 1 < len(raw) and raw[i + 1] == "\n":
            out.append(pos)  # the CR and the LF of a CRLF are one character afterwards
            i += 2
        else:
            i += 1
        pos += 1
    out.append(pos)
    return out


def _names_quote(sel: QdaSelection, quote: str) -> bool:
    name = sel.name.rstrip("…").strip()
    return bool(name) and " ".join(quote.split()).startswith(" ".join(name.split()))


def _place(source: QdaSource, raw: str) -> tuple[str, list[tuple[QdaSelection, int, int]]]:
    """The stored text and each selection's (start, end) in it. Positions count characters of the
    plain text as stored in the file; where it has CRLF line ends and a tool counted each as one
    character instead (its selection names show it), that reading is taken."""
    text = normalise_newlines(raw)
    mapping = _offset_map(raw)
    for sel in source.selections:
        if not 0 <= sel.start < sel.end or sel.end > len(raw):
            raise FileRefused(
                f"selection {sel.guid} in source {source.name!r} spans {sel.start}-{sel.end}, outside its "
                f"text of {len(raw)} characters; nothing was imported"
            )
    if mapping is None:
        return text, [(s, s.start, s.end) for s in source.selections]
    as_counted = [(s, mapping[s.start], mapping[s.end]) for s in source.selections]
    as_one = [(s, s.start, s.end) for s in source.selections if s.end <= len(text)]
    hits_counted = sum(_names_quote(s, text[a:b]) for s, a, b in as_counted)
    hits_one = sum(_names_quote(s, text[a:b]) for s, a, b in as_one)
    if len(as_one) == len(as_counted) and hits_one > hits_counted:
        return text, as_one
    return text, as_counted


def _code_index(codes: tuple[QdaCode, ...]) -> dict[str, tuple[str, QdaCode]]:
    """code guid -> (top-level code name, code)."""
    index = {}
    for top in codes:
        for _, code in top.walk():
            index[code.guid] = (top.name, code)
    return index


def _records(
    project: QdaProject, placed: dict[str, tuple[str, list]], not_represented: Counter[str]
) -> list[Incoming]:
    users = {u.guid: u.name for u in project.users}
    notes = {n.guid: n for n in project.notes}
    codes = _code_index(project.codes)
    used_notes: set[str] = set()
    records: list[Incoming] = []
    for source in project.sources:
        text, selections = placed[source.guid]
        sha = NewArticle(text=text, title="", source_file="").sha256
        for sel, start, end in selections:
            note_text = "\n\n".join(notes[r].text for r in sel.note_refs if r in notes)
            used_notes.update(sel.note_refs)
            annotator = users.get(sel.user, "") or "imported"
            base = dict(
                article_sha256=sha,
                article_id=None,
                start=start,
                end=end,
                text=text[start:end],
                annotator=annotator,
                created_at=sel.created,
                updated_at=sel.modified or sel.created,
            )
            ours = m.parse_description(sel.description)
            if ours is not None and ours[0] in m.KINDS:
                kind, values = ours
                attributes = {k: v for k, v in values.items() if k not in REVIEW_FIELDS}
                records.append(
                    Incoming(
                        where=f"selection {sel.guid}",
                        id=_uuid(sel.guid),
                        kind=kind,
                        attributes=attributes,
                        note=note_text,
                        status=values.get("status", "proposed"),
                        reviewer=values.get("reviewer", ""),
                        review_note=values.get("review_note", ""),
                        linked_ids=[
                            x.strip().lower() for x in values.get("linked", "").split(";") if x.strip()
                        ],
                        **base,
                    )
                )
                continue
            memo = "\n\n".join(x for x in (sel.description, note_text) if x)
            for coding in sel.codings:
                top, code = codes.get(coding.code_guid, ("", None))
                if code is None or top not in m.KINDS:
                    not_represented["codings with a code that is not a kind here"] += 1
                    continue
                attributes = {} if code.name == top else {m.KEY_FIELD[top]: code.name}
                records.append(
                    Incoming(
                        where=f"coding {coding.guid}",
                        id=_uuid(coding.guid),
                        kind=top,
                        attributes=attributes,
                        note=memo,
                        **base,
                    )
                )
            if not sel.codings:
                not_represented["selections without a coding"] += 1
    used_notes.update(r for s in project.sources for r in s.note_refs)  # memos of their articles
    unused = [n for n in project.notes if n.guid not in used_notes]
    if unused:
        not_represented["notes not attached to a selection"] += len(unused)
    return records


def _uuid(guid: str) -> str:
    return str(uuid.UUID(guid.strip("{}")))


def _articles(
    project: QdaProject, placed: dict[str, tuple[str, list]], file_name: str, not_represented: Counter[str]
) -> list[NewArticle]:
    names = {v.guid: v.name for v in project.variables}
    by_source: dict[str, dict[str, str]] = {s.guid: {} for s in project.sources}
    for case in project.cases:
        for ref in case.source_refs:
            if ref in by_source:
                for guid, value in case.variables:
                    by_source[ref].setdefault(names.get(guid, ""), value)
    articles = []
    for source in project.sources:
        values = {names.get(g, ""): v for g, v in source.variables} | by_source[source.guid]
        published = None
        if values.get("published"):
            try:
                published = date.fromisoformat(values["published"][:10])
            except ValueError:
                not_represented["document variable values"] += 1
        text = placed[source.guid][0]
        articles.append(
            NewArticle(
                text=text,
                title=source.name or "untitled source",
                source_file=f"{file_name}: {source.name}",
                outlet=values.get("outlet") or None,
                author=values.get("author") or None,
                published=published,
                url=values.get("url") or None,
                language=values.get("language") or None,
            )
        )
    return articles


def import_qdpx(
    repo: Repository, path: Path, *, codebook_only: bool = False, annotator: str | None = None
) -> QdpxImportReport:
    """Import sources, codes and codings (or with `codebook_only`, only the code tree)."""
    from kzt_annotator.services import codebook as codebook_service
    from kzt_annotator.services import qda_codebook, qdpx_variables

    path = Path(path)
    project, files = read_file(path)
    report = QdpxImportReport(codes=count_codes(project.codes))
    # The codebook command is built and checked first: a bad code tree refuses the whole import.
    entries = qda_codebook.entries_from_codes(project.codes)
    command, _counts = codebook_service.import_entries_command(repo, entries, path.name)
    report.codes = len(entries)
    if codebook_only:
        report.codebook_changes = codebook_service.run(repo, command)
        return report
    if not project.sources:
        raise FileRefused(
            f"{path.name} holds no text sources, so there is nothing to annotate; nothing was imported "
            "(use --codebook-only to take its codes)"
        )
    texts = {s.guid: _source_text(s, files) for s in project.sources}
    # macOS tools write names decomposed (e + combining accent); show them composed.
    missing = [
        unicodedata.normalize("NFC", s.name or s.guid) for s in project.sources if texts[s.guid] is None
    ]
    if missing:
        raise FileRefused(
            f"{path.name}: {len(missing)} of {len(project.sources)} text sources are missing from the file "
            f"(its Sources/ folder does not hold them): {'; '.join(missing)}. Nothing was imported; "
            f"export the project again with its sources, or take only its codes with "
            f"`codebook import {path.name}` (or `import-qdpx --codebook-only`)"
        )
    placed = {s.guid: _place(s, texts[s.guid] or "") for s in project.sources}
    extras = qdpx_variables.plan(repo, project, report.not_represented)
    report.not_represented.update(project.unsupported)
    incoming = IncomingFile(
        records=_records(project, placed, report.not_represented),
        articles=_articles(project, placed, path.name, report.not_represented),
        format="qdpx",
    )
    report.annotations = import_incoming(repo, incoming, annotator=annotator)
    report.sources = len(project.sources)
    shas = {g: NewArticle(text=t, title="", source_file="").sha256 for g, (t, _) in placed.items()}
    qdpx_variables.apply(repo, project, extras, shas)
    report.codebook_changes = codebook_service.run(repo, command)
    return report
