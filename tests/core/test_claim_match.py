"""Claim keys proposed from similar claims; occurrences of a phrase."""

from kzt_annotator.core.claim_match import occurrences, similar_claim_keys

CLAIMS = [
    ("foreign_terrorists", "peaceful protests were hijacked by foreign-trained terrorists"),
    ("gas_price", "the protests began over increased gas prices"),
    ("russian_occupation", "Russia has already entered. This is an occupation by Russia"),
    ("foreign_terrorists", "terrorists trained abroad attacked the city"),
]


def test_the_closest_key_comes_first():
    found = similar_claim_keys("the protests were hijacked by terrorists from abroad", CLAIMS)
    assert found[0].claim_key == "foreign_terrorists" and found[0].score >= 60
    found = similar_claim_keys("Kazakhstan is under Russian occupation", CLAIMS)
    assert found[0].claim_key == "russian_occupation"
    assert [p.claim_key for p in similar_claim_keys("gas prices increased sharply", CLAIMS)][:1] == [
        "gas_price"
    ]


def test_unrelated_text_gets_no_proposal():
    assert similar_claim_keys("the weather was sunny in Almaty", CLAIMS) == []
    assert len({p.claim_key for p in similar_claim_keys("protests", CLAIMS, limit=5)}) <= 3


def test_occurrences_are_whole_words_any_case():
    text = "Tokayev said. TOKAYEV’s order; Tokayevs and the CSTO  mission, csto mission."
    assert [text[a:b] for a, b in occurrences(text, "Tokayev")] == ["Tokayev", "TOKAYEV"]
    assert [text[a:b] for a, b in occurrences(text, "CSTO mission")] == ["CSTO  mission", "csto mission"]
    assert occurrences(text, "  ") == []
