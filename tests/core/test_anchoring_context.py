"""A long quote keeps its place when text is inserted right after it (one side of context whole)."""

from kzt_annotator.core.anchoring import anchor, context_of


def test_text_inserted_after_a_sentence_final_span():
    old = "First sentence here. The ministry said 26 people had died in the unrest. Next one."
    quote = "26 people had died in the unrest"
    start = old.index(quote)
    prefix, suffix = context_of(old, start, start + len(quote))
    new = old.replace("unrest.", "unrest (corrected).")
    found = anchor(new, quote, prefix, suffix, start)
    assert found is not None and new[found.start : found.end] == quote
    assert found.exact  # found unchanged, not re-placed by the fuzzy search for an edited quote
    # both sides changed and the quote moved: still found verbatim
    moved = "Inserted. " + new.replace("The ministry said ", "Officials say ")
    found = anchor(moved, quote, prefix, suffix, start)
    assert found is not None and moved[found.start : found.end] == quote
