"""Our codebook as REFI-QDA codes, and REFI-QDA codes into our codebook.

The tree (see `qda_mapping`): a code per annotation kind with its key codes under it (claim keys,
speakers, quantities, each with the codebook's parent/child tree), and each other codebook kind
(outlets, ...) as a group of its own. Guids are derived from kind and key, so the same codebook
always gives the same guids. A `.qdc` is written with `write_codebook` (checked against
Codebook.xsd).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from kzt_annotator import __version__
from kzt_annotator.io.atomic import atomic_writer
from kzt_annotator.io.refi_codebook import QdaCode, count_codes, read_codebook, stable_guid, write_codebook
from kzt_annotator.services import qda_mapping as m
from kzt_annotator.store.repository import Repository


def project_codes(
    repo: Repository, used: dict[str, set[str]] | None = None
) -> tuple[list[QdaCode], dict[tuple[str, str], str]]:
    """The code tree and {(codebook kind, key): guid}. Keys used by annotations but missing from
    the codebook are added as plain codes."""
    used = used or {}
    entries = repo.codebook()
    by_kind: dict[str, list] = defaultdict(list)
    for entry in entries:
        by_kind[str(entry.kind)].append(entry)
    for kind, keys in used.items():
        known = {e.key for e in by_kind[kind]}
        for key in sorted(keys - known):
            by_kind[kind].append(_Missing(kind, key))
    guids: dict[tuple[str, str], str] = {}

    def subtree(kind: str) -> list[QdaCode]:
        items = by_kind.get(kind, [])
        keys = {e.key for e in items}
        children: dict[str | None, list] = defaultdict(list)
        for e in items:
            parent = getattr(e, "parent", None) or None
            children[parent if parent in keys else None].append(e)

        def build(entry) -> QdaCode:
            guid = m.code_guid(kind, entry.key)
            guids[(kind, entry.key)] = guid
            return QdaCode(
                guid=guid,
                name=entry.key,
                color=_colour(getattr(entry, "colour", "")),
                codable=True,
                description=getattr(entry, "description", "") or "",
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


@dataclass(frozen=True, slots=True)
class _Missing:
    kind: str
    key: str
    colour: str = ""


def _colour(value: str) -> str:
    value = (value or "").strip()
    if (
        len(value) in (4, 7)
        and value.startswith("#")
        and all(c in "0123456789abcdefABCDEF" for c in value[1:])
    ):
        return value.upper()
    return ""


def export_qdc(repo: Repository, path: Path) -> int:
    """Write the codebook as a `.qdc`; returns the number of codes written."""
    codes, _ = project_codes(repo)
    data = write_codebook(codes, f"kzt-annotator {__version__}")
    with atomic_writer(Path(path), "wb") as handle:
        handle.write(data)
    return count_codes(codes)


def read_qdc(path: Path) -> tuple[QdaCode, ...]:
    path = Path(path)
    return read_codebook(path.read_bytes(), path.name)


@dataclass(frozen=True, slots=True)
class PlannedEntry:
    """One codebook entry to store: `parent` is the key of its parent in the same kind, or None."""

    kind: str
    key: str
    label: str
    parent: str | None
    colour: str
    description: str


FOREIGN_KIND = "category"  # codes of another tool's tree: the project's user categories


def plan_entries(codes: tuple[QdaCode, ...] | list[QdaCode]) -> list[PlannedEntry]:
    """Codebook entries for a REFI-QDA tree, parents before children.

    Our kind codes (`claim`, ...) give their children as keys of that kind's codebook (and are not
    entries themselves); a group this program wrote for another codebook kind gives its children
    to that kind; any other code (another tool's) is a user category, its tree kept.
    """
    out: list[PlannedEntry] = []

    def add(kind: str, code: QdaCode, parent: str | None) -> None:
        out.append(PlannedEntry(kind, code.name, code.name, parent, code.color, code.description))
        for child in code.children:
            add(kind, child, code.name)

    for top in codes:
        if top.name in m.KINDS:
            for child in top.children:
                add(m.KEY_CODEBOOK[top.name], child, None)
        elif top.description == f"kzt-annotator codebook: {top.name}" and not top.codable:
            for child in top.children:
                add(top.name, child, None)
        else:
            add(FOREIGN_KIND, top, None)
    return out


def store_codes(repo: Repository, codes: tuple[QdaCode, ...] | list[QdaCode]) -> tuple[int, int]:
    """Add (or update) the codebook entries for `codes`; returns (stored, left out).

    Codes the project's codebook has no kind for are left out (and counted), never half-stored."""
    from kzt_annotator.core.model import CodebookEntry, CodebookKind

    planned = plan_entries(codes)
    known = {k.value for k in CodebookKind}
    kept = [p for p in planned if p.kind in known]
    for p in kept:
        repo.put_codebook_entry(CodebookEntry(CodebookKind(p.kind), p.key, p.label, p.colour))
    return len(kept), len(planned) - len(kept)
