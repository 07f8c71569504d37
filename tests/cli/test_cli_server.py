"""The warm CLI server (cli_client.py, cli_server.py): a later verb runs in a fork of a server
that has the database code imported, with this process's streams, place and environment, and
prints and exits exactly as a verb run on its own."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT

pytestmark = pytest.mark.skipif(not hasattr(socket, "send_fds"), reason="POSIX descriptor passing only")


class Cli:
    """Runs `python -m kzt_annotator.cli` with a private runtime dir and a trace of served/direct."""

    def __init__(self, tmp: Path, idle: str = "60") -> None:
        self.tmp = tmp
        # a short path: a socket's path has room for about 100 bytes, a test's tmp_path is longer
        self.runtime = Path(tempfile.mkdtemp(prefix="kzt", dir="/tmp"))
        self.trace = tmp / "trace.txt"
        self.env = {
            **os.environ,
            "XDG_RUNTIME_DIR": str(self.runtime),
            "KZT_ANNOTATOR_CLI_SERVER": idle,
            "KZT_ANNOTATOR_CLI_SERVER_TRACE": str(self.trace),
            "PYTHONPATH": str(ROOT),
        }

    def run(self, *args: str, cwd: Path | None = None, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "kzt_annotator.cli", *args],
            env=kwargs.pop("env", self.env),
            cwd=cwd or self.tmp,
            capture_output=True,
            text=True,
            timeout=120,
            **kwargs,
        )

    def start(self, *args: str, **kwargs) -> subprocess.Popen:
        """The verb started and left running (the caller waits), from the runtime's directory."""
        return subprocess.Popen(
            [sys.executable, "-m", "kzt_annotator.cli", *args], env=self.env, cwd=self.tmp, **kwargs
        )

    def ways(self) -> list[str]:
        return self.trace.read_text().split() if self.trace.exists() else []

    def sockets(self) -> list[Path]:
        return sorted((self.runtime / "kzt-annotator").glob("*.sock"))

    def wait_for_server(self) -> None:
        deadline = time.monotonic() + 60
        while not self.sockets():
            assert time.monotonic() < deadline, "no server started after a direct verb"
            time.sleep(0.05)

    def stop(self) -> None:
        for lock in (self.runtime / "kzt-annotator").glob("*.lock"):
            text = lock.read_text().strip()
            if text:
                try:
                    os.kill(int(text), signal.SIGTERM)
                except ProcessLookupError:
                    pass
        shutil.rmtree(self.runtime, ignore_errors=True)


@pytest.fixture
def cli(tmp_path: Path):
    runner = Cli(tmp_path)
    yield runner
    runner.stop()


@pytest.fixture
def project(cli: Cli) -> Path:
    done = cli.run(
        "--db", "project.sqlite", "import", str(CORPUS), env={**cli.env, "KZT_ANNOTATOR_CLI_SERVER": "off"}
    )
    assert done.returncode == 0, done.stderr
    return cli.tmp / "project.sqlite"


def test_a_later_verb_is_served_and_prints_exactly_what_a_direct_one_does(cli: Cli, project: Path) -> None:
    first = cli.run("--db", "project.sqlite", "articles")
    cli.wait_for_server()
    second = cli.run("--db", "project.sqlite", "articles")  # relative to the client's directory
    off = cli.run("--db", "project.sqlite", "articles", env={**cli.env, "KZT_ANNOTATOR_CLI_SERVER": "off"})
    assert cli.ways() == ["direct", "served"]
    assert first.returncode == second.returncode == off.returncode == 0
    assert second.stdout == first.stdout == off.stdout
    assert "Kazakhstan" in second.stdout
    assert second.stderr == ""


def test_bad_input_through_the_server_is_one_line_and_exit_1(cli: Cli, project: Path) -> None:
    cli.run("--db", "project.sqlite", "articles")
    cli.wait_for_server()
    served = cli.run("--db", "missing.sqlite", "articles")
    direct = cli.run("--db", "missing.sqlite", "articles", env={**cli.env, "KZT_ANNOTATOR_CLI_SERVER": "off"})
    assert cli.ways() == ["direct", "served"]
    assert served.returncode == direct.returncode == 1
    assert served.stderr == direct.stderr
    assert len(served.stderr.strip().splitlines()) == 1
    assert not (cli.tmp / "missing.sqlite").exists()


