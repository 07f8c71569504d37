"""Table models of the discrepancy panel: groups, the reports of one group, the claims matrix."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from kzt_annotator.core.attributes import format_number
from kzt_annotator.core.discrepancy import Relation, Report, report_date
from kzt_annotator.core.figure_groups import GroupSummary
from kzt_annotator.services.figures import ClaimsMatrix
from kzt_annotator.ui.table_model import ColumnsTableModel

Index = QModelIndex | QPersistentModelIndex
RELATION_COLOURS = {
    Relation.CONFLICTING: QColor(229, 57, 53, 70),
    Relation.COMPATIBLE: QColor(253, 216, 53, 70),
    Relation.EQUAL: QColor(67, 160, 71, 60),
}


def interval_text(report: Report) -> str:
    low, high = report.interval.as_list()
    left = "(" if report.interval.low_open else "["
    right = ")" if report.interval.high_open or high is None else "]"
    return f"{left}{format_number(low)}, {'∞' if high is None else format_number(high)}{right}"


def group_identity(group: GroupSummary | None) -> tuple | None:
    """A group's row across reloads: its quantity, variable value and headership (what keeps it
    selected, and what makes a reload's rows the same rows)."""
    return None if group is None else (group.quantity, group.variable_value, bool(group.children))


def group_row(groups: list[GroupSummary], identity: tuple | None) -> int:
    """The row of the group with this identity (see group_identity), else 0."""
    return next((i for i, g in enumerate(groups) if identity and group_identity(g) == identity), 0)


