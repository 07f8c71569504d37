"""The small project behind the golden-file tests: one article, a claim, the attribution that
supports it (a `supports` relation), a figure.

Ids are fixed; times (created/updated/exported, which the store sets to now) are replaced by
placeholders before comparing, see `normalise`.
"""

from __future__ import annotations

import re
from datetime import date

from kzt_annotator.core.attributes import AttributionAttrs, ClaimAttrs, FigureAttrs
from kzt_annotator.core.kinds import Kind, Qualifier, QuoteKind, Stance
from kzt_annotator.core.model import Annotation, NewArticle, Relation

TEXT = 'Officials said "up to 2,500 troops" arrived.\n\nA second paragraph, with a comma.'
CLAIM_ID = "00000000-0000-4000-8000-000000000001"
ATTRIBUTION_ID = "00000000-0000-4000-8000-000000000002"
FIGURE_ID = "00000000-0000-4000-8000-000000000003"
SUPPORTS_ID = "00000000-0000-4000-8000-0000000000a1"
TIME = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?")


def build(repo) -> None:
    """Store the golden article, its three annotations and the relation in `repo` (an empty project)."""
    [article], _ = repo.add_articles(
        [
            NewArticle(
                text=TEXT,
                title="Troops arrive",
                source_file="troops.txt",
                outlet="Example News",
                author="A. Writer",
                published=date(2022, 1, 7),
                url="https://news.example/troops",
            )
        ]
    )
    claim = Annotation(
        CLAIM_ID,
        article.id,
        Kind.CLAIM,
        15,
        35,
        TEXT[15:35],
        ClaimAttrs(claim_key="troops_arrived", claimant="officials", stance=Stance.REPORTS),
        "alice",
    )
    attribution = Annotation(
        ATTRIBUTION_ID,
        article.id,
        Kind.ATTRIBUTION,
        0,
        14,
        TEXT[0:14],
        AttributionAttrs(speaker="Officials", speaker_role="government", quote_kind=QuoteKind.DIRECT),
        "alice",
        note="who said it",
    )
    figure = Annotation(
        FIGURE_ID,
        article.id,
        Kind.FIGURE,
        16,
        34,
        TEXT[16:34],
        FigureAttrs(
            quantity="troops",
            value=2500.0,
            qualifier=Qualifier.UP_TO,
            unit="troops",
            figure_source="Officials",
        ),
        "bob",
    )
    repo.add_annotations([claim, attribution, figure])
    repo.add_relation(Relation(SUPPORTS_ID, "supports", ATTRIBUTION_ID, CLAIM_ID, "alice"))


def normalise(text: str) -> str:
    """The output with every date-time (the store's now) replaced by TIME; dates stay."""
    return TIME.sub("TIME", text)
