"""A pygments lexer for news prose: numbers, quotations, attribution cues, codebook names.

Used on the raw article text through `cue_ranges`, which keeps offsets as Python str indices
(pygments' `get_tokens` would strip and re-terminate the text; the unprocessed API does not).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pygments.lexer import RegexLexer
from pygments.style import Style
from pygments.token import Keyword, Name, Number, String, Text, _TokenType

from kzt_annotator.core.numbers import CURRENCY_SIGN, DIGITS, PERCENT, SCALE_AFTER, WORD_NUMBER

# One token type per cue kind; the reader lets each kind be switched on and off.
NUMBER = Number
QUOTE = String.Double
ATTRIBUTION = Keyword
CODEBOOK = Name.Entity
CUE_TOKENS: dict[str, _TokenType] = {
    "number": NUMBER,
    "quote": QUOTE,
    "attribution": ATTRIBUTION,
    "codebook": CODEBOOK,
}

_CUE_VERBS = (
    "said|says|say|saying|told|tells|tell|telling|claimed|claims|claim|claiming|reported|reports|reporting|"
    "wrote|writes|added|adds|stated|states|announced|announces|declared|declares|explained|explains|"
    "argued|argues|insisted|insists|warned|warns|denied|denies|confirmed|confirms|alleged|alleges|"
    "noted|notes|tweeted|posted|cautioned|suggested|suggests|accused|accuses|blamed|blames|"
    "acknowledged|admitted|asserted|estimated|estimates"
)
_CUE_PHRASES = r"according\s+to|in\s+a\s+statement|quoted\s+as\s+saying|cited\s+by|as\s+reported\s+by"
# The one number grammar (core/numbers.py), without its named groups (Pygments compiles once).
_NUMBER = (
    rf"(?:{CURRENCY_SIGN}\s?)?(?:{DIGITS}|\b{WORD_NUMBER}\b)(?:{SCALE_AFTER})?(?:{PERCENT})?"
    r"|\b(?:dozens|scores|hundreds|thousands|millions|doubled|double|tripled|half|dozen|\w+fold)\b"
)


class NewsProseLexer(RegexLexer):
    """Marks numbers and quantities, quotations, attribution cues and codebook names."""

    name = "News prose"
    aliases = ["newsprose"]
    flags = re.UNICODE  # cue verbs are lowercase only: "United States" is no cue

    tokens = {
        "root": [
            (r"“[^“”]{1,4000}”", QUOTE),  # curly quotes, may span paragraphs
            (r"«[^«»]{1,4000}»", QUOTE),
            (r'"[^"]{1,4000}"', QUOTE),
            (rf"(?i:\b(?:{_CUE_PHRASES})\b)", ATTRIBUTION),
            (rf"\b(?:{_CUE_VERBS})\b", ATTRIBUTION),
            (rf"(?i:{_NUMBER})", NUMBER),
            (r"[^\W\d_]+", Text),
            (r"\s+", Text),
            (r".", Text),
        ]
    }

    def __init__(self, names: Iterable[str] = (), **options: object) -> None:
        super().__init__(**options)
        cleaned = sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True)
        self._names_rx = (
            re.compile(r"\b(?:" + "|".join(re.escape(n) for n in cleaned) + r")\b") if cleaned else None
        )

    def get_tokens_unprocessed(self, text: str, stack: Iterable[str] = ("root",)):  # type: ignore[override]
        # Codebook names (speakers, outlets) first; the rules above see what lies between them.
        if self._names_rx is None:
            yield from super().get_tokens_unprocessed(text, stack)
            return
        pos = 0
        for match in self._names_rx.finditer(text):
            if match.start() > pos:
                for index, token, value in super().get_tokens_unprocessed(text[pos : match.start()], stack):
                    yield pos + index, token, value
            yield match.start(), CODEBOOK, match.group(0)
            pos = match.end()
        if pos < len(text):
            for index, token, value in super().get_tokens_unprocessed(text[pos:], stack):
                yield pos + index, token, value


class NewsCueStyle(Style):
    """Cue colours: foreground and font only, so annotation backgrounds stay readable over them."""

    name = "kzt-news"
    styles = {
        NUMBER: "bold #1565c0",
        QUOTE: "italic #2e7d32",
        ATTRIBUTION: "underline #6a1b9a",
        CODEBOOK: "bold #bf360c",
    }


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    kind: str  # "number" | "quote" | "attribution" | "codebook"


def _compiled_cue_rules() -> re.Pattern[str]:
    """The lexer's cue rules as one pattern with a named group per rule, for a single C-speed scan.

    Same rules, same order as NewsProseLexer.tokens; the Text rules are left out because finditer
    skips what no rule matches. On a 300,000-character article this is ~15x faster than running
    the RegexLexer token by token.
    """
    kinds = {token: kind for kind, token in CUE_TOKENS.items()}
    parts = []
    for index, (pattern, token) in enumerate(NewsProseLexer.tokens["root"]):
        if token in kinds:
            parts.append(f"(?P<{kinds[token]}_{index}>{pattern})")
    return re.compile("|".join(parts), NewsProseLexer.flags)


_CUE_RX = _compiled_cue_rules()
_QUOTE_RX = re.compile("|".join(p for p, token in NewsProseLexer.tokens["root"] if token is QUOTE))


class CueScanner:
    """Finds the cues in a piece of text; built once per set of codebook names.

    The reader scans one paragraph at a time, when the paragraph is first shown, so opening a
    300,000-character article does not scan all of it.
    """

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._names_rx = NewsProseLexer(names)._names_rx

    def __call__(self, text: str) -> list[Cue]:
        """All cues in `text`, as code-point ranges, in order (codebook names take precedence)."""
        cues: list[Cue] = []
        taken: list[tuple[int, int]] = []
        if self._names_rx is not None:
            for match in self._names_rx.finditer(text):
                cues.append(Cue(match.start(), match.end(), "codebook"))
                taken.append(match.span())
        position = 0
        next_taken = 0  # both lists run left to right: skip the names that ended before this cue
        for match in _CUE_RX.finditer(text):
            start, end = match.span()
            if start < position:
                continue
            while next_taken < len(taken) and taken[next_taken][1] <= start:
                next_taken += 1
            if next_taken < len(taken) and taken[next_taken][0] < end:
                continue
            kind = match.lastgroup.rsplit("_", 1)[0] if match.lastgroup else ""
            cues.append(Cue(start, end, kind))
            position = end
        cues.sort(key=lambda c: c.start)
        return cues

    @staticmethod
    def spanning_quotes(text: str) -> list[Cue]:
        """Quotations that cross a paragraph break, which a paragraph-by-paragraph scan cannot see."""
        return [Cue(m.start(), m.end(), "quote") for m in _QUOTE_RX.finditer(text) if "\n" in m.group()]


def cue_ranges(text: str, names: Iterable[str] = ()) -> list[Cue]:
    """All cues in `text`, as code-point ranges, in order (codebook names take precedence)."""
    return CueScanner(names)(text)
