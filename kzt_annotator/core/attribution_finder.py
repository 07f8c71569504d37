"""Find who said what: direct quotations and reported speech, with speaker, role, cue and outlet.

    “We are safe,” she said.                 -> direct, speaker resolved from "she"
    The Interior Ministry said 26 had died.   -> indirect, speaker "Interior Ministry"
    ..., ministry spokeswoman Gulnara Asanova told Reuters.  -> role + name, via "Reuters"
    According to unconfirmed reports, ...     -> indirect, speaker "unconfirmed reports"

Each statement has a content span (what was said: the quotation with its marks, or the reported
clause) and a cue span (the reporting verb or phrase). Pronouns and role nouns ("he", "the
president", "the group") resolve to the most recent compatible named speaker. Pure and linear
in the text length: one pass for quotes, one for cue verbs, work local to each sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from kzt_annotator.core import cues
from kzt_annotator.core.cue_scan import cue_matches
from kzt_annotator.core.kinds import QuoteKind
from kzt_annotator.core.quotes import Quote, find_quotes
from kzt_annotator.core.sentences import Sentences
from kzt_annotator.core.speakers import PARTY, Speaker, clean_role, parse_speaker

# the patterns of the rules below, compiled once
_PARENS = re.compile(r"\([^()]*\)")
_NAME_WORDS = re.compile(r"(?:[A-Z][\w’'.-]+\s*){1,4}")
_NAME_PIECE = re.compile(r"\s*(?:[A-Z][\w’'.-]+\s*){1,3}")
_ENDS_IN_NAME = re.compile(r"[A-Z][\w’'.-]+\s*$")
_ELLIPTIC = re.compile(
    r"^\s*(?P<np>(?:[A-Z][\w’'.-]+\s+){1,4}?|(?:he|she|it|they|we)\s+)[a-z]+(?:ed|ty)\b.*\b(?:but|and)\s*$",
    re.I | re.S,
)
_AUXILIARY = re.compile(r"\b(?:is|are|was|were|has|have|had|did|does|will)\b")
_CAPITAL = re.compile(r"[A-Z]")
_APPOSITIVE = re.compile(r"\s*,\s*(?P<app>[^,.;]{2,120})")
_THE = re.compile(r"^the\s+", re.I)
_ON = re.compile(r"\s+on\b")
_REPORTED_END = re.compile(r"\s*(?:[.,]|that\b)")
_DECLARED_WHAT = re.compile(r"\s+(?:that\b|the\b)|\s*:")
_AFTER_QUOTE_OR_COMMA = re.compile(r"[”\"»,]\s*$")
_COLON_QUOTE = re.compile(r"\s*:\s*[“\"'‘«]")
_TAIL_LEAD = re.compile(
    r"^\s*(?:that\b|on\s+\w+day\b|\w+day\b|in\s+a\s+statement\b|in\s+a\s+speech\b|on\s+Twitter\b|\s|,)*"
)
_CLAUSE_ENDS = re.compile(r"\s*(?:[,.;]|$|(?:on|in|to|at)\s[^,.;]{0,60}[,.;]|\w+day[,.])")
_ACCORDING_LATER = re.compile(r",?\s+(?:according\s+to|as\s+reported\s+by)\b")
_ACCORDING_NP = re.compile(r"\s+(?P<np>[^,.;:]{2,120}?)(?=\s*(?:,|\.|;|:|$|\s+as\s+reported\b))")
_REPORT_BY = re.compile(r"^(?:research|a\s+report|reports?|data|figures|estimates)\s+(?:by|from)\s+")
_ACRONYM = re.compile(r"\(([A-Z]{2,})\)")
_CAPITALISED_WORD = re.compile(r"\b[A-Z][a-z]")
_EARLIER_ACCORDING = re.compile(r"according\s+to\s+[^,]{2,120},\s*", re.I)
_CLAUSE_OPENS = re.compile(r"(?:^|\b(?:where|and|but|while|that))\s*,?\s*$", re.I)


def _blank(match: re.Match[str]) -> str:
    """Spaces as long as the match (a parenthesis blanked out, offsets kept)."""
    return " " * len(match.group(0))


@dataclass(frozen=True, slots=True)
class Statement:
    """One attribution: content span, speaker (resolved), cue span, relaying outlet."""

    start: int
    end: int
    speaker: Speaker | None
    quote_kind: QuoteKind
    cue: tuple[int, int] | None = None
    via: str | None = None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:—–"):
        start += 1
    while end > start and (
        text[end - 1].isspace()
        or text[end - 1] in ",;:—–"
        or (text[end - 1] == "." and text[end - 2 : end] != "..")
    ):
        if text[end - 1] == "." and end - 2 >= 0 and text[end - 2] in "”\"’'»":
            break
        end -= 1
    return start, end


_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|did|does|will|would|can|could)\b")


def _np_ok(np: str) -> bool:
    """A noun phrase, not a clause: no finite auxiliary, no lowercase past participle after its
    first word ("a woman named Kuralai" is fine)."""
    words = np.split()
    if _FINITE.search(np) and words[0].lower() not in {"he", "she"}:
        return False
    return not any(w.endswith("ed") and w.islower() and w != "named" for w in words[1:])


class CueFinder:
    """Quotes, sentences and reporting cues of one text; `statements()` reads each cue."""

    def __init__(self, text: str, sentences: Sentences | None = None) -> None:
        self.text = text
        self.sentences = sentences or Sentences(text)
        self.quotes = find_quotes(text)
        self._qstarts = [q.start for q in self.quotes]

    def quote_at(self, pos: int) -> Quote | None:
        i = bisect_right(self._qstarts, pos) - 1
        if i >= 0 and self.quotes[i].start <= pos < self.quotes[i].end:
            return self.quotes[i]
        return None

    def quote_starting_near(self, pos: int, limit: int) -> Quote | None:
        i = bisect_right(self._qstarts, pos - 1)
        if i < len(self.quotes) and self.quotes[i].start <= limit:
            return self.quotes[i]
        return None

    def quote_ending_before(self, pos: int, s0: int) -> Quote | None:
        """The last quotation ending in [s0, pos]."""
        i = bisect_right(self._qstarts, pos) - 1
        while i >= 0 and self.quotes[i].end > pos:
            i -= 1
        return self.quotes[i] if i >= 0 and self.quotes[i].end >= s0 else None

    def quote_ending_near(self, pos: int, s0: int) -> Quote | None:
        i = bisect_right(self._qstarts, pos) - 1
        while i >= 0 and self.quotes[i].end > pos:
            i -= 1
        if i >= 0 and self.quotes[i].end >= s0 and not self.text[self.quotes[i].end : pos].strip(" ,"):
            return self.quotes[i]
        return None

    # --- speakers -----------------------------------------------------------------------
    def subject_before(self, s0: int, cs: int) -> tuple[Speaker | None, int]:
        """The noun phrase before a reporting verb, and where it starts (cs when there is none)."""
        left = _PARENS.sub(_blank, self.text[s0:cs])
        if left.strip():
            # the trailing adverbs are word characters and spaces, so they start after the last
            # punctuation mark: searching from there finds the same (leftmost) match, sooner
            rfind = left.rfind
            after_mark = max(rfind(","), rfind("."), rfind("”"), rfind('"'), rfind("“"), rfind("—")) + 1
            left = left[: cues.TAIL_ADVERBS.search(left, after_mark).start()]
        rfind = left.rfind
        cut = max(rfind("”"), rfind('"'), rfind("»"), rfind(";"), rfind(":"), rfind("—"))
        cut = max(cut, rfind("("), rfind(")"), rfind("“"), rfind("«"))
        closed = self.quote_ending_before(cs, s0)
        if closed is not None:
            cut = max(cut, closed.end - s0 - 1)
        base = s0 + cut + 1
        seg = left[cut + 1 :]
        if seg.rstrip().endswith(",") and "," in seg.rstrip()[:-1]:
            body = seg.rstrip()[:-1]
            first = body.find(", ")
            while first >= 0:
                np, app = body[:first], body[first + 2 :]
                np_start = base + len(np) - len(np.lstrip())
                cleaned = cues.LEAD.sub("", np.split(", ")[-1]).strip()
                if (
                    cleaned
                    and _np_ok(cleaned)
                    and (
                        cleaned[0].isupper()
                        or cleaned.split()[0].lower() in {"its", "his", "her", "their", "the"}
                    )
                ):
                    if _NAME_WORDS.fullmatch(app.strip()) and not PARTY.fullmatch(app.strip()):
                        speaker = parse_speaker(app.strip())
                        if speaker:
                            return Speaker(speaker.name, clean_role(cleaned), speaker.kind), np_start
                    speaker = parse_speaker(cleaned, app)
                    if speaker:
                        return speaker, base + body.find(cleaned)
                first = body.find(", ", first + 2)
        parts = seg.split(", ")
        piece = parts[-1]
        if len(parts) > 1 and _NAME_PIECE.fullmatch(piece) and _ENDS_IN_NAME.search(parts[-2]):
            piece = parts[-2].split(", ")[-1] + ", " + piece  # a name with a comma: "Oyan, Qazaqstan"
        offset = base + (len(seg) - len(piece))
        # _ELLIPTIC ends in "but" or "and" before spaces: test that first (the same result, cheaper)
        elliptic = _ELLIPTIC.match(piece) if piece.rstrip()[-3:].lower() in ("but", "and") else None
        if elliptic:  # "He restored some connectivity but cautioned that ..."
            return parse_speaker(elliptic.group("np").strip()), offset
        conj = cues.CONJ.match(piece)
        if conj:
            offset += conj.end()
            piece = piece[conj.end() :]
        lead = cues.LEAD.match(piece)
        if lead:
            offset += lead.end()
            piece = piece[lead.end() :]
        stripped = piece.strip()
        if not stripped or cues.RELATIVE.match(stripped) or len(stripped.split()) > 10:
            return None, cs
        if not _np_ok(stripped):
            return None, cs  # a clause with its own verb, not a noun phrase
        if not (
            stripped[0].isupper()
            or stripped.lower() in {"he", "she", "it", "they", "we"}
            or stripped.split()[0].lower()
            in {
                "the",
                "a",
                "an",
                "local",
                "many",
                "some",
                "furious",
                "others",
                "officials",
                "police",
                "analysts",
                "residents",
                "critics",
                "its",
                "his",
                "her",
                "their",
            }
        ):
            return None, cs
        if _AUXILIARY.search(stripped) and not stripped.lower().startswith(("he ", "she ")):
            return None, cs
        return parse_speaker(stripped), offset + len(piece) - len(piece.lstrip())

    def subject_after(self, ce: int, s1: int) -> Speaker | None:
        """Inverted order: '..., said CDU foreign politician Jürgen Hardt on Deutschlandfunk.'"""
        window = self.text[ce : min(s1, ce + 160)]
        m = cues.NP_AFTER.match(window)
        if m is None:
            return None
        np = m.group("np")
        if not _CAPITAL.search(np) and np.lower() not in {"he", "she", "they", "it", "we"}:
            return None
        rest = window[m.end() :]
        app = None
        a = _APPOSITIVE.match(rest)
        if a:
            app = a.group("app")
        return parse_speaker(np, app)

    # --- statements ---------------------------------------------------------------------
    def statements(self) -> list[Statement]:
        out: list[Statement] = []
        for m in cue_matches(self.text):  # CUE_RX.finditer, tried only where a cue may begin
            cs, ce = m.span()
            if self.quote_at(cs) is not None:
                continue  # a verb inside a quotation is what was said, not a cue
            verb = m.group("verb")
            if (
                verb
                and not verb.endswith("ing")
                and cues.NOT_SPEECH_BEFORE.search(self.text, max(0, cs - 14), cs)
            ):
                continue
            found = self._one(m, cs, ce)
            if found is not None:
                out.append(found)
        return out

    def _via(self, a: int, b: int) -> str | None:
        m = cues.VIA.search(self.text, a, b) or cues.MEDIUM_CUE.search(self.text, a, b)
        if m is None:
            return None
        return _THE.sub("", m.group("via").strip('«»“”"')) if m.group("via") else None

    def _one(self, m: re.Match[str], cs: int, ce: int) -> Statement | None:
        text = self.text
        s0, s1 = self.sentences.at(cs)
        verb = (m.group("verb") or "").lower()
        if m.group("acc"):
            return self._according(cs, ce, s0, s1)
        if verb in {"called", "calling"} and not (
            _ON.match(text[ce : ce + 4]) or self.quote_starting_near(ce, min(s1, ce + 60))
        ):
            return None
        if verb in {"reports", "reported"} and not _REPORTED_END.match(text[ce : ce + 6]):
            return None
        if verb in {"declared", "announced", "announces"} and not _DECLARED_WHAT.match(text[ce : ce + 6]):
            return None
        speaker, np_start = self.subject_before(s0, cs)
        inverted = False
        if speaker is None:
            if text[s0:cs].strip(" ,") and not _AFTER_QUOTE_OR_COMMA.search(text[s0:cs]):
                return None
            speaker = self.subject_after(ce, s1)
            inverted = speaker is not None
            np_start = cs
        if speaker is None:
            return None
        via = self._via(cs, s1)
        before_quote = self.quote_ending_near(np_start if not inverted else cs, s0)
        after_quote = self.quote_starting_near(
            ce, min(s1, ce + 4) if not text[ce : ce + 2].startswith(":") else ce + 4
        )
        if after_quote is None and _COLON_QUOTE.match(text[ce : ce + 5]):
            after_quote = self.quote_starting_near(ce, ce + 5)
        if before_quote is not None:
            return Statement(before_quote.start, before_quote.end, speaker, QuoteKind.DIRECT, (cs, ce), via)
        if after_quote is not None and (
            after_quote.end >= s1 - 2 or text[ce : after_quote.start].strip() in ("", ":")
        ):
            return Statement(after_quote.start, after_quote.end, speaker, QuoteKind.DIRECT, (cs, ce), via)
        # reported speech: the clause after the verb, or the sentence before the speaker
        tail = text[ce:s1]
        tail_clean = _TAIL_LEAD.sub("", tail)
        after_start = s1 - len(tail_clean)
        head_end = np_start
        inverted_np_end = ce
        if inverted:
            sub = cues.NP_AFTER.match(text[ce:s1])
            inverted_np_end = ce + (sub.end() if sub else 0)
        clause_ends = _CLAUSE_ENDS.match(text[inverted_np_end if inverted else ce : s1 + 1])
        if (
            clause_ends
            and text[s0:head_end].strip(" ,")
            and (inverted or len(tail_clean.split()) < 3 or text[ce : ce + 1] in ",.")
        ):
            a, b = _trim(text, s0, head_end)
            if self.quote_at(a) and (q := self.quote_at(a)) and q.end >= b - 1:
                return Statement(q.start, q.end, speaker, QuoteKind.DIRECT, (cs, ce), via)
            return Statement(a, b, speaker, QuoteKind.INDIRECT, (cs, ce), via) if b - a > 8 else None
        end = self._clause_end(after_start, s1)
        a, b = _trim(text, after_start, end)
        short_ok = verb in {"denied", "denies", "deny", "rejected", "rejects", "disputed"} and b - a >= 3
        if not short_ok and (b - a < 8 or len(text[a:b].split()) < 2):
            return None
        kind = QuoteKind.DIRECT if (q := self.quote_at(a)) and q.end >= b - 1 else QuoteKind.INDIRECT
        return Statement(a, b, speaker, kind, (cs, ce), via)

    def _clause_end(self, start: int, s1: int) -> int:
        m = _ACCORDING_LATER.search(self.text[start:s1])
        return start + m.start() if m else s1

    def _according(self, cs: int, ce: int, s0: int, s1: int) -> Statement | None:
        text = self.text
        m = _ACCORDING_NP.match(text[ce : s1 + 1])
        if m is None:
            return None
        np = _REPORT_BY.sub("", m.group("np"))
        acronym = _ACRONYM.search(np)
        if acronym and not _CAPITALISED_WORD.search(np[: acronym.start()]):
            np = acronym.group(1)
        speaker = parse_speaker(np)
        if speaker is None:
            return None
        np_end = ce + m.end()
        via = self._via(cs, s1)
        if text[s0:cs].strip(" ,"):
            a, b = _trim(text, s0, cs)
            earlier = list(_EARLIER_ACCORDING.finditer(text[s0:cs]))
            if earlier:  # "..., according to X, CLAUSE according to Y": Y's words are CLAUSE
                a = s0 + earlier[-1].end()
            if _CLAUSE_OPENS.search(text[s0:cs]):
                a, b = _trim(text, np_end, self._clause_end(np_end, s1))
        else:
            a, b = _trim(text, np_end, self._clause_end(np_end, s1))
        if b - a < 8:
            return None
        if via and speaker.name and via.lower() in speaker.name.lower():
            person = cues.REPORTED_SPEECH.search(text, a, b)
            if person is None:
                via = None
            else:
                speaker = parse_speaker(person.group("name"))
                if speaker is None:
                    return None
        elif via and speaker.name and speaker.name.lower().endswith(via.lower()):
            via = None
        kind = QuoteKind.DIRECT if (q := self.quote_at(a)) and q.end >= b - 1 else QuoteKind.INDIRECT
        return Statement(a, b, speaker, kind, (cs, ce), via)
