"""Near-duplicate tests on plain texts: the documented thresholds hold where they should."""

from kzt_annotator.core import syndication
from kzt_annotator.core.model import TextRange

WIRE = (
    "Security forces regained control of Almaty airport on Friday after two days of clashes, the "
    "interior ministry said, as troops from a Russian-led alliance began arriving in the country. "
    "The ministry said 26 armed protesters had been killed and more than 3,000 people detained across "
    "the country since the unrest began over a rise in fuel prices at the start of the year. Eighteen "
    "members of the security forces were killed, according to the ministry."
)
OTHER = (
    "The price of liquefied gas in Mangystau region fell to 50 tenge per litre on Saturday after the "
    "government capped it for six months, local officials said. Drivers in Aktau queued at filling "
    "stations before dawn, and several stations ran out of fuel by midday, according to residents."
)


def similar(a: str, b: str) -> tuple[float, bool]:
    ba, bb = syndication.body_of(a, ()), syndication.body_of(b, ())
    sa, sb = syndication.sketch(ba), syndication.sketch(bb)
    assert sa is not None and sb is not None
    return syndication.estimated_jaccard(
        syndication.values(sa), syndication.values(sb)
    ), syndication.confirmed(ba, bb)


def test_same_text_under_a_new_headline_is_a_near_duplicate():
    jaccard, confirmed = similar(
        "Airport retaken\n\n" + WIRE, "Kazakh airport back in government hands\n\n" + WIRE
    )
    assert jaccard >= syndication.JACCARD_MIN and confirmed


def test_a_copy_cut_short_is_a_near_duplicate_and_a_different_story_is_not():
    jaccard, confirmed = similar(WIRE, WIRE[: int(len(WIRE) * 0.75)])
    assert jaccard >= syndication.JACCARD_MIN and confirmed
    jaccard, confirmed = similar(WIRE, OTHER)
    assert jaccard < 0.1 and not confirmed


def test_boilerplate_is_left_out_of_the_body_and_short_texts_get_no_sketch():
    text = "Copyright 2022 The Daily Steppe\n" + WIRE
    assert syndication.body_of(text, (TextRange(0, 31, "copyright"),)) == "\n" + WIRE.lower()
    assert syndication.sketch("only a few words here") is None
    assert syndication.sketch(syndication.body_of(WIRE, ())) == syndication.sketch(
        syndication.body_of(WIRE.upper(), ())
    )


def test_grouping_is_transitive_and_named_by_the_lowest_id():
    grouping = syndication.Grouping.empty()
    grouping.union(7, 3)
    grouping.union(9, 7)
    grouping.union(12, 15)
    assert grouping.groups() == {3: 3, 7: 3, 9: 3, 12: 12, 15: 12}


def test_the_cheap_bound_never_rules_out_a_pair_the_estimate_would_keep():
    """may_reach is exact as a filter: whenever it says no, the estimate is below the minimum
    (checked on random sketches that share many, few or no values)."""
    import random

    rng = random.Random(18)
    ruled_out = 0
    for _ in range(3000):
        pool = rng.sample(range(1, 5000), 200)
        shared = rng.sample(pool, rng.randint(0, 64))
        a = sorted(set(shared + rng.sample(pool, rng.randint(0, 64))))[: syndication.SKETCH_SIZE]
        b = sorted(set(shared + rng.sample(pool, rng.randint(0, 64))))[: syndication.SKETCH_SIZE]
        for minimum in (syndication.JACCARD_MIN, 0.2, 0.8):
            if not syndication.may_reach(a, b, minimum):
                ruled_out += 1
                assert syndication.estimated_jaccard(a, b) < minimum, (a, b, minimum)
    assert ruled_out > 1000  # the bound does rule pairs out
    assert not syndication.may_reach([], [1, 2])
    assert syndication.may_reach([1, 2, 3], [1, 2, 3])
