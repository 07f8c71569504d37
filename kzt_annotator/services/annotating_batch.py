"""Tag many spans in one process and one transaction (`kzt-annotator annotate --from-file`)."""

from __future__ import annotations

from collections.abc import Sequence

from kzt_annotator.core.changes import Changes
from kzt_annotator.core.discrepancy import normalise_key
from kzt_annotator.core.errors import InvalidInput, KztError
from kzt_annotator.core.model import Annotation, Article
from kzt_annotator.services.annotating import check_links, new_annotation
from kzt_annotator.store.repository import Repository

SPAN_COLUMNS = {"article", "kind", "start", "end", "note", "link", "annotator"}


def annotate_rows(
    repo: Repository, rows: Sequence[tuple[int, dict[str, str]]], annotator: str, source: str = "row"
) -> tuple[list[Annotation], Changes]:
    """Build every annotation first (a bad row raises InvalidInput naming it, and nothing is written),
    then store them all in one transaction. Quantity keys are stored as typed, in key form (as the
    editor and `annotate` store them)."""
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
    saved = repo.add_annotations(built)
    return saved, Changes(
        articles=frozenset(a.article_id for a in saved),
        annotations=frozenset(a.id for a in saved),
    )


def _offset(text: str, name: str, where: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InvalidInput(f"{name} {text!r} is not a whole number (a Python str offset)") from None
