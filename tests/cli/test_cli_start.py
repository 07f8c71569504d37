"""A CLI verb starts light (only its own module, no Qt, pandas or numpy, and the garbage collector
held while it starts); bulk tagging from a file in one process and one transaction; the search
verb."""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import sqlite3
import subprocess
import sys

import pytest

from kzt_annotator.cli import VERB_MODULES, VERBS, main
from kzt_annotator.store.backup import list_backups
from tests.conftest import CORPUS, ROOT, dump_database

HEAVY = (
    "PySide6",
    "pandas",
    "numpy",
    "alembic",
    "trafilatura",
    "pyqtgraph",
    "rapidfuzz",
    "lxml",
    "py3langid",
)
# What a read verb or a small export never needs: Alembic (the schema is at SCHEMA_HEAD), worker
# processes (one process does a small export), the readers of import and their libraries.
NOT_FOR_READING = (
    *HEAVY,
    "multiprocessing",
    "concurrent.futures.process",
    "kzt_annotator.services.importing",
    "kzt_annotator.services.annotation_import",
    "kzt_annotator.io.brat",
    "kzt_annotator.io.jsonld",
    "kzt_annotator.io.html_report",
)
# What listing the articles never needs beyond that: the repository's other parts import these
# where they are used (codebook, figures, search, variables, near-duplicates), the settings file
# is read only for an annotator's name, the default project place only without --db, the number
# grammar only to parse a typed number, and the JSON form only for --format json or csv.
NOT_FOR_LISTING = (
    *NOT_FOR_READING,
    "kzt_annotator.settings",
    "platformdirs",
    "kzt_annotator.core.numbers",
    "kzt_annotator.core.changes",
    "kzt_annotator.core.codebook",
    "kzt_annotator.core.codebook_commands",
    "kzt_annotator.core.discrepancy",
    "kzt_annotator.core.figure_edges",
    "kzt_annotator.core.figure_groups",
    "kzt_annotator.core.search_query",
    "kzt_annotator.core.syndication",
    "kzt_annotator.core.variables",
    "kzt_annotator.core.article_edits",
    "kzt_annotator.store.syndication_store",
    "kzt_annotator.io.jsonfmt",
)


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_every_verb_is_in_the_table_of_verb_modules():
    found = {}
    for name in VERB_MODULES:
        module = importlib.import_module(f"kzt_annotator.cli_verbs.{name}")
        sub = argparse.ArgumentParser().add_subparsers()
        common = argparse.ArgumentParser(add_help=False)
        module.register(sub, common, common) if module.register.__code__.co_argcount > 2 else module.register(
            sub, common
        )
        found.update(dict.fromkeys(sub.choices, name))
    assert found == VERBS, "add the new verb to VERBS in kzt_annotator/cli.py"


def _loaded_after(argv: list[str], names) -> tuple[str, str]:
    """Run the CLI with `argv` in a fresh interpreter: (which of `names` it imported, as the
    printed sorted list, and everything it printed)."""
    code = (
        "import sys; from kzt_annotator.cli import main; "
        f"code = main({argv!r}); "
        f"print(sorted(m for m in {names!r} if m in sys.modules)); sys.exit(code)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return done.stdout.strip().splitlines()[-1], done.stdout


@pytest.mark.parametrize(
    "verb", [["articles"], ["annotations"], ["search", "curfew"], ["export-csv", "{out}"], ["show", "1"]]
)
def test_a_read_verb_imports_nothing_it_does_not_use(db_path, capsys, tmp_path, verb):
    run(capsys, "import", "--db", db_path, CORPUS)
    argv = ["--db", str(db_path), *(word.format(out=tmp_path / "out.csv") for word in verb)]
    loaded, _out = _loaded_after(argv, NOT_FOR_READING)
    assert loaded == "[]"


def test_listing_articles_imports_only_what_the_list_needs(db_path, capsys):
    run(capsys, "import", "--db", db_path, CORPUS)
    loaded, out = _loaded_after(["--db", str(db_path), "articles"], NOT_FOR_LISTING)
    assert loaded == "[]"
    assert "Kazakhstan" in out  # it did list them


COLLECTOR_PROBE = """
import gc, sys
from kzt_annotator.cli import main
from kzt_annotator.cli_verbs import articles

opened = articles.open_repo

def watched(args):
    print("starting", gc.isenabled())
    repo = opened(args)
    print("open", gc.isenabled(), gc.get_freeze_count() > 0)
    return repo

articles.open_repo = watched
code = main({argv!r})
print("after", gc.isenabled(), gc.get_freeze_count() > 0)
sys.exit(code)
"""


def test_a_verb_holds_the_collector_only_while_it_starts(db_path, capsys):
    """In a fresh process the collector is off until the project is open, then back on with the
    start's objects frozen out of its walk; a verb that opens nothing turns it back on as it was."""
    run(capsys, "import", "--db", db_path, CORPUS)

    def probe(*argv: str) -> list[str]:
        code = COLLECTOR_PROBE.format(argv=list(argv))
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
        )
        return [line for line in done.stdout.splitlines() if line.split()[0] in {"starting", "open", "after"}]

    assert probe("--db", str(db_path), "articles") == ["starting False", "open True True", "after True True"]
    assert probe("--version") == ["after True False"]  # no project opened: nothing frozen


