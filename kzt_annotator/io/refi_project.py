"""A REFI-QDA project (`project.qde`, QDA-XML 1.0) as plain records, read and written.

Only what this program can use is modelled: users, the code tree, variables, cases, text
sources with their plain-text selections and codings, and notes. Everything else the file holds
(picture, PDF, audio and video sources, their selections, sets, links, graphs) is counted by
element name in `QdaProject.unsupported`, so an import can say what it left out.

Positions: `start`/`end` of a selection are character positions in the source's plain text, as
the standard defines them; this program reads and writes them as Unicode code points.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from lxml import etree

from kzt_annotator.io.errors import FileRefused
from kzt_annotator.io.refi_codebook import QdaCode, codes_element, read_codes
from kzt_annotator.io.refi_xml import PROJECT_NS, parse_xml, require_valid

N = f"{{{PROJECT_NS}}}"
VARIABLE_TYPES = ("Text", "Boolean", "Integer", "Float", "Date", "DateTime")
_VALUE_ELEMENT = {t: f"{t}Value" for t in VARIABLE_TYPES}


@dataclass(frozen=True, slots=True)
class QdaUser:
    guid: str
    name: str


@dataclass(frozen=True, slots=True)
class QdaCoding:
    guid: str
    code_guid: str
    user: str = ""  # a user guid
    created: datetime | None = None


@dataclass(frozen=True, slots=True)
class QdaSelection:
    guid: str
    start: int
    end: int
    name: str = ""
    description: str = ""
    codings: tuple[QdaCoding, ...] = ()
    note_refs: tuple[str, ...] = ()
    user: str = ""
    created: datetime | None = None
    modifying_user: str = ""
    modified: datetime | None = None


@dataclass(frozen=True, slots=True)
class QdaVariable:
    guid: str
    name: str
    type: str = "Text"  # one of VARIABLE_TYPES
    description: str = ""


@dataclass(frozen=True, slots=True)
class QdaSource:
    """A text source: its text is `content` (inline) or the file `plain_text_path` names."""

    guid: str
    name: str
    plain_text_path: str = ""
    content: str | None = None
    description: str = ""
    selections: tuple[QdaSelection, ...] = ()
    variables: tuple[tuple[str, str], ...] = ()  # (variable guid, value as text)
    note_refs: tuple[str, ...] = ()
    user: str = ""
    created: datetime | None = None


@dataclass(frozen=True, slots=True)
class QdaCase:
    guid: str
    name: str = ""
    description: str = ""
    variables: tuple[tuple[str, str], ...] = ()
    source_refs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class QdaNote:
    guid: str
    name: str
    text: str
    description: str = ""
    user: str = ""
    created: datetime | None = None


@dataclass(slots=True)
class QdaProject:
    name: str
    origin: str = ""
    users: list[QdaUser] = field(default_factory=list)
    codes: tuple[QdaCode, ...] = ()
    variables: list[QdaVariable] = field(default_factory=list)
    cases: list[QdaCase] = field(default_factory=list)
    sources: list[QdaSource] = field(default_factory=list)
    notes: list[QdaNote] = field(default_factory=list)
    description: str = ""
    user: str = ""
    created: datetime | None = None
    unsupported: Counter[str] = field(default_factory=Counter)


# -- reading --------------------------------------------------------------------------------------


def _time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _guid(text: str | None) -> str:
    return (text or "").strip().strip("{}").upper()


def _text(element: etree._Element, name: str) -> str:
    child = element.find(N + name)
    return (child.text or "") if child is not None else ""


def _values(element: etree._Element) -> tuple[tuple[str, str], ...]:
    out = []
    for vv in element.findall(N + "VariableValue"):
        ref = vv.find(N + "VariableRef")
        value = next((c for c in vv if etree.QName(c).localname.endswith("Value")), None)
        if ref is not None and value is not None:
            out.append((_guid(ref.get("targetGUID")), (value.text or "").strip()))
    return tuple(out)


def _selection(element: etree._Element) -> QdaSelection:
    codings = tuple(
        QdaCoding(
            _guid(c.get("guid")),
            _guid(c.find(N + "CodeRef").get("targetGUID")),
            _guid(c.get("creatingUser")),
            _time(c.get("creationDateTime")),
        )
        for c in element.findall(N + "Coding")
    )
    return QdaSelection(
        guid=_guid(element.get("guid")),
        start=int(element.get("startPosition")),
        end=int(element.get("endPosition")),
        name=element.get("name") or "",
        description=_text(element, "Description"),
        codings=codings,
        note_refs=tuple(_guid(n.get("targetGUID")) for n in element.findall(N + "NoteRef")),
        user=_guid(element.get("creatingUser")),
        created=_time(element.get("creationDateTime")),
        modifying_user=_guid(element.get("modifyingUser")),
        modified=_time(element.get("modifiedDateTime")),
    )


def _text_source(element: etree._Element, unsupported: Counter[str]) -> QdaSource:
    content = element.find(N + "PlainTextContent")
    if element.findall(N + "Coding"):
        unsupported["codings of a whole source"] += len(element.findall(N + "Coding"))
    return QdaSource(
        guid=_guid(element.get("guid")),
        name=element.get("name") or "",
        plain_text_path=element.get("plainTextPath") or "",
        content=(content.text or "") if content is not None else None,
        description=_text(element, "Description"),
        selections=tuple(_selection(s) for s in element.findall(N + "PlainTextSelection")),
        variables=_values(element),
        note_refs=tuple(_guid(n.get("targetGUID")) for n in element.findall(N + "NoteRef")),
        user=_guid(element.get("creatingUser")),
        created=_time(element.get("creationDateTime")),
    )


def read_project(data: bytes, what: str = "project.qde") -> QdaProject:
    """Parse and schema-check a `project.qde`. Raises FileRefused with one line."""
    root = parse_xml(data, what)
    if root.tag != N + "Project":
        raise FileRefused(f"{what} is not a REFI-QDA project (its root is <{etree.QName(root).localname}>)")
    require_valid(root, "Project-mrt2019.xsd", what)
    project = QdaProject(
        name=root.get("name") or "",
        origin=root.get("origin") or "",
        description=_text(root, "Description"),
        user=_guid(root.get("creatingUserGUID")),
        created=_time(root.get("creationDateTime")),
    )
    project.users = [
        QdaUser(_guid(u.get("guid")), u.get("name") or "") for u in root.iterfind(f"{N}Users/{N}User")
    ]
    codes = root.find(f"{N}CodeBook/{N}Codes")
    project.codes = read_codes(codes) if codes is not None else ()
    project.variables = [
        QdaVariable(
            _guid(v.get("guid")),
            v.get("name") or "",
            v.get("typeOfVariable") or "Text",
            _text(v, "Description"),
        )
        for v in root.iterfind(f"{N}Variables/{N}Variable")
    ]
    project.cases = [
        QdaCase(
            _guid(c.get("guid")),
            c.get("name") or "",
            _text(c, "Description"),
            _values(c),
            tuple(_guid(s.get("targetGUID")) for s in c.findall(N + "SourceRef")),
        )
        for c in root.iterfind(f"{N}Cases/{N}Case")
    ]
    sources = root.find(N + "Sources")
    for element in sources if sources is not None else ():
        kind = etree.QName(element).localname
        if kind == "TextSource":
            project.sources.append(_text_source(element, project.unsupported))
        elif isinstance(element.tag, str):
            project.unsupported[kind] += 1
            selections = [e for e in element.iter() if etree.QName(e).localname.endswith("Selection")]
            if selections:
                project.unsupported[f"selections in a {kind}"] += len(selections)
    for note in root.iterfind(f"{N}Notes/{N}Note"):
        content = note.find(N + "PlainTextContent")
        project.notes.append(
            QdaNote(
                _guid(note.get("guid")),
                note.get("name") or "",
                (content.text or "") if content is not None else "",
                _text(note, "Description"),
                _guid(note.get("creatingUser")),
                _time(note.get("creationDateTime")),
            )
        )
    for section, child in (("Sets", "Set"), ("Links", "Link"), ("Graphs", "Graph")):
        found = len(root.findall(f"{N}{section}/{N}{child}"))
        if found:
            project.unsupported[section.lower()] += found
    return project


# -- writing --------------------------------------------------------------------------------------


def _stamp(value: datetime | None) -> str:
    value = value or datetime.now(UTC)
    return value.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` without the control characters XML 1.0 cannot carry (a form feed, say)."""
    return _NOT_XML.sub("", text)


