from kzt_annotator.core.intervals import Interval, interval_for
from kzt_annotator.core.kinds import Qualifier
from kzt_annotator.settings import load_settings
from kzt_annotator.ui.preferences import PreferencesDialog


def test_preferences_are_stored_and_applied(qtbot, make_window, corpus_repo):
    window = make_window(corpus_repo)
    dialog = PreferencesDialog(window.settings)
    qtbot.addWidget(dialog)
    dialog.annotator.setText("dana")
    dialog.snap.setChecked(False)
    dialog.cues["quote"].setChecked(False)
    low, high = dialog.rules[Qualifier.UP_TO]
    low.setValue(0.0)
    dialog.backups.setValue(4)
    dialog.colours[next(iter(dialog.colours))].setText("#112233")
    window.apply_settings(dialog.result_settings())
    stored = load_settings()
    assert (stored.annotator, stored.snap_to_words, stored.backup_keep) == ("dana", False, 4)
    assert stored.cues["quote"] is False and stored.qualifier_rules == {"up_to": [0.0, 1.0]}
    assert window.workspace.annotator == "dana" and window.workspace.snap is False
    assert "quote" not in window.reader.highlighter.enabled_cues
    assert interval_for(15000, Qualifier.UP_TO, rules=window.discrepancy_panel.rules) == Interval(0, 15000)
    assert stored.colours == {"claim": "#112233"}


def test_saving_preferences_keeps_the_sessions_annotator_unless_the_name_changed(
    qtbot, make_window, corpus_repo
):
    from kzt_annotator.settings import Settings

    window = make_window(corpus_repo, annotator="alice", settings=Settings(annotator="bob"))
    assert window.workspace.annotator == "alice"  # as started ($KZT_ANNOTATOR_USER, --annotator)
    dialog = PreferencesDialog(window.settings)
    qtbot.addWidget(dialog)
    dialog.snap.setChecked(False)
    window.apply_settings(dialog.result_settings())
    assert window.workspace.annotator == "alice" and window.workspace.snap is False
    dialog = PreferencesDialog(window.settings)
    qtbot.addWidget(dialog)
    dialog.annotator.setText("carol")
    window.apply_settings(dialog.result_settings())
    assert window.workspace.annotator == "carol"


def test_ok_is_refused_while_a_low_factor_is_above_the_high_one(qtbot, make_window, corpus_repo):
    window = make_window(corpus_repo)
    dialog = PreferencesDialog(window.settings)
    qtbot.addWidget(dialog)
    dialog.show()
    low, high = dialog.rules[Qualifier.EXACT]
    low.setValue(5.0)
    dialog.accept()
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    assert dialog.rules_error.isVisible()
    assert "exact: the low factor 5 is above the high factor 1" in dialog.rules_error.text()
    assert low.hasFocus() or not dialog.isActiveWindow()
    low.setValue(1.0)
    dialog.accept()
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Accepted
    assert dialog.result_settings().qualifier_rules == {}
