"""Every exchange format against a hand-written expected file (tests/fixtures/golden/, one per format).

The project is tests/golden_project.py: one article, a claim, the attribution that supports it,
and a figure inside the claim. Only volatile values are normalised, explicitly: date-times the
store sets (TIME), the project's path (PROJECT), the collection's random id (COLLECTION) and the
version (VERSION). A format change shows as a diff against the file; update the file by hand.
"""

from __future__ import annotations

import json

import pytest

from kzt_annotator import __version__
from kzt_annotator.services import exporting
from kzt_annotator.store.repository import open_repository
from tests.conftest import FIXTURES
from tests.golden_project import build, normalise

GOLDEN = FIXTURES / "golden"


@pytest.fixture
def golden_repo(tmp_path):
    repo = open_repository(tmp_path / "golden.sqlite")
    build(repo)
    yield repo
    repo.close()


def read(path) -> str:
    """The file's text exactly, line ends included."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def expected(name: str) -> str:
    return read(GOLDEN / name)


def test_csv(golden_repo, tmp_path):
    exporting.export_csv(golden_repo, tmp_path / "out.csv")
    assert normalise(read(tmp_path / "out.csv")) == expected("export.csv")


def test_jsonld(golden_repo, tmp_path):
    exporting.export_jsonld(golden_repo, tmp_path / "out.jsonld")
    text = read(tmp_path / "out.jsonld")
    collection = json.loads(text)["id"]
    assert collection.startswith("urn:uuid:")
    text = text.replace(collection, "COLLECTION").replace(golden_repo.name, "PROJECT")
    text = text.replace(f"kzt-annotator:{__version__}", "kzt-annotator:VERSION")
    text = text.replace(f"kzt-annotator {__version__}", "kzt-annotator VERSION")
    assert normalise(text) == expected("export.jsonld")


def test_brat(golden_repo, tmp_path):
    exporting.export_brat(golden_repo, tmp_path / "brat")
    written = sorted(p.name for p in (tmp_path / "brat").iterdir())
    assert written == ["00001-Troops arrive.ann", "00001-Troops arrive.txt", "annotation.conf"]
    assert read(tmp_path / "brat" / "00001-Troops arrive.ann") == expected("brat.ann")
    assert read(tmp_path / "brat" / "annotation.conf") == expected("annotation.conf")
    assert read(tmp_path / "brat" / "00001-Troops arrive.txt") == golden_repo.article(1).text


def test_bundle(golden_repo, tmp_path):
    exporting.export_bundle(golden_repo, tmp_path / "out.json")
    text = read(tmp_path / "out.json")
    source = json.loads(text)["source"]
    assert source.endswith("golden.sqlite")
    assert normalise(text.replace(json.dumps(source), '"PROJECT"')) == expected("bundle.json")


def test_html_report(golden_repo, tmp_path):
    exporting.export_html(golden_repo, "1", tmp_path / "out.html")
    assert read(tmp_path / "out.html") == expected("report.html")  # nothing volatile in it
