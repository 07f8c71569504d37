"""`claim-keys` proposes keys of similar claims; `tag-all` tags every occurrence of a phrase."""

import json
import re

from kzt_annotator.cli import main
from tests.conftest import CORPUS


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_claim_keys_and_tag_all(capsys, db_path):
    assert run(capsys, "import", "--db", db_path, CORPUS)[0] == 0
    phrase = "foreign-trained terrorists"
    code, out, _ = run(
        capsys,
        "tag-all",
        phrase,
        "--db",
        db_path,
        "--kind",
        "claim",
        "--attr",
        "claim_key=foreign_terrorists",
        "--annotator",
        "ann",
    )
    assert code == 0 and out.startswith("1 new claim(s)")
    code, out, _ = run(capsys, "tag-all", "Tokayev", "--db", db_path, "--kind", "claim", "--article", "1")
    assert code == 0
    created = int(out.split()[0])
    text = json.loads(run(capsys, "show", "1", "--db", db_path, "--format", "json")[1])["text"]
    assert created == len(re.findall(r"(?<!\w)Tokayev(?!\w)", text)) > 0  # whole words: not "Tokayevpolice"
    again = run(capsys, "tag-all", "Tokayev", "--db", db_path, "--kind", "claim", "--article", "1")[1]
    assert again.startswith("0 new")  # already tagged places are skipped
    code, out, _ = run(
        capsys,
        "claim-keys",
        "protests hijacked by terrorists trained abroad",
        "--db",
        db_path,
        "--format",
        "json",
    )
    assert code == 0 and json.loads(out)[0]["claim_key"] == "foreign_terrorists"
