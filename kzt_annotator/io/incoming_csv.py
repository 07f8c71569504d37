"""Our annotation CSV (as `export-csv` writes it) read into incoming records."""

from __future__ import annotations

from pathlib import Path

from kzt_annotator.core.schema import BUILTIN, Schema
from kzt_annotator.core.variables import CSV_PREFIX
from kzt_annotator.io import csv_format
from kzt_annotator.io.csv_rows import BrokenQuoting, numbered_rows
from kzt_annotator.io.decode import decode_text
from kzt_annotator.io.incoming_records import (
    Incoming,
    IncomingFile,
    IncomingRelation,
    MalformedFile,
    iso_time,
    known_kind,
    whole_number,
)

REQUIRED_CSV = ("kind", "start", "end", "text")


def read_csv(path: Path, schema: Schema = BUILTIN) -> IncomingFile:
    """Our CSV (any subset of its columns, in any order, with the required ones).

    Cells are taken as they are, except in rows our export marked as neutralised (the
    `neutralised` column is `yes`): there the apostrophe the export put before a formula
    trigger is taken off again. A `--raw` export has no such column, so nothing is changed.
    """
    text, _ = decode_text(path.read_bytes())
    reader = numbered_rows(text, path.name)  # rows as a spreadsheet numbers them: the header is 1
    try:
        header = next(reader, (1, []))[1]
    except BrokenQuoting as exc:
        raise MalformedFile(str(exc)) from None
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
        for number, values in reader:
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
    except BrokenQuoting as exc:
        raise MalformedFile(str(exc)) from None
    return IncomingFile(records, format="csv", relations=relations)


def _csv_record(where: str, cell: dict[str, str], layout: csv_format.CsvLayout) -> Incoming:
    kind = known_kind(cell["kind"], where, layout.schema)
    attribute_columns = layout.attribute_names(kind)
    return Incoming(
        where=where,
        id=cell.get("annotation_id") or None,
        article_sha256=cell.get("article_sha256", ""),
        article_id=whole_number(cell.get("article_id"), where, "article_id"),
        kind=kind,
        start=whole_number(cell["start"], where, "start"),
        end=whole_number(cell["end"], where, "end"),
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
        created_at=iso_time(cell.get("created_at"), where, "created_at"),
        updated_at=iso_time(cell.get("updated_at"), where, "updated_at"),
    )
