"""The one rule for naming a record by the first characters of its id or hash.

Annotation and relation ids are UUIDs and articles have a sha256; the tables show the first
8 characters and every verb accepts a unique prefix. A prefix needs at least MIN_PREFIX
characters: article ids are small integers, so a one- or two-character prefix typed where an
article id was meant would otherwise pick a random annotation.
"""

from __future__ import annotations

from kzt_annotator.core.errors import InvalidInput, NotFound

MIN_PREFIX = 4  # characters; the tables show 8


def checked_prefix(ref: str, noun: str) -> str:
    """`ref` stripped; InvalidInput (one line, what to type) when it is empty or too short.

    `noun` names the record in the message ("annotation", "relation")."""
    ref = ref.strip()
    if not ref:
        raise InvalidInput(
            f"the {noun} id is empty; give its id (or at least its first {MIN_PREFIX} characters)"
        )
    if len(ref) < MIN_PREFIX:
        raise InvalidInput(
            f"{ref!r} is too short for {article(noun)} {noun} id: "
            f"give at least its first {MIN_PREFIX} characters (the tables show 8)"
        )
    return ref


def one_match(ref: str, found: list[str], noun: str, listing: str) -> str:
    """The single id in `found` (the ids starting with `ref`).

    Raises NotFound (naming the verb `listing` that lists them) when there is none, and
    InvalidInput when the prefix fits several."""
    if not found:
        raise NotFound(f"no {noun} {ref}; list them with `kzt-annotator {listing}`")
    if len(found) > 1:
        raise InvalidInput(f"{ref} is the start of several {noun} ids; give more of the id")
    return found[0]


def article(noun: str) -> str:
    """'a' or 'an' before `noun`."""
    return "an" if noun[:1] in "aeiou" else "a"
