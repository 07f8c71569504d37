"""Help with claims: propose the claim key of similar claims, tag every occurrence of a phrase.

Both return plain results or change records; the CLI and the GUI call them the same way.
"""

from __future__ import annotations

from collections.abc import Mapping

from kzt_annotator.core.changes import Changes
from kzt_annotator.core.claim_match import KeyProposal, occurrences, similar_claim_keys
from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import Annotation
from kzt_annotator.services.annotating import new_annotation
from kzt_annotator.store.repository import AnnotationFilter, Repository


def propose_claim_keys(repo: Repository, text: str, limit: int = 3) -> list[KeyProposal]:
    """Claim keys already used in any article whose claims read most like `text`, best first."""
    claims = [
        (a.attributes.claim_key, a.text)
        for a in repo.annotations(AnnotationFilter(kind=Kind.CLAIM.value))
        if getattr(a.attributes, "claim_key", None) and not a.orphaned
    ]
    return similar_claim_keys(text, claims, limit)


def tag_occurrences(
    repo: Repository,
    phrase: str,
    kind: Kind,
    annotator: str,
    attributes: Mapping[str, str] | None = None,
    article_id: int | None = None,
) -> tuple[list[Annotation], Changes]:
    """Tag every whole-word occurrence of `phrase` in one article (or the corpus) with `kind`,
    skipping places already tagged with that kind. Returns the new annotations and the change.
    Raises InvalidInput for an empty phrase."""
    if not phrase.strip():
        raise InvalidInput('the phrase is empty; give the words to tag (for example tag-all "Tokayev")')
    created = occurrence_annotations(repo, phrase, kind, annotator, attributes, article_id)
    if created:
        repo.add_annotations(created)
    return created, Changes(
        articles=frozenset(a.article_id for a in created), annotations=frozenset(a.id for a in created)
    )


def occurrence_annotations(
    repo: Repository,
    phrase: str,
    kind: str,
    annotator: str,
    attributes: Mapping[str, str] | None = None,
    article_id: int | None = None,
    skip: tuple[int, int, int] | None = None,
) -> list[Annotation]:
    """The annotations tag_occurrences would add, not stored (the GUI pushes them as one undoable
    step). `skip`: (article id, start, end) of a span being tagged right now, left out."""
    if not phrase.strip():
        return []
    if article_id is not None:
        candidates = [(article_id, repo.article(article_id).text)]
    else:
        candidates = repo.texts_containing(phrase.split()[0])
    created: list[Annotation] = []
    for aid, text in candidates:
        spans = occurrences(text, phrase)
        if not spans:
            continue
        taken = [(a.start, a.end) for a in repo.annotations(AnnotationFilter(article_id=aid, kind=str(kind)))]
        if skip is not None and skip[0] == aid:
            taken.append((skip[1], skip[2]))
        article = repo.article(aid)
        schema = repo.schema()
        for start, end in spans:
            if any(a < end and start < b for a, b in taken):
                continue
            created.append(
                new_annotation(article, kind, start, end, annotator, attributes or {}, schema=schema)
            )
    return created
