"""Checks a DOCX (a ZIP of XML parts) before python-docx reads it.

python-docx reads parts whole and parses with huge_tree, so a zip bomb or an XML part declaring
entities must be refused before it gets there.
"""

from __future__ import annotations

import io
import zipfile

from kzt_annotator.io.errors import FileRefused

MAX_MEMBERS = 2000
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200


def check_docx(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise FileRefused(
            "this .docx is damaged or not a Word document (it is not a valid ZIP file); "
            "open it in Word or LibreOffice and save it again"
        ) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise FileRefused(f"this .docx has {len(members)} parts, more than a document needs")
        total = 0
        for member in members:
            name = member.filename
            if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/"):
                raise FileRefused(f"this .docx contains an unsafe path ({name!r})")
            total += member.file_size
            if (
                member.compress_size
                and member.file_size / member.compress_size > MAX_RATIO
                and member.file_size > 1024 * 1024
            ):
                raise FileRefused("this .docx looks like a zip bomb (a part expands over 200 times)")
        if total > MAX_UNCOMPRESSED:
            raise FileRefused("this .docx expands to more than 200 MB; it is not a plain article")
        if "word/document.xml" not in archive.namelist():
            raise FileRefused("this .docx has no document body (word/document.xml is missing)")
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                try:
                    head = archive.read(name)
                except (zipfile.BadZipFile, OSError, EOFError) as exc:
                    raise FileRefused(f"this .docx is damaged ({name}: {exc})") from None
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise FileRefused(
                        f"this .docx declares XML entities in {name}, which Word never writes; "
                        "refused as a possible attack"
                    )
