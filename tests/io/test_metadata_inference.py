"""Publication date, outlet and language inferred from the text, and marked as inferred."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kzt_annotator.io.metadata import infer_metadata
from tests.conftest import CORPUS


def corpus(prefix: str) -> str:
    return next(CORPUS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_sample_articles_show_no_date_of_their_own(prefix):
    """002's only full dates are a scrape banner and a photo caption; neither is the article's."""
    assert infer_metadata(corpus(prefix)).published is None


def test_outlet_from_an_illustration_credit_and_from_mastheads():
    assert infer_metadata(corpus("004")).outlet == "Security Management"
    assert infer_metadata(corpus("002")).outlet == "Courthouse News Service"
    assert infer_metadata(corpus("003")).outlet == "The Organization for World Peace"


BODY = (
    "The death toll from the floods rose on Tuesday, officials said, as rescuers searched for "
    "people still missing in the region. More than 4,200 people have been evacuated."
)


@pytest.mark.parametrize(
    ("top", "published", "outlet"),
    [
        ("BISHKEK, April 14, 2026 (Reuters) - ", date(2026, 4, 14), "Reuters"),
        ("NUR-SULTAN, Kazakhstan, June 3, 2026 /PRNewswire/ -- ", date(2026, 6, 3), "PRNewswire"),
    ],
)
def test_datelines_give_date_and_wire(top, published, outlet):
    meta = infer_metadata("Floods in the south\n\n" + top + BODY)
    assert (meta.published, meta.outlet) == (published, outlet)
    assert {"published", "outlet", "language"} <= set(meta.inferred)


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Friday 6 March 2026", date(2026, 3, 6)),
        ("Hamburg, 22.01.2026", date(2026, 1, 22)),
        ("Last updated: March 11, 2026, 4:52 p.m. ET", date(2026, 3, 11)),
        ("Published: 2026-02-19", date(2026, 2, 19)),
    ],
)
def test_date_lines(line, published):
    meta = infer_metadata(f"Floods in the south of the country\n\n{line}\n\n{BODY}")
    assert meta.published == published


def test_banner_caption_and_body_dates_are_not_the_publication_date():
    text = (
        "Wednesday, April 24, 2024 | Back issues\n\nFloods in the south of the country\n\n"
        f"{BODY} The last such flood was on December 16, 2011.\n\n"
        "Rescuers in Osh, Kyrgyzstan, Wednesday, Jan. 5, 2022. (Press Service via Courthouse News)"
    )
    assert infer_metadata(text).published is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Қазақстан Республикасының Президенті Қасым-Жомарт Тоқаев елдегі жағдай туралы мәлімдеме "
            "жасады. Ол құқық қорғау органдарына тәртіпті қалпына келтіруді тапсырды және халықты "
            "сабырлылыққа шақырды.",
            "kk",
        ),
        (
            "Президент Казахстана Касым-Жомарт Токаев заявил, что порядок в стране восстановлен. "
            "По данным министерства внутренних дел, задержаны более трех тысяч человек.",
            "ru",
        ),
        (
            "El presidente de Kazajistán ordenó a las fuerzas de seguridad disparar sin previo aviso "
            "contra los manifestantes, según informó la agencia estatal de noticias.",
            "es",
        ),
        (
            "Der Präsident von Kasachstan hat den Sicherheitskräften befohlen, ohne Vorwarnung zu "
            "schießen, teilte das Innenministerium am Freitag mit.",
            "de",
        ),
        (
            "Le président du Kazakhstan a ordonné aux forces de sécurité de tirer sans sommation sur "
            "les manifestants, selon le ministère de l'Intérieur.",
            "fr",
        ),
        (BODY, "en"),
    ],
)
def test_language_identification(text, language):
    assert infer_metadata(text).language == language


def test_too_little_text_has_no_language():
    assert infer_metadata("Breaking news").language is None


def test_the_bundled_sample_articles_name_their_outlet_and_headline():
    """The samples a new user tries first carry a masthead above the headline, as papers print it."""
    import kzt_annotator

    found = {}
    for path in sorted((Path(kzt_annotator.__file__).parent / "resources" / "samples").glob("*.txt")):
        meta = infer_metadata(path.read_text(encoding="utf-8"))
        found[path.stem] = (meta.outlet, meta.title)
    assert found == {
        "sample_1_valley_herald": (
            "The Valley Herald (sample)",
            "Floodwaters force evacuations in Ashford Vale",
        ),
        "sample_2_coastal_post": (
            "The Coastal Post (sample)",
            "Ashford Vale flood: thousands displaced, death toll rises",
        ),
        "sample_3_daily_ledger": (
            "The Daily Ledger (sample)",
            "Mayor defends flood response as residents return",
        ),
    }