def _sub(parent: etree._Element, name: str, attrs: dict[str, str] | None = None, text: str | None = None):
    element = etree.SubElement(parent, N + name, {k: xml_safe(v) for k, v in (attrs or {}).items() if v})
    if text is not None:
        element.text = xml_safe(text)
    return element


def _write_values(parent: etree._Element, values, types: dict[str, str]) -> None:
    for guid, value in values:
        vv = _sub(parent, "VariableValue")
        _sub(vv, "VariableRef", {"targetGUID": guid})
        _sub(vv, _VALUE_ELEMENT.get(types.get(guid, "Text"), "TextValue"), text=value)


def project_element(project: QdaProject) -> etree._Element:
    root = etree.Element(
        N + "Project",
        {
            "name": project.name,
            "origin": project.origin,
            "creatingUserGUID": project.user,
            "creationDateTime": _stamp(project.created),
        },
        nsmap={None: PROJECT_NS},
    )
    if not project.user:
        del root.attrib["creatingUserGUID"]
    if project.users:
        users = _sub(root, "Users")
        for user in project.users:
            _sub(users, "User", {"guid": user.guid, "name": user.name})
    if project.codes:
        _sub(root, "CodeBook").append(codes_element(project.codes, PROJECT_NS))
    types = {v.guid: v.type for v in project.variables}
    if project.variables:
        variables = _sub(root, "Variables")
        for v in project.variables:
            element = _sub(variables, "Variable", {"guid": v.guid, "name": v.name, "typeOfVariable": v.type})
            if v.description:
                _sub(element, "Description", text=v.description)
    if project.cases:
        cases = _sub(root, "Cases")
        for case in project.cases:
            element = _sub(cases, "Case", {"guid": case.guid, "name": case.name})
            if case.description:
                _sub(element, "Description", text=case.description)
            _write_values(element, case.variables, types)
            for ref in case.source_refs:
                _sub(element, "SourceRef", {"targetGUID": ref})
    if project.sources:
        sources = _sub(root, "Sources")
        for source in project.sources:
            _write_source(sources, source, types)
    if project.notes:
        notes = _sub(root, "Notes")
        for note in project.notes:
            element = _sub(
                notes,
                "Note",
                {
                    "guid": note.guid,
                    "name": note.name,
                    "creatingUser": note.user,
                    "creationDateTime": _stamp(note.created),
                },
            )
            if note.description:
                _sub(element, "Description", text=note.description)
            _sub(element, "PlainTextContent", text=note.text)
    if project.description:
        _sub(root, "Description", text=project.description)
    return root


