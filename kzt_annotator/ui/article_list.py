"""Article list: a table model over compact ArticleLine rows, sortable and filterable through a proxy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from kzt_annotator.core.changes import Changes
from kzt_annotator.core.model import UNKNOWN_OUTLET, ArticleDetails, ArticleLine, ArticleLines, CodebookKind
from kzt_annotator.core.schema import BUILTIN, Schema
from kzt_annotator.ui.table_model import ColumnsTableModel
from kzt_annotator.ui.worker import LatestLoader

Index = QModelIndex | QPersistentModelIndex
FIXED_COLUMNS = ("Title", "Outlet", "Date")
# Count columns: one per kind of the schema (the built-in three keep their short titles), then Copies.
COUNT_TITLES = {"claim": "Claims", "attribution": "Attrib.", "figure": "Figures"}
COLUMNS = (*FIXED_COLUMNS, *COUNT_TITLES.values(), "Copies")
ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


_FIXED_SORT_KEYS = (
    lambda r: r.title.casefold(),
    lambda r: (r.outlet or "").casefold(),
    lambda r: r.published.isoformat() if r.published else "",
)
# syndicated copies together (by group), then the rest
_COPIES_SORT_KEY = lambda r: (r.syndication_group is None, r.syndication_group or 0, r.id)  # noqa: E731


# ids (None: every article) -> what the list shows of them; runs on a worker thread.
Lines = Callable[[list[int] | None], ArticleLines]
# an article id -> what its tooltip adds (one row read by its key, when the tooltip is asked for)
Details = Callable[[int], ArticleDetails | None]


class ArticleListModel(ColumnsTableModel):
    """One row per article; after the fixed columns, one column per document variable.

    Rows are ArticleLine tuples (only what the cells show: about 0.25 kB per article); the source
    file, length and memo a tooltip adds are read for that article when it is asked for.
    The Outlet column shows the outlet as the codebook names it, or "unknown outlet" (greyed),
    never the title. `on_changes` reloads only the rows of the articles a record touched (their
    counts, metadata), off the GUI thread; new or deleted articles, variables, outlets or kinds
    reload the list."""

    columns = COLUMNS
    reloaded = Signal()  # the whole list was replaced

    def __init__(
        self, schema: Schema = BUILTIN, lines: Lines | None = None, details: Details | None = None
    ) -> None:
        super().__init__()
        self._rows: list[ArticleLine] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._group_sizes: dict[int, int] = {}
        self._kinds: tuple[str, ...] = ()  # the count columns (the schema's kinds)
        self._read_kinds: tuple[str, ...] = ()  # the kinds the rows' counts follow
        self._count_at: dict[str, int] = {}
        self._outlets: dict[str | None, str] = {}  # stored spelling -> outlet as views name it
        self.variables: list[str] = []
        self._base: tuple[str, ...] = COLUMNS  # fixed, count and Copies columns; variables follow
        self.set_schema(schema)
        self.lines = lines
        self.details = details
        self.loader = LatestLoader(self)
        self._dirty: set[int] = set()
        self._full_pending = False

    # -- loading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload every row off the GUI thread."""
        if self.lines is None:
            return
        self._dirty.clear()
        self._full_pending = True
        lines = self.lines
        self.loader.load(lambda: lines(None), self._show_all)

    def on_changes(self, record: Changes) -> None:
        structural = (
            record.everything
            or record.articles_added
            or record.removed_articles
            or record.variables
            or record.schema
            or CodebookKind.OUTLET.value in record.codebook
        )
        if structural:
            self.refresh()
        elif record.articles:
            self._dirty |= record.articles
            self._load_dirty()

    def settle(self) -> None:
        self.loader.settle()

    def _load_dirty(self) -> None:
        if self._full_pending or not self._dirty or self.lines is None:
            return
        ids, lines = sorted(self._dirty), self.lines
        self.loader.load(lambda: lines(ids), lambda result: self._show_some(ids, result))

    def _show_all(self, result: ArticleLines) -> None:
        self._full_pending = False
        self.set_lines(result)
        self.reloaded.emit()
        self._load_dirty()

    def _show_some(self, ids: list[int], result: ArticleLines) -> None:
        self._dirty.difference_update(ids)
        if result.kinds != self._read_kinds or list(result.variables) != self.variables:
            self.refresh()  # read with other kinds or variables: their columns would not line up
            return
        self._outlets.update(result.outlets)
        self.update_rows(result.lines)

    def update_rows(self, rows: list[ArticleLine]) -> None:
        """Replace these articles' rows in place (only their cells repaint); append unknown ones."""
        where = {r.id: i for i, r in enumerate(self._rows)}
        for line in rows:
            index = where.get(line.id)
            if index is None:
                self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
                self._rows.append(line)
                self.endInsertRows()
            else:
                self._rows[index] = line
                self.dataChanged.emit(self.index(index, 0), self.index(index, len(self.columns) - 1))

    def set_schema(self, schema: Schema) -> None:
        """One count column per kind the project declares."""
        self.beginResetModel()
        self._kinds = tuple(str(k.name) for k in schema.kinds)
        counts = tuple(COUNT_TITLES.get(k.name, k.title) for k in schema.kinds)
        self._base = (*FIXED_COLUMNS, *counts, "Copies")
        self.columns = (*self._base, *self.variables)
        self._sort = None
        self.endResetModel()

    def _sort_key(self, column: int):  # noqa: ANN202
        if column == 1:
            return lambda r: self.outlet_shown(r).casefold()
        if column < len(FIXED_COLUMNS):
            return _FIXED_SORT_KEYS[column]
        if column == len(self._base) - 1:
            return _COPIES_SORT_KEY
        if column >= len(self._base):
            at = column - len(self._base)
            return lambda r: r.variables[at].casefold()
        at = self._count_at.get(self._kinds[column - len(FIXED_COLUMNS)])
        return (lambda r: 0) if at is None else (lambda r: r.counts[at])

    def row_count(self) -> int:
        return len(self._rows)

    def set_lines(self, result: ArticleLines) -> None:
        """Show these articles (replacing every row); their variables become the extra columns."""
        self.beginResetModel()
        self._rows = list(result.lines)
        self._group_sizes = {}
        for r in self._rows:
            if r.syndication_group is not None:
                self._group_sizes[r.syndication_group] = self._group_sizes.get(r.syndication_group, 0) + 1
        self._outlets = dict(result.outlets)
        self._read_kinds = tuple(result.kinds)
        self._count_at = {k: i for i, k in enumerate(self._read_kinds)}
        self.variables = list(result.variables)
        self.columns = (*self._base, *self.variables)
        if self._sort is not None and self._sort[0] < len(self.columns):
            self._rows.sort(
                key=self._sort_key(self._sort[0]), reverse=self._sort[1] == Qt.SortOrder.DescendingOrder
            )
        self.endResetModel()

    def outlet_shown(self, row: ArticleLine) -> str:
        return self._outlets.get(row.outlet) or row.outlet or UNKNOWN_OUTLET

    def count(self, row: ArticleLine, kind: str) -> int:
        """`row`'s annotations of `kind` (0 for a kind it was not read with)."""
        at = self._count_at.get(kind)
        return 0 if at is None else row.counts[at]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._rows.sort(key=self._sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

    def article_ids(self) -> list[int]:
        return [r.id for r in self._rows]

    def row_of(self, article_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == article_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == ARTICLE_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{row.title}\n{self.outlet_shown(row)}"
            found = self.details(row.id) if self.details is not None else None
            if found is not None:
                memo = f"\n{found.memo}" if found.memo else ""
                tip += f" · {found.source_file} · {found.chars} characters{memo}"
            if row.syndication_group is not None:
                tip += (
                    f"\nSyndicated: one of {self._group_sizes.get(row.syndication_group, 1)} copies of the "
                    f"same text (group {row.syndication_group}); sort by Copies to see them together"
                )
            return tip
        counts = range(len(FIXED_COLUMNS), len(FIXED_COLUMNS) + len(self._kinds))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in counts:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == 1 and not row.outlet:
            return QBrush(QColor("#808080"))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column >= len(self._base):
                return row.variables[column - len(self._base)]
            if column in counts:
                return self.count(row, self._kinds[column - len(FIXED_COLUMNS)])
            if column == len(self._base) - 1:
                return self._copies(row)
            values = (row.title, self.outlet_shown(row), row.published.isoformat() if row.published else "")
            return values[column]
        return None

    def line(self, article_id: int) -> ArticleLine | None:
        row = self.row_of(article_id)
        return self._rows[row] if row >= 0 else None

    def _copies(self, row: ArticleLine) -> str:
        """'group 1 · 3': the near-duplicate group and how many copies it has; '' for none."""
        if row.syndication_group is None:
            return ""
        return f"group {row.syndication_group} · {self._group_sizes.get(row.syndication_group, 1)}"


class ArticleFilterProxy(QSortFilterProxyModel):
    """Filters on title and outlet, case-insensitively. Sorting is done by the source model in one
    Python sort (a proxy sort asks data() twice per comparison: seconds for 10,000 articles)."""

    def __init__(self, schema: Schema = BUILTIN) -> None:
        super().__init__()
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)
