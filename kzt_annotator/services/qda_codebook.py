"""Our codebook as REFI-QDA codes, and REFI-QDA codes into our codebook.

The tree (see `qda_mapping`): a code per annotation kind with its key codes under it (claim keys,
speakers, quantities, each with the codebook's parent/child tree), and each other codebook kind
(outlets, the researcher's categories) as a group of its own. Guids are derived from kind and key,
so the same codebook always gives the same guids. An entry's label and aliases, which REFI-QDA has
no place for, ride as `kzt-annotator label: ...` / `kzt-annotator aliases: A; B` lines at the end
of its description and are read back from there.

Importing: our kind codes give their children to that kind's codebook; a group we wrote for
another codebook kind gives its children to that kind; any other tool's code is a category
(`CodebookKind.CATEGORY`) with its tree kept.

Registers `.qdc` (read and write) and `.qdpx` (read: the project's code tree) with
`codebook import FILE` / `codebook export FILE` (services.codebook_files).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kzt_annotator import __version__
from kzt_annotator.core.codebook import make_entry
from kzt_annotator.core.model import CodebookEntry, CodebookKind
from kzt_annotator.io.atomic import atomic_writer
from kzt_annotator.io.refi_codebook import QdaCode, count_codes, read_codebook, stable_guid, write_codebook
from kzt_annotator.services import qda_mapping as m
from kzt_annotator.services.codebook_files import CodebookFormat, register_format
from kzt_annotator.store.repository import Repository

FOREIGN_KIND = CodebookKind.CATEGORY.value
_LABEL = m.MARK + "label: "
_ALIASES = m.MARK + "aliases: "


def _describe(entry: CodebookEntry) -> str:
    lines = [entry.description] if entry.description else []
    if entry.label and entry.label != entry.key:
        lines.append(_LABEL + " ".join(entry.label.split()))
    if entry.aliases:
        lines.append(_ALIASES + "; ".join(entry.aliases))
    return "\n".join(lines)


def _undescribe(text: str) -> tuple[str, str, list[str]]:
    """(memo, label, aliases) from a code description."""
    lines = text.split("\n")
    label, aliases = "", []
    while lines and lines[-1].startswith((_LABEL, _ALIASES)):
        last = lines.pop()
        if last.startswith(_LABEL):
            label = last[len(_LABEL) :].strip()
        else:
            aliases = [a.strip() for a in last[len(_ALIASES) :].split(";") if a.strip()]
    return "\n".join(lines).strip(), label, aliases


@dataclass(frozen=True, slots=True)
class _Missing:
    kind: str
    key: str
    label: str = ""
    colour: str = ""
    description: str = ""
    parent: str | None = None
    aliases: tuple[str, ...] = ()


def codes_from_entries(
    entries: Iterable, used: dict[str, set[str]] | None = None
) -> tuple[list[QdaCode], dict[tuple[str, str], str]]:
    """The code tree for `entries` and {(codebook kind, key): guid}. Keys in `used` (annotation
    values by codebook kind) that are not entries are added as plain codes."""
    by_kind: dict[str, list] = defaultdict(list)
    for entry in entries:
        by_kind[str(entry.kind)].append(entry)
    for kind, keys in (used or {}).items():
        known = {e.key for e in by_kind[kind]}
        by_kind[kind].extend(_Missing(kind, key) for key in sorted(keys - known))
    guids: dict[tuple[str, str], str] = {}

    def subtree(kind: str) -> list[QdaCode]:
        items = by_kind.get(kind, [])
        keys = {e.key for e in items}
        children: dict[str | None, list] = defaultdict(list)
        for e in items:
            children[e.parent if e.parent in keys else None].append(e)

        def build(entry) -> QdaCode:
            guid = m.code_guid(kind, entry.key)
            guids[(kind, entry.key)] = guid
            return QdaCode(
                guid=guid,
                name=entry.key,
                color=entry.colour or "",
                codable=True,
                description=_describe(entry),
                children=tuple(build(c) for c in sorted(children.get(entry.key, []), key=lambda x: x.key)),
            )

        return [build(e) for e in sorted(children.get(None, []), key=lambda x: x.key)]

    tree = [
        QdaCode(
            guid=m.kind_guid(kind),
            name=kind,
            color=m.KIND_COLOUR.get(kind, ""),
            codable=True,
            description=f"kzt-annotator annotation kind {kind}",
            children=tuple(subtree(m.KEY_CODEBOOK[kind])),
        )
        for kind in m.KINDS
    ]
    for cb_kind in sorted(set(by_kind) - set(m.KEY_CODEBOOK.values())):
        if by_kind[cb_kind]:
            tree.append(
                QdaCode(
                    guid=stable_guid("codebook", cb_kind),
                    name=cb_kind,
                    codable=False,
                    description=f"kzt-annotator codebook: {cb_kind}",
                    children=tuple(subtree(cb_kind)),
                )
            )
    return tree, guids


def project_codes(
    repo: Repository, used: dict[str, set[str]] | None = None
) -> tuple[list[QdaCode], dict[tuple[str, str], str]]:
    return codes_from_entries(repo.codebook(), used)


def entries_from_codes(codes: Iterable[QdaCode]) -> list[CodebookEntry]:
    """Codebook entries for a REFI-QDA tree, parents before children (see the module doc)."""
    out: list[CodebookEntry] = []

    def add(kind: CodebookKind, code: QdaCode, parent: str | None) -> None:
        memo, label, aliases = _undescribe(code.description)
        entry = make_entry(
            kind, code.name, label, colour=code.color, description=memo, parent=parent, aliases=aliases
        )
        out.append(entry)
        for child in code.children:
            add(kind, child, entry.key)

    known = {k.value for k in CodebookKind}
    for top in codes:
        if top.name in m.KINDS:
            for child in top.children:
                add(CodebookKind(m.KEY_CODEBOOK[top.name]), child, None)
        elif (
            top.name in known and top.description == f"kzt-annotator codebook: {top.name}" and not top.codable
        ):
            for child in top.children:
                add(CodebookKind(top.name), child, None)
        else:
            add(CodebookKind(FOREIGN_KIND), top, None)
    return out


def read_qdc(path: Path) -> list[CodebookEntry]:
    path = Path(path)
    return entries_from_codes(read_codebook(path.read_bytes(), path.name))


def read_qdpx_codes(path: Path) -> list[CodebookEntry]:
    from kzt_annotator.services.qdpx_import import read_file

    project, _files = read_file(Path(path))
    return entries_from_codes(project.codes)


def write_qdc(path: Path, entries: Iterable[CodebookEntry]) -> int:
    """Write `entries` as a `.qdc` (valid against Codebook.xsd); returns the number of entries."""
    items = list(entries)
    codes, _ = codes_from_entries(items)
    data = write_codebook(codes, f"kzt-annotator {__version__}")
    with atomic_writer(Path(path), "wb") as handle:
        handle.write(data)
    return len(items)


def export_qdc(repo: Repository, path: Path) -> int:
    codes, _ = project_codes(repo)
    data = write_codebook(codes, f"kzt-annotator {__version__}")
    with atomic_writer(Path(path), "wb") as handle:
        handle.write(data)
    return count_codes(codes)


register_format(".qdc", CodebookFormat("REFI-QDA codebook", read_qdc, write_qdc))
register_format(".qdpx", CodebookFormat("REFI-QDA project (its code tree)", read_qdpx_codes, None))
