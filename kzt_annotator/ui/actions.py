"""Menus, toolbar and keyboard shortcuts of the main window, declared in one table."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QToolBar

from kzt_annotator.core.schema import Schema
from kzt_annotator.services.project import schema as project_schema
from kzt_annotator.settings import CUE_TYPES

if TYPE_CHECKING:
    from kzt_annotator.ui.main_window import MainWindow

READER_ONLY = Qt.ShortcutContext.WidgetWithChildrenShortcut


def _action(
    window: MainWindow,
    text: str,
    slot,
    shortcut: str | QKeySequence.StandardKey | None = None,
    *,
    reader_only: bool = False,
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    if reader_only:
        # Plain keys (1, 2, 3, Delete, ]) must not fire while typing in the attribute editor.
        action.setShortcutContext(READER_ONLY)
        window.reader.addAction(action)
        window.annotation_view.addAction(action)
    else:
        window.addAction(action)
    return action


def _exchange():  # noqa: ANN202 - the module
    """The export and annotation-import handlers, loaded when first used: start-up stays light."""
    from kzt_annotator.ui import exchange_actions

    return exchange_actions


def _qda():  # noqa: ANN202 - the module
    """The REFI-QDA and report handlers, loaded when first used (they bring lxml and more)."""
    from kzt_annotator.ui import qda_actions

    return qda_actions


def build_actions(window: MainWindow) -> dict[str, QAction]:
    ws = window.workspace
    a: dict[str, QAction] = {}
    a["import"] = _action(window, "&Import articles…", window.import_files, "Ctrl+I")
    a["import_folder"] = _action(window, "Import a &folder…", window.import_folder, "Ctrl+Shift+I")
    a["samples"] = _action(window, "Import the &sample articles", window.import_samples)
    a["import_web"] = _action(window, "Import from the &web (pages or a feed)…", window.import_web)
    a["new_project"] = _action(window, "&New project…", window.new_project, "Ctrl+N")
    a["open_project"] = _action(window, "&Open project…", window.open_project, "Ctrl+O")
    a["quit"] = _action(window, "&Quit", window.close, "Ctrl+Q")
    for fmt, label in (
        ("csv", "CSV…"),
        ("jsonld", "W3C Web Annotation (JSON-LD)…"),
        ("brat", "brat standoff…"),
        ("bundle", "Bundle (articles + annotations)…"),
        ("html", "HTML report of this article…"),
    ):
        a[f"export_{fmt}"] = _action(
            window,
            label,
            lambda f=fmt: _exchange().export(window, f),
            "Ctrl+E" if fmt == "csv" else None,
        )
    a["export_qdpx"] = _action(window, "REFI-QDA project (.qdpx)…", lambda: _qda().export_project(window))
    a["export_report"] = _action(
        window, "Project report (HTML)…", lambda: _qda().export_project_report(window)
    )
    a["import_qdpx"] = _action(
        window, "Import a REFI-QDA project (.qdpx)…", lambda: _qda().import_project(window)
    )
    a["code_stats"] = _action(
        window, "Code &frequencies and co-occurrence…", lambda: _qda().open_code_stats(window)
    )
    a["restore"] = _action(window, "Restore from &backup…", window.restore_from_backup)
    a["replace_text"] = _action(
        window, "Replace article text with a revised version…", window.replace_article_text
    )
    a["orphans"] = _action(window, "&Orphaned annotations…", window.show_orphans)
    a["import_annotations"] = _action(window, "Import &annotations…", lambda: _exchange().import_file(window))
    a["undo"] = ws.undo_stack.createUndoAction(window, "&Undo")
    a["undo"].setShortcut(QKeySequence("Ctrl+Z"))
    a["redo"] = ws.undo_stack.createRedoAction(window, "&Redo")
    a["redo"].setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    window.addAction(a["undo"])
    window.addAction(a["redo"])
    tag_actions = kind_actions(window, project_schema(window.repo))
    a.update(tag_actions)
    a["edit"] = _action(window, "&Edit annotation", ws.edit_selected, "Return", reader_only=True)
    a["delete"] = _action(window, "&Delete annotation", ws.delete_selected, "Delete", reader_only=True)
    a["next_ann"] = _action(window, "Next annotation", lambda: ws.step_annotation(1), "]", reader_only=True)
    a["prev_ann"] = _action(
        window, "Previous annotation", lambda: ws.step_annotation(-1), "[", reader_only=True
    )
    a["next_article"] = _action(window, "Next article", lambda: window.step_article(1), "Alt+Down")
    a["prev_article"] = _action(window, "Previous article", lambda: window.step_article(-1), "Alt+Up")
    a["focus_reader"] = _action(window, "Go to the article text", window.reader.setFocus, "F6")
    a["focus_list"] = _action(window, "Go to the article list", window.article_view.setFocus, "Ctrl+L")
    a["search"] = _action(window, "Search the &corpus…", window.open_search, "Ctrl+Shift+F")
    a["metadata"] = _action(window, "Article &metadata…", window.open_metadata_editor, "Ctrl+M")
    a["delete_article"] = _action(window, "Delete selected a&rticles…", window.delete_selected_articles)
    a["annotator"] = _action(window, "Switch &annotator…", window.switch_annotator)
    a["preferences"] = _action(window, "&Preferences…", window.open_preferences, "Ctrl+,")
    a["compare"] = _action(window, "&Compare annotators on this article…", window.open_compare)
    a["agreement"] = _action(window, "Agreement &report…", window.open_agreement)
    a["curate"] = _action(window, "C&urate this article…", window.open_curation, "Ctrl+Shift+U")
    a["finish"] = _action(window, "Mark this article &finished", window.finish_article, "Ctrl+Shift+D")
    a["dashboard"] = _action(window, "Team &dashboard…", window.open_dashboard)
    a["review_queue"] = _action(
        window,
        "Go to the review &queue",
        lambda: (window.review_dock.raise_(), window.review_panel.view.setFocus()),
        "Ctrl+R",
    )
    a["shortcuts"] = _action(window, "&Keyboard shortcuts", lambda: show_shortcuts(window), "F1")

    menu = window.menuBar().addMenu("&File")
    for name in ("new_project", "open_project"):
        menu.addAction(a[name])
    window.recent_menu = menu.addMenu("Open &recent")
    menu.addSeparator()
    for name in ("import", "import_folder", "import_web", "samples", "import_annotations", "import_qdpx"):
        menu.addAction(a[name])
    export_menu = menu.addMenu("&Export")
    for fmt in ("csv", "jsonld", "brat", "bundle", "html", "qdpx", "report"):
        export_menu.addAction(a[f"export_{fmt}"])
    menu.addSeparator()
    menu.addAction(a["replace_text"])
    menu.addAction(a["orphans"])
    menu.addAction(a["restore"])
    menu.addSeparator()
    menu.addAction(a["quit"])
    menu = window.menuBar().addMenu("&Edit")
    window.edit_menu = menu
    for name in (
        "undo",
        "redo",
        None,
        *tag_actions,
        "edit",
        "delete",
        None,
        "metadata",
        "delete_article",
        None,
        "search",
        "annotator",
        "preferences",
    ):
        menu.addSeparator() if name is None else menu.addAction(a[name])
    menu = window.menuBar().addMenu("&View")
    for name in ("next_article", "prev_article", "next_ann", "prev_ann", "focus_reader", "focus_list"):
        menu.addAction(a[name])
    menu.addSeparator()
    cues = menu.addMenu("&Highlight cues")
    for kind in CUE_TYPES:
        toggle = QAction(kind.capitalize(), window, checkable=True)
        toggle.setChecked(window.settings.cues.get(kind, True))
        toggle.toggled.connect(lambda on, k=kind: window.set_cue(k, on))
        cues.addAction(toggle)
        a[f"cue_{kind}"] = toggle
    by_annotator = QAction("Colour by &annotator", window, checkable=True)
    by_annotator.setChecked(window.settings.colour_by == "annotator")
    by_annotator.toggled.connect(lambda on: window.set_colour_by("annotator" if on else "kind"))
    menu.addAction(by_annotator)
    a["colour_by_annotator"] = by_annotator
    suggestions = QAction("Show &suggestions", window, checkable=True)
    suggestions.setChecked(True)
    suggestions.toggled.connect(window.workspace.set_show_suggestions)
    menu.addAction(suggestions)
    a["suggestions"] = suggestions
    window.view_menu = menu
    menu.addSeparator()
    menu.addAction(window.articles_dock.toggleViewAction())
    menu.addAction(window.annotations_dock.toggleViewAction())
    menu.addAction(window.discrepancy_dock.toggleViewAction())
    menu.addAction(window.review_dock.toggleViewAction())
    menu.addAction(window.codebook_dock.toggleViewAction())
    menu = window.menuBar().addMenu("&Review")
    for name in ("review_queue", "compare", "agreement", "code_stats", None, "finish", "curate", "dashboard"):
        if name is None:
            menu.addSeparator()
            continue
        menu.addAction(a[name])
    menu = window.menuBar().addMenu("&Help")
    menu.addAction(a["shortcuts"])

    toolbar = window.addToolBar("Tagging")
    window.tag_toolbar = toolbar
    window.kind_actions = dict(tag_actions)
    toolbar.setObjectName("toolbar_tagging")
    for name in (*tag_actions, "delete"):
        toolbar.addAction(a[name])
    for name in ("undo", "redo"):
        ToolbarTwin(toolbar, a[name], STABLE_NAMES[name])
    window.reader.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    window.reader.insertActions(None, [*tag_actions.values(), a["delete"]])
    window.article_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    window.article_view.insertActions(None, [a["metadata"], a["delete_article"]])
    window.article_view.doubleClicked.connect(lambda _index: window.open_metadata_editor())
    rebuild_recent_menu(window)
    return a


def kind_actions(window: MainWindow, schema: Schema) -> dict[str, QAction]:
    """One "Tag as ..." action per kind of the schema, with the kind's hotkey.

    Named by the kind for the built-in three ("claim", "attribution", "figure"), "tag_NAME" for
    a project's kinds (so a kind can never take the name of another action)."""
    actions: dict[str, QAction] = {}
    for spec in schema.kinds:
        key = spec.name if spec.builtin else f"tag_{spec.name}"
        actions[str(key)] = _action(
            window,
            f"Tag as &{spec.title.lower()}",
            lambda k=spec.name: window.tag(k),
            spec.hotkey or None,
            reader_only=True,
        )
    return actions


