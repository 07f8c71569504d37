"""The project.qde of a tiny project against a hand-written golden file.

Guids are replaced by G1, G2, ... in order of first appearance and times by T, so the comparison
shows structure, positions, names and descriptions, not the values that change per run.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from datetime import UTC, date, datetime

from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import CodebookEntry, CodebookKind, NewArticle
from kzt_annotator.services import annotating
from kzt_annotator.services.qdpx_export import export_qdpx
from kzt_annotator.store.repository import open_repository
from tests.conftest import FIXTURES

GOLDEN = FIXTURES / "golden" / "refi-qda" / "tiny-project.qde"
TEXT = "Police said 12 people were detained in Almaty.\nNo one was hurt, the city said.\n"
WHEN = datetime(2022, 1, 7, 9, 30, tzinfo=UTC)
GUID = re.compile(r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}")
TIME = re.compile(r'(DateTime)="[^"]*"')


def normalise(xml: str) -> str:
    names: dict[str, str] = {}

    def guid(match: re.Match) -> str:
        return names.setdefault(match.group(0), f"G{len(names) + 1}")

    return TIME.sub(r'\1="T"', GUID.sub(guid, xml))


def tiny_project(path):
    repo = open_repository(path)
    (article,), _ = repo.add_articles(
        [
            NewArticle(
                text=TEXT,
                title="Twelve detained in Almaty",
                source_file="tiny.txt",
                outlet="Tiny Times",
                published=date(2022, 1, 6),
                language="en",
            )
        ]
    )
    repo.put_codebook_entry(CodebookEntry(CodebookKind.QUANTITY, "detained", "People detained", "#336699"))
    figure = annotating.new_annotation(
        article, Kind.FIGURE, 12, 21, "alice", {"quantity": "detained", "value": "12", "unit": "people"}
    )
    said = TEXT.index("Police said")
    attribution = annotating.new_annotation(
        article, Kind.ATTRIBUTION, said, said + 11, "bob", {"speaker": "Police"}, note="which police?"
    )
    for ann, ident in (
        (figure, "11111111-2222-4333-8444-555555555555"),
        (attribution, "66666666-7777-4888-9999-aaaaaaaaaaaa"),
    ):
        annotating.annotate(repo, replace(ann, id=ident, created_at=WHEN, updated_at=WHEN))
    return repo


def test_tiny_project_qde_matches_the_golden_file(tmp_path):
    repo = tiny_project(tmp_path / "tiny.sqlite")
    try:
        export_qdpx(repo, tmp_path / "tiny.qdpx")
    finally:
        repo.close()
    with zipfile.ZipFile(tmp_path / "tiny.qdpx") as archive:
        written = archive.read("project.qde").decode("utf-8")
        source = [n for n in archive.namelist() if n.startswith("Sources/")]
        assert [archive.read(n).decode("utf-8") for n in source] == [TEXT]
    assert normalise(written) == GOLDEN.read_text(encoding="utf-8")
