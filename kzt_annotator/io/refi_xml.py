"""Safe reading of REFI-QDA XML (`.qdc`, `project.qde`) and `.qdpx` ZIP files, and schema checks.

XML is parsed with lxml with entities, DTDs and network access off; a document that declares a
DOCTYPE or entities is refused (no QDA tool writes one). A `.qdpx` ZIP is checked before anything
is read from it: member count, total and per-member expanded size, compression ratio, and names
that would escape a folder (absolute, `..`). Every failure is a `FileRefused` with one line that
says what is wrong and what to do.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from functools import cache
from importlib import resources

from lxml import etree

from kzt_annotator.io.errors import FileRefused

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
MAX_MEMBERS = 20_000
MAX_UNCOMPRESSED = 1024 * 1024 * 1024  # 1 GB expanded in all
MAX_MEMBER = 200 * 1024 * 1024  # the project.qde or one source
MAX_RATIO = 200


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )


def parse_xml(data: bytes, what: str) -> etree._Element:
    """The root element of `data`; `what` names the file in messages ("project.qde")."""
    head = data[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in data:
        raise FileRefused(f"{what} declares a DOCTYPE or XML entities, which REFI-QDA never uses; refused")
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise FileRefused(
            f"{what} is not well-formed XML ({exc}); export it again from its program"
        ) from None


@cache
def _schema(name: str) -> etree.XMLSchema:
    text = resources.files("kzt_annotator").joinpath("resources", "refi-qda", name).read_bytes()
    return etree.XMLSchema(etree.fromstring(text, _parser()))


def schema_errors(root: etree._Element, schema: str) -> list[str]:
    """Validation errors of `root` against `schema` ("Project-mrt2019.xsd" or "Codebook.xsd")."""
    xsd = _schema(schema)
    if xsd.validate(root):
        return []
    return [f"line {e.line}: {e.message}" for e in xsd.error_log]


def require_valid(root: etree._Element, schema: str, what: str) -> None:
    errors = schema_errors(root, schema)
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise FileRefused(f"{what} does not follow the REFI-QDA schema {schema}: {errors[0]}{more}")


@dataclass(frozen=True, slots=True)
class QdpxArchive:
    """The checked contents of a `.qdpx`: the project XML and the files under Sources/.

    `sources` maps a file name (as `internal://NAME` refers to it) to its bytes.
    """

    project_xml: bytes
    sources: dict[str, bytes]


def read_qdpx(data: bytes, what: str = "this .qdpx") -> QdpxArchive:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise FileRefused(f"{what} is not a ZIP file, so not a REFI-QDA project; export it again") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise FileRefused(f"{what} holds {len(members)} files, more than this program reads")
        total = 0
        for member in members:
            name = member.filename
            parts = name.replace("\\", "/").split("/")
            if name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":"):
                raise FileRefused(f"{what} contains an unsafe path ({name!r}); refused")
            total += member.file_size
            if member.file_size > MAX_MEMBER:
                raise FileRefused(f"{what}: {name} expands to more than 200 MB; refused")
            if (
                member.compress_size
                and member.file_size / member.compress_size > MAX_RATIO
                and member.file_size > 1024 * 1024
            ):
                raise FileRefused(f"{what} looks like a zip bomb ({name} expands over 200 times); refused")
        if total > MAX_UNCOMPRESSED:
            raise FileRefused(f"{what} expands to more than 1 GB; refused")
        qde = [m for m in members if m.filename.lower() == "project.qde"]
        if not qde:
            raise FileRefused(f"{what} has no project.qde, so it is not a REFI-QDA project")
        try:
            project_xml = archive.read(qde[0])
            sources = {}
            for m in members:
                parts = m.filename.replace("\\", "/").split("/")
                if len(parts) == 2 and parts[0].lower() == "sources" and parts[1] and not m.is_dir():
                    sources[parts[1]] = archive.read(m)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
            raise FileRefused(f"{what} is damaged ({exc}); export it again") from None
    return QdpxArchive(project_xml, sources)


def write_qdpx(project_xml: bytes, sources: dict[str, bytes]) -> bytes:
    """A `.qdpx`: `project.qde` and `Sources/NAME` for each source file, deflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # A fixed time stamp: the same project gives the same bytes.
        for name, data in [("project.qde", project_xml)] + [
            (f"Sources/{n}", sources[n]) for n in sorted(sources)
        ]:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()
