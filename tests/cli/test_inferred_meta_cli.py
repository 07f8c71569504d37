"""`show --format json` lists the metadata inferred from the text; `set-meta` makes a field typed."""

import json

from kzt_annotator.cli import main
from tests.conftest import CORPUS


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_inferred_fields_are_shown_and_editing_clears_the_mark(capsys, db_path):
    source = next(CORPUS.glob("004_*.txt"))
    assert run(capsys, "import", "--db", db_path, source)[0] == 0
    code, out, _ = run(capsys, "show", "1", "--db", db_path, "--format", "json")
    article = json.loads(out)
    assert code == 0 and article["outlet"] == "Security Management" and article["language"] == "en"
    assert {"title", "outlet", "language"} <= set(article["inferred"])
    assert "published" not in article["inferred"] and article["published"] is None
    assert run(capsys, "set-meta", "1", "--db", db_path, "--outlet", "Security Management Magazine")[0] == 0
    article = json.loads(run(capsys, "show", "1", "--db", db_path, "--format", "json")[1])
    assert article["outlet"] == "Security Management Magazine"
    assert "outlet" not in article["inferred"] and "language" in article["inferred"]
