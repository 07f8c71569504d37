"""All attributions of a text: statements from cues, continuation quotes, speakers resolved.

`find_statements(text)` is what suggestions use: it runs the cue finder (attribution_finder),
keeps one statement per stretch of text (a second speaker inside a first one's clause splits
it), adds quotations without a cue that continue an attributed quotation, and resolves pronouns
and role nouns in text order (speakers.Mentions).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from kzt_annotator.core.attribution_finder import CueFinder, Statement
from kzt_annotator.core.kinds import QuoteKind
from kzt_annotator.core.sentences import Sentences
from kzt_annotator.core.speakers import Mentions

_ENDS_SENTENCE = re.compile(r"[.!?…]\W*$")


def _overlaps(a: int, b: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether [a, b) overlaps one of `spans` (sorted by start, not overlapping each other)."""
    i = bisect_right(starts, a) - 1
    return any(0 <= j < len(spans) and spans[j][0] < b and a < spans[j][1] for j in (i, i + 1))


def find_statements(text: str, sentences: Sentences | None = None) -> list[Statement]:
    """All attributions in `text`, in order, speakers resolved; quotations without a cue that
    continue an attributed quotation (within two paragraphs) take its speaker; short unattributed
    quotations (scare quotes: “stabilize”) are left out."""
    finder = CueFinder(text, sentences)
    found = sorted(finder.statements(), key=lambda s: s.start)
    kept: list[Statement] = []
    for s in found:
        if kept and kept[-1].start < s.end and s.start < kept[-1].end:
            prev = kept[-1]
            if s.cue is not None and prev.start < s.cue[0] < prev.end and s.start >= s.cue[1]:
                # a second speaker inside the first one's clause: "X demanded ..., with Y calling ..."
                cut = text.rfind(", ", prev.start, s.cue[0])
                end = cut if cut > prev.start + 8 else s.cue[0]
                kept[-1] = Statement(prev.start, end, prev.speaker, prev.quote_kind, prev.cue, prev.via)
                kept.append(s)
                continue
            if (s.end - s.start) > (prev.end - prev.start) and s.quote_kind is QuoteKind.DIRECT:
                kept[-1] = s
            continue
        kept.append(s)
    spans = [(s.start, s.end) for s in kept]
    span_starts = [a for a, _ in spans]
    for q in finder.quotes:
        if _overlaps(q.start, q.end, spans, span_starts):
            continue
        inner = text[q.start + 1 : q.end - 1]
        if len(inner.split()) < 5 and not _ENDS_SENTENCE.search(inner):
            continue
        kept.append(Statement(q.start, q.end, None, QuoteKind.DIRECT, None, None))
    kept.sort(key=lambda s: s.start)
    mentions = Mentions()
    out: list[Statement] = []
    last: Statement | None = None
    for s in kept:
        speaker = s.speaker
        if speaker is None:
            if (
                last is None
                or last.speaker is None
                or s.start - last.end > 600
                or last.quote_kind is not QuoteKind.DIRECT
                and s.start - last.end > 300
            ):
                continue
            speaker = last.speaker
        else:
            if speaker.name is None and s.cue is not None:  # "In Tokayev's address, he said"
                named = mentions.named_in(text, finder.sentences.at(s.cue[0])[0], s.cue[0])
                speaker = named or mentions.resolve(speaker)
            else:
                speaker = mentions.resolve(speaker)
            mentions.add(speaker)
        s = Statement(s.start, s.end, speaker, s.quote_kind, s.cue, s.via)
        out.append(s)
        last = s
    return out
