"""The extraction cases named in the issue on suggestions, each with the values a careful reader gives."""

from __future__ import annotations

import pytest

from kzt_annotator.core.attributes import parse_attribute
from kzt_annotator.core.kinds import Qualifier, QuoteKind
from kzt_annotator.core.lexer import cue_ranges
from kzt_annotator.core.numbers import parse_figure, read_number
from kzt_annotator.core.sentences import sentence_bounds
from kzt_annotator.core.speakers import parse_speaker
from kzt_annotator.core.suggest import suggest_attributions, suggest_figures

# --- one number grammar ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "language", "value", "unit"),
    [
        ("one hundred and twenty people", None, 120, "people"),
        ("two thousand five hundred troops", None, 2500, "troops"),
        ("3.5m people", None, 3_500_000, "people"),
        ("£40m", None, 40_000_000, "GBP"),
        ("$2.7bn", None, 2_700_000_000, "USD"),
        ("5k runners", None, 5_000, "runners"),
        ("1,5 Millionen", "de", 1_500_000, None),
        ("1.500 Demonstranten", "de", 1_500, "demonstranten"),
        ("4 404 personnes ont été arrêtées", "fr", 4404, "personnes"),
        ("4\u00a0404 personnes ont", "fr", 4404, "personnes"),  # no-break space
        ("4\u202f404 personnes ont", "fr", 4404, "personnes"),  # narrow no-break space
        ("4\u2009404 personnes ont", "fr", 4404, "personnes"),  # thin space
        ("15,000 soldiers", None, 15_000, "soldiers"),
        ("1,5 million euros", None, 1_500_000, "EUR"),  # a comma before one digit is a decimal mark
    ],
)
def test_number_grammar(phrase, language, value, unit):
    parsed = parse_figure(phrase, language)
    assert parsed.value == pytest.approx(value) and parsed.unit == unit


@pytest.mark.parametrize(
    ("phrase", "value", "base"),
    [
        ("doubling of LPG prices", 2, "LPG prices"),
        ("half of the wealth", 0.5, "the wealth"),
        ("tenfold", 10, None),
        ("three times", 3, None),
        ("tripled", 3, None),
    ],
)
def test_ratios_are_times_with_their_base(phrase, value, base):
    parsed = parse_figure(phrase)
    assert (parsed.value, parsed.unit, parsed.base) == (value, "times", base)


def test_every_number_reader_uses_the_grammar():
    assert read_number("one hundred and twenty") == 120
    assert parse_attribute("value", "3.5m") == 3_500_000
    assert parse_attribute("value", "15,000") == 15_000
    assert parse_attribute("value", "2.5") == 2.5
    text = "one hundred and twenty people and 3.5m more and 4\u202f404 others"
    numbers = [text[c.start : c.end] for c in cue_ranges(text) if c.kind == "number"]
    assert numbers == ["one hundred and twenty", "3.5m", "4\u202f404"]


def _figure(text: str, phrase: str, language: str | None = None):
    found = {s.text: s.attributes for s in suggest_figures(text, language)}
    return found[phrase]


def test_what_is_counted_comes_from_the_clause_subject_and_verb():
    text = "Rebels overran the base. Officials said 26 soldiers had died in the attack."
    assert _figure(text, "26 soldiers").quantity == "deaths.security_forces"
    text = "Kazakh authorities reported that 225 people were killed in the unrest, 19 of whom were security forces."
    assert _figure(text, "225 people").quantity == "deaths.all"
    nineteen = _figure(text, "19 of whom were security forces")
    assert (nineteen.quantity, nineteen.value, nineteen.unit) == (
        "deaths.security_forces",
        19,
        "security forces",
    )
    assert nineteen.figure_source == "Kazakh authorities"
    text = "Reports suggest that dozens of demonstrators have now been killed and well over 1,000 people injured."
    assert _figure(text, "dozens of demonstrators").quantity == "deaths.protesters"
    assert _figure(text, "well over 1,000 people").quantity == "injured"
    text = "The Interior Ministry said 26 “armed criminals” had been “liquidated” and more than 3,000 had been arrested."
    assert _figure(text, "26 “armed criminals”").quantity == "deaths.protesters"
    assert _figure(text, "more than 3,000").quantity == "detained"
    text = "At Tokayev's request, the CSTO deployed 2,500 troops to help."
    assert _figure(text, "2,500 troops").quantity == "troops.csto"


def test_figure_phrases_with_words_suffixes_and_separators_in_running_text():
    text = "Police said one hundred and twenty people were detained. Some 3.5m people live there."
    assert _figure(text, "one hundred and twenty people").value == 120
    assert _figure(text, "Some 3.5m people").value == 3_500_000
    assert _figure(text, "Some 3.5m people").qualifier is Qualifier.APPROXIMATELY
    text = "Selon le ministère, 4 404 personnes ont été arrêtées."
    assert _figure(text, "4 404 personnes", "fr").value == 4404
    text = "Nach Angaben der Polizei demonstrierten 1,5 Millionen Menschen."
    assert _figure(text, "1,5 Millionen Menschen", "de").value == 1_500_000


