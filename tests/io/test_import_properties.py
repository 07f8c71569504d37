"""Property: every importer, fed generated files with known text and spans, loses and changes no
text, and every stored span equals the text it claims. Bounded example counts keep CI time fixed.

Texts mix Latin, Cyrillic, Kazakh and CJK letters, digits and astral characters (emoji, math
letters) in several paragraphs; spans may cross paragraph breaks. HTML is left out here: its
reader extracts the article from a page (boilerplate removal), so its text is not the file's.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzt_annotator.core.anchoring import context_of
from kzt_annotator.core.attributes import ClaimAttrs
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import Annotation, ArticleSummary, NewArticle
from kzt_annotator.io import brat, jsonld
from kzt_annotator.io.readers import read_article
from kzt_annotator.services.annotation_import import import_annotations
from kzt_annotator.store.repository import open_repository

SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
LETTERS = list("abcxyzАБВжқұңәі日本語éü0123456789") + ["😀", "🇰", "𝐢", "🎉", "𝟏"]
words = st.lists(st.text(st.sampled_from(LETTERS), min_size=1, max_size=8), min_size=1, max_size=8)
paragraphs = st.lists(words.map(" ".join), min_size=1, max_size=4)


@st.composite
def text_and_spans(draw) -> tuple[str, list[tuple[int, int]]]:
    text = "\n\n".join(draw(paragraphs)) + f"\n\n{uuid.uuid4()}"  # unique: one article per example
    spans = []
    for _ in range(draw(st.integers(1, 5))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, min(len(text), start + 60)))
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1  # spans begin and end on text (brat cannot hold a span ending in a newline)
        if start < end:
            spans.append((start, end))
    return text, spans


def _annotations(article_id: int, text: str, spans: list[tuple[int, int]]) -> list[Annotation]:
    return [
        Annotation(str(uuid.uuid4()), article_id, Kind.CLAIM, a, b, text[a:b], ClaimAttrs(), "gen")
        for a, b in spans
    ]


def _check(repo, text: str, made: list[Annotation]) -> None:
    stored = repo.annotations_by_ids([a.id for a in made])
    assert len(stored) == len(made)
    article = repo.article(stored[0].article_id) if stored else None
    if article is not None:
        assert article.text == text  # nothing lost or changed
    for annotation in stored:
        assert article is not None and article.text[annotation.start : annotation.end] == annotation.text
    assert sorted((a.start, a.end, a.text) for a in stored) == sorted((a.start, a.end, a.text) for a in made)


@pytest.fixture(scope="module")
def shared_repo(tmp_path_factory):
    repo = open_repository(tmp_path_factory.mktemp("prop") / "p.sqlite")
    yield repo
    repo.close()


def _article(repo, text: str) -> ArticleSummary:
    [article], _ = repo.add_articles([NewArticle(text=text, title="generated", source_file="gen.txt")])
    return next(s for s in repo.article_summaries() if s.id == article.id)


@SETTINGS
@given(case=text_and_spans())
def test_csv_import(shared_repo, tmp_path_factory, case):
    text, spans = case
    summary = _article(shared_repo, text)
    made = _annotations(summary.id, text, spans)
    path = tmp_path_factory.mktemp("csv") / "a.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "annotation_id",
                "article_sha256",
                "kind",
                "start",
                "end",
                "text",
                "context_before",
                "context_after",
            ]
        )
        for a in made:
            before, after = context_of(text, a.start, a.end)
            writer.writerow([a.id, summary.sha256, "claim", a.start, a.end, a.text, before, after])
    import_annotations(shared_repo, path)
    _check(shared_repo, text, made)


@SETTINGS
@given(case=text_and_spans())
def test_jsonld_import(shared_repo, tmp_path_factory, case):
    text, spans = case
    summary = _article(shared_repo, text)
    made = _annotations(summary.id, text, spans)
    page = {"type": "AnnotationPage", "items": [jsonld.annotation_jsonld(a, summary, text) for a in made]}
    path = tmp_path_factory.mktemp("jsonld") / "a.jsonld"
    path.write_text(json.dumps(page, ensure_ascii=False), encoding="utf-8")
    import_annotations(shared_repo, path)
    _check(shared_repo, text, made)


@SETTINGS
@given(case=text_and_spans())
def test_bundle_import_carries_the_text(shared_repo, tmp_path_factory, case):
    text, spans = case
    made = _annotations(0, text, spans)
    sha = NewArticle(text=text, title="t", source_file="x").sha256
    bundle = {
        "format": "kzt-annotator-bundle",
        "version": 1,
        "articles": [{"text": text, "title": "generated", "boilerplate": [{"start": 0, "end": 1}]}],
        "annotations": [
            {
                "id": a.id,
                "article_sha256": sha,
                "kind": "claim",
                "start": a.start,
                "end": a.end,
                "text": a.text,
            }
            for a in made
        ],
    }
    path = tmp_path_factory.mktemp("bundle") / "b.json"
    path.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    import_annotations(shared_repo, path)
    _check(shared_repo, text, made)


@SETTINGS
@given(case=text_and_spans())
def test_brat_import_carries_the_text(shared_repo, tmp_path_factory, case):
    text, spans = case
    made = _annotations(0, text, spans)
    folder = tmp_path_factory.mktemp("brat")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "a.ann").write_text(brat.write_ann(made, text), encoding="utf-8")
    import_annotations(shared_repo, folder)
    _check(shared_repo, text, made)


@SETTINGS
@given(parts=paragraphs, suffix=st.sampled_from([".txt", ".md", ".docx"]))
def test_article_readers_keep_the_text(tmp_path_factory, parts, suffix):
    text = "\n\n".join(parts)
    path = tmp_path_factory.mktemp("article") / f"a{suffix}"
    if suffix == ".docx":
        document = docx.Document()
        for paragraph in parts:
            document.add_paragraph(paragraph)
        buffer = io.BytesIO()
        document.save(buffer)
        path.write_bytes(buffer.getvalue())
    else:
        path.write_text(text, encoding="utf-8")
    assert read_article(Path(path)).text == text
