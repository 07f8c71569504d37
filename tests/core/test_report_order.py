"""Reports within a group are ordered by as_of, else their article's date, unknown dates last."""

from __future__ import annotations

from datetime import date

from kzt_annotator.core.discrepancy import group_reports, report_date, reports_from_rows


def _row(ident, article, value, as_of=None):
    return (ident, article, 0, 5, "x", "ann", "deaths", value, None, None, "exact", None, as_of, None)


def test_as_of_first_then_the_article_date_then_unknown_last():
    rows = [
        _row("no date", 1, 10.0),
        _row("article date", 2, 30.0),
        _row("as_of late", 3, 20.0, "2022-01-10"),
        _row("as_of early", 4, 50.0, "2022-01-06"),
        _row("as_of beats the article date", 2, 40.0, "2022-01-05"),
    ]
    articles = {i: (f"Outlet {i}", f"T{i}") for i in range(1, 5)}
    dates = {2: date(2022, 1, 8), 3: date(2021, 12, 1)}
    [group] = group_reports(reports_from_rows(rows, articles, dates=dates))
    assert [r.annotation_id for r in group.reports] == [
        "as_of beats the article date",  # 2022-01-05 (as_of)
        "as_of early",  # 2022-01-06
        "article date",  # 2022-01-08 (its article's)
        "as_of late",  # 2022-01-10: as_of, although its article is dated 2021-12-01
        "no date",
    ]
    assert [report_date(r)[1] for r in group.reports] == ["as_of", "as_of", "article", "as_of", ""]


def test_reports_of_one_date_keep_smallest_first():
    rows = [_row("b", 1, 20.0), _row("a", 2, 10.0)]
    [group] = group_reports(reports_from_rows(rows, {1: ("A", ""), 2: ("B", "")}))
    assert [r.annotation_id for r in group.reports] == ["a", "b"]
