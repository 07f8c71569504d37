"""W3C Web Annotation JSON-LD: an AnnotationCollection with pages, TextQuote + TextPosition selectors.

Bodies: a TextualBody whose value is the kind (purpose "tagging"), one per set attribute
("name=value", purpose "describing"), and the note (purpose "commenting"). Targets point at the
article by `urn:sha256:` of its stored text, so a receiver can check it has the same text.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from kzt_annotator import __version__
from kzt_annotator.core.anchoring import context_of
from kzt_annotator.core.attributes import attributes_to_strings
from kzt_annotator.core.model import Annotation, ArticleSummary, Relation
from kzt_annotator.core.schema import BUILTIN, Schema

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
PAGE_SIZE = 1000
KIND_PURPOSE = "tagging"
ATTR_PURPOSE = "describing"


def annotation_jsonld(
    annotation: Annotation, article: ArticleSummary, text: str, schema: Schema = BUILTIN
) -> dict[str, Any]:
    prefix, suffix = context_of(text, annotation.start, annotation.end)
    bodies: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": KIND_PURPOSE, "value": str(annotation.kind)}
    ]
    for name, value in attributes_to_strings(annotation.attributes, schema).items():
        if value:
            bodies.append({"type": "TextualBody", "purpose": ATTR_PURPOSE, "value": f"{name}={value}"})
    if annotation.note:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": annotation.note})
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "id": f"urn:uuid:{annotation.id}",
        "type": "Annotation",
        "motivation": "tagging",
        "creator": {"type": "Person", "name": annotation.annotator},
        "body": bodies,
        "target": {
            "source": f"urn:sha256:{article.sha256}",
            "selector": [
                {"type": "TextQuoteSelector", "exact": annotation.text, "prefix": prefix, "suffix": suffix},
                {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end},
            ],
        },
    }
    if annotation.created_at:
        data["created"] = annotation.created_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    if annotation.updated_at:
        data["modified"] = annotation.updated_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    return data


LINKING = "linking"


def relation_jsonld(relation: Relation) -> dict[str, Any]:
    """A relation as a W3C linking annotation: its target is the source annotation, its bodies
    the linked (target) annotation and the relation type (purpose "tagging")."""
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "id": f"urn:uuid:{relation.id}",
        "type": "Annotation",
        "motivation": LINKING,
        "creator": {"type": "Person", "name": relation.annotator},
        "body": [
            {"type": "TextualBody", "purpose": KIND_PURPOSE, "value": relation.type},
            {"type": "SpecificResource", "purpose": LINKING, "source": f"urn:uuid:{relation.target_id}"},
        ],
        "target": f"urn:uuid:{relation.source_id}",
    }
    if relation.created_at:
        data["created"] = relation.created_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    return data


def local_id(iri: str) -> str:
    """The annotation id an IRI names here: ours are `urn:uuid:<uuid>`; another server's
    (`http://example.org/anno1`) becomes a UUID derived from the whole IRI (uuid5, URL
    namespace), so a second import of the same file finds the same annotations and links between
    them still meet. '' stays ''."""
    bare = iri.removeprefix("urn:uuid:")
    if not bare:
        return ""
    try:
        return str(uuid.UUID(bare))
    except ValueError:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, iri))


def creator_name(creator: object) -> str:
    """Who made an annotation: the creator's name, else its nickname, else its IRI."""
    if isinstance(creator, dict):
        for key in ("name", "nickname", "id"):
            if isinstance(creator.get(key), str) and creator[key].strip():
                return creator[key].strip()
        return ""
    return str(creator or "").strip()


def parse_relation(item: dict[str, Any]) -> dict[str, Any] | None:
    """{"id", "type", "source", "target", "annotator", "created_at"} of a linking annotation
    between two annotations, or None if `item` is not one."""
    if item.get("motivation") != LINKING:
        return None
    bodies = item.get("body") or []
    if isinstance(bodies, dict):
        bodies = [bodies]
    kind = next(
        (str(b.get("value")) for b in bodies if isinstance(b, dict) and b.get("purpose") == KIND_PURPOSE), ""
    )
    linked = next(
        (
            str(b.get("source") or b.get("id") or "")
            for b in bodies
            if isinstance(b, dict) and b.get("purpose") == LINKING
        ),
        "",
    )
    target = item.get("target")
    source = (
        target
        if isinstance(target, str)
        else (target or {}).get("id", "")
        if isinstance(target, dict)
        else ""
    )
    creator = item.get("creator") or {}
    return {
        "id": local_id(str(item.get("id", ""))),
        "type": kind,
        "source": local_id(str(source)),
        "target": local_id(linked),
        "annotator": creator_name(creator),
        "created_at": item.get("created"),
    }