class GroupTableModel(ColumnsTableModel):
    columns = ("Quantity", "Relation", "Reports", "Outlets")

    def __init__(self) -> None:
        super().__init__()
        self.groups: list[GroupSummary] = []

    def set_groups(self, groups: list[GroupSummary]) -> None:
        """Show `groups`. When they are the rows already shown, in the same order (a tag changed
        a group's counts), only the rows holding a new summary object are repainted: a reset
        would redraw the whole table and its header and clear the view's current row."""
        old = self.groups
        if len(old) == len(groups) and all(
            group_identity(a) == group_identity(b) for a, b in zip(old, groups, strict=True)
        ):
            self.groups = groups
            changed = [row for row, (a, b) in enumerate(zip(old, groups, strict=True)) if a is not b]
            if changed:
                last = self.columnCount() - 1
                self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], last))
            return
        self.beginResetModel()
        self.groups = groups
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.groups)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        group = self.groups[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole:
            return None if group.children else QBrush(RELATION_COLOURS[group.relation])
        if role == Qt.ItemDataRole.ToolTipRole and group.children:
            return "Its children side by side; each keeps its own relation"
        if role == Qt.ItemDataRole.DisplayRole:  # only the column asked for: views ask cell by cell
            column = index.column()
            if column == 0:
                return group_label(group)
            if column == 1:
                n = len(group.children)
                return f"{n} group{'' if n == 1 else 's'}" if n else group.relation.label
            return group.count if column == 2 else group.outlets
        return None


def group_label(group: GroupSummary) -> str:
    """'deaths ▾' for a family header, '    security_forces' under it, with measure, date, value."""
    if group.children:
        return f"{group.quantity} ▾"
    quantity = group.quantity
    if group.family and group.quantity.startswith(group.family + "."):
        quantity = quantity[len(group.family) + 1 :]
    quantity = "    " * group.depth + quantity
    if group.measure:
        quantity += f" ({'%' if group.measure == 'percent' else group.measure})"
    quantity += f" @ {group.as_of.isoformat()}" if group.as_of else ""
    if group.variable_value is not None:
        quantity += f" · {group.variable_value or '(no value)'}"
    return quantity


PageLoader = Callable[[int], tuple[list[Report], int]]  # offset -> (reports, stored rows read)


@dataclass(frozen=True, slots=True)
class Page:
    """A page of a group's reports made ready to show (on any thread: no Qt inside)."""

    reports: list[Report]
    read: int  # stored rows read for it
    rows: list[tuple[str, ...]]  # each report's column texts (see report_row)
    conflicting: frozenset[str]  # ids of its reports that conflict with another outlet's


def prepare_page(group: GroupSummary | None, loaded: tuple[list[Report], int]) -> Page:
    """`loaded` (reports, rows read) with each row's texts and its conflicts worked out."""
    reports, read = loaded
    conflicting = frozenset(r.annotation_id for r in reports if group is not None and group.conflicts(r))
    return Page(reports, read, [report_row(group, r) for r in reports], conflicting)


class ReportTableModel(ColumnsTableModel):
    """The reports of one group, loaded a page at a time as the view scrolls (canFetchMore)."""

    columns = ("Outlet", "Value", "Qualifier", "Interval", "Source", "Date", "Annotator", "Text")

    def __init__(self) -> None:
        super().__init__()
        self.group: GroupSummary | None = None
        self.reports: list[Report] = []
        self.conflicting: set[str] = set()
        self._load: PageLoader | None = None
        self._rows: list[tuple[str, ...]] = []  # each report's column texts
        self._read = 0
        self._more = False

    def set_group(
        self,
        group: GroupSummary | None,
        load: PageLoader | None = None,
        first: Page | None = None,
    ) -> None:
        """Show `group`'s reports, read a page at a time through `load` (offset -> page); `first`:
        its first page when already read (off the GUI thread), else `load` reads it now."""
        self.beginResetModel()
        self.group, self._load = group, load
        self.reports, self.conflicting, self._read, self._rows = [], set(), 0, []
        self._more = group is not None and load is not None
        self._add(first if first is not None and self._more else self._next_page())
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008 - Qt override
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008 - Qt override
        if not self.canFetchMore(parent):
            return
        before = len(self.reports)
        page = self._next_page()
        if page.reports:
            self.beginInsertRows(QModelIndex(), before, before + len(page.reports) - 1)
            self._add(page)
            self.endInsertRows()

    def _next_page(self) -> Page:
        if not self._more or self._load is None:
            return Page([], 0, [], frozenset())
        return prepare_page(self.group, self._load(self._read))

    def _add(self, page: Page) -> None:
        self._read += page.read
        self._more = (
            page.read > 0
            and self.group is not None
            and len(self.reports) + len(page.reports) < self.group.count
        )
        self.reports.extend(page.reports)
        self._rows.extend(page.rows)
        self.conflicting.update(page.conflicting)

    @property
    def read(self) -> int:
        """Stored rows read so far: one page, or more once the view has asked for more."""
        return self._read

    def row_texts(self) -> tuple[tuple[str, ...], ...]:
        """Each row's column texts (see report_row)."""
        return tuple(self._rows)

    def column_texts(self, column: int, rows: int) -> list[str]:
        """The texts of `column` in the first `rows` rows (for sizing columns without asking
        data() cell by cell)."""
        return [row[column] for row in self._rows[:rows]]

    def row_count(self) -> int:
        return len(self.reports)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:  # asked most: for every cell as the view sizes columns
            return self._rows[index.row()][index.column()]
        r = self.reports[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole and r.annotation_id in self.conflicting:
            return QBrush(RELATION_COLOURS[Relation.CONFLICTING])
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"{r.title}\n“{r.text}”\nconflicts with another outlet"
                if r.annotation_id in self.conflicting
                else f"{r.title}\n“{r.text}”"
            )
        return None


def report_row(group: GroupSummary | None, r: Report) -> tuple[str, ...]:
    """The texts of a report's row, column by column (ReportTableModel.columns)."""
    return (
        child_prefix(group, r) + r.outlet,
        value_text(r),
        r.qualifier.value if r.qualifier else "",
        interval_text(r),
        r.figure_source or "",
        date_text(r),
        r.annotator,
        r.text,
    )


def child_prefix(group: GroupSummary | None, report: Report) -> str:
    """'security_forces · ' for a report listed under its family header, else ''."""
    if group is None or not group.children:
        return ""
    child = group.owner(report)
    key = child.quantity if child is not None else report.quantity
    return (key[len(group.quantity) + 1 :] if key.startswith(group.quantity + ".") else key) + " · "


def date_text(report: Report) -> str:
    """'2022-01-06' (the figure's as_of), '2022-01-07 (article)' (its article's date) or 'unknown'."""
    day, origin = report_date(report)
    if day is None:
        return "unknown"
    return day.isoformat() + (" (article)" if origin == "article" else "")


def value_text(report: Report) -> str:
    """The reported value, or the spread of a row that stands for several annotators' reports."""
    if report.value is None and report.spread is not None:
        low, high = report.spread
        return format_number(low) if low == high else f"{format_number(low)}–{format_number(high)}"
    return format_number(report.value)


class ClaimsMatrixModel(ColumnsTableModel):
    """Rows: claim keys; columns: articles; a cell: stance(s) and claimant(s)."""

    def __init__(self) -> None:
        super().__init__()
        self.matrix: ClaimsMatrix | None = None

    def set_matrix(self, matrix: ClaimsMatrix) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self.columns = tuple(label for _id, label in matrix.articles)
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.matrix.keys) if self.matrix else 0

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical and self.matrix:
            return self.matrix.keys[section]
        return super().headerData(section, orientation, role)

    def cell(self, index: Index):
        if self.matrix is None or not index.isValid():
            return None
        article_id = self.matrix.articles[index.column()][0]
        return self.matrix.cells.get((article_id, self.matrix.keys[index.row()]))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.matrix is None or not index.isValid():
            return None
        key = self.matrix.keys[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole and key in self.matrix.disputed_keys:
            return QBrush(RELATION_COLOURS[Relation.CONFLICTING])
        cell = self.cell(index)
        if role == Qt.ItemDataRole.DisplayRole and cell is not None:
            claimant = f" ({', '.join(cell.claimants)})" if cell.claimants else ""
            return "/".join(cell.stances) + claimant
        return None
