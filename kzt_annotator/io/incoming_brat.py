"""brat standoff annotations: a folder of .txt/.ann pairs (or one .ann beside its .txt) read
into articles and incoming records."""

from __future__ import annotations

from pathlib import Path

from kzt_annotator.core.model import NewArticle, normalise_newlines
from kzt_annotator.core.schema import BUILTIN, Schema
from kzt_annotator.io import brat
from kzt_annotator.io.decode import decode_text
from kzt_annotator.io.incoming_records import Incoming, IncomingFile, IncomingRelation, MalformedFile


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