def test_the_verb_reads_the_clients_stdin_and_environment(cli: Cli, project: Path) -> None:
    cli.run("--db", "project.sqlite", "articles")
    cli.wait_for_server()
    rows = "article,kind,start,end\n1,claim,0,10\n1,claim,20,30\n"
    env = {**cli.env, "KZT_ANNOTATOR_USER": "aigerim"}
    added = cli.run("--db", "project.sqlite", "annotate", "--from-file", "/dev/stdin", input=rows, env=env)
    assert added.returncode == 0, added.stderr
    assert "2 annotation(s) added" in added.stdout
    listed = cli.run("--db", "project.sqlite", "annotations", "--format", "json")
    assert cli.ways() == ["direct", "served", "served"]
    assert sorted(a["annotator"] for a in json.loads(listed.stdout)) == ["aigerim", "aigerim"]


def test_verbs_at_the_same_time_each_get_their_own_answer(cli: Cli, project: Path) -> None:
    cli.run("--db", "project.sqlite", "articles")
    cli.wait_for_server()
    procs = [
        cli.start(
            "--db",
            "project.sqlite",
            "show",
            str(n),
            "--format",
            "json",
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for n in (1, 2, 3, 4)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0]
    assert [json.loads(out)["id"] for out, _err in outs] == [1, 2, 3, 4]
    assert cli.ways().count("served") == 4


def test_ctrl_c_interrupts_the_served_verb(cli: Cli, project: Path) -> None:
    cli.run("--db", "project.sqlite", "articles")
    cli.wait_for_server()
    client = cli.start(
        "--db",
        "project.sqlite",
        "annotate",
        "--from-file",
        "/dev/stdin",
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while "served" not in cli.ways():  # the verb is waiting for its input, in the server's fork
        assert time.monotonic() < deadline
        time.sleep(0.05)
    with client:
        client.send_signal(signal.SIGINT)
        assert client.wait(timeout=60) == 130  # its input still open: only the interrupt ends it
        assert "interrupted" in client.stderr.read()


def test_an_idle_server_ends_and_removes_its_socket(tmp_path: Path) -> None:
    cli = Cli(tmp_path, idle="1")
    try:
        cli.run("--db", "p.sqlite", "init")
        cli.wait_for_server()
        deadline = time.monotonic() + 30
        while cli.sockets():
            assert time.monotonic() < deadline, "the server outlived its idle time"
            time.sleep(0.1)
    finally:
        cli.stop()


def test_a_stale_socket_is_replaced_and_the_verb_still_runs(cli: Cli, project: Path) -> None:
    from kzt_annotator import cli_client

    env = cli.env
    path = subprocess.run(
        [sys.executable, "-c", "from kzt_annotator.cli_client import socket_path; print(socket_path())"],
        env=env,
        cwd=cli.tmp,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert cli_client.ENV_SWITCH in env
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(path)  # bound, never listening: what a killed server leaves
    dead.close()
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from kzt_annotator.cli import main; sys.exit(main(['--db', 'project.sqlite', 'articles']))",
        ],
        env=env,
        cwd=cli.tmp,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and "Kazakhstan" in done.stdout
    assert cli.ways() == ["direct"]
    deadline = time.monotonic() + 60
    while True:  # a new server took the path over
        probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            probe.connect(path)
            break
        except OSError:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        finally:
            probe.close()


def test_no_server_in_a_directory_others_may_enter_or_when_switched_off(tmp_path: Path) -> None:
    cli = Cli(tmp_path)
    try:
        private = cli.runtime / "kzt-annotator"
        private.mkdir(mode=0o700)
        private.chmod(0o777)
        assert cli.run("--db", "p.sqlite", "init").returncode == 0
        assert (
            cli.run(
                "--db", "p.sqlite", "articles", env={**cli.env, "KZT_ANNOTATOR_CLI_SERVER": "off"}
            ).returncode
            == 0
        )
        time.sleep(1.0)
        assert cli.sockets() == []
        assert cli.ways() == ["direct"]  # the switched-off verb is not even offered to a server
    finally:
        cli.stop()


def test_another_interpreter_path_is_another_server(monkeypatch: pytest.MonkeyPatch) -> None:
    from kzt_annotator import cli_client

    before = cli_client.fingerprint()
    monkeypatch.setattr(sys, "path", [*sys.path, "/elsewhere"])
    assert cli_client.fingerprint() != before


def test_an_installed_package_is_another_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kzt_annotator import cli_client

    site = tmp_path / "lib" / "site-packages"
    site.mkdir(parents=True)
    monkeypatch.setattr(sys, "path", [*sys.path, str(site)])
    before = cli_client.fingerprint()
    (site / "newpkg-1.0.dist-info").mkdir()  # what pip does when it installs or upgrades
    os.utime(site, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    assert cli_client.fingerprint() != before


def _buffered(env: dict[str, str]) -> dict[str, str]:
    """The environment with Python's usual buffered output (not PYTHONUNBUFFERED)."""
    return {k: v for k, v in env.items() if k != "PYTHONUNBUFFERED"}


def _run_into(cli: Cli, stdout: int, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kzt_annotator.cli", *args],
        env=env,
        cwd=cli.tmp,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
    )


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_output_to_a_full_disk_is_one_line_and_exit_1_served_or_not(cli: Cli, project: Path) -> None:
    env = _buffered(cli.env)
    cli.run("--db", "project.sqlite", "articles", env=env)
    cli.wait_for_server()
    fd = os.open("/dev/full", os.O_WRONLY)
    try:
        served = _run_into(cli, fd, "--db", "project.sqlite", "articles", env=env)
        direct = _run_into(
            cli, fd, "--db", "project.sqlite", "articles", env={**env, "KZT_ANNOTATOR_CLI_SERVER": "off"}
        )
    finally:
        os.close(fd)
    assert cli.ways() == ["direct", "served"]
    assert served.returncode == direct.returncode == 1  # the output is lost: never a success
    assert served.stderr == direct.stderr
    assert served.stderr.startswith(
        "kzt-annotator: error: the disk is full: could not write the standard output"
    )
    assert len(served.stderr.splitlines()) == 1


def test_a_reader_that_stopped_early_is_no_error_served_or_not(cli: Cli, project: Path) -> None:
    env = _buffered(cli.env)
    cli.run("--db", "project.sqlite", "articles", env=env)
    cli.wait_for_server()
    results = []
    for mode in ("60", "off"):
        read_end, write_end = os.pipe()
        os.close(read_end)  # what `| head -1` leaves once it has its line
        try:
            results.append(
                _run_into(
                    cli,
                    write_end,
                    "--db",
                    "project.sqlite",
                    "articles",
                    env={**env, "KZT_ANNOTATOR_CLI_SERVER": mode},
                )
            )
        finally:
            os.close(write_end)
    assert cli.ways() == ["direct", "served"]
    assert [r.returncode for r in results] == [0, 0]
    assert [r.stderr for r in results] == ["", ""]


def test_unbuffered_output_keeps_its_order_with_errors_when_served(cli: Cli, project: Path) -> None:
    env = {**cli.env, "PYTHONUNBUFFERED": "1"}  # as `python -u`: each line out as it is printed
    cli.run("--db", "project.sqlite", "articles", env=env)
    cli.wait_for_server()
    known = sorted(CORPUS.glob("*.txt"))[0]  # a duplicate (a line on stdout), then a failure (stderr)
    outputs = []
    for mode in ("60", "off"):
        target = cli.tmp / f"both-{mode}.txt"
        with target.open("w") as both:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "kzt_annotator.cli",
                    "--db",
                    "project.sqlite",
                    "import",
                    str(known),
                    "missing.txt",
                ],
                env={**env, "KZT_ANNOTATOR_CLI_SERVER": mode},
                cwd=cli.tmp,
                stdout=both,
                stderr=subprocess.STDOUT,
                timeout=120,
            )
        outputs.append(target.read_text())
    assert cli.ways() == ["direct", "served"]
    assert outputs[0].splitlines()[0].startswith("duplicate")
    assert outputs[0] == outputs[1]


def test_a_killed_client_ends_its_served_verb(cli: Cli, project: Path) -> None:
    cli.run("--db", "project.sqlite", "articles")
    cli.wait_for_server()
    read_end, write_end = os.pipe()
    client = cli.start(
        "--db",
        "project.sqlite",
        "annotate",
        "--from-file",
        "/dev/stdin",
        stdin=read_end,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(read_end)
    deadline = time.monotonic() + 30
    while "served" not in cli.ways():  # the verb waits for its input, in the server's fork
        assert time.monotonic() < deadline
        time.sleep(0.05)
    client.kill()  # as `timeout` or a closed terminal would: the verb must not go on without it
    client.wait(timeout=30)
    time.sleep(1.0)
    try:
        os.write(write_end, b"article,kind,start,end\n1,claim,0,10\n")
    except BrokenPipeError:
        pass  # nobody reads the input any more: the verb has ended
    finally:
        os.close(write_end)
    time.sleep(1.0)
    listed = cli.run("--db", "project.sqlite", "annotations", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == []  # the input sent after the kill was never taken


@pytest.mark.skipif(not os.path.isdir("/proc/self/cwd"), reason="needs /proc")
def test_the_server_keeps_no_directory_busy(cli: Cli, project: Path) -> None:
    cli.run("--db", "project.sqlite", "articles")
    cli.wait_for_server()
    server = _server_pid(cli)
    assert cli.run("--db", "project.sqlite", "articles").returncode == 0  # the server is set up
    assert os.readlink(f"/proc/{server}/cwd") == "/"  # not the first client's directory


def _server_pid(cli: Cli) -> int:
    lock = next((cli.runtime / "kzt-annotator").glob("*.lock"))
    deadline = time.monotonic() + 30
    while not lock.read_text().strip():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    return int(lock.read_text())


@pytest.mark.parametrize("ending", [signal.SIGTERM, signal.SIGHUP])
def test_a_server_ended_by_kill_removes_its_socket_and_lock(cli: Cli, project: Path, ending: int) -> None:
    cli.run("--db", "project.sqlite", "articles")
    cli.wait_for_server()
    server = _server_pid(cli)
    assert cli.run("--db", "project.sqlite", "articles").returncode == 0  # served: set up
    os.kill(server, ending)
    deadline = time.monotonic() + 30
    while list((cli.runtime / "kzt-annotator").iterdir()):
        assert time.monotonic() < deadline, "the socket or lock file was left behind"
        time.sleep(0.05)
    again = cli.run("--db", "project.sqlite", "articles")  # direct, and it starts a new server
    assert again.returncode == 0, again.stderr
    cli.wait_for_server()
    assert _server_pid(cli) != server
    assert cli.run("--db", "project.sqlite", "articles").returncode == 0
    assert cli.ways() == ["direct", "served", "direct", "served"]


def test_a_source_file_replaced_by_an_older_one_is_another_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """cp -p, rsync -a and tar keep a file's old time: the newest time alone would not change."""
    from kzt_annotator import cli_client

    package = tmp_path / "kzt_annotator"
    (package / "core").mkdir(parents=True)
    (package / "cli_client.py").write_text("# client\n")
    source = package / "core" / "errors.py"
    source.write_text("class KztError(Exception): ...\n")
    monkeypatch.setattr(cli_client, "__file__", str(package / "cli_client.py"))
    before = cli_client.fingerprint()
    old = source.stat().st_mtime_ns - 10**9
    source.write_text("class KztError(Exception): ...  # an older version\n")
    os.utime(source, ns=(old, old))
    assert cli_client.fingerprint() != before
