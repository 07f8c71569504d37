"""The search language, parsed once and written out for SQLite FTS5, PostgreSQL and highlighting.

    Tokayev                 a word (case and accents ignored)
    "state of emergency"    a phrase: these words in this order
    detain*                 a prefix: detained, detainees, …
    troops AND Almaty       both (also when simply written side by side)
    troops OR soldiers      either
    troops NOT Russian      the first without the second
    troops -Russian         the same (a leading minus, as in web search engines)
    (troops OR soldiers) AND CSTO

A * works only at the end of a word or phrase (a prefix); one anywhere else is refused.

Raises InvalidInput with one line saying what to fix. Pure Python: no database, no Qt.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from kzt_annotator.core.errors import InvalidInput

OPERATORS = ("AND", "OR", "NOT")
_TOKEN = re.compile(r'(-?)"([^"]*)"(\*?)|(\()|(\))|([^\s()"]+)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Term:
    words: tuple[str, ...]  # one word, or a phrase's words
    prefix: bool = False  # the last word is a prefix


@dataclass(frozen=True, slots=True)
class Query:
    """Tokens in order: Term, "AND", "OR", "NOT", "(" or ")"; implicit ANDs made explicit."""

    tokens: tuple[Term | str, ...]

    @property
    def terms(self) -> list[Term]:
        """The terms a hit must show (those after NOT excluded)."""
        out, negated = [], False
        for token in self.tokens:
            if token == "NOT":
                negated = True
            elif isinstance(token, Term):
                if not negated:
                    out.append(token)
                negated = False
        return out

    def fts5(self) -> str:
        """The SQLite FTS5 MATCH expression."""
        return " ".join(_fts5_term(t) if isinstance(t, Term) else t for t in self.tokens)

    def tsquery(self) -> str:
        """The PostgreSQL to_tsquery('simple', …) expression."""
        names = {"AND": "&", "OR": "|", "NOT": "& !"}
        return " ".join(_ts_term(t) if isinstance(t, Term) else names.get(t, t) for t in self.tokens)

    def pattern(self) -> re.Pattern[str]:
        """A regular expression finding every shown term in a text (for keyword-in-context)."""
        parts = []
        for term in self.terms:
            body = r"\W+".join(re.escape(w) for w in term.words)
            parts.append(rf"(?<!\w){body}" + (r"\w*" if term.prefix else r"(?!\w)"))
        return re.compile("|".join(parts) or r"(?!)", re.IGNORECASE)

    def occurrences(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of every shown term in `text`, code-point offsets into `text` itself,
        left to right, case and accents ignored as the full-text index ignores them: "cafe"
        finds "Café" (0-4), also when the accent is a combining mark of its own ("Cafe" and U+0301,
        0-5: a match never ends between a letter and its marks). pattern() finds the same in
        text without accents or rare letters.

        Searched in a folded copy (see `fold_text`) with a case-sensitive expression that starts
        with the term's letters, so that the engine skips ahead to them: about ten times faster
        than pattern(), whose look-behind and ignored case make it try every position.
        """
        folded, origin = fold_text(text)
        finder = _lowercase_pattern(tuple(self.terms))
        at = 0
        while (m := finder.search(folded, at)) is not None:
            start = m.start()
            if start and (folded[start - 1].isalnum() or folded[start - 1] == "_"):  # inside a word: \w
                at = start + 1
                continue
            at = m.end()
            if origin is None:
                yield start, m.end()
                continue
            begin, end = origin[start], origin[m.end() - 1] + 1
            while end < len(text) and unicodedata.combining(text[end]):
                end += 1
            yield begin, end


# Where letters with accents, ligatures and other letters that fold to something else than
# their lower case live (Latin, Greek, Cyrillic and the scripts up to U+2FFF, the Latin and
# Hebrew presentation forms); Hangul syllables, which decompose into their letters, stay whole.
_FOLD_RANGES = ((0x00C0, 0x2FFF), (0xFB00, 0xFB4F))