def _write_source(parent: etree._Element, source: QdaSource, types: dict[str, str]) -> None:
    element = _sub(
        parent,
        "TextSource",
        {
            "guid": source.guid,
            "name": source.name,
            "plainTextPath": source.plain_text_path,
            "creatingUser": source.user,
            "creationDateTime": _stamp(source.created),
        },
    )
    if source.description:
        _sub(element, "Description", text=source.description)
    if source.content is not None and not source.plain_text_path:
        _sub(element, "PlainTextContent", text=source.content)
    for sel in source.selections:
        s = _sub(
            element,
            "PlainTextSelection",
            {
                "guid": sel.guid,
                "name": sel.name,
                "startPosition": str(sel.start),
                "endPosition": str(sel.end),
                "creatingUser": sel.user,
                "creationDateTime": _stamp(sel.created),
                "modifyingUser": sel.modifying_user,
                "modifiedDateTime": _stamp(sel.modified) if sel.modified else "",
            },
        )
        if sel.description:
            _sub(s, "Description", text=sel.description)
        for coding in sel.codings:
            c = _sub(
                s,
                "Coding",
                {
                    "guid": coding.guid,
                    "creatingUser": coding.user,
                    "creationDateTime": _stamp(coding.created),
                },
            )
            _sub(c, "CodeRef", {"targetGUID": coding.code_guid})
        for ref in sel.note_refs:
            _sub(s, "NoteRef", {"targetGUID": ref})
    for ref in source.note_refs:
        _sub(element, "NoteRef", {"targetGUID": ref})
    _write_values(element, source.variables, types)


def write_project(project: QdaProject) -> bytes:
    """`project.qde` bytes (UTF-8), checked against Project-mrt2019.xsd before they are returned."""
    root = project_element(project)
    require_valid(root, "Project-mrt2019.xsd", "the project.qde written")
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
