"""How our annotations and codebook map onto REFI-QDA codes, selections and codings.

Codes (the standard's practice: one code per thing coded, a tree for their grouping):
- one top-level code per annotation kind (`claim`, `attribution`, `figure`), codable;
- under it, one code per key of the kind's key field: claim keys under `claim`, speakers under
  `attribution`, quantities under `figure` (with the codebook's own parent/child tree);
- other codebook kinds (outlets, ...) as a top-level group each, not codable.

An annotation is one `PlainTextSelection` whose guid is the annotation id, coded with its kind's
code and (when set) its key's code. Its other attributes, status and links are lines of the
selection's `Description` (`kzt-annotator figure`, then `value: 15000`, ...), readable in any QDA
tool and read back exactly by this program; its note becomes a `Note` referenced by the selection.
"""

from __future__ import annotations

from kzt_annotator.io.refi_codebook import stable_guid

KINDS = ("claim", "attribution", "figure")
KEY_FIELD = {"claim": "claim_key", "attribution": "speaker", "figure": "quantity"}
KEY_CODEBOOK = {"claim": "claim_key", "attribution": "speaker", "figure": "quantity"}
KIND_COLOUR = {"claim": "#FFB300", "attribution": "#00ACC1", "figure": "#D81B60"}
MARK = "kzt-annotator "
NAME_LIMIT = 100


def kind_guid(kind: str) -> str:
    return stable_guid("kind", kind)


def code_guid(codebook_kind: str, key: str) -> str:
    return stable_guid("code", codebook_kind, key)


def user_guid(name: str) -> str:
    return stable_guid("user", name)


def source_guid(sha256: str) -> str:
    return stable_guid("article", sha256)


def selection_name(quote: str) -> str:
    """The quote as QDA tools name a selection: one line, cut at 100 characters with '…'."""
    line = " ".join(quote.split())
    return line if len(line) <= NAME_LIMIT else line[:NAME_LIMIT] + "…"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")


def _unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        c = value[i]
        if c == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append({"n": "\n", "r": "\r", "\\": "\\"}.get(nxt, "\\" + nxt))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def describe(kind: str, fields: list[tuple[str, str]]) -> str:
    """The selection Description: `kzt-annotator KIND` then `name: value` lines (empty values left out)."""
    lines = [MARK + kind] + [f"{name}: {_escape(value)}" for name, value in fields if value != ""]
    return "\n".join(lines)


def parse_description(text: str) -> tuple[str, dict[str, str]] | None:
    """(kind, {name: value}) from a Description this program wrote, else None."""
    lines = text.split("\n")
    if not lines or not lines[0].startswith(MARK):
        return None
    kind = lines[0][len(MARK) :].strip()
    values: dict[str, str] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(": ")
        if not sep:
            return None
        values[name.strip()] = _unescape(value)
    return kind, values
