"""brat standoff: `.txt` + `.ann` pairs. T lines for spans, A and # lines for attributes and notes,
R lines for attribution -> claim links. Offsets are code points, as in brat itself.

Reading keeps what kzt-annotator can represent (T spans of types mapped to a kind, their
attributes and notes, Supports relations) and counts what it skipped (other types, events,
equivalences, normalisations), so the caller can say so.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from kzt_annotator.core.attributes import attributes_to_strings
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import Annotation, Relation
from kzt_annotator.core.schema import BUILTIN, Schema

# Other tools' entity types read as our kinds by default (each kind's own brat type is added).
DEFAULT_TYPE_MAP: dict[str, str] = {
    "claim": Kind.CLAIM,
    "statement": Kind.CLAIM,
    "attribution": Kind.ATTRIBUTION,
    "quote": Kind.ATTRIBUTION,
    "speaker": Kind.ATTRIBUTION,
    "figure": Kind.FIGURE,
    "money": Kind.FIGURE,
    "quantity": Kind.FIGURE,
    "number": Kind.FIGURE,
    "percent": Kind.FIGURE,
    "cardinal": Kind.FIGURE,
}
SUPPORTS = "Supports"
_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t(.*)$")


@dataclass(slots=True)
class BratSpan:
    tid: str
    brat_type: str
    kind: str
    start: int
    end: int
    text: str
    attributes: dict[str, str] = field(default_factory=dict)
    note: str = ""
    links: list[str] = field(default_factory=list)  # T ids this one supports
    annotation_id: str | None = None
    problem: str = ""  # why this span cannot be imported ("" when it can)


@dataclass(slots=True)
class BratDocument:
    spans: list[BratSpan]
    skipped: Counter
    relations: list[tuple[str, str, str]] = field(default_factory=list)  # (type, Arg1 T id, Arg2 T id)


def annotation_conf(schema: Schema = BUILTIN) -> str:
    """brat's annotation.conf for the schema: entity types, relation types, attributes."""
    entities = "\n".join(k.brat_name for k in schema.kinds)
    relations = "\n".join(
        f"{r.brat_name} Arg1:{_brat_kinds(schema, r.sources)}, Arg2:{_brat_kinds(schema, r.targets)}"
        for r in schema.relations
    )
    return f"[entities]\n{entities}\n[relations]\n{relations}\n[events]\n[attributes]\n"


def _brat_kinds(schema: Schema, kinds: tuple[str, ...]) -> str:
    return "|".join(schema.kind(k).brat_name for k in kinds) if kinds else "<ENTITY>"


def _brat_type(schema: Schema, kind: str) -> str:
    return schema.kind(kind).brat_name if schema.has_kind(kind) else str(kind).capitalize()


def write_ann(
    annotations: list[Annotation],
    text: str,
    schema: Schema = BUILTIN,
    relations: Sequence[Relation] | None = None,
) -> str:
    """The .ann content for one article's annotations (types and attributes from `schema`);
    `relations` between them become R lines (None: each annotation's `linked_ids` as Supports)."""
    lines: list[str] = []
    tids: dict[str, str] = {}
    attr_n = note_n = rel_n = 0
    for n, ann in enumerate(sorted(annotations, key=lambda a: (a.start, a.end)), start=1):
        tid = f"T{n}"
        tids[ann.id] = tid
        fragments = _fragments(text, ann.start, ann.end)
        offsets = ";".join(f"{a} {b}" for a, b in fragments)
        shown = " ".join(text[a:b] for a, b in fragments)
        lines.append(f"{tid}\t{_brat_type(schema, ann.kind)} {offsets}\t{shown}")
        for name, value in attributes_to_strings(ann.attributes, schema).items():
            if value and " " not in value and "\t" not in value:
                attr_n += 1
                lines.append(f"A{attr_n}\t{name} {tid} {value}")
            elif value:
                note_n += 1
                lines.append(f"#{note_n}\tAnnotatorNotes {tid}\t{name}={_one_line(value)}")
        note_n += 1
        lines.append(
            f"#{note_n}\tAnnotatorNotes {tid}\tkzt:id={ann.id}"
            + (f" | {_one_line(ann.note)}" if ann.note else "")
        )
    if relations is None:
        relations = [
            Relation("", "supports", a.id, t, a.annotator) for a in annotations for t in a.linked_ids
        ]
    for rel in relations:
        if rel.source_id in tids and rel.target_id in tids:
            rel_n += 1
            name = schema.relation(rel.type).brat_name if rel.type in schema.relation_names else rel.type
            lines.append(f"R{rel_n}\t{name} Arg1:{tids[rel.source_id]} Arg2:{tids[rel.target_id]}")
    return "\n".join(lines) + ("\n" if lines else "")


def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """brat spans cannot cross a newline: split into fragments per line."""
    out, pos = [], start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        if stop > pos:
            out.append((pos, stop))
        pos = stop + 1 if nl >= 0 else end
    return out or [(start, end)]


def _one_line(value: str) -> str:
    return " ".join(value.split())


