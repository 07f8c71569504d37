"""REFI-QDA codebooks: the ATLAS.ti sample's code tree, our .qdc against Codebook.xsd, bad files."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from kzt_annotator.io.errors import FileRefused
from kzt_annotator.io.refi_codebook import QdaCode, count_codes, read_codebook, write_codebook
from kzt_annotator.io.refi_project import read_project
from kzt_annotator.io.refi_xml import CODEBOOK_NS, read_qdpx, schema_errors
from tests.conftest import EXTERNAL

SAMPLE = EXTERNAL / "refi-qda" / "atlasti-standard-project.qdpx"


def sample_codes() -> tuple[QdaCode, ...]:
    return read_project(read_qdpx(SAMPLE.read_bytes()).project_xml).codes


def test_the_atlas_ti_sample_gives_14_codes_with_parent_child_names_as_a_tree():
    codes = sample_codes()
    assert count_codes(codes) == 14
    coke = next(c for c in codes if c.name == "Coke")
    assert (coke.color, coke.description, coke.guid) == (
        "#966450",
        "the breakfast of champions",
        "7496BA52-9C8D-4396-8FAB-CC438614E453",
    )
    assert [(c.name, c.description) for c in coke.children] == [
        ("full-fat Coke", "aka regular"),
        ("diet Coke", "non sucré"),
    ]
    assert not any("::" in c.name for top in codes for _, c in top.walk())
    milk = next(c for c in codes if c.name == "milk")
    assert milk.color == ""  # the sample gives it none
    assert (
        next(c for c in codes if c.name == "cornflakes").description == "breakfast cereal made by Kellogg’s"
    )


def test_written_codebook_is_valid_and_reads_back_identically():
    codes = sample_codes()
    data = write_codebook(codes, "test")
    root = etree.fromstring(data)
    assert root.tag == f"{{{CODEBOOK_NS}}}CodeBook"
    assert schema_errors(root, "Codebook.xsd") == []
    assert b"::" not in data
    assert read_codebook(data) == codes


def test_nested_code_elements_and_a_parent_named_only_by_its_children():
    data = f"""<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="{CODEBOOK_NS}"><Codes>
  <Code guid="11111111-1111-1111-1111-111111111111" name="deaths" isCodable="true" color="#aa0000">
    <Description>people killed</Description>
    <Code guid="22222222-2222-2222-2222-222222222222" name="protesters" isCodable="true"/>
  </Code>
  <Code guid="33333333-3333-3333-3333-333333333333" name="actors::police" isCodable="true"/>
</Codes></CodeBook>""".encode()
    codes = read_codebook(data)
    assert [c.name for c in codes] == ["deaths", "actors"]
    assert codes[0].color == "#AA0000" and codes[0].children[0].name == "protesters"
    actors = codes[1]
    assert (actors.codable, [c.name for c in actors.children]) == (False, ["police"])
    assert count_codes(codes) == 4


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"not xml at all", "not well-formed XML"),
        (
            f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><CodeBook xmlns="{CODEBOOK_NS}"/>'.encode(),
            "DOCTYPE",
        ),
        (f'<CodeBook xmlns="{CODEBOOK_NS}"><Codes/></CodeBook>'.encode(), "Codebook.xsd"),
        (b'<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>', "not a REFI-QDA codebook"),
    ],
)
def test_bad_codebooks_are_refused_with_one_line(data, expected):
    with pytest.raises(FileRefused, match=expected) as info:
        read_codebook(data)
    assert "\n" not in str(info.value)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"PK not really", "not a ZIP file"),
        (_zip({"../evil.txt": b"x", "project.qde": b"<x/>"}), "unsafe path"),
        (_zip({"/etc/passwd": b"x", "project.qde": b"<x/>"}), "unsafe path"),
        (_zip({"project.qde": b"<x/>", "Sources/bomb.txt": b"\0" * (20 * 1024 * 1024)}), "zip bomb"),
        (_zip({"readme.txt": b"hello"}), "no project.qde"),
    ],
)
def test_unsafe_or_foreign_zips_are_refused(data, expected):
    with pytest.raises(FileRefused, match=expected):
        read_qdpx(data)
