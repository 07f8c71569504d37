"""REFI-QDA codes: the `Codes` tree of a codebook (`.qdc`) or of a project's `CodeBook`.

A code is `QdaCode(guid, name, color, codable, description, children)`. Reading accepts both
ways tools express a tree: nested `Code` elements, and flat names `Parent::child` (ATLAS.ti), which
become the child `child` under the code named `Parent` at the same level (created, not codable,
if the file has no such code). Writing always nests and never writes `::` names.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field, replace

from lxml import etree

from kzt_annotator.io.errors import FileRefused
from kzt_annotator.io.refi_xml import CODEBOOK_NS, PROJECT_NS, parse_xml, require_valid

_COLOUR = re.compile(r"^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
NAMESPACE = uuid.UUID("4f7a1f0e-6b3c-5d2e-9a41-6b7a2e0c9d11")  # for stable guids from our keys


def stable_guid(*parts: str) -> str:
    """A guid that is the same every time for the same parts (kind and key, an article's sha256)."""
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(parts))).upper()


@dataclass(frozen=True, slots=True)
class QdaCode:
    guid: str
    name: str
    color: str = ""  # '#RRGGBB' or ''
    codable: bool = True
    description: str = ""
    children: tuple[QdaCode, ...] = ()

    def walk(self, depth: int = 0):
        """(depth, code) for this code and every descendant, parents first."""
        yield depth, self
        for child in self.children:
            yield from child.walk(depth + 1)


def count_codes(codes: tuple[QdaCode, ...] | list[QdaCode]) -> int:
    return sum(1 for c in codes for _ in c.walk())


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


@dataclass(slots=True)
class _Node:
    code: QdaCode
    children: list[_Node] = field(default_factory=list)

    def freeze(self) -> QdaCode:
        return replace(self.code, children=tuple(n.freeze() for n in self.children))


def _read_code(element: etree._Element) -> _Node:
    description = ""
    children: list[etree._Element] = []
    for child in element:
        name = _local(child.tag)
        if name == "Description":
            description = child.text or ""
        elif name == "Code":
            children.append(child)
    color = (element.get("color") or "").strip()
    if len(color) == 4 and _COLOUR.match(color):  # #RGB -> #RRGGBB
        color = "#" + "".join(c * 2 for c in color[1:])
    code = QdaCode(
        guid=(element.get("guid") or "").strip("{}").upper(),
        name=element.get("name") or "",
        color=color.upper() if _COLOUR.match(color) else "",
        codable=(element.get("isCodable") or "true").strip() in {"true", "1"},
        description=description,
    )
    return _Node(code, _nest(_read_code(c) for c in children))


def _nest(nodes) -> list[_Node]:
    """Turn `Parent::child` names into a tree among siblings; keeps first-seen order."""
    top: list[_Node] = []
    for node in nodes:
        parts = node.code.name.split("::")
        if len(parts) < 2 or not all(p.strip() for p in parts):
            parts = [node.code.name]
        node.code = replace(node.code, name=parts[-1])
        level = top
        for head in parts[:-1]:
            parent = next((n for n in level if n.code.name == head), None)
            if parent is None:  # a placeholder until (unless) the file names this code itself
                parent = _Node(QdaCode(guid="", name=head, codable=False))
                level.append(parent)
            level = parent.children
        placeholder = next((n for n in level if n.code.name == parts[-1] and not n.code.guid), None)
        if placeholder is not None:
            placeholder.code = node.code
            placeholder.children.extend(node.children)
        else:
            level.append(node)
    for node in top:
        _fill_guids(node, "")
    return top


def _fill_guids(node: _Node, prefix: str) -> None:
    path = prefix + node.code.name
    if not node.code.guid:
        node.code = replace(node.code, guid=stable_guid("refi-parent", path))
    for child in node.children:
        _fill_guids(child, path + "::")


def read_codes(codes_element: etree._Element) -> tuple[QdaCode, ...]:
    """The tree under a `Codes` element (either namespace)."""
    return tuple(n.freeze() for n in _nest(_read_code(c) for c in codes_element if _local(c.tag) == "Code"))


def read_codebook(data: bytes, what: str = "this codebook") -> tuple[QdaCode, ...]:
    """Codes of a `.qdc` file, checked against Codebook.xsd. Raises FileRefused."""
    root = parse_xml(data, what)
    if root.tag != f"{{{CODEBOOK_NS}}}CodeBook":
        raise FileRefused(f"{what} is not a REFI-QDA codebook (its root is <{_local(root.tag)}>)")
    require_valid(root, "Codebook.xsd", what)
    codes = root.find(f"{{{CODEBOOK_NS}}}Codes")
    return read_codes(codes) if codes is not None else ()


def codes_element(codes: tuple[QdaCode, ...] | list[QdaCode], ns: str) -> etree._Element:
    """A `Codes` element in namespace `ns` (PROJECT_NS or CODEBOOK_NS) holding `codes` nested."""
    element = etree.Element(f"{{{ns}}}Codes", nsmap={None: ns})
    for code in codes:
        element.append(_code_element(code, ns))
    return element


def _code_element(code: QdaCode, ns: str) -> etree._Element:
    attrs = {"guid": code.guid, "name": code.name, "isCodable": "true" if code.codable else "false"}
    if code.color:
        attrs["color"] = code.color
    element = etree.Element(f"{{{ns}}}Code", attrs)
    if code.description:
        etree.SubElement(element, f"{{{ns}}}Description").text = code.description
    for child in code.children:
        element.append(_code_element(child, ns))
    return element


def write_codebook(codes: tuple[QdaCode, ...] | list[QdaCode], origin: str) -> bytes:
    """A `.qdc` document (UTF-8 bytes) valid against Codebook.xsd. An empty tree is refused by
    the schema (a codebook has at least one code), so it raises FileRefused."""
    if not codes:
        raise FileRefused("the codebook is empty; a REFI-QDA codebook needs at least one code")
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", {"origin": origin}, nsmap={None: CODEBOOK_NS})
    root.append(codes_element(codes, CODEBOOK_NS))
    require_valid(root, "Codebook.xsd", "the codebook written")
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


__all__ = [
    "PROJECT_NS",
    "QdaCode",
    "codes_element",
    "count_codes",
    "read_codebook",
    "read_codes",
    "stable_guid",
    "write_codebook",
]
