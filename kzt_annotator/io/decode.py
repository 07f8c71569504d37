"""Bytes to text: BOMs, strict UTF-8 first, then charset-normalizer; binary files refused."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from kzt_annotator.io.errors import FileRefused

# Magic numbers of files people drop by mistake, to name them in the error.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document (export it to text or DOCX first)"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (save it as DOCX)"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def sniff_binary(data: bytes) -> str | None:
    """A description of the binary format of `data`, or None if it may be text."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    return None


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raises FileRefused for empty, binary or undecodable data."""
    if not data.strip():
        raise FileRefused("the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise FileRefused(
                    f"the file starts with a {encoding} mark but is not valid {encoding}"
                ) from exc
    what = sniff_binary(data)
    if what:
        raise FileRefused(f"this is {what}, not a text article")
    if b"\x00" in data[:8192]:
        raise FileRefused("this looks like a binary file (it contains NUL bytes), not a text article")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise FileRefused(
            "the text encoding could not be recognised; save the file as UTF-8 and import it again"
        )
    return str(best), best.encoding