def test_a_verb_run_again_in_the_same_process_leaves_the_collector_alone(db_path, capsys):
    """A process that already has the database code (a test, a script calling main() again) is not
    touched: nothing is frozen there, so its garbage is collected as before."""
    run(capsys, "import", "--db", db_path, CORPUS)
    frozen = gc.get_freeze_count()
    code, out, _ = run(capsys, "articles", "--db", db_path)
    assert code == 0 and "Kazakhstan" in out
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_a_read_verb_takes_no_backup_and_the_next_write_does(db_path, capsys, tmp_path):
    run(capsys, "import", "--db", db_path, CORPUS)
    before = list_backups(db_path)
    for verb in (["articles"], ["annotations"], ["search", "curfew"], ["export-csv", tmp_path / "x.csv"]):
        code, _, err = run(capsys, *verb, "--db", db_path)
        assert (code, err) == (0, "")
    assert list_backups(db_path) == before  # a read copies nothing
    code, _, err = run(capsys, "set-meta", "1", "--outlet", "Reuters", "--db", db_path)
    assert (code, err) == (0, "")
    taken = [b for b in list_backups(db_path) if b not in before]
    assert [b.reason for b in taken] == ["on-open"]  # the project changed since its newest backup
    with sqlite3.connect(taken[0].path) as copy:
        assert copy.execute("select count(*) from articles where outlet = 'Reuters'").fetchone()[0] == 0


def test_annotate_from_a_csv_and_a_jsonl_file(capsys, db_path, tmp_path):
    run(capsys, "import", "--db", db_path, CORPUS)
    rows = tmp_path / "tags.csv"
    rows.write_text(
        "article,kind,start,end,quantity,value,qualifier,note\n"
        "1,figure,0,5,Death toll,12,exact,checked\n"
        "2,claim,0,10,,,,\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "annotate", "--db", db_path, "--annotator", "script", "--from-file", rows)
    assert (code, err) == (0, "") and out.strip() == "2 annotation(s) added from tags.csv"
    lines = tmp_path / "tags.jsonl"
    lines.write_text(
        json.dumps(
            {"article": 1, "kind": "figure", "start": 6, "end": 10, "attributes": {"quantity": "death toll"}}
        )
        + "\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "annotate", "--db", db_path, "--from-file", lines, "--format", "json")
    [added] = json.loads(out)
    assert (
        code == 0 and added["attributes"]["quantity"] == "death_toll"
    )  # in key form, as the editor stores it
    code, out, _ = run(capsys, "annotations", "--db", db_path, "--annotator", "script", "--format", "json")
    assert sorted((a["kind"], a["start"], a["note"]) for a in json.loads(out)) == [
        ("claim", 0, ""),
        ("figure", 0, "checked"),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "article,kind,start,end\n1,figure,0,5\n1,figure,0,999999\n",
            "tags.csv row 3: span 0-999999 is outside",
        ),
        (
            "article,kind,start,end\n1,opinion,0,5\n",
            "tags.csv row 2: unknown kind 'opinion'; the kinds are: claim",
        ),
        ("article,kind,start\n1,figure,0\n", "the first row must name the columns"),
        ("article,kind,start,end\n1,figure,zero,5\n", "start 'zero' is not a whole number"),
    ],
)
def test_a_bad_row_writes_nothing_and_says_which(capsys, db_path, tmp_path, content, message):
    run(capsys, "import", "--db", db_path, CORPUS)
    before = dump_database(db_path)
    rows = tmp_path / "tags.csv"
    rows.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "annotate", "--db", db_path, "--from-file", rows)
    assert code == 1 and len(err.strip().splitlines()) == 1 and message in err
    assert dump_database(db_path) == before


def test_annotate_without_a_span_or_a_file_says_what_it_needs(capsys, db_path):
    code, _, err = run(capsys, "annotate", "--db", db_path, "1", "--kind", "claim")
    assert code == 1 and "annotate needs --start, --end (or --from-file FILE" in err


def test_search_verb(capsys, db_path):
    run(capsys, "import", "--db", db_path, CORPUS)
    code, out, _ = run(capsys, "search", "--db", db_path, '"state of emergency"', "--format", "json")
    found = json.loads(out)
    assert code == 0 and found["articles"] == 2
    assert {h["match"] for h in found["hits"]} == {"state of emergency"}
    code, _, err = run(capsys, "search", "--db", db_path, "troops", "AND")
    assert code == 1 and "ends with an operator" in err


def test_annotate_from_a_file_takes_a_kind_the_project_defines(capsys, db_path, tmp_path):
    run(capsys, "import", "--db", db_path, CORPUS)
    code, _, err = run(
        capsys,
        "schema",
        "add-kind",
        "frame",
        "--field",
        "frame_type:category=economic,security",
        "--db",
        db_path,
    )
    assert code == 0, err
    rows = tmp_path / "frames.csv"
    rows.write_text("article,kind,start,end,frame_type\n1,frame,0,5,security\n", encoding="utf-8")
    code, out, err = run(capsys, "annotate", "--db", db_path, "--from-file", rows, "--format", "json")
    [added] = json.loads(out)
    assert (code, added["kind"], added["attributes"]["frame_type"]) == (0, "frame", "security")
    rows.write_text("article,kind,start,end,frame_type\n1,frame,0,5,cultural\n", encoding="utf-8")
    code, _, err = run(capsys, "annotate", "--db", db_path, "--from-file", rows)
    assert code == 1 and err.startswith("kzt-annotator: error: frames.csv row 2: ") and "cultural" in err
