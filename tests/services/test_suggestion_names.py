"""Attribution suggestions keep `via` as an attribute and name speakers as the codebook does:
the canonical entry's label is proposed, the span keeps the words as written."""

from __future__ import annotations

from kzt_annotator.core.codebook import Codebook, make_entry
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import CodebookKind, NewArticle
from kzt_annotator.services.codebook import add_entry
from kzt_annotator.services.suggestions import suggestions_for

TEXT = (
    "Interior Minister Erlan Turgumbayev told Reuters that 3,000 people were detained. "
    "President Kassym-Zhomart Tokayev said the order was restored. "
    "\u201cWe will not negotiate,\u201d Tokayev said."
)


def _suggest(repo):
    [article], _ = repo.add_articles([NewArticle(text=TEXT, title="T", source_file="t.txt", language="en")])
    found = suggestions_for(repo, repo.article(article.id), (Kind.ATTRIBUTION,))
    return {s.text: s for s in found}


def test_via_is_an_attribute_of_the_suggestion(repo):
    found = _suggest(repo)
    reuters = next(s for s in found.values() if "3,000 people" in s.text)
    assert (reuters.attributes.speaker, reuters.attributes.via) == ("Erlan Turgumbayev", "Reuters")
    assert reuters.via == "Reuters"


def test_speakers_are_proposed_as_the_codebook_names_them(repo):
    add_entry(
        repo,
        make_entry(CodebookKind.SPEAKER, "tokayev", "Kassym-Jomart Tokayev", aliases=["Tokayev"]),
    )
    add_entry(repo, make_entry(CodebookKind.SPEAKER, "Erlan Turgumbayev", "Erlan Turgumbayev (minister)"))
    found = _suggest(repo)
    speakers = {text: s.attributes.speaker for text, s in found.items()}
    # "President Kassym-Zhomart Tokayev" (another spelling) ends with the alias "Tokayev"
    assert speakers["the order was restored"] == "Kassym-Jomart Tokayev"
    assert speakers["\u201cWe will not negotiate,\u201d"] == "Kassym-Jomart Tokayev"
    assert {s for t, s in speakers.items() if "3,000" in t} == {"Erlan Turgumbayev (minister)"}
    # the span is the words as written
    assert all(text in TEXT for text in found)


def test_a_surname_alone_names_the_one_entry_it_ends(repo):
    book = Codebook(
        [
            make_entry(CodebookKind.SPEAKER, "Kassym-Jomart Tokayev"),
            make_entry(CodebookKind.SPEAKER, "Anna Smith"),
            make_entry(CodebookKind.SPEAKER, "John Smith"),
        ]
    )
    assert book.resolve_name(CodebookKind.SPEAKER, "Tokayev").key == "Kassym-Jomart Tokayev"
    assert book.resolve_name(CodebookKind.SPEAKER, "Smith") is None  # two entries end with it
    assert book.resolve_name(CodebookKind.SPEAKER, "Nazarbayev") is None
