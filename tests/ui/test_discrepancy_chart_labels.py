"""The chart's row labels and title say what a researcher needs: which outlet, and what tells apart
two rows of one outlet (never "#1/#2", never "same story as" the outlet itself); an empty chart
shows no title of an earlier quantity."""

from __future__ import annotations

import uuid
from datetime import date

from kzt_annotator.core.attributes import FigureAttrs
from kzt_annotator.core.discrepancy import Report
from kzt_annotator.core.figure_groups import GroupSummary
from kzt_annotator.core.intervals import Interval
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import UNKNOWN_OUTLET, Annotation, NewArticle
from kzt_annotator.services.figures import discrepancy_labels
from kzt_annotator.ui.chart_labels import article_labels, report_labels


def report(article_id, text="10 dead", annotator="anna", as_of=None, article_date=None, value=10.0):
    return Report(
        str(uuid.uuid4()),
        article_id,
        "",
        "",
        0,
        5,
        text,
        value,
        None,
        Interval(value, value),
        None,
        as_of,
        annotator,
        article_date=article_date,
    )


ARTICLES = {
    1: ("Reuters", "Protests spread to Almaty"),
    2: ("Reuters", "Curfew in the capital"),
    3: ("Tengrinews", "Internet cut off"),
    4: ("", "An article with no outlet"),
}
GROUP = GroupSummary("deaths", None)
WIRE = " ".join(
    f"The wire story sentence {i} says that officials counted people in Almaty." for i in range(8)
)


def test_an_outlet_with_one_row_is_its_name_alone():
    assert report_labels(GROUP, [report(3), report(4)], ARTICLES, 26) == ["Tengrinews", UNKNOWN_OUTLET]


def test_rows_of_one_outlet_are_told_apart_by_date_then_title_then_words_then_annotator():
    by_date = [report(1, as_of=date(2022, 1, 6)), report(2, article_date=date(2022, 1, 7)), report(3)]
    assert report_labels(GROUP, by_date, ARTICLES, 26) == [
        "Reuters — 2022-01-06",
        "Reuters — 2022-01-07",
        "Tengrinews",
    ]
    same_day = [report(1, as_of=date(2022, 1, 6)), report(2, as_of=date(2022, 1, 6))]
    assert report_labels(GROUP, same_day, ARTICLES, 26) == [
        "Reuters — Protests spread to Alma…",
        "Reuters — Curfew in the capital",
    ]
    one_article = [report(1, text="10 dead"), report(1, text="at least 12 killed")]
    assert report_labels(GROUP, one_article, ARTICLES, 26) == [
        "Reuters — “10 dead”",
        "Reuters — “at least 12 killed”",
    ]
    two_annotators = [report(1, annotator="anna"), report(1, annotator="ben")]
    assert report_labels(GROUP, two_annotators, ARTICLES, 26) == ["Reuters — anna", "Reuters — ben"]
    alike = [report(1), report(1)]
    assert report_labels(GROUP, alike, ARTICLES, 26) == ["Reuters (1)", "Reuters (2)"]


def test_one_bar_per_article_names_the_title_where_an_outlet_repeats():
    assert article_labels([1, 2, 3], ARTICLES) == {
        1: "Reuters — Protests spread to Alma…",
        2: "Reuters — Curfew in the capital",
        3: "Tengrinews",
    }


def test_a_copy_of_a_story_from_its_own_outlet_does_not_say_same_story_as(repo):
    wire = WIRE
    repo.add_articles(
        [
            NewArticle(text=f"CNS\n\n{wire}", title="A", source_file="a.txt", outlet="CNS"),
            NewArticle(text=f"CNS again\n\n{wire}", title="B", source_file="b.txt", outlet="CNS"),
            NewArticle(text=f"Herald\n\n{wire}", title="C", source_file="c.txt", outlet="Herald"),
        ]
    )
    sources = repo.syndication_sources()
    assert len(sources) == 3  # one story, three copies
    labels = discrepancy_labels(repo)
    outlets = sorted(outlet for outlet, _title in labels.values())
    assert outlets == [
        "CNS (same story as: Herald)",
        "CNS (same story as: Herald)",
        "Herald (same story as: CNS)",
    ]


def test_a_story_copied_only_within_one_outlet_keeps_the_outlet_name(repo):
    wire = WIRE
    repo.add_articles(
        [
            NewArticle(text=f"CNS\n\n{wire}", title="A", source_file="a.txt", outlet="CNS"),
            NewArticle(text=f"CNS again\n\n{wire}", title="B", source_file="b.txt", outlet="CNS"),
        ]
    )
    assert len(repo.syndication_sources()) == 2
    assert [outlet for outlet, _title in discrepancy_labels(repo).values()] == ["CNS", "CNS"]


def test_the_panel_labels_two_reports_of_one_outlet_by_what_differs_and_clears_an_empty_chart(qtbot, repo):
    from kzt_annotator.ui.discrepancy_panel import DiscrepancyPanel

    articles, _ = repo.add_articles(
        [
            NewArticle(text="First text 100", title="Morning report", source_file="1.txt", outlet="Reuters"),
            NewArticle(text="Second text 200", title="Evening report", source_file="2.txt", outlet="Reuters"),
            NewArticle(text="Third text 300", title="Other", source_file="3.txt", outlet="Tengrinews"),
        ]
    )
    repo.add_annotations(
        [
            Annotation(str(uuid.uuid4()), a.id, Kind.FIGURE, 0, 5, a.text[:5], FigureAttrs("deaths", v), "t")
            for a, v in zip(articles, (100.0, 200.0, 300.0), strict=True)
        ]
    )
    panel = DiscrepancyPanel(repo)
    qtbot.addWidget(panel)
    panel.refresh()
    panel.settle()
    assert sorted(panel.chart.row_labels()) == [
        "Reuters — Evening report",
        "Reuters — Morning report",
        "Tengrinews",
    ]
    assert panel.chart.title.startswith("deaths: ")
    assert panel.chart.plot_item().titleLabel.isVisible()
    panel.adjudicated.setChecked(True)  # nothing accepted: no group, an empty chart
    panel.settle()
    assert panel.groups.rowCount() == 0 and panel.chart.row_labels() == []
    assert panel.chart.title == "" and not panel.chart.plot_item().titleLabel.isVisible()
