"""The cross-source discrepancy panel: figures grouped by quantity, a chart, and the claims matrix."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kzt_annotator.core.changes import Changes
from kzt_annotator.core.codebook import Codebook
from kzt_annotator.core.discrepancy import Report
from kzt_annotator.core.figure_groups import GroupSummary, group_order
from kzt_annotator.core.group_tree import ParentOf
from kzt_annotator.core.intervals import rules_from_settings
from kzt_annotator.services.figures import (
    ClaimsMatrix,
    claims_matrix,
    discrepancy_labels,
    figure_groups,
    group_keys,
    group_page,
    quantity_tree,
    shared_reads,
    with_headers,
)
from kzt_annotator.services.labels import figure_articles
from kzt_annotator.services.memo import Memo
from kzt_annotator.services.project import Project
from kzt_annotator.ui.column_fit import fit_columns
from kzt_annotator.ui.discrepancy_chart import DiscrepancyChart
from kzt_annotator.ui.discrepancy_models import (
    ClaimsMatrixModel,
    GroupTableModel,
    Page,
    ReportTableModel,
    group_identity,
    group_row,
    prepare_page,
)
from kzt_annotator.ui.discrepancy_shown import Shown
from kzt_annotator.ui.status_line import StatusLine
from kzt_annotator.ui.worker import LatestLoader

# (group, every_annotator, (reports, rows read)): a group's first page, read on the worker thread
FirstPage = tuple[GroupSummary, bool, Page] | None
# (labels, groups, first page, what was shown when asked, whether the result shows just that)
Everything = tuple[dict, list[GroupSummary], FirstPage, Shown | None, bool]


def _table(name: str) -> QTableView:
    view = QTableView()
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setResizeContentsPrecision(40)  # size columns by the first rows only
    view.setAccessibleName(name)
    return view


class DiscrepancyPanel(QWidget):
    jumpRequested = Signal(int, int, int, str)  # noqa: N815 - article id, start, end, annotation id

    def __init__(self, repo: Project, qualifier_rules: dict | None = None) -> None:
        super().__init__()
        self.repo = repo
        self._labels: dict[int, tuple[str, str]] = {}  # of the articles with figures only
        self._unlabelled: set[int] = set()  # articles given their first figure since the labels
        self.rules = rules_from_settings(qualifier_rules)
        self.by_date = QCheckBox("Group by date (as of)")
        self.by_variable = QComboBox()
        self.by_variable.setAccessibleName("Group by a document variable")
        self.by_variable.addItem("No variable grouping", None)
        self.by_variable.currentIndexChanged.connect(lambda _i: self.refresh())
        self.adjudicated = QCheckBox("Accepted annotations only")
        self.every_annotator = QCheckBox("A row per annotator")
        self.every_annotator.setToolTip(
            "By default each article is one row per quantity, with its annotators' spread"
        )
        self.summary = StatusLine()  # changes with the figures: it must not lay out the window
        for box in (self.by_date, self.adjudicated, self.every_annotator):
            box.toggled.connect(self.refresh)
        self.loader = LatestLoader(self)  # the groups (everything, or the quantities an edit touched)
        self.claims_loader = LatestLoader(self)
        self._dirty_quantities: set[str] = set()
        self._full_pending = False
        self._first: FirstPage = None  # a group's first page read with the groups, until shown
        self._page_options: tuple[bool, bool] = (False, False)  # (adjudicated, every) of the reports
        self.unchanged_reloads = 0  # full reloads that found what was shown and kept it (tests)
        # what full reloads worked out last, reused while the rows read are the same (services.memo)
        self.memos = {"groups": Memo(), "page": Memo(), "prepared": Memo()}
        self.groups = GroupTableModel()
        self.reports = ReportTableModel()
        self.group_view = _table("Quantities")
        self.group_view.setModel(self.groups)
        self.report_view = _table("Reports of the selected quantity")
        self.report_view.setModel(self.reports)
        self.chart = DiscrepancyChart()
        self.group_view.selectionModel().currentRowChanged.connect(self._on_group)
        self.report_view.activated.connect(self._on_report)
        self.report_view.clicked.connect(self._on_report)

        figures = QWidget()
        top = QHBoxLayout()
        top.addWidget(self.by_date)
        top.addWidget(self.by_variable)
        top.addWidget(self.adjudicated)
        top.addWidget(self.every_annotator)
        top.addStretch(1)
        tables = QSplitter(Qt.Orientation.Vertical)
        tables.addWidget(self.group_view)
        tables.addWidget(self.report_view)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(tables)
        split.addWidget(self.chart)
        split.setSizes([560, 440])
        layout = QVBoxLayout(figures)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)  # the tables and the chart take the height, not the summary line

        self.claims = ClaimsMatrixModel()
        self.claims_view = QTableView()
        self.claims_view.setModel(self.claims)
        self.claims_view.setAccessibleName("Claims by outlet")
        self.claims_view.clicked.connect(self._on_claim)
        self.claims_view.activated.connect(self._on_claim)

        self.tabs = QTabWidget()
        self.tabs.addTab(figures, "Figures")
        self.tabs.addTab(self.claims_view, "Claims")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(2, 2, 2, 2)
        outer.addWidget(self.tabs)

    # -- loading ------------------------------------------------------------------------------
    def _options(self) -> tuple:
        """The widgets' choices, read on the GUI thread for a load on a worker."""
        return (
            self.repo,
            self.by_date.isChecked(),
            self.adjudicated.isChecked(),
            self.rules,
            self.by_variable.currentData(),
        )

    def refresh(self) -> None:
        """Reload everything (the project, the options or the rules changed): off the GUI thread,
        the first page of the group that will be selected included, and the claims matrix beside
        it on another read thread. A result equal to what is shown leaves the screen as it is
        (see discrepancy_shown)."""
        self._dirty_quantities.clear()
        self._unlabelled.clear()
        self._full_pending = True
        repo, by_date, adjudicated, rules, variable = self._options()
        chosen, every = group_identity(self.current_group()), self.every_annotator.isChecked()
        shown = self._shown()
        memos = self.memos

        def work() -> Everything:
            entries, sources = shared_reads(repo)  # read once for all three
            labels = discrepancy_labels(repo, Codebook(entries), sources, figure_articles(repo))
            groups = figure_groups(
                repo,
                by_date=by_date,
                adjudicated_only=adjudicated,
                rules=rules,
                by_variable=variable,
                memo=memos["groups"],
                codebook=entries,
                sources=sources,
            )
            group = groups[group_row(groups, chosen)] if groups else None
            first = None
            if group is not None:
                page = group_page(
                    repo,
                    group,
                    labels,
                    adjudicated_only=adjudicated,
                    rules=rules,
                    every_annotator=every,
                    memo=None if group.children else memos["page"],
                    codebook=entries,
                )
                prepared = memos["prepared"].get((group, page), lambda: prepare_page(group, page))
                first = (group, every, prepared)
            same = shown is not None and shown.same(labels, groups, first, (adjudicated, every))
            return labels, groups, first, shown, same

        self.loader.load(work, self._show_everything)
        self._load_claims()

    def on_changes(self, record: Changes) -> None:
        """Update what `record` touches: the groups of the quantities it names, the claims matrix.
        Settings, outlets, articles, variables and the codebook label or split everything."""
        if record.everything or record.touches("settings", "articles", "codebook", "variables"):
            self.refresh()
            return
        if record.touches("figures"):
            raw = _quantities(record)
            if raw is None:
                self.refresh()
                return
            if raw:  # a figure without a quantity is in no group: nothing here changed
                self._dirty_quantities |= raw
                self._unlabelled |= {a.article_id for a in record.saved if a.article_id not in self._labels}
                self._load_quantities()
        if record.touches("claims", "attributions", "relations"):
            self._load_claims()

    def _load_claims(self) -> None:
        repo, adjudicated = self.repo, self.adjudicated.isChecked()
        self.claims_loader.load(lambda: claims_matrix(repo, adjudicated_only=adjudicated), self._show_claims)

    def _load_quantities(self) -> None:
        if self._full_pending:  # a full reload is on its way: it includes these
            return
        raw, unlabelled = frozenset(self._dirty_quantities), frozenset(self._unlabelled)
        repo, by_date, adjudicated, rules, variable = self._options()

        def work() -> tuple[frozenset[str], list[GroupSummary], ParentOf, dict[int, tuple[str, str]]]:
            groups = figure_groups(
                repo,
                by_date=by_date,
                adjudicated_only=adjudicated,
                rules=rules,
                by_variable=variable,
                quantities=raw,
            )
            labels = discrepancy_labels(repo, ids=unlabelled) if unlabelled else {}
            return group_keys(repo, raw), groups, quantity_tree(repo), labels

        self.loader.load(work, lambda result: self._show_quantities(raw, unlabelled, *result))

    def settle(self) -> None:
        """Apply every pending load now (tests, benchmarks)."""
        self.loader.settle()
        self.claims_loader.settle()

    def _shown(self) -> Shown | None:
        """What the panel shows now, to compare a full reload's result with (GUI thread)."""
        group, model = self.current_group(), self.reports
        if model.group is not group:  # between a selection and its reports: compare nothing
            return None
        return Shown(
            self._labels,
            self.groups.groups,
            tuple(self.groups.groups),
            group,
            model.reports,
            tuple(model.reports),
            model.row_texts(),
            frozenset(model.conflicting),
            model.read,
            self._page_options,
        )

    def _show_everything(self, result: Everything) -> None:
        self._full_pending = False
        labels, groups, first, shown, same = result
        model = self.reports
        if (
            same
            and shown is not None
            and shown.still(
                self._labels,
                self.groups.groups,
                self.current_group(),
                model.group,
                model.reports,
                model.read,
                self._page_options,
            )
        ):
            self.unchanged_reloads += 1  # the same on screen: keep it, its scroll and zoom
        else:
            self._labels, self._first = labels, first
            self._show_groups(groups)
            self._first = None
        if self._dirty_quantities:  # changed while the full load ran
            self._load_quantities()

    def _show_quantities(self, raw: frozenset[str], unlabelled: frozenset[int], *result: Any) -> None:
        keys, groups, tree, labels = result
        self._dirty_quantities -= raw
        self._unlabelled -= unlabelled
        if labels:  # a new object: what was shown before compares as changed (discrepancy_shown)
            self._labels = {**self._labels, **labels}
        kept = [g for g in self.groups.groups if g.quantity not in keys and not g.children]
        # families (a parent's children side by side under its header) made afresh
        self._show_groups(with_headers(sorted(kept + groups, key=group_order), tree), keys)

    def _show_claims(self, claims: ClaimsMatrix) -> None:
        self.claims.set_matrix(claims)

    def _show_groups(self, groups: list[GroupSummary], changed: frozenset[str] | None = None) -> None:
        """Show `groups`; keep the selected group; reload its reports if its quantity is among
        `changed` (None: everything changed)."""
        selected = self.current_group()
        self.groups.set_groups(groups)
        counted = [g for g in groups if not g.children]  # a family's header is no group of its own
        conflicts = sum(1 for g in counted if g.relation.label == "conflicting")
        noun = "quantity" if len(counted) == 1 else "quantities"
        self.summary.setText(f"{len(counted)} {noun}, {conflicts} with conflicting reports")
        if changed is None:
            self.group_view.resizeColumnsToContents()
        row = group_row(groups, group_identity(selected))
        if groups:
            before = self.group_view.currentIndex().row()
            reload = (
                changed is None
                or selected is None
                or selected.quantity in changed
                or any(c.quantity in changed for c in selected.children)  # a header's members
            )
            self.group_view.blockSignals(not reload)
            self.group_view.selectionModel().blockSignals(not reload)
            try:
                self.group_view.setCurrentIndex(self.groups.index(row, 0))
            finally:
                self.group_view.blockSignals(False)
                self.group_view.selectionModel().blockSignals(False)
            if reload and before == row:  # the same row again sends no signal: reload it
                self._on_group(self.group_view.currentIndex(), QModelIndex(), resize=changed is None)
            elif not reload:
                self.reports.group = self.groups.groups[row]  # same reports, fresh summary
        else:
            self.reports.set_group(None)
            self.chart.show_group(None, [], {})

    def set_variables(self, names: list[str]) -> None:
        """The document variables offered for grouping (keeps the choice while it still exists)."""
        current = self.by_variable.currentData()
        self.by_variable.blockSignals(True)
        try:
            self.by_variable.clear()
            self.by_variable.addItem("No variable grouping", None)
            for name in names:
                self.by_variable.addItem(f"Split by {name}", name)
            self.by_variable.setCurrentIndex(max(self.by_variable.findData(current), 0) if current else 0)
        finally:
            self.by_variable.blockSignals(False)

    def current_group(self):
        row = self.group_view.currentIndex().row()
        return self.groups.groups[row] if 0 <= row < len(self.groups.groups) else None

    def _on_group(self, current: QModelIndex, _previous: QModelIndex, resize: bool = True) -> None:
        group = self.groups.groups[current.row()] if current.isValid() else None
        adjudicated = self.adjudicated.isChecked()
        every = self.every_annotator.isChecked()

        def load(offset: int) -> tuple[list[Report], int]:
            assert group is not None
            return group_page(
                self.repo,
                group,
                self._labels,
                adjudicated_only=adjudicated,
                rules=self.rules,
                offset=offset,
                every_annotator=every,
            )

        first = self._first
        page = first[2] if first is not None and first[0] is group and first[1] == every else None
        self._page_options = (adjudicated, every)
        self.reports.set_group(group, load if group is not None else None, page)
        self.chart.show_group(group, self.reports.reports, self._labels)
        if resize:  # a refresh of the same group keeps the widths
            fit_columns(self.report_view, self.reports)

    def _on_report(self, index: QModelIndex) -> None:
        report = self.reports.reports[index.row()]
        self.jumpRequested.emit(report.article_id, report.start, report.end, report.annotation_id)

    def _on_claim(self, index: QModelIndex) -> None:
        cell = self.claims.cell(index)
        if cell is not None:
            self.jumpRequested.emit(cell.article_id, cell.start, cell.end, cell.annotation_ids[0])


def _quantities(record: Changes) -> set[str] | None:
    """The quantity values (as stored) of the figures `record` touched, before and after; None
    when it does not say."""
    touched = record.saved + record.before
    if (record.annotations | record.removed_annotations) - {a.id for a in touched}:
        return None
    return {getattr(a.attributes, "quantity", None) or "" for a in touched if str(a.kind) == "figure"} - {""}