def _fold_char(char: str) -> str:
    """One character as search compares it: casefold, decompose, drop the combining marks."""
    decomposed = unicodedata.normalize("NFD", char.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _folding() -> tuple[re.Pattern[str], dict[str, str]]:
    """(a class of the characters whose folded form is not their lower case, their folded forms),
    built on first use (about 12,000 characters looked at, a few milliseconds)."""
    table = {}
    for low, high in _FOLD_RANGES:
        for code in range(low, high + 1):
            char = chr(code)
            folded = _fold_char(char)
            if folded != char.lower() or len(char.lower()) != 1:
                table[char] = folded
    table.update({c: _fold_char(c) for c in "Σσς"})  # lower() writes a final sigma by context
    return re.compile("[" + "".join(re.escape(c) for c in sorted(table)) + "]"), table


def fold(text: str) -> str:
    """`text` as search compares it: lower case (casefold), accents dropped ("Café" -> "cafe")."""
    return fold_text(text)[0]


def fold_text(text: str) -> tuple[str, list[int] | None]:
    """(folded text, origin): origin[i] is the code point of `text` that folded character i
    came from, or None when every character folds to exactly one (the offsets are the same).

    Characters outside the folding class are lower-cased a run at a time; only accented and
    other special letters are looked up one by one, so text without them costs a lower()."""
    if text.isascii():
        return text.lower(), None
    special, table = _folding()
    pieces: list[str] = []
    origin: list[int] | None = None
    at = 0
    for match in special.finditer(text):
        start = match.start()
        if start > at:
            pieces.append(text[at:start].lower())
            if origin is not None:
                origin.extend(range(at, start))
        folded = table[match.group()]
        if len(folded) != 1 and origin is None:
            origin = list(range(start))
        pieces.append(folded)
        if origin is not None:
            origin.extend([start] * len(folded))
        at = start + 1
    if at == 0:
        return text.lower(), None
    pieces.append(text[at:].lower())
    if origin is not None:
        origin.extend(range(at, len(text)))
    return "".join(pieces), origin


@lru_cache(maxsize=64)
def _lowercase_pattern(terms: tuple[Term, ...]) -> re.Pattern[str]:
    """pattern() for a folded text, without its look-behind (occurrences() checks that)."""
    parts = []
    for term in terms:
        body = r"\W+".join(re.escape(fold(w)) for w in term.words)
        parts.append(body + (r"\w*" if term.prefix else r"(?!\w)"))
    return re.compile("|".join(parts) or r"(?!)")


def parse(text: str) -> Query:
    """Parse a search; raises InvalidInput for an empty or malformed one."""
    if text.count('"') % 2:
        raise InvalidInput('a phrase is not closed: put a " at its end')
    raw: list[Term | str] = []
    for minus, phrase, star, opening, closing, bare in _TOKEN.findall(text):
        if opening or closing:
            raw.append(opening or closing)
        elif bare in OPERATORS:
            raw.append(bare)
        else:
            quoted = bool(minus or phrase or star)
            typed = f'{minus}"{phrase}"{star}' if quoted else bare
            if not quoted and bare.startswith("-") and len(bare) > 1:
                minus, bare = "-", bare[1:]
            source = phrase if quoted else bare
            _check_stars(typed, source if quoted else bare.removesuffix("*"))
            prefix = bool(star) or (not quoted and bare.endswith("*"))
            words = tuple(w.casefold() for w in _WORD.findall(source))
            if words and minus:
                _check_minus(typed, raw)
                raw.append("NOT")
            if words:
                raw.append(Term(words, prefix))
    tokens: list[Term | str] = []
    for token in raw:  # side by side means AND
        if (
            tokens
            and (isinstance(token, Term) or token == "(")
            and (isinstance(tokens[-1], Term) or tokens[-1] == ")")
        ):
            tokens.append("AND")
        tokens.append(token)
    _check(tokens)
    return Query(tuple(tokens))


def _check_stars(typed: str, body: str) -> None:
    """Refuse a * anywhere but at the very end (FTS5 and PostgreSQL match prefixes only)."""
    if "*" in body:
        raise InvalidInput(
            f"{typed}: a * works only at the end of a word, as a prefix (troop* finds troops, "
            "troopers); a * at its start or inside it is not supported"
        )


def _check_minus(typed: str, before: list[Term | str]) -> None:
    """A -word means NOT word, so it needs something to search for before it."""
    if not before or not (isinstance(before[-1], Term) or before[-1] == ")"):
        raise InvalidInput(
            f"{typed} means NOT {typed[1:]}: write what to search for before it (troops {typed})"
        )


def _check(tokens: list[Term | str]) -> None:
    if not any(isinstance(t, Term) for t in tokens):
        raise InvalidInput('type a word or a "phrase" to search for')
    depth, expect_term = 0, True
    for token in tokens:
        if isinstance(token, Term) or token == "(":
            if not expect_term:
                raise InvalidInput("two terms need AND, OR or NOT between them")
            depth += token == "("
            expect_term = token == "("
        elif token == ")":
            depth -= 1
            if depth < 0 or expect_term:
                raise InvalidInput("a ) has no matching ( or closes an empty group")
        else:
            if expect_term:
                where = "start with" if token is tokens[0] else "follow another operator or ("
                raise InvalidInput(
                    f"{token} cannot {where}: write it between two terms (troops {token} soldiers)"
                )
            expect_term = True
    if depth:
        raise InvalidInput("a ( is not closed: add a )")
    if expect_term:
        raise InvalidInput("the search ends with an operator: add a term after it")


def _fts5_term(term: Term) -> str:
    return '"' + " ".join(term.words).replace('"', '""') + '"' + ("*" if term.prefix else "")


def _ts_term(term: Term) -> str:
    words = [w.replace("'", "''").replace("\\", "\\\\") for w in term.words]
    quoted = [f"'{w}'" for w in words]
    if term.prefix:
        quoted[-1] += ":*"
    return quoted[0] if len(quoted) == 1 else "(" + " <-> ".join(quoted) + ")"
