"""Speaker noun phrases: split role from name, tell persons from institutions, resolve pronouns.

"Federal Justice Minister Marco Buschmann (FDP)" -> Speaker(name="Marco Buschmann",
role="Federal Justice Minister"); "the Interior Ministry" -> institution "Interior Ministry";
"he" / "the president" / "the group" -> the most recent compatible named speaker (Mentions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

PRONOUNS = {"he": "person", "she": "person", "it": "institution", "they": "any", "we": "any"}
ROLE_WORDS = frozenset(
    "president minister sen senator rep representative ambassador chairman chairwoman chair director "
    "secretary governor mayor councillor cllr spokesman spokeswoman spokesperson chancellor general gen "
    "commander professor prof dr judge chief executive officer ceo leader lawmaker gov lt col sgt capt "
    "mr mrs ms king queen prince premier deputy head founder negotiator economist analyst official "
    "politician activist lawyer manager driver docker organiser organizer reporter editor correspondent "
    "h.e hon mp mep adviser advisor envoy coordinator inspector commissioner superintendent".split()
)
INSTITUTION_WORDS = frozenset(
    "ministry committee council service agency group government authorities authority office union "
    "company bank association organization organisation office police army party kremlin department "
    "board commission court parliament institute foundation network times post news press reuters "
    "administration cabinet alliance federation coalition corporation ltd inc plc corp operator "
    "reports sources media magazine newspaper broadcaster".split()
)
PEOPLE_WORDS = frozenset(  # plural groups of people: "they", not "it"
    "officials analysts experts residents neighbours neighbors protesters demonstrators others observers "
    "critics witnesses authorities police activists entrepreneurs members workers".split()
)
ROLE_NOUNS = {  # "the president said" -> a named speaker whose role or name has one of these
    "president": ("president",),
    "senator": ("sen", "senator"),
    "minister": ("minister",),
    "ministry": ("ministry",),
    "group": ("group", "union", "organization", "organisation"),
    "company": ("company", "ltd", "inc", "plc", "corp", "energy"),
    "agency": ("agency",),
    "official": ("official",),
    "spokesman": ("spokesman", "spokeswoman", "spokesperson"),
    "leader": ("leader", "president"),
    "prime minister": ("prime",),
    "chancellor": ("chancellor",),
    "governor": ("governor", "gov"),
    "mayor": ("mayor",),
    "authority": ("council", "authority"),
    "council": ("council",),
}
PLACES = frozenset(
    "Russia China Ukraine Kazakhstan Kyrgyzstan Uzbekistan Tajikistan Turkmenistan Belarus Georgia Armenia "
    "Azerbaijan Moldova Poland Germany France Britain England Scotland Wales Ireland Italy Spain Portugal "
    "Turkey Iran Iraq Syria Israel Egypt India Pakistan Afghanistan Japan Korea America Canada Mexico Brazil "
    "Europe Asia Africa Washington Moscow Beijing Kyiv Kiev Berlin Paris London Brussels Tehran Ankara "
    "Astana Almaty Bishkek Tashkent Minsk Warsaw Tokyo Delhi Kremlin NATO EU UN US U.S. UK U.K. West "
    "Westminster Whitehall Brussels Geneva Vienna".split()
)
_GROUP_WORDS = INSTITUTION_WORDS | PEOPLE_WORDS  # words that make a phrase a group, not a person
INSTITUTION_NOUNS = frozenset({"group"})  # "the group said": groups often go by a name alone
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞА-ЯЁ][\w’'.-]*|[A-Z]\.|de|van|von|al|bin|el|la|du|der)$")

_PARENTHETICAL = re.compile(r"\s*\([^)]*\)")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_A_PERSON = re.compile(r"(?i)an?\s+(?:woman|man|spokes\w+|official|witness|resident)\b")
_NAMED = re.compile(r"(?i)^(?:an?\s+)?(?P<role>.*?)\s*named\s+(?P<name>.+)$")
_ROLE_END = re.compile(r"\s+(?:who|which|living|based|speaking|writing)\b|,")
_DIGITS = re.compile(r"\d+")
PARTY = re.compile(r"[A-Z]-[A-Z][\w.]*")  # a party and state tag: "R-Texas", "D-N.Y."


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker as written: `name` (None for a bare pronoun), `role`, and what it is."""

    name: str | None
    role: str | None = None
    kind: str = "person"  # person | institution | any
    resolved: bool = False  # name taken from an earlier mention


def _tokens(text: str) -> list[str]:
    return text.split()


def _is_role_token(token: str) -> bool:
    return token.lower().strip(".,’'s") in ROLE_WORDS or token.lower().rstrip(".") in ROLE_WORDS


def _is_institution(words: list[str]) -> bool:
    return any(w.lower().strip(".,’'()") in _GROUP_WORDS for w in words)


def _kind(words: list[str]) -> str:
    if words and words[-1].lower().strip(".,’'()") in PEOPLE_WORDS:
        return "any"
    return "institution"


def clean_phrase(text: str) -> str:
    """Drop parentheticals, a leading article and surrounding punctuation."""
    text = _PARENTHETICAL.sub("", text)
    text = " ".join(text.split()).strip(" ,.;:–—-")
    return (
        _ARTICLE.sub("", text)
        if text.lower().startswith(("the ", "a ", "an ")) and not _A_PERSON.match(text)
        else text
    )