def sync_kind_actions(window: MainWindow) -> None:
    """After a schema change or a project switch: a tag action for every kind of the project's
    schema (menu, toolbar, reader context menu), none for kinds it does not have."""
    schema = project_schema(window.repo)
    wanted = {str(s.name if s.builtin else f"tag_{s.name}") for s in schema.kinds}
    for key in [k for k in window.kind_actions if k not in wanted]:
        action = window.kind_actions.pop(key)
        window.actions_by_name.pop(key, None)
        for widget in (window.reader, window.annotation_view, window.edit_menu, window.tag_toolbar):
            widget.removeAction(action)
        action.deleteLater()
    missing = Schema(
        tuple(
            s
            for s in schema.kinds
            if str(s.name if s.builtin else f"tag_{s.name}") not in window.kind_actions
        )
    )
    added = kind_actions(window, missing)
    if not added:
        return
    delete = window.actions_by_name["delete"]
    for key, action in added.items():
        window.kind_actions[key] = action
        window.actions_by_name[key] = action
        window.edit_menu.insertAction(window.actions_by_name["edit"], action)
        window.tag_toolbar.insertAction(delete, action)
        window.reader.insertAction(delete, action)


class ToolbarTwin(QAction):
    """A toolbar button for `action` (an undo stack's Undo or Redo) whose label never changes.

    The stack renames its actions at every change ("Undo Tag figure “12 people”"); on a toolbar
    that resized the button, so the toolbar and then the whole window were laid out again after
    every tag, and the buttons beside it moved. The twin triggers `action`, follows its enabled
    state, and shows its changing text only in the button's tooltip (a tooltip does not touch the
    layout; changing the twin action itself would, as a button takes its action's every change).
    Constructing it puts it on `toolbar`; it and its connection go with the toolbar."""

    def __init__(self, toolbar: QToolBar, action: QAction, label: str) -> None:
        super().__init__(label, toolbar)
        self.action = action
        self.triggered.connect(action.trigger)
        toolbar.addAction(self)
        self.button = toolbar.widgetForAction(self)
        action.changed.connect(self.follow)  # a bound slot: dropped when the twin is deleted
        self.follow()

    def follow(self) -> None:
        if not (shiboken6.isValid(self.action) and shiboken6.isValid(self)):
            return  # the window is closing: the stack clears itself as its actions go
        self.setEnabled(self.action.isEnabled())  # no change signal when the state is the same
        self.button.setToolTip(self.action.text().replace("&", ""))


