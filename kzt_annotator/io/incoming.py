"""Read annotation files (our CSV, our bundle, W3C JSON-LD, brat) into plain incoming records.

Structural problems (wrong columns, invalid JSON, a value that does not parse) raise
`MalformedFile` naming the row or field; nothing is decided about the database here.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from kzt_annotator.core.errors import KztError
from kzt_annotator.core.model import NewArticle, normalise_newlines
from kzt_annotator.core.schema import BUILTIN, Schema
from kzt_annotator.core.variables import CSV_PREFIX
from kzt_annotator.io import brat, csv_format, jsonld
from kzt_annotator.io.decode import decode_text

REQUIRED_CSV = ("kind", "start", "end", "text")


class MalformedFile(KztError):
    """The file is not in a shape we can read; the message names the row or field."""


@dataclass(slots=True)
class Incoming:
    where: str
    id: str | None
    article_sha256: str
    article_id: int | None
    kind: str
    start: int | None
    end: int | None
    text: str
    prefix: str = ""
    suffix: str = ""
    attributes: dict[str, str] = field(default_factory=dict)
    note: str = ""
    annotator: str = ""
    status: str = "proposed"
    reviewer: str = ""
    review_note: str = ""
    linked_ids: list[str] = field(default_factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    problem: str = ""  # the reader already knows this record cannot be imported, and why


@dataclass(slots=True)
class IncomingRelation:
    """A relation read from a file; `source`/`target` are annotation ids (as in the file)."""

    where: str
    id: str | None
    type: str
    source: str
    target: str
    annotator: str = ""
    created_at: datetime | None = None


@dataclass(slots=True)
class IncomingFile:
    records: list[Incoming]
    articles: list[NewArticle] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    format: str = ""
    relations: list[IncomingRelation] = field(default_factory=list)


def _int(value: Any, where: str, name: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        raise MalformedFile(f"{where}: {name} {value!r} is not a whole number") from None


def _time(value: Any, where: str, name: str) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise MalformedFile(f"{where}: {name} {value!r} is not an ISO 8601 time") from None


def _kind(value: str, where: str, schema: Schema) -> str:
    if not schema.has_kind(value):
        raise MalformedFile(f"{where}: kind {value!r} is not one of {', '.join(schema.kind_names)}")
    return value


def read_csv(path: Path, schema: Schema = BUILTIN) -> IncomingFile:
    """Our CSV (any subset of its columns, in any order, with the required ones).

    Cells are taken as they are, except in rows our export marked as neutralised (the
    `neutralised` column is `yes`): there the apostrophe the export put before a formula
    trigger is taken off again. A `--raw` export has no such column, so nothing is changed.
    """
    text, _ = decode_text(path.read_bytes())
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    try:
        header = next(reader, [])
    except csv.Error as exc:
        raise MalformedFile(f"{path.name}: the header row cannot be read ({exc})") from None
    missing = [c for c in REQUIRED_CSV if c not in header]
    layout = csv_format.CsvLayout(schema)
    allowed = {*layout.columns, csv_format.NEUTRALISED_COLUMN}
    # var_* columns carry document variables (see services.csv_export); annotations ignore them
    unknown = [c for c in header if c not in allowed and not c.startswith(CSV_PREFIX)]
    if missing or unknown or not ({"article_sha256", "article_id"} & set(header)):
        parts = []
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            parts.append(f"unknown column(s) {', '.join(unknown)}")
        if not ({"article_sha256", "article_id"} & set(header)):
            parts.append("no article_sha256 or article_id column")
        raise MalformedFile(
            f"{path.name}: wrong columns: {'; '.join(parts)} (see the README for the CSV columns)"
        )
    records: list[Incoming] = []
    relations: list[IncomingRelation] = []
    try:
        for number, values in enumerate(reader, start=2):
            where = f"row {number}"
            if not values:
                continue
            if len(values) != len(header):
                raise MalformedFile(f"{where}: has {len(values)} cells, the header has {len(header)}")
            row = dict(zip(header, values, strict=True))
            marked = row.get(csv_format.NEUTRALISED_COLUMN, "").strip().lower() in ("yes", "true", "1")
            cell = {k: csv_format.unneutralise(v) for k, v in row.items()} if marked else row
            record = _csv_record(where, cell, layout)
            records.append(record)
            for part in filter(None, cell.get("relations", "").split(";")):
                kind, sep, target = part.partition(":")
                if not sep or not record.id:
                    raise MalformedFile(
                        f"{where}: relations {part!r}: write TYPE:ANNOTATION_ID (and give annotation_id)"
                    )
                relations.append(IncomingRelation(where, None, kind, record.id, target, record.annotator))
    except csv.Error as exc:
        raise MalformedFile(f"{path.name}: broken CSV quoting near row {reader.line_num} ({exc})") from None
    return IncomingFile(records, format="csv", relations=relations)


def _csv_record(where: str, cell: dict[str, str], layout: csv_format.CsvLayout) -> Incoming:
    kind = _kind(cell["kind"], where, layout.schema)
    attribute_columns = layout.attribute_names(kind)
    return Incoming(
        where=where,
        id=cell.get("annotation_id") or None,
        article_sha256=cell.get("article_sha256", ""),
        article_id=_int(cell.get("article_id"), where, "article_id"),
        kind=kind,
        start=_int(cell["start"], where, "start"),
        end=_int(cell["end"], where, "end"),
        text=cell["text"],
        prefix=cell.get("context_before", "")[-32:],
        suffix=cell.get("context_after", "")[:32],
        attributes={k: v for k, v in cell.items() if v and k in attribute_columns},
        note=cell.get("note", ""),
        annotator=cell.get("annotator", ""),
        status=cell.get("status") or "proposed",
        reviewer=cell.get("reviewer", ""),
        review_note=cell.get("review_note", ""),
        linked_ids=[i for i in cell.get("linked_annotation_ids", "").split(";") if i],
        created_at=_time(cell.get("created_at"), where, "created_at"),
        updated_at=_time(cell.get("updated_at"), where, "updated_at"),
    )


def read_json(path: Path, schema: Schema = BUILTIN) -> IncomingFile:
    try:
        data = json.loads(decode_text(path.read_bytes())[0])
    except json.JSONDecodeError as exc:
        raise MalformedFile(
            f"{path.name}: invalid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg})"
        ) from None
    except RecursionError:
        raise MalformedFile(
            f"{path.name}: the JSON is nested too deeply to be an annotation file; check that it is one"
        ) from None
    try:
        return _read_json_data(path, data, schema)
    except RecursionError:
        raise MalformedFile(
            f"{path.name}: the JSON is nested too deeply; check that it is an annotation file"
        ) from None


def _read_json_data(path: Path, data: Any, schema: Schema) -> IncomingFile:
    if isinstance(data, dict) and data.get("format") == "kzt-annotator-bundle":
        return _read_bundle(data, schema)
    if isinstance(data, dict) and (
        data.get("type") in {"AnnotationCollection", "AnnotationPage", "Annotation"}
    ):
        return _read_jsonld(data, schema)
    if isinstance(data, list) and all(isinstance(i, dict) and i.get("type") == "Annotation" for i in data):
        return _read_jsonld({"type": "AnnotationPage", "items": data}, schema)
    raise MalformedFile(
        f"{path.name}: JSON of an unknown shape: expected a kzt-annotator bundle "
        '("format": "kzt-annotator-bundle") or W3C Web Annotations'
    )


def _field(item: dict[str, Any], name: str, where: str, types: type | tuple[type, ...], default: Any) -> Any:
    """item[name] if it has one of `types`; `default` when missing or null; MalformedFile otherwise."""
    value = item.get(name)
    if value is None:
        return default
    if not isinstance(value, types) or isinstance(value, bool) and bool not in _as_tuple(types):
        wanted = " or ".join(_TYPE_WORDS.get(t, t.__name__) for t in _as_tuple(types))
        found = _TYPE_WORDS.get(type(value), type(value).__name__)
        raise MalformedFile(f"{where}: {name} must be {wanted}, not {found}")
    return value


def _as_tuple(types: type | tuple[type, ...]) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)


_TYPE_WORDS = {
    str: "text",
    int: "a whole number",
    float: "a number",
    dict: "an object",
    list: "a list",
    bool: "true/false",
    type(None): "null",
}
_SCALAR = (str, int, float)


def _read_bundle(data: dict[str, Any], schema: Schema) -> IncomingFile:
    from datetime import date

    from kzt_annotator.core.model import TextRange

    articles = []
    for n, item in enumerate(_field(data, "articles", "bundle", list, []), start=1):
        where = f"articles[{n}]"
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item.get("title"):
            raise MalformedFile(f"{where}: an article needs text and title")
        text = item["text"]
        published_text = _field(item, "published", where, str, "")
        try:
            published = date.fromisoformat(published_text) if published_text else None
        except ValueError:
            raise MalformedFile(f"{where}: published {published_text!r} is not YYYY-MM-DD") from None
        ranges = []
        for m, r in enumerate(_field(item, "boilerplate", where, list, []), start=1):
            here = f"{where}.boilerplate[{m}]"
            if not isinstance(r, dict):
                raise MalformedFile(f"{here}: must be an object with start and end")
            start, end = _field(r, "start", here, int, None), _field(r, "end", here, int, None)
            if start is None or end is None:
                raise MalformedFile(f"{here}: needs a start and an end")
            if not 0 <= start < end <= len(text):
                raise MalformedFile(
                    f"{here}: range {start}-{end} is outside the article text ({len(text)} characters)"
                )
            ranges.append(TextRange(start, end, str(_field(r, "reason", here, _SCALAR, ""))))
        articles.append(
            NewArticle(
                text=text,
                title=str(_field(item, "title", where, _SCALAR, "")),
                source_file=str(_field(item, "source_file", where, str, "") or "bundle"),
                outlet=_field(item, "outlet", where, str, None),
                author=_field(item, "author", where, str, None),
                published=published,
                url=_field(item, "url", where, str, None),
                language=_field(item, "language", where, str, None),
                boilerplate=tuple(ranges),
                inferred=tuple(
                    str(name) for name in _field(item, "inferred", where, list, []) if isinstance(name, str)
                ),
            )
        )
    records = []
    for n, item in enumerate(_field(data, "annotations", "bundle", list, []), start=1):
        where = f"annotations[{n}]"
        if not isinstance(item, dict):
            raise MalformedFile(f"{where}: not an object")
        attrs = _field(item, "attributes", where, dict, {})
        for name, value in attrs.items():
            if value is not None and not isinstance(value, _SCALAR):
                raise MalformedFile(f"{where}: attribute {name} must be text or a number")
        linked = _field(item, "linked_annotation_ids", where, list, [])
        if not all(isinstance(i, str) for i in linked):
            raise MalformedFile(f"{where}: linked_annotation_ids must be a list of ids (text)")
        records.append(
            Incoming(
                where=where,
                id=_field(item, "id", where, str, None) or None,
                article_sha256=_field(item, "article_sha256", where, str, ""),
                article_id=_int(_field(item, "article_id", where, (int, str), None), where, "article_id"),
                kind=_kind(str(item.get("kind")), where, schema),
                start=_int(_field(item, "start", where, (int, str), None), where, "start"),
                end=_int(_field(item, "end", where, (int, str), None), where, "end"),
                text=_field(item, "text", where, str, ""),
                attributes={
                    k: ("" if v is None else (str(v) if not isinstance(v, float) else repr(v)))
                    for k, v in attrs.items()
                },
                note=_field(item, "note", where, str, ""),
                annotator=_field(item, "annotator", where, str, ""),
                status=_field(item, "status", where, str, "") or "proposed",
                reviewer=_field(item, "reviewer", where, str, ""),
                review_note=_field(item, "review_note", where, str, ""),
                linked_ids=list(linked),
                created_at=_time(_field(item, "created_at", where, str, None), where, "created_at"),
                updated_at=_time(_field(item, "updated_at", where, str, None), where, "updated_at"),
            )
        )
    relations = []
    for n, item in enumerate(_field(data, "relations", "bundle", list, []), start=1):
        where = f"relations[{n}]"
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) for k in ("type", "source", "target")
        ):
            raise MalformedFile(f"{where}: a relation needs type, source and target")
        relations.append(
            IncomingRelation(
                where,
                item.get("id") or None,
                item["type"],
                item["source"],
                item["target"],
                str(item.get("annotator") or ""),
                _time(item.get("created_at"), where, "created_at"),
            )
        )
    return IncomingFile(records, articles, format="bundle", relations=relations)


def _read_jsonld(data: dict[str, Any], schema: Schema) -> IncomingFile:
    if data.get("type") == "Annotation":
        items = [data]
    elif data.get("type") == "AnnotationPage":
        items = _field(data, "items", "the page", list, [])
    else:
        first = _field(data, "first", "the collection", dict, None)
        pages = ([first] if first else []) + _field(data, "pages", "the collection", list, [])
        items = []
        for n, page in enumerate(pages, start=1):
            if not isinstance(page, dict):
                raise MalformedFile(f"page {n}: not an object")
            items.extend(_field(page, "items", f"page {n}", list, []))
    records = []
    relations = []
    for n, item in enumerate(items, start=1):
        where = f"annotation {n}"
        if not isinstance(item, dict):
            raise MalformedFile(f"{where}: not an object")
        try:
            link = jsonld.parse_relation(item)
            fields = jsonld.parse_annotation(item) if link is None else {}
        except (TypeError, ValueError, AttributeError) as exc:
            raise MalformedFile(f"{where}: {exc}") from None
        if link is not None:
            relations.append(
                IncomingRelation(
                    where,
                    link["id"] or None,
                    link["type"],
                    link["source"],
                    link["target"],
                    link["annotator"],
                    _time(link["created_at"], where, "created"),
                )
            )
            continue
        records.append(
            Incoming(
                where=where,
                id=fields["id"] or None,
                article_sha256=fields["article_sha256"],
                article_id=None,
                kind=_kind(fields["kind"], where, schema),
                start=_int(fields["start"], where, "start"),
                end=_int(fields["end"], where, "end"),
                text=fields["text"],
                prefix=fields["prefix"],
                suffix=fields["suffix"],
                attributes=fields["attributes"],
                note=fields["note"],
                annotator=fields["annotator"],
                created_at=_time(fields["created_at"], where, "created"),
                updated_at=_time(fields["updated_at"], where, "modified"),
            )
        )
    return IncomingFile(records, format="jsonld", relations=relations)


def read_brat(path: Path, type_map: dict[str, str] | None = None, schema: Schema = BUILTIN) -> IncomingFile:
    """A folder of .txt/.ann pairs, or one .ann beside its .txt: articles and their spans."""
    anns = sorted(path.glob("*.ann")) if path.is_dir() else [path]
    records: list[Incoming] = []
    articles: list[NewArticle] = []
    skipped: dict[str, int] = {}
    relations: list[IncomingRelation] = []
    for ann_path in anns:
        txt_path = ann_path.with_suffix(".txt")
        if not txt_path.exists():
            raise MalformedFile(f"{ann_path.name}: no {txt_path.name} beside it")
        text = normalise_newlines(decode_text(txt_path.read_bytes())[0]) if txt_path.stat().st_size else ""
        if not text.strip():
            continue
        from kzt_annotator.io.metadata import infer_metadata

        meta = infer_metadata(text)
        article = NewArticle(
            text=text,
            title=meta.title or txt_path.stem,
            source_file=txt_path.name,
            language=meta.language,
            boilerplate=meta.boilerplate,
            inferred=tuple(n for n in meta.inferred if n in ("title", "language")),
        )
        articles.append(article)
        try:
            document = brat.read_ann(ann_path.read_text(encoding="utf-8"), text, type_map, schema)
        except ValueError as exc:
            raise MalformedFile(f"{ann_path.name}: {exc}") from None
        for kind_label, count in document.skipped.items():
            skipped[kind_label] = skipped.get(kind_label, 0) + count
        ids = {
            s.tid: s.annotation_id or f"brat:{article.sha256[:16]}:{s.tid}"
            for s in document.spans
            if not s.problem
        }
        for span in document.spans:
            records.append(
                Incoming(
                    where=f"{ann_path.name} {span.tid}",
                    id=_stable_id(ids[span.tid]) if not span.problem else None,
                    article_sha256=article.sha256,
                    article_id=None,
                    kind=str(span.kind),
                    start=span.start,
                    end=span.end,
                    text=span.text,
                    attributes=dict(span.attributes),
                    note=span.note,
                    linked_ids=[_stable_id(ids[t]) for t in span.links if t in ids],
                    problem=span.problem,
                )
            )
        for kind, arg1, arg2 in document.relations:
            relations.append(
                IncomingRelation(
                    f"{ann_path.name} R {arg1}-{arg2}",
                    None,
                    kind,
                    _stable_id(ids[arg1]),
                    _stable_id(ids[arg2]),
                )
            )
    return IncomingFile(records, articles, skipped, format="brat", relations=relations)


def _stable_id(value: str) -> str:
    """brat has no UUIDs: derive one from file identity and T id, so re-imports change nothing."""
    import uuid

    try:
        return str(uuid.UUID(value))
    except ValueError:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"kzt-annotator:{value}"))


def read_any(path: Path, type_map: dict[str, str] | None = None, schema: Schema = BUILTIN) -> IncomingFile:
    """Read a file of annotations; kinds and attribute names are checked against `schema`."""
    if path.is_dir() or path.suffix.lower() == ".ann":
        return read_brat(path, type_map, schema)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_csv(path, schema)
    if suffix in {".json", ".jsonld"}:
        return read_json(path, schema)
    raise MalformedFile(
        f"{path.name}: unknown annotation format; import .csv, .json (bundle), .jsonld or brat .ann"
    )
