"""Role nouns ("the president said") resolve to the most recent named speaker with that role, as a
scan of every earlier speaker would, while searching each speaker once per role noun in total."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kzt_annotator.core.speakers import ROLE_NOUNS, Mentions, Speaker

NAMED = [
    Speaker("Kassym-Jomart Tokayev", "president"),
    Speaker("Aigerim Sultan", "senator"),
    Speaker("Gulnara Asanova", "ministry spokeswoman"),
    Speaker("Interior Ministry", None, "institution"),
    Speaker("Oyan Qazaqstan", "opposition group", "institution"),
    Speaker("Marat Bek", "mayor of Almaty"),
    Speaker("KazMunayGas Ltd", None, "institution"),
    Speaker("Erlan Karin", "prime minister"),
    Speaker("Dana Nur", None),
]
ASKED = [Speaker(name) for name in ("the president", "the senator", "the mayor", "the group", "the company")]
ASKED += [
    Speaker("prime minister"),
    Speaker("the spokesman"),
    Speaker("the official"),
    Speaker(None, None, "person"),
]


def _scan_every_earlier(items: list[Speaker], speaker: Speaker) -> Speaker:
    """The look-up as it was written before it was memoised: every earlier speaker, newest first."""
    if speaker.name is None:
        for earlier in reversed(items):
            if speaker.kind == "any" or earlier.kind == speaker.kind:
                return Speaker(earlier.name, earlier.role, earlier.kind, True)
        return speaker
    key = speaker.name.lower()
    if key in ROLE_NOUNS or key.split()[-1] in ROLE_NOUNS and len(key.split()) <= 2:
        cues = ROLE_NOUNS.get(key) or ROLE_NOUNS[key.split()[-1]]
        for earlier in reversed(items):
            haystack = f"{earlier.role or ''} {earlier.name}".lower()
            if any(re.search(rf"\b{re.escape(c)}\b", haystack) for c in cues):
                return Speaker(earlier.name, earlier.role, earlier.kind, True)
        if key.split()[-1] == "group":
            for earlier in reversed(items):
                if earlier.kind == "institution":
                    return Speaker(earlier.name, earlier.role, earlier.kind, True)
    return speaker


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.integers(0, 100)), max_size=60))
def test_resolves_as_a_scan_of_every_earlier_speaker(steps):
    mentions = Mentions()
    for add, index in steps:
        if add:
            mentions.add(NAMED[index % len(NAMED)])
        else:
            asked = ASKED[index % len(ASKED)]
            assert mentions.resolve(asked) == _scan_every_earlier(list(mentions.items), asked)


class CountedSpeaker(Speaker):
    """A speaker that counts how often its role is read (each search of it reads it once)."""

    __slots__ = ()
    reads = 0

    def __getattribute__(self, name):
        if name == "role":
            CountedSpeaker.reads += 1
        return super().__getattribute__(name)


def test_each_speaker_is_searched_once_per_role_noun():
    mentions = Mentions()
    CountedSpeaker.reads = 0
    for i in range(400):
        mentions.add(CountedSpeaker(f"Person Number{i}", "deputy"))
        assert not mentions.resolve(Speaker("the president")).resolved  # no president yet
    searched = CountedSpeaker.reads
    mentions.add(CountedSpeaker("Kassym Tokayev", "president"))
    assert mentions.resolve(Speaker("the president")).name == "Kassym Tokayev"
    # a scan of every earlier speaker per look-up would read about 400 * 401 / 2 = 80,200 roles
    assert searched <= 2 * 400, searched
