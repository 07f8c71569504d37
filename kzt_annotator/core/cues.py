"""Reporting cues: the verbs and phrases that introduce speech, and the outlets that relay it.

Patterns only (used by core/attribution_finder.py): `CUE_RX` finds "said", "told", "according
to", "has made it clear that" ...; `VIA` finds the relaying outlet ("told Reuters", "according to
the Associated Press", "wrote on Twitter", "to the newspaper «Hamburger Abendblatt»").
"""

from __future__ import annotations

import re

from kzt_annotator.core.rx_words import by_first_letter

VERBS = (
    "said|says|say|told|tells|added|adds|wrote|writes|claimed|claims|claim|stated|states|announced|announces|"
    "declared|warned|warns|explained|explains|argued|argues|insisted|insists|denied|denies|deny|promised|"
    "promises|pledged|vowed|accused|accuses|rejected|rejects|reported|reports|suggested|suggests|suggest|"
    "believe|believes|estimated|estimates|expects|demanded|demands|demanding|called|calling|urged|noted|"
    "acknowledged|admitted|confirmed|disputed|cautioned|blamed|recalled|sobbed|fumed|shouted|chanted|"
    "portrays|portrayed|alleged|predicted|conceded|replied|responded|complained|stressed|emphasi[sz]ed|"
    "reiterated|testified|tweeted|posted|quipped|admits|notes|concluded|countered|asserted|maintained"
)
CUE_RX = re.compile(
    rf"(?<![\w-])(?:(?P<acc>[Aa]ccording\s+to)|(?P<clear>(?:has|have|had)\s+made\s+it\s+clear\s+that)"
    rf"|(?P<verb>{by_first_letter(VERBS.split('|'))}))\b"  # the verbs grouped: the same matches, faster
)
NOT_SPEECH_BEFORE = re.compile(
    r"(?:\b(?:is|are|was|were|be|been|being|it\s+can\s+be|an|the|so|widely|often|also\s+be)\s+|-)$", re.I
)
_ADVERBS = (
    r"(?:\s+(?:also|firmly|repeatedly|reportedly|later|previously|then|again|publicly|today|yesterday|has|have|"
    r"had|is|was|were|are|would|will|once|since|already|further|sharply|strongly|\w+ly))*\s*$"
)
TAIL_ADVERBS = re.compile(_ADVERBS)
CONJ = re.compile(
    r"^.*\b(?:but|while|as|because|although|though|when|whereas|after|where|that|since|and(?=\s+(?:he|she|it|they|we|the|his|her|its|their)\b))\s+",
    re.I | re.S,
)
LEAD = re.compile(
    r"^(?:(?:but|and|so|yet|however|meanwhile|then|now|also|instead|still|later|earlier|separately|previously|"
    r"afterwards|today|yesterday|tonight|with)\b[\s,]*)+",
    re.I,
)
RELATIVE = re.compile(r"^(?:who|which|that|whom)\b", re.I)
OUTLETS = (
    r"Reuters|AP|AFP|Associated Press|the Associated Press|Agence France-Presse|BBC|CNN|Bloomberg|"
    r"Interfax|TASS|"
    r"Xinhua|Twitter|X|Facebook|Telegram|Instagram|YouTube|the Times|The Times|The New York Times|"
    r"the New York Times|The Guardian|the Guardian|Al Jazeera|Deutschlandfunk|NDR|ARD|ZDF|Eurasianet|"
    r"RFE/RL|Radio Free Europe|Kazinform|Tengrinews|Vlast"
)
VIA = re.compile(
    rf"\b(?:told|to|on|with|via|(?:reported|cited)\s+by|writing\s+in|according\s+to)\s+"
    rf"(?:(?:the\s+)?(?:newspaper|broadcaster|magazine|news\s+agency|agency|radio|channel|station|website|"
    rf"daily|weekly)\s+)?[«“\"]?(?P<via>(?:{OUTLETS})(?![\w-])"
    rf"|(?<=newspaper )[«“\"]?[A-Z][\w-]+(?:\s+[A-Z][\w-]+){{0,2}})",
)
MEDIUM_CUE = re.compile(
    r"(?:newspaper|broadcaster|magazine|agency|radio|station)\s+[«“\"]?(?P<via>[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})"
)
REPORTED_SPEECH = re.compile(
    r"(?P<name>(?:[A-Z][\w’'.-]+\s+){0,3}[A-Z][\w’'-]+)\s+(?:[a-z]+ed|[a-z]+ing|said|told)\b"
)
NP_AFTER = re.compile(
    r"\s+(?P<np>(?:[\w’'.-]+\s+){0,5}?[\w’'.-]+?)(?=\s*(?:,|\.|;|:|\(|$|\s+(?:in|on|at|to|during|after|before|from|for|via|with|as|who|when|while)\b))"
)
