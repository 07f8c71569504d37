"""Preferences: annotator name, word snapping, cue highlighting, qualifier rules, backups, colours.

Stored in the typed settings file (see `kzt_annotator.settings`); the window applies them at once.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kzt_annotator.core.intervals import DEFAULT_RULES, rule_problem, rules_from_settings
from kzt_annotator.core.kinds import Qualifier
from kzt_annotator.settings import CUE_TYPES, Settings
from kzt_annotator.ui.colours import DEFAULT_KIND_RGB, KIND_RGB

RELATIVE = [q for q, rule in DEFAULT_RULES.items() if rule.relative]


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.settings = settings
        self.annotator = QLineEdit(settings.annotator)
        self.annotator.setAccessibleName("Annotator name")
        self.snap = QCheckBox("Snap selections to whole words")
        self.snap.setChecked(settings.snap_to_words)
        self.backups = QSpinBox()
        self.backups.setRange(1, 100)
        self.backups.setValue(settings.backup_keep)
        general = QFormLayout()
        general.addRow("Annotator name", self.annotator)
        general.addRow(self.snap)
        general.addRow("Backups kept per project", self.backups)

        cues_box = QGroupBox("Highlight cues")
        cues_layout = QVBoxLayout(cues_box)
        self.cues: dict[str, QCheckBox] = {}
        for kind in CUE_TYPES:
            box = QCheckBox(kind.capitalize())
            box.setChecked(settings.cues.get(kind, True))
            cues_layout.addWidget(box)
            self.cues[kind] = box

        rules_box = QGroupBox("Qualifier intervals (factors of the reported value)")
        grid = QGridLayout(rules_box)
        grid.addWidget(QLabel("low ×"), 0, 1)
        grid.addWidget(QLabel("high ×"), 0, 2)
        current = rules_from_settings(settings.qualifier_rules)
        self.rules: dict[Qualifier, tuple[QDoubleSpinBox, QDoubleSpinBox]] = {}
        for row, qualifier in enumerate(RELATIVE, start=1):
            low, high = QDoubleSpinBox(), QDoubleSpinBox()
            for spin, value in ((low, current[qualifier].low), (high, current[qualifier].high)):
                spin.setRange(0.0, 100.0)
                spin.setDecimals(2)
                spin.setSingleStep(0.05)
                spin.setValue(value if value is not None else 0.0)
            grid.addWidget(QLabel(qualifier.value), row, 0)
            grid.addWidget(low, row, 1)
            grid.addWidget(high, row, 2)
            self.rules[qualifier] = (low, high)

        colours_box = QGroupBox("Annotation colours (#rrggbb)")
        colours_layout = QFormLayout(colours_box)
        self.colours: dict[str, QLineEdit] = {}
        for kind in KIND_RGB:  # every kind of the schema (built-in and the project's)
            r, g, b = KIND_RGB[kind]
            edit = QLineEdit(settings.colours.get(kind, f"#{r:02x}{g:02x}{b:02x}"))
            colours_layout.addRow(str(kind), edit)
            self.colours[kind] = edit

        self.rules_error = QLabel()  # why OK was refused: which qualifier row is wrong
        self.rules_error.setWordWrap(True)
        self.rules_error.setStyleSheet("color: #B71C1C;")
        self.rules_error.hide()

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(general)
        layout.addWidget(cues_box)
        layout.addWidget(rules_box)
        layout.addWidget(self.rules_error)
        layout.addWidget(colours_box)
        layout.addWidget(buttons)

    def rules_problem(self) -> str | None:
        """The first qualifier row that cannot be used ("exact: the low factor 5 is above the high
        factor 1"), or None; focuses that row's low box."""
        for qualifier, (low, high) in self.rules.items():
            problem = rule_problem(qualifier.value, [low.value(), high.value()])
            if problem is not None:
                low.setFocus()
                low.selectAll()
                return problem
        return None

    def accept(self) -> None:
        """OK: refused, with the wrong row named under the intervals, while a row is wrong."""
        problem = self.rules_problem()
        if problem is not None:
            self.rules_error.setText(f"Row {problem}; make low × at most high ×.")
            self.rules_error.show()
            self.adjustSize()
            return
        self.rules_error.hide()
        super().accept()

    def result_settings(self) -> Settings:
        rules = {}
        for qualifier, (low, high) in self.rules.items():
            default = DEFAULT_RULES[qualifier]
            if (low.value(), high.value()) != (default.low, default.high):
                rules[qualifier.value] = [low.value(), high.value()]
        colours = {
            str(k): e.text().strip()
            for k, e in self.colours.items()
            if _is_hex(e.text().strip()) and e.text().strip().lower() != _hex(DEFAULT_KIND_RGB[k])
        }
        return replace(
            self.settings,
            annotator=self.annotator.text().strip(),
            snap_to_words=self.snap.isChecked(),
            backup_keep=self.backups.value(),
            cues={k: box.isChecked() for k, box in self.cues.items()},
            qualifier_rules=rules,
            colours=colours,
        )


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _is_hex(text: str) -> bool:
    return len(text) == 7 and text.startswith("#") and all(c in "0123456789abcdefABCDEF" for c in text[1:])
