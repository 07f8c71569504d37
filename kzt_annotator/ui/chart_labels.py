"""Row labels of the discrepancy chart: the outlet, and what tells apart the rows of one outlet.

An outlet with one row is labelled with its name alone ("Reuters"). Rows that would share a label
get, after a dash, the first thing that tells every one of them apart: for single reports the
date they speak of ("Reuters — 2022-01-07"), else their article's title, else their words, else
their annotator; for one bar per article the article's title. Only when nothing does are they
numbered in chart order ("Reuters (1)", "Reuters (2)"). Outlets are named as every view names
them (the codebook's label, "unknown outlet" where there is none); a title is never the label.

No Qt here.
"""

from __future__ import annotations

from collections.abc import Sequence

from kzt_annotator.core.discrepancy import Report, report_date
from kzt_annotator.core.figure_groups import GroupSummary
from kzt_annotator.core.model import UNKNOWN_OUTLET

Articles = dict[int, tuple[str, str]]  # article id -> (outlet as views name it, title)
APART = " — "  # between the outlet and what tells its rows apart
DETAIL_WIDTH = 24  # characters of a title or quotation after the dash


def short(text: str, width: int = 26) -> str:
    """`text` cut to `width` characters, an ellipsis marking the cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def outlet_of(articles: Articles, article_id: int) -> str:
    return (articles.get(article_id) or ("", ""))[0] or UNKNOWN_OUTLET


def title_of(articles: Articles, article_id: int) -> str:
    return (articles.get(article_id) or ("", ""))[1] or ""


def report_labels(
    group: GroupSummary, reports: Sequence[Report], articles: Articles, width: int
) -> list[str]:
    """One label per report, in order: a family member's child key first ("security_forces · "),
    then the outlet cut to `width`, then what tells apart the reports that share that much."""

    def date(r: Report) -> str:
        day, _origin = report_date(r)
        return day.isoformat() if day else ""

    bases = [f"{child_key(group, r)}{short(outlet_of(articles, r.article_id), width)}" for r in reports]
    return _apart(
        bases,
        [
            [date(r) for r in reports],
            [short(title_of(articles, r.article_id), DETAIL_WIDTH) for r in reports],
            [short(f"“{r.text}”", DETAIL_WIDTH) if r.text else "" for r in reports],
            [r.annotator for r in reports],
        ],
    )


def article_labels(article_ids: Sequence[int], articles: Articles, width: int = 20) -> dict[int, str]:
    """A label per article: its outlet cut to `width`, with its title where outlets repeat."""
    bases = [short(outlet_of(articles, a), width) for a in article_ids]
    titles = [short(title_of(articles, a), DETAIL_WIDTH) for a in article_ids]
    return dict(zip(article_ids, _apart(bases, [titles]), strict=True))


def child_key(group: GroupSummary, report: Report) -> str:
    """'security_forces · ' for a report shown under its family header, else ''."""
    if not group.children:
        return ""
    child = group.owner(report)
    key = child.quantity if child is not None else report.quantity
    leaf = key[len(group.quantity) + 1 :] if key.startswith(group.quantity + ".") else key
    return f"{short(leaf, 14)} · "


def _apart(bases: list[str], details: list[list[str]]) -> list[str]:
    """`bases`, where several are equal each followed by the first of `details` (one text per row)
    that is given and different for every one of them, else numbered in order."""
    rows: dict[str, list[int]] = {}
    for i, base in enumerate(bases):
        rows.setdefault(base, []).append(i)
    out = list(bases)
    for base, same in rows.items():
        if len(same) < 2:
            continue
        for texts in details:
            chosen = [texts[i] for i in same]
            if all(chosen) and len(set(chosen)) == len(same):
                for i, text in zip(same, chosen, strict=True):
                    out[i] = f"{base}{APART}{text}"
                break
        else:
            for n, i in enumerate(same, 1):
                out[i] = f"{base} ({n})"
    return out