def rebuild_recent_menu(window: MainWindow) -> None:
    window.recent_menu.clear()
    for name in window.settings.recent_projects:
        action = window.recent_menu.addAction(name)
        action.triggered.connect(lambda _checked=False, n=name: window.switch_project(n, create=False))
    window.recent_menu.setEnabled(bool(window.settings.recent_projects))


# Names the shortcut list gives actions whose menu text changes ("Undo Reject figure by …")
# or reads only inside its menu ("CSV…" under File → Export).
STABLE_NAMES = {"undo": "Undo", "redo": "Redo", "export_csv": "Export annotations as CSV…"}


def _keys(action: QAction) -> str:
    return ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())


def shortcut_rows(window: MainWindow) -> list[tuple[str, str]]:
    """(keys, what they do) for the F1 list: the window's actions by stable names, then the
    review queue's single keys (A, R, C, J, K, active while the queue has the focus)."""
    rows = []
    for name, action in window.actions_by_name.items():
        keys = _keys(action)
        if keys:
            rows.append((keys, STABLE_NAMES.get(name) or action.text().replace("&", "")))
    for action in window.review_panel.view.actions():
        keys = _keys(action)
        if keys:
            what = action.text().replace("&", "").removesuffix(f" ({keys})")
            rows.append((keys, f"Review queue: {what[:1].lower()}{what[1:]}"))
    return rows


def show_shortcuts(window: MainWindow) -> None:
    rows = "".join(f"<tr><td><b>{k}</b></td><td>{t}</td></tr>" for k, t in shortcut_rows(window))
    QMessageBox.information(
        window,
        "Keyboard shortcuts",
        f"<table cellspacing='6'>{rows}</table><p>Select text with Shift+arrows.</p>",
    )
