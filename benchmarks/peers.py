"""Side by side with a peer: Taguette (PyPI) doing the same import, tagging and export as we do.

    .venv/bin/python benchmarks/peers.py [--articles 500] [--highlights 2000] [--json OUT]
                                         [--taguette PATH-TO-AN-INSTALLED-taguette]

Installs Taguette into a temporary virtual environment with pip, runs its server on 127.0.0.1 and
drives its HTTP API (the calls its web page makes): one upload per article, one request per
highlight, its all-highlights CSV export. Taguette gets each text as simple HTML (one <p> per
paragraph: it converts plain text only through Calibre, which is not installed here); we import the
plain-text files. Ours: the CLI (`import`, `annotate --from-file`,
`export-csv`), each one process, start-up included. Memory: the peak RSS of Taguette's server
after the export, and of our window with that project open. If Taguette cannot be installed here,
this says so and exits 0.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import common  # noqa: E402
from benchmarks.corpus import write_corpus  # noqa: E402


def arg(name: str, default: int) -> int:
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def install_taguette(work: Path) -> Path | None:
    venv = work / "taguette-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    done = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--quiet", "taguette"], capture_output=True, text=True
    )
    if done.returncode != 0:
        print("Taguette could not be installed here (pip said:)\n" + done.stderr[-2000:])
        return None
    return venv / "bin" / "taguette"


class Client:
    """urllib with cookies and Tornado's XSRF header."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def xsrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "_xsrf"), "")

    def get(self, path: str) -> tuple[str, bytes]:
        with self.opener.open(self.base + path) as response:
            return response.geturl(), response.read()

    def post(self, path: str, data: bytes, content_type: str) -> tuple[str, bytes]:
        request = urllib.request.Request(
            self.base + path,
            data=data,
            headers={"Content-Type": content_type, "X-XSRFToken": self.xsrf()},
            method="POST",
        )
        try:
            with self.opener.open(request) as response:
                return response.geturl(), response.read()
        except urllib.error.HTTPError as exc:
            raise RuntimeError(f"Taguette refused POST {path}: {exc.code} {exc.read()[:300]!r}") from None

    def post_form(self, path: str, fields: dict[str, str]) -> tuple[str, bytes]:
        fields = {"_xsrf": self.xsrf(), **fields}
        return self.post(path, urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded")

    def post_json(self, path: str, obj: object) -> dict:
        return json.loads(self.post(path, json.dumps(obj).encode(), "application/json")[1] or b"{}")

    def post_file(self, path: str, fields: dict[str, str], name: str, body: bytes) -> dict:
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items()
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: text/plain\r\n\r\n".encode()
            + body
            + b"\r\n"
        )
        data = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return json.loads(self.post(path, data, f"multipart/form-data; boundary={boundary}")[1])


def _csv_rows(text: str) -> int:
    import csv
    import io

    return sum(1 for _ in csv.reader(io.StringIO(text))) - 1


def _as_html(text: str) -> bytes:
    """The same text as one <p> per paragraph (what Taguette takes without Calibre)."""
    import html

    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    return f"<html><body>{paragraphs}</body></html>".encode()


def peak_rss_mb(pid: int) -> float:
    line = next(x for x in Path(f"/proc/{pid}/status").read_text().splitlines() if x.startswith("VmHWM"))
    return int(line.split()[1]) / 1024


def run_taguette(exe: Path, work: Path, files: list[Path], spans: list[tuple[int, int, int]]) -> dict:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # The server logs a line per request: to a file, never a pipe nobody reads once the token is
    # found (a full pipe buffer blocks the server after a couple of hundred uploads).
    log = work / "taguette.log"
    with log.open("w") as sink:
        server = subprocess.Popen(
            [
                str(exe),
                "--no-browser",
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--database",
                str(work / "t.sqlite3"),
            ],
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        token_url = ""
        deadline = time.time() + 120
        while time.time() < deadline and not token_url:
            found = re.search(r"(http://localhost:\d+/\?token=\w+)", log.read_text(errors="replace"))
            token_url = found.group(1) if found else ""
            time.sleep(0.05)
        if not token_url:
            raise RuntimeError(f"Taguette did not print its login address within 120 s (see {log})")
        base = f"http://127.0.0.1:{port}"
        client = Client(base)
        client.get(token_url.replace(f"http://localhost:{port}", ""))  # log in (single-user token)
        client.get("/project/new")  # sets the _xsrf cookie
        url, _ = client.post_form("/project/new", {"name": "bench", "description": ""})
        project = int(re.search(r"/project/(\d+)", url).group(1))
        start = time.perf_counter()
        documents = []
        for path in files:
            documents.append(
                client.post_file(
                    f"/api/project/{project}/document/new",
                    {"name": path.stem, "description": ""},
                    path.stem + ".html",  # Taguette converts plain text only through Calibre
                    _as_html(path.read_text(encoding="utf-8")),
                )["created"]
            )
        imported = time.perf_counter() - start
        tag = client.post_json(f"/api/project/{project}/tag/new", {"path": "figure", "description": ""})["id"]
        start = time.perf_counter()
        for index, a, b in spans:
            client.post_json(
                f"/api/project/{project}/document/{documents[index]}/highlight/new",
                {"start_offset": a, "end_offset": b, "tags": [tag]},
            )
        tagged = time.perf_counter() - start
        start = time.perf_counter()
        _, csv_bytes = client.get(f"/project/{project}/export/highlights/.csv")
        exported = time.perf_counter() - start
        rows = _csv_rows(csv_bytes.decode("utf-8-sig", "replace"))
        return {
            "import_s": imported,
            "tag_s": tagged,
            "export_s": exported,
            "export_rows": rows,
            "rss_mb": peak_rss_mb(server.pid),
        }
    finally:
        server.terminate()
        server.wait(30)


def run_ours(work: Path, folder: Path, files: list[Path], spans: list[tuple[int, int, int]]) -> dict:
    """Import, tag and export through the CLI as a user's shell runs it: the first verb starts
    the warm CLI server (its own, stopped at the end) and the later verbs are served by it."""
    base = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        KZT_ANNOTATOR_CONFIG_DIR=str(work / "cfg"),
        KZT_ANNOTATOR_USER="bench",
    )
    with common.cli_server(base) as env:
        return _ours(env, work, folder, files, spans)