@lru_cache(maxsize=4096)
def parse_speaker(phrase: str, appositive: str | None = None) -> Speaker | None:
    """Split "Federal Justice Minister Marco Buschmann" into role and name; None if not a speaker.

    Cached (a Speaker is immutable): an article names the same speakers again and again."""
    raw = " ".join(phrase.split())
    lowered = raw.lower()
    if lowered in PRONOUNS:
        return Speaker(None, None, PRONOUNS[lowered])
    text = clean_phrase(raw)
    if not text:
        return None
    words = _tokens(text)
    if len(words) > 12:
        return None
    role_from_app = clean_role(appositive) if appositive else None
    # a person: a run of name tokens at the end, after role words ("... Minister Marco Buschmann")
    tail: list[str] = []
    for word in reversed(words):
        if _NAME_TOKEN.match(word) and not _is_role_token(word) and word.lower() not in INSTITUTION_WORDS:
            tail.insert(0, word)
        else:
            break
    head = words[: len(words) - len(tail)]
    named = _NAMED.match(text)
    if named:
        return Speaker(named.group("name"), named.group("role") or None, "person")
    if tail and not _is_institution(words) and (head or len(tail) <= 4):
        role = " ".join(head).strip() or None
        if role and role.lower().endswith(("’s", "'s")):
            role = None
        return Speaker(" ".join(tail), role or role_from_app, "person")
    if _is_institution(words) or text[:1].isupper() or text.lower() in {"others", "protesters"}:
        kind = _kind(words) if _is_institution(words) or not tail else "person"
        role_words = [w for w in words if _is_role_token(w)]
        if role_words and not _is_institution(words):
            return Speaker(text, None, "person")
        return Speaker(text, role_from_app, kind)
    if head and any(_is_role_token(w) for w in head):
        return Speaker(text, None, "person")  # "the senator", "a Parcelwise spokesman"
    return Speaker(text, None, "any") if len(words) <= 4 else None


def clean_role(appositive: str | None) -> str | None:
    """'a Kazakh political activist who fled to Kiev' -> 'a Kazakh political activist'."""
    if not appositive:
        return None
    text = _ROLE_END.split(appositive, maxsplit=1)[0]
    text = " ".join(text.split()).strip(" ,.")
    if not text or _DIGITS.fullmatch(text) or PARTY.fullmatch(text):
        return None
    return text


@cache
def _cue_words(cues: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for "any of these cue words, as a whole word" (compiled once per role noun)."""
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b")


@dataclass
class Mentions:
    """Named speakers in text order, for resolving "he said", "the president said", "the group said"."""

    items: list[Speaker] = field(default_factory=list)  # only grows, through add()
    # per cue pattern: (items searched so far, index of the last one whose role or name has a cue
    # word, or -1), so each look-up searches only the speakers added since the one before
    _last: dict[re.Pattern[str], tuple[int, int]] = field(default_factory=dict, repr=False, compare=False)

    def add(self, speaker: Speaker) -> None:
        """Remember a named speaker. Countries and capitals ("Russia", "Washington") speak as
        institutions, so "he said" never resolves to them."""
        if not speaker.name or speaker.resolved:
            return
        if speaker.kind == "person" and speaker.name in PLACES:
            speaker = Speaker(speaker.name, speaker.role, "institution")
        self.items.append(speaker)

    def named_in(self, text: str, start: int, end: int) -> Speaker | None:
        """The last person speaker whose surname appears in text[start:end] ("Tokayev’s address")."""
        window = text[start:end]
        best: tuple[int, Speaker] | None = None
        for earlier in self.items:
            if earlier.kind == "institution" or not earlier.name:
                continue
            at = window.rfind(earlier.name.split()[-1])
            if at >= 0 and (best is None or at > best[0]):
                best = (at, Speaker(earlier.name, earlier.role, earlier.kind, True))
        return best[1] if best else None

    def _last_with(self, words: re.Pattern[str]) -> Speaker | None:
        """The most recent speaker whose role or name has one of the cue `words` (a pattern from
        _cue_words); linear over an article's statements in total, not per look-up."""
        searched, last = self._last.get(words, (0, -1))
        for index in range(searched, len(self.items)):
            earlier = self.items[index]
            if words.search(f"{earlier.role or ''} {earlier.name}".lower()):
                last = index
        self._last[words] = (len(self.items), last)
        return self.items[last] if last >= 0 else None

    def resolve(self, speaker: Speaker) -> Speaker:
        """The most recent compatible named speaker, or `speaker` itself when none fits."""
        if speaker.name is None:
            wanted = speaker.kind
            for earlier in reversed(self.items):
                if wanted == "any" or earlier.kind == wanted:
                    return Speaker(earlier.name, earlier.role, earlier.kind, True)
            return speaker
        key = speaker.name.lower()
        if key in ROLE_NOUNS or key.split()[-1] in ROLE_NOUNS and len(key.split()) <= 2:
            cues = ROLE_NOUNS.get(key) or ROLE_NOUNS[key.split()[-1]]
            earlier = self._last_with(_cue_words(cues))
            if earlier is not None:
                return Speaker(earlier.name, earlier.role, earlier.kind, True)
            if key.split()[-1] in INSTITUTION_NOUNS:
                for earlier in reversed(self.items):
                    if earlier.kind == "institution":
                        return Speaker(earlier.name, earlier.role, earlier.kind, True)
        return speaker
