"""What the discrepancy panel shows, kept to tell whether a full reload changed any of it.

A reload (the periodic check for other writers, a project or settings change, the window's
refresh) often reads exactly what is on screen. Showing it again resets both tables, refits
their columns, throws away the rows already paged in and redraws the chart: tens of ms on the
GUI thread for a project of 100,000 figures, and the user's scroll position and zoom lost for
nothing. So the panel takes a `Shown` snapshot on the GUI thread when it asks for a reload, the
read thread compares what it read with it (`Shown.same`), and the GUI thread keeps the screen as
it is when they are equal and nothing was shown meanwhile (`Shown.still`, identity checks only).

No Qt here: `same` runs on a read thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kzt_annotator.core.discrepancy import Report
from kzt_annotator.core.figure_groups import GroupSummary

Labels = dict[int, tuple[str, str]]  # article id -> (outlet as views name it, title)
Options = tuple[bool, bool]  # (accepted annotations only, a row per annotator) of the reports' reads


@dataclass(frozen=True, slots=True)
class Shown:
    """The panel's labels, groups, selected group and the reports page it shows, as objects (for
    identity checks on the GUI thread) and as copies (compared on the read thread)."""

    labels: Labels
    groups: list[Any]  # the group table's list (identity)
    group_copies: tuple[GroupSummary, ...]
    group: GroupSummary | None  # the selected group, whose reports the report table holds
    reports: list[Report]  # the report table's list (identity)
    report_copies: tuple[Report, ...]
    rows: tuple[tuple[str, ...], ...]  # the report table's texts
    conflicting: frozenset[str]
    read: int  # stored rows the report table has read: more than one page is never "the same"
    options: Options

    def same(self, labels: Labels, groups: list[GroupSummary], first: Any, options: Options) -> bool:
        """Whether a reload's result (its labels, groups and `first`: (group, every annotator,
        discrepancy_models.Page) or None) shows exactly this. Read thread: compares copies only."""
        if options != self.options or labels != self.labels or tuple(groups) != self.group_copies:
            return False
        if first is None:
            return self.group is None and not self.report_copies and self.read == 0
        group, _every, page = first
        return (
            group == self.group
            and page.read == self.read
            and tuple(page.reports) == self.report_copies
            and tuple(page.rows) == self.rows
            and page.conflicting == self.conflicting
        )

    def still(
        self,
        labels: Labels,
        groups: list[Any],
        group: GroupSummary | None,
        page_group: GroupSummary | None,
        reports: list[Report],
        read: int,
        options: Options,
    ) -> bool:
        """Whether the panel still shows the objects of this snapshot: its labels, group list,
        selected group (also the report table's), report list (no page added) and options. GUI
        thread: identity checks only."""
        return (
            labels is self.labels
            and groups is self.groups
            and group is self.group
            and page_group is self.group
            and reports is self.reports
            and len(reports) == len(self.report_copies)
            and read == self.read
            and options == self.options
        )