def collection(items: list[dict[str, Any]], label: str, base: str) -> dict[str, Any]:
    """An AnnotationCollection with its pages embedded (first ... last linked by next/prev)."""
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    pages: list[dict[str, Any]] = []
    for index in range(0, max(len(items), 1), PAGE_SIZE):
        number = index // PAGE_SIZE + 1
        page: dict[str, Any] = {
            "id": f"{base}/page{number}",
            "type": "AnnotationPage",
            "partOf": base,
            "startIndex": index,
            "items": items[index : index + PAGE_SIZE],
        }
        pages.append(page)
    for a, b in zip(pages, pages[1:], strict=False):
        a["next"] = b["id"]
        b["prev"] = a["id"]
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "id": base,
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
        "created": now,
        "generator": {
            "id": f"urn:x-kzt-annotator:{__version__}",
            "type": "Software",
            "name": f"kzt-annotator {__version__}",
        },
        "first": pages[0],
    }
    if len(pages) > 1:
        data["last"] = pages[-1]["id"]
        data["pages"] = pages[1:]  # the remaining pages, embedded for a self-contained file
    return data


def _typed(value: Any, types: type | tuple[type, ...], what: str, wanted: str) -> Any:
    if value is not None and (not isinstance(value, types) or isinstance(value, bool)):
        raise TypeError(f"{what} must be {wanted}, not {type(value).__name__}")
    return value


def parse_annotation(item: dict[str, Any]) -> dict[str, Any]:
    """Pull our fields out of one Web Annotation (ours or another tool's).

    Raises TypeError naming the field when a value has a type the model does not allow (a
    target that is not an object, a selector offset that is not a number, ...).
    """
    target = item.get("target") or {}
    if isinstance(target, list):
        target = target[0] if target else {}
    if isinstance(target, str):
        raise TypeError("target is only an IRI; a selector with the quoted text is needed")
    _typed(target, dict, "target", "an object")
    selectors = target.get("selector") or []
    if isinstance(selectors, dict):
        selectors = [selectors]
    _typed(selectors, list, "target.selector", "an object or a list")
    selectors = [s for s in selectors if isinstance(s, dict)]
    quote = next((s for s in selectors if s.get("type") == "TextQuoteSelector"), {})
    position = next((s for s in selectors if s.get("type") == "TextPositionSelector"), {})
    for name in ("exact", "prefix", "suffix"):
        _typed(quote.get(name), str, f"TextQuoteSelector.{name}", "text")
    for name in ("start", "end"):
        _typed(position.get(name), (int, str), f"TextPositionSelector.{name}", "a whole number")
    bodies = item.get("body") or []
    if isinstance(bodies, dict):
        bodies = [bodies]
    _typed(bodies, list, "body", "an object or a list")
    kind, attrs, note = None, {}, ""
    for body in bodies:
        if not isinstance(body, dict):
            continue  # an IRI body: nothing of ours
        purpose, value = body.get("purpose"), body.get("value", "")
        _typed(value, (str, int, float), "body.value", "text")
        value = str(value)
        if purpose == KIND_PURPOSE and kind is None:
            kind = value
        elif purpose == ATTR_PURPOSE and "=" in value:
            name, _, val = value.partition("=")
            attrs[name] = val
        elif purpose == "commenting":
            note = value
    source = str(_typed(target.get("source", ""), str, "target.source", "an IRI"))
    creator = item.get("creator") or {}
    if isinstance(creator, dict):
        _typed(creator.get("name"), str, "creator.name", "text")
    name = creator_name(creator)
    ident = _typed(item.get("id", ""), str, "id", "an IRI")
    return {
        "id": local_id(ident or ""),
        "article_sha256": source.removeprefix("urn:sha256:") if source.startswith("urn:sha256:") else "",
        "kind": kind or "",
        "start": position.get("start"),
        "end": position.get("end"),
        "text": quote.get("exact") or "",
        "prefix": quote.get("prefix") or "",
        "suffix": quote.get("suffix") or "",
        "attributes": attrs,
        "note": note,
        "annotator": name,
        "created_at": _typed(item.get("created"), str, "created", "an ISO 8601 time"),
        "updated_at": _typed(item.get("modified"), str, "modified", "an ISO 8601 time"),
    }