def test_a_figure_ends_before_a_quote_it_did_not_open():
    text = 'Officials told Reuters that "up to 2,000 people" were evacuated.'
    assert _figure(text, "up to 2,000 people").value == 2000  # not 'up to 2,000 people"'
    text = "Officials said that “up to 2,000 people” were evacuated."
    assert _figure(text, "up to 2,000 people").value == 2000
    text = "The ministry said 26 “armed criminals” had been killed."
    assert _figure(text, "26 “armed criminals”").unit == "armed criminals"  # a quote the unit opened


# --- sentences and speakers -----------------------------------------------------------------


def test_sentences_are_not_cut_at_abbreviations():
    text = "The U.S. State Department said 120 people were evacuated. Dr. Ann Lee agreed."
    assert [text[a:b] for a, b in sentence_bounds(text)] == [
        "The U.S. State Department said 120 people were evacuated.",
        "Dr. Ann Lee agreed.",
    ]
    figure = _figure(text, "120 people")
    assert figure.figure_source == "U.S. State Department"


def _attributions(text: str):
    return [
        (s.text, s.attributes.speaker, s.attributes.speaker_role, s.attributes.quote_kind, s.via)
        for s in suggest_attributions(text)
    ]


def test_a_speaker_never_runs_across_a_sentence_end():
    text = "“Order will be restored,” said Tokayev. Police detained 40 people on Friday."
    [(quote, speaker, _role, kind, _via)] = _attributions(text)
    assert quote == "“Order will be restored,”" and speaker == "Tokayev" and kind is QuoteKind.DIRECT


def test_british_single_quotes():
    text = "Anna Berg, the mayor, said the shelter was full. 'We are safe,' she said. It's late, residents' homes are dark."
    found = _attributions(text)
    assert ("'We are safe,'", "Anna Berg", "the mayor", QuoteKind.DIRECT, None) in found
    assert len(found) == 2


def test_senator_with_party_and_state():
    text = "Sen. Jane Doe, D-Mass., said the bill would pass next week."
    [(content, speaker, role, kind, _via)] = _attributions(text)
    assert (content, speaker, role, kind) == (
        "the bill would pass next week",
        "Jane Doe",
        "Sen.",
        QuoteKind.INDIRECT,
    )


def test_role_is_split_from_the_name():
    speaker = parse_speaker("Federal Justice Minister Marco Buschmann (FDP)")
    assert (speaker.name, speaker.role) == ("Marco Buschmann", "Federal Justice Minister")
    assert parse_speaker("the Interior Ministry").name == "Interior Ministry"
    assert parse_speaker("Kazakh authorities").name == "Kazakh authorities"


def test_quote_styles_and_quotes_spanning_paragraphs():
    text = (
        "«We will not give in», said Jean Dupont.\n\n"
        '"The water came at night," Asanova said.\n\n'
        "Tokayev said: “First part of a long statement.\n\n“Second part of it.”\n\n"
        "„Wir bleiben hier“, sagte sie, Maria Weber told the broadcaster NDR."
    )
    found = {t: (speaker, kind) for t, speaker, _r, kind, _v in _attributions(text)}
    assert found["«We will not give in»"][0] == "Jean Dupont"
    assert found['"The water came at night,"'] == ("Asanova", QuoteKind.DIRECT)
    assert found["“First part of a long statement.\n\n“Second part of it.”"] == ("Tokayev", QuoteKind.DIRECT)


def test_reported_speech_verbs_and_according_to():
    text = (
        "The Interior Ministry said 26 people had died. "
        "According to Kazakh authorities, 225 people were killed. "
        "Russia repeatedly accuses the West of sparking unrest. "
        "The Kremlin denied any role in the protests. "
        "Tokayev promised to curb corruption. "
        "Opposition leaders warned that more protests would follow. "
        "The company claimed the fire was an accident."
    )
    speakers = [speaker for _t, speaker, _r, _k, _v in _attributions(text)]
    assert speakers == [
        "Interior Ministry",
        "Kazakh authorities",
        "Russia",
        "Kremlin",
        "Tokayev",
        "Opposition leaders",
        "company",
    ]


def test_pronouns_and_role_nouns_resolve_to_the_named_speaker():
    text = (
        "President Kassym-Jomart Tokayev said the situation was stable. "
        "“They need to be destroyed,” he said. "
        "The Interior Ministry said 18 officers had died. "
        "Later the president said the internet would be restored."
    )
    found = _attributions(text)
    assert [speaker for _t, speaker, *_ in found] == [
        "Kassym-Jomart Tokayev",
        "Kassym-Jomart Tokayev",
        "Interior Ministry",
        "Kassym-Jomart Tokayev",
    ]


def test_relaying_outlet_is_via():
    text = (
        "“At night we hear explosions,” a woman named Kuralai told Reuters. "
        "President Xi Jinping praised Tokayev for his “decisive measures,” according to the Associated Press."
    )
    found = _attributions(text)
    assert found[0][1:] == ("Kuralai", "woman", QuoteKind.DIRECT, "Reuters")
    assert (found[1][1], found[1][4]) == ("Xi Jinping", "Associated Press")


def test_scare_quotes_are_not_attributions():
    text = "The CSTO deployed 2,500 troops to help “stabilize” the country."
    assert _attributions(text) == []
