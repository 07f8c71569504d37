"""The editor's figure pre-fill reads numbers with the one number grammar (core.numbers)."""


def test_editor_prefill_reads_the_same_grammar():
    from kzt_annotator.ui.completions import figure_prefill

    assert figure_prefill("one hundred and twenty people") == {
        "qualifier": "exact",
        "value": "120",
        "unit": "people",
    }
    assert figure_prefill("1,5 Millionen", "de")["value"] == "1500000"