def _ours(
    env: dict[str, str], work: Path, folder: Path, files: list[Path], spans: list[tuple[int, int, int]]
) -> dict:
    db = work / "ours.sqlite"

    def cli(*args: str) -> float:
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "kzt_annotator.cli", "--db", str(db), *args],
            env=env,
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        return time.perf_counter() - start

    imported = cli("import", str(folder))
    rows = work / "spans.csv"
    ids = {p.stem: i + 1 for i, p in enumerate(sorted(files))}  # import order: sorted file names
    with rows.open("w", encoding="utf-8") as handle:
        handle.write("article,kind,start,end,quantity\n")
        for index, a, b in spans:
            handle.write(f"{ids[files[index].stem]},figure,{a},{b},figure\n")
    tagged = cli("annotate", "--from-file", str(rows))
    out = work / "ours.csv"
    exported = cli("export-csv", str(out))
    code = (
        "from kzt_annotator.ui.app import build_window; a, s = build_window(%r); "
        "a.processEvents(); w = s.finish(); a.processEvents(); w.flush_refresh(); "
        "print([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0]); w.close()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code % str(db)], env=env, check=True, capture_output=True, text=True, cwd=ROOT
    )
    return {
        "import_s": imported,
        "tag_s": tagged,
        "export_s": exported,
        "export_rows": _csv_rows(out.read_text(encoding="utf-8-sig")),
        "rss_mb": int(done.stdout.strip().splitlines()[-1]) / 1024,
    }


def main() -> int:
    articles, highlights = arg("--articles", 500), arg("--highlights", 2000)
    out = Path(sys.argv[sys.argv.index("--json") + 1]) if "--json" in sys.argv else None
    work = Path(tempfile.mkdtemp(prefix="kzt-peers-"))
    given = sys.argv[sys.argv.index("--taguette") + 1] if "--taguette" in sys.argv else None
    exe = Path(given) if given else install_taguette(work)
    if exe is None:
        return 0
    folder = work / "corpus"
    files = sorted(write_corpus(folder, articles, mean_chars=3000))
    rng = random.Random(7)
    spans = []
    for i in range(highlights):
        index = i % articles
        a = rng.randrange(0, 600)
        spans.append((index, a, a + rng.randrange(5, 40)))
    theirs = run_taguette(exe, work, files, spans)
    ours = run_ours(work, folder, files, spans)
    version = subprocess.run(
        [str(exe.parent / "python"), "-c", "import importlib.metadata as m; print(m.version('taguette'))"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    lines = [
        ("import", f"{articles} articles", "import_s", "s"),
        ("tag", f"{highlights} spans", "tag_s", "s"),
        ("CSV export", f"{highlights} rows", "export_s", "s"),
        ("memory", "peak RSS", "rss_mb", "MB"),
    ]
    print(
        f"\nTaguette {version} vs kzt-annotator, same {articles} articles and {highlights} spans, 127.0.0.1"
    )
    result = {"taguette_version": version, "articles": articles, "highlights": highlights, "rows": []}
    for what, size, key, unit in lines:
        ratio = ours[key] / theirs[key] if theirs[key] else float("nan")
        print(
            f"{what:11} {size:14} ours {ours[key]:8.3f} {unit}  Taguette {theirs[key]:8.3f} {unit}  ours/theirs {ratio:.2f}"
        )
        result["rows"].append(
            {
                "what": what,
                "size": size,
                "unit": unit,
                "ours": ours[key],
                "taguette": theirs[key],
                "ratio": ratio,
            }
        )
    print(f"(export rows: ours {ours['export_rows']}, Taguette {theirs['export_rows']})")
    if out is not None:
        out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