def read_ann(
    content: str, text: str, type_map: dict[str, str] | None = None, schema: Schema = BUILTIN
) -> BratDocument:
    """Spans of the kinds `schema` declares (by brat type, or through `type_map`), their
    attributes (fields of the kind), notes and relations; the rest is counted as skipped.

    Each T line's offsets are checked against the text: fragments must lie inside it and be
    separated only by whitespace (then they join into one span); the text the line shows must
    be what its fragments cover, else the span keeps the shown text for the caller to re-anchor
    or refuse. Spans that cannot be placed carry a `problem`. A T id defined twice keeps its
    first definition; the second is a problem span.
    Raises ValueError for a T line that cannot be parsed at all.
    """
    mapping = {} if type_map else dict(DEFAULT_TYPE_MAP)
    mapping.update({k.brat_name.lower(): k.name for k in schema.kinds})
    mapping.update({k.lower(): v for k, v in (type_map or {}).items()})
    fields_of = {k.name: frozenset(k.field_names) for k in schema.kinds}
    spans: dict[str, BratSpan] = {}
    refused: list[BratSpan] = []
    defined: dict[str, int] = {}
    relations: list[tuple[str, str, str]] = []
    skipped: Counter = Counter()
    later: list[str] = []
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        if line.startswith("T"):
            match = _T_LINE.match(line)
            if not match:
                raise ValueError(f"line {number}: not a valid brat T line: {line[:60]!r}")
            tid, brat_type, offsets, shown = match.groups()
            kind = mapping.get(brat_type.lower())
            if tid in defined:
                refused.append(
                    BratSpan(
                        tid,
                        brat_type,
                        kind or "claim",
                        0,
                        0,
                        shown,
                        problem=f"{tid} is defined twice (lines {defined[tid]} and {number}); "
                        "the second definition was not imported",
                    )
                )
                continue
            defined[tid] = number
            if kind is None:
                skipped[f"T {brat_type}"] += 1
                continue
            spans[tid] = _span(tid, brat_type, kind, offsets, shown, text, number)
        else:
            later.append(line)
    for line in later:
        _read_other(line, spans, skipped, relations, fields_of, schema)
    return BratDocument(list(spans.values()) + refused, skipped, relations)


def _span(tid: str, brat_type: str, kind: str, offsets: str, shown: str, text: str, number: int) -> BratSpan:
    """One T line's span, checked against the text (see read_ann)."""
    try:
        pairs = [tuple(int(x) for x in part.split()) for part in offsets.split(";")]
    except ValueError:
        pairs = []
    if not pairs or any(len(p) != 2 for p in pairs):
        return BratSpan(
            tid, brat_type, kind, 0, 0, shown, problem=f"line {number}: offsets {offsets!r} are not pairs"
        )
    pairs.sort()
    start, end = pairs[0][0], max(b for _, b in pairs)
    for a, b in pairs:
        if not 0 <= a < b <= len(text):
            return BratSpan(
                tid,
                brat_type,
                kind,
                0,
                0,
                shown,
                problem=f"line {number}: offsets {a}-{b} are outside the text ({len(text)} characters)",
            )
    for (_, b), (a, _) in zip(pairs, pairs[1:], strict=False):
        if text[b:a].strip():
            return BratSpan(
                tid,
                brat_type,
                kind,
                0,
                0,
                shown,
                problem=f"line {number}: a discontinuous span with “{_short(text[b:a])}” between its pieces; "
                "kzt-annotator spans are continuous (tag the pieces separately)",
            )
    covered = " ".join(text[a:b] for a, b in pairs)
    if " ".join(shown.split()) == " ".join(covered.split()):
        return BratSpan(tid, brat_type, kind, start, end, text[start:end])
    # The line shows other text than its offsets cover: the caller re-anchors it or refuses it.
    return BratSpan(tid, brat_type, kind, start, end, shown)


def _short(value: str, limit: int = 30) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _read_other(
    line: str,
    spans: dict[str, BratSpan],
    skipped: Counter,
    relations: list[tuple[str, str, str]],
    fields_of: dict[str, frozenset[str]],
    schema: Schema,
) -> None:
    """An A, M, #, R (or other) line: attach it to its span or `relations`, or count it as skipped."""
    tag = line.split("\t", 1)[0]
    parts = line.split("\t")
    if tag.startswith("A") or tag.startswith("M"):
        fields = parts[1].split() if len(parts) > 1 else []
        if len(fields) >= 2 and fields[1] in spans:
            span = spans[fields[1]]
            name, value = fields[0], (fields[2] if len(fields) > 2 else "true")
            if name in fields_of.get(span.kind, ()):
                span.attributes[name] = value
            else:
                span.note = _join(span.note, f"{name}={value}")
        else:
            skipped["A"] += 1
    elif tag.startswith("#"):
        fields = parts[1].split() if len(parts) > 1 else []
        body = parts[2] if len(parts) > 2 else ""
        if len(fields) >= 2 and fields[1] in spans:
            span = spans[fields[1]]
            if body.startswith("kzt:id="):
                ident, _, rest = body.partition(" | ")
                span.annotation_id = ident.removeprefix("kzt:id=").strip()
                span.note = _join(span.note, rest)
            elif "=" in body and body.split("=", 1)[0] in fields_of.get(span.kind, ()):
                name, _, value = body.partition("=")
                span.attributes[name] = value
            else:
                span.note = _join(span.note, body)
        else:
            skipped["#"] += 1
    elif tag.startswith("R"):
        fields = parts[1].split() if len(parts) > 1 else []
        args = dict(f.split(":", 1) for f in fields[1:] if ":" in f)
        rel_type = schema.relation_for_brat(fields[0]) if fields else None
        if rel_type is not None and args.get("Arg1") in spans and args.get("Arg2") in spans:
            if rel_type.name == "supports":
                spans[args["Arg1"]].links.append(args["Arg2"])
            else:
                relations.append((rel_type.name, args["Arg1"], args["Arg2"]))
        else:
            skipped[f"R {fields[0] if fields else '?'}"] += 1
    else:
        skipped[tag[:1] or "?"] += 1


def _join(a: str, b: str) -> str:
    return f"{a}; {b}" if a and b else (a or b)
