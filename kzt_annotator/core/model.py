"""Domain records. Frozen dataclasses cross every layer boundary; no ORM object leaves `store`.

Offsets (`start`, `end`) are Python `str` indices (code points) into `Article.text`, the stored
text: the decoded file with line endings normalised to "\\n" and nothing else changed.
"""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from kzt_annotator.core.attributes import Attributes
from kzt_annotator.core.kinds import Status


@dataclass(frozen=True, slots=True)
class TextRange:
    """A half-open range [start, end) of the article text, with why it was marked."""

    start: int
    end: int
    reason: str = ""


@dataclass(frozen=True, slots=True)
class PageRange:
    """The characters [start, end) of the stored text that came from page `page` (1-based) of a PDF."""

    start: int
    end: int
    page: int


@dataclass(frozen=True, slots=True)
class NewArticle:
    """An article parsed from a file, not yet stored."""

    text: str
    title: str
    source_file: str
    outlet: str | None = None
    author: str | None = None
    published: date | None = None
    url: str | None = None
    language: str | None = None
    boilerplate: tuple[TextRange, ...] = ()
    inferred: tuple[str, ...] = ()  # metadata fields inferred from the text, e.g. ("published", "outlet")
    source_bytes: bytes | None = None
    source_media_type: str | None = None
    section: str | None = None
    length_words: int | None = None  # the length a news database states ("LENGTH: 523 words")
    export_file: str | None = None  # the multi-article export this article was split from
    export_index: int | None = None  # its position in that export, 1-based
    pages: tuple[PageRange, ...] = ()  # PDF pages, covering the text in order
    fetched_at: datetime | None = None  # when import-url / import-feed fetched it (UTC)
    # Near-duplicate sketch (core/syndication.py), computed while parsing so that worker processes
    # share the work; b"" for a text too short to compare, None when not computed yet.
    sketch: bytes | None = None
    warnings: tuple[str, ...] = ()  # what the reader left out of the file, in words

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)


@dataclass(frozen=True, slots=True)
class Article:
    id: int
    text: str
    title: str
    sha256: str
    source_file: str
    imported_at: datetime
    outlet: str | None = None
    author: str | None = None
    published: date | None = None
    url: str | None = None
    language: str | None = None
    boilerplate: tuple[TextRange, ...] = ()
    section: str | None = None
    length_words: int | None = None
    export_file: str | None = None
    export_index: int | None = None
    pages: tuple[PageRange, ...] = ()
    fetched_at: datetime | None = None
    syndication_group: int | None = None  # the lowest article id of its near-duplicate group
    inferred: tuple[str, ...] = ()  # metadata fields inferred from the text, not typed or read
    memo: str = ""
    variables: dict[str, str] = field(default_factory=dict)  # document variable -> stored value


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """An article without its text, for lists (the text is loaded only when opened)."""

    id: int
    title: str
    sha256: str
    source_file: str
    imported_at: datetime
    chars: int
    outlet: str | None = None
    author: str | None = None
    published: date | None = None
    url: str | None = None
    language: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    syndication_group: int | None = None
    memo: str = ""
    variables: dict[str, str] = field(default_factory=dict)  # document variable -> stored value


class ArticleLine(NamedTuple):
    """One article as the article list shows it: a plain tuple of what its cells show and sort
    by (no text, sha256, import time or per-row dicts), so 10,000 of them stay small. What only
    its tooltip shows (ArticleDetails) is read when the tooltip is asked for.

    `counts` and `variables` follow the kinds and variable names they were read with (see
    ArticleLines); `outlet` is the stored spelling, None when the article names none."""

    id: int
    title: str
    outlet: str | None
    published: date | None
    syndication_group: int | None
    counts: tuple[int, ...]  # annotations per kind, in ArticleLines.kinds order
    variables: tuple[str, ...]  # stored value per document variable ('' unset), in ArticleLines order


class ArticleDetails(NamedTuple):
    """What the article list's tooltip adds to an ArticleLine (read for one article at a time)."""

    source_file: str
    chars: int
    memo: str


class ArticleLines(NamedTuple):
    """Articles for the list: their lines, the kinds their counts follow, the variable names their
    values follow, and each outlet spelling they use -> the outlet as views name it."""

    lines: list[ArticleLine]
    kinds: tuple[str, ...]
    variables: tuple[str, ...]
    outlets: dict[str | None, str]


@dataclass(frozen=True, slots=True)
class Annotator:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class Annotation:
    id: str
    article_id: int
    kind: str  # a Kind member for the built-in three, else a project-defined kind's name
    start: int
    end: int
    text: str
    attributes: Attributes
    annotator: str
    status: Status = Status.PROPOSED
    note: str = ""
    linked_ids: tuple[str, ...] = ()
    reviewer: str | None = None
    review_note: str = ""
    reviewed_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    version: int = 1
    orphaned: bool = False  # the article was revised and this span's quote is gone


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed, directed relation between two annotations (types: core.schema.RelationType)."""

    id: str
    type: str
    source_id: str
    target_id: str
    annotator: str
    created_at: datetime | None = None
    version: int = 1


UNKNOWN_OUTLET = "unknown outlet"  # what every view says where an article has no outlet


class CodebookKind(enum.StrEnum):
    QUANTITY = "quantity"
    SPEAKER = "speaker"
    CLAIM_KEY = "claim_key"
    OUTLET = "outlet"
    CATEGORY = "category"  # the researcher's own categories


@dataclass(frozen=True, slots=True)
class CodebookEntry:
    """One codebook entry. `key` is unique within its kind and is what annotations store;
    `parent` is another entry's key of the same kind (a tree); `aliases` are variant spellings
    that count as this entry in every view ("Tokayev" for "Kassym-Jomart Tokayev");
    `colour` is "" or "#RRGGBB"; `description` is the researcher's memo."""

    kind: CodebookKind
    key: str
    label: str
    colour: str = ""
    description: str = ""
    parent: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def display(self) -> str:
        return self.label or self.key


def text_sha256(text: str) -> str:
    """Identity of an article: the SHA-256 of its stored text, UTF-8 encoded."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; nothing else is touched."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
