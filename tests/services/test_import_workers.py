"""A large import parses in worker processes (from a fork server) and stores exactly what parsing
in the calling process gives: metadata, inferred marks, boilerplate, duplicates, failures."""

from __future__ import annotations

import os
import shutil

import pytest

from kzt_annotator.services.importing import PARALLEL_FROM, import_paths, parse_one
from tests.conftest import CORPUS

DATED = "ALMATY, January 6, 2022 (Reuters) - Security forces fired on protesters in the square, {n} said."


def _folder(tmp_path, count):
    folder = tmp_path / "many"
    folder.mkdir()
    for source in sorted(CORPUS.glob("*.txt")):
        shutil.copy(source, folder / source.name)
    for n in range(count):
        body = " ".join(f"Officials reported {n * 7 + k} arrests in the capital overnight." for k in range(6))
        (folder / f"a{n:04d}.txt").write_text(
            f"Headline number {n} about the unrest\n\n{DATED.format(n=n)}\n\n{body}\n"
        )
    (folder / "again.txt").write_text((folder / "a0001.txt").read_text())  # a duplicate
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")  # a failure
    return folder


def test_parallel_import_stores_what_serial_parsing_gives(repo, tmp_path):
    folder = _folder(tmp_path, PARALLEL_FROM)
    report = import_paths(repo, [folder])
    assert len(report.imported) == PARALLEL_FROM + 5
    assert [d.path.rsplit("/", 1)[-1] for d in report.duplicates] == ["again.txt"]
    assert [(f.path.rsplit("/", 1)[-1], f.reason) for f in report.failed] == [
        ("broken.txt", "this is a PNG image, not a text article")
    ]
    stored = {a.source_file: repo.article(a.id) for a in report.imported}  # read back
    for path in sorted(folder.glob("*.txt")):
        if path.name in ("again.txt", "broken.txt"):
            continue
        (expected,) = parse_one(path)
        got = stored[path.name]
        assert (got.title, got.outlet, got.author, got.published, got.language) == (
            expected.title,
            expected.outlet,
            expected.author,
            expected.published,
            expected.language,
        ), path.name
        assert tuple(got.inferred) == expected.inferred
        assert tuple(got.boilerplate) == expected.boilerplate
    dated = stored["a0003.txt"]
    assert (str(dated.published), dated.outlet, dated.language) == ("2022-01-06", "Reuters", "en")
    assert {"published", "outlet", "language"} <= set(dated.inferred)


def test_workers_follow_the_callers_settings(repo, tmp_path, monkeypatch):
    """Settings the caller has when the import starts reach the workers (a fork server started
    earlier does not hold the old ones)."""
    folder = _folder(tmp_path, PARALLEL_FROM)
    import_paths(repo, [folder / "a0000.txt"])  # nothing parallel yet
    big = folder / "big.txt"
    big.write_text("Headline of a long article\n\n" + "word " * 400_000)
    monkeypatch.setenv("KZT_ANNOTATOR_MAX_FILE_MB", "1")
    report = import_paths(repo, [folder])
    reasons = {f.path.rsplit("/", 1)[-1]: f.reason for f in report.failed}
    assert reasons["big.txt"].startswith("the file is 1.9 MB, over the 1 MB limit")
    assert not report.cancelled


def test_the_fork_server_loads_no_database_code():
    """What the fork server preloads (readers, language model) starts without SQLAlchemy."""
    import subprocess
    import sys

    code = (
        "import sys, kzt_annotator.services.import_preload; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'PySide6')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_files_to_import_are_counted_without_database_code():
    """The command line counts an import's files and starts its workers before it loads the
    database code: neither module imports SQLAlchemy."""
    import subprocess
    import sys

    code = (
        "import sys, kzt_annotator.services.import_files, kzt_annotator.services.import_workers; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'PySide6')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


FORK_SERVER_RUNNING = """
import os, sys
seen = []
def running():
    for pid in filter(str.isdigit, os.listdir('/proc')):
        try:
            status = open(f'/proc/{pid}/status').read()
            cmd = open(f'/proc/{pid}/cmdline', 'rb').read()
        except OSError:
            continue
        if f'\\nPPid:\\t{os.getpid()}\\n' in status and b'forkserver' in cmd:
            return True
    return False
def hook(event, args):
    if event == 'import' and args[0] == 'sqlalchemy' and not seen:
        seen.append(running())
sys.addaudithook(hook)
from kzt_annotator.cli import main
code = main(['--db', sys.argv[1], 'import', sys.argv[2]])
print(seen, code)
"""


def test_a_large_import_on_the_command_line_starts_its_workers_before_opening_the_project(tmp_path):
    """`kzt-annotator import` of PARALLEL_FROM files or more: the fork server (readers, language
    model: about 1 s) is already starting when the database code loads, so the two overlap."""
    import os
    import subprocess
    import sys

    import pytest

    if not os.path.isdir("/proc") or (os.cpu_count() or 1) < 2:
        pytest.skip("needs /proc and two cores")
    folder = _folder(tmp_path, PARALLEL_FROM)
    done = subprocess.run(
        [sys.executable, "-c", FORK_SERVER_RUNNING, str(tmp_path / "p.sqlite"), str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.stdout.strip().splitlines()[-1] == "[True] 1", done.stdout + done.stderr  # 1: broken.txt
    small = tmp_path / "small"
    small.mkdir()
    shutil.copy(CORPUS / "000_229618b758cbb87a.txt", small)
    done = subprocess.run(
        [sys.executable, "-c", FORK_SERVER_RUNNING, str(tmp_path / "q.sqlite"), str(small)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.stdout.strip().splitlines()[-1] == "[False] 0", done.stdout + done.stderr  # no workers


DYING_SERVER = """
import multiprocessing, sys
from pathlib import Path
multiprocessing.set_executable(sys.argv[1])  # the fork server: starts, then dies
from kzt_annotator.services.import_workers import PARALLEL_FROM, parse_all
files = sorted(Path(sys.argv[2]).glob("*.txt"))
assert len(files) >= PARALLEL_FROM
print(sum(isinstance(found, list) for _path, found in parse_all(files)), len(files))
"""


@pytest.mark.skipif(os.name != "posix", reason="the fork server is POSIX only")
def test_a_fork_server_that_dies_at_start_leaves_the_files_to_this_process(tmp_path):
    """A worker server that starts and then dies (as a frozen app without freeze_support did:
    the connection to it ended with EOFError, which the import reported as an unexpected error)
    leaves the parsing to the importing process: every file is still read."""
    import subprocess
    import sys

    dying = tmp_path / "dying.sh"
    dying.write_text("#!/bin/sh\nsleep 1\nexit 2\n")
    dying.chmod(0o755)
    folder = _folder(tmp_path, PARALLEL_FROM)
    done = subprocess.run(
        [sys.executable, "-c", DYING_SERVER, str(dying), str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    parsed, files = map(int, done.stdout.split())
    assert parsed == files - 1  # all but the one broken file
