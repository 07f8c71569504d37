"""Tag many spans in one process and one transaction (`kzt-annotator annotate --from-file`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kzt_annotator.core.changes import Changes
from kzt_annotator.core.discrepancy import normalise_key
from kzt_annotator.core.errors import InvalidInput, KztError
from kzt_annotator.core.model import Annotation, Article
from kzt_annotator.services.annotating import check_links, new_annotation
from kzt_annotator.store.repository import AnnotationFilter, Repository

SPAN_COLUMNS = {"article", "kind", "start", "end", "note", "link", "annotator"}


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What `annotate_rows` did: the annotations it stored (in row order), how many rows it skipped
    because the same annotator already has that annotation (or an earlier row of the file is the
    same one), and the change record."""

    saved: list[Annotation]
    already_there: int
    changes: Changes


def annotate_rows(
    repo: Repository, rows: Sequence[tuple[int, dict[str, str]]], annotator: str, source: str = "row"
) -> BatchResult:
    """Build every annotation first (a bad row raises InvalidInput naming it, and nothing is written),
    then store the new ones in one transaction. Quantity keys are stored as typed, in key form (as
    the editor and `annotate` store them).

    A row is skipped (counted in `already_there`) when its annotator already has an annotation of the
    same article, kind, start, end and attributes, or an earlier row is that annotation: running
    the same file twice adds nothing the second time. Its note and links are then not merged.
    """
    articles: dict[str, Article] = {}
    schema = repo.schema()
    built = []
    for number, row in rows:
        where = f"{source} {number}"
        try:
            key = row["article"]
            if key not in articles:
                articles[key] = repo.resolve_article(key)
            kind = row["kind"].strip()
            start, end = _offset(row["start"], "start", where), _offset(row["end"], "end", where)
            attrs = {k: v for k, v in row.items() if k not in SPAN_COLUMNS}
            if attrs.get("quantity", "").strip():
                attrs["quantity"] = normalise_key(attrs["quantity"])
            links = tuple(x.strip() for x in row.get("link", "").split(";") if x.strip())
            built.append(
                check_links(
                    repo,
                    new_annotation(
                        articles[key],
                        kind,
                        start,
                        end,
                        row.get("annotator") or annotator,
                        attrs,
                        row.get("note", ""),
                        links,
                        schema=schema,
                    ),
                )  # links: full ids or unique prefixes, checked here so the error names the row
            )
        except InvalidInput as exc:
            raise InvalidInput(f"{where}: {exc}") from None
        except KztError as exc:
            raise InvalidInput(f"{where}: {exc}") from None
    new = _not_already_there(repo, built)
    saved = repo.add_annotations(new) if new else []
    return BatchResult(
        saved,
        len(built) - len(new),
        Changes(
            articles=frozenset(a.article_id for a in saved),
            annotations=frozenset(a.id for a in saved),
        ),
    )


def _identity(annotation: Annotation) -> tuple:
    """What makes two annotations the same one for a re-run: article, kind, span, attributes, who."""
    a = annotation
    return (a.article_id, str(a.kind), a.start, a.end, a.attributes, a.annotator)


def _not_already_there(repo: Repository, built: list[Annotation]) -> list[Annotation]:
    """`built` without the annotations their annotators already have, nor repeats within `built`."""
    seen: set[tuple] = set()
    for article_id in {a.article_id for a in built}:
        for name in {a.annotator for a in built if a.article_id == article_id}:
            found = repo.annotations(AnnotationFilter(article_id=article_id, annotator=name))
            seen.update(_identity(a) for a in found)
    new = []
    for annotation in built:
        key = _identity(annotation)
        if key not in seen:
            seen.add(key)
            new.append(annotation)
    return new


def _offset(text: str, name: str, where: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InvalidInput(f"{name} {text!r} is not a whole number (a Python str offset)") from None
