"""Completion offers each codebook speaker once, by its label, whatever spellings were used."""

from kzt_annotator.core.codebook import Codebook, make_entry
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import CodebookKind
from kzt_annotator.services.annotating import new_annotation
from kzt_annotator.ui.completions import CompletionCache


def test_variant_spellings_complete_as_one_speaker(corpus_repo):
    repo = corpus_repo
    for speaker in ("Tokayev", "Kassym-Shomart Tokayev", "Interior Ministry"):
        repo.add_annotation(
            new_annotation(repo.article(1), Kind.ATTRIBUTION, 0, len(speaker), "tester", {"speaker": speaker})
        )
    book = Codebook(
        [
            make_entry(
                CodebookKind.SPEAKER,
                "tokayev",
                "Kassym-Jomart Tokayev",
                aliases=["Kassym-Shomart Tokayev", "Tokayev"],
            ),
            make_entry(CodebookKind.QUANTITY, "deaths.security_forces"),
        ]
    )
    cache = CompletionCache(repo)
    cache.set_codebook(book)
    values = cache.get()
    assert values["speaker"] == ["Interior Ministry", "Kassym-Jomart Tokayev"]
    assert "Kassym-Jomart Tokayev" in values["claimant"] and "deaths.security_forces" in values["quantity"]
