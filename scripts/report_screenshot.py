"""Make the README pictures of the project report (headless Chromium) and the code statistics dialog.

    .venv/bin/python scripts/report_screenshot.py [OUT_DIR]

Uses the same throwaway sample project as scripts/screenshots.py, plus a second annotator so
the report has agreement figures. Needs `chromium` on PATH for the report picture.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
)


def main() -> int:
    from screenshots import build_project, settle, tag

    from kzt_annotator.core.kinds import Kind
    from kzt_annotator.services.project_report import export_report

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("KZT_ANNOTATOR_CONFIG_DIR", tempfile.mkdtemp(prefix="kzt-shots-cfg-"))
    work = Path(tempfile.mkdtemp(prefix="kzt-report-"))
    repo = build_project(work / "Almaty January events.sqlite")
    for phrase, attrs in (
        ("2,500 paratroopers", {"quantity": "troops", "value": "2500", "qualifier": "exact"}),
        ("18 security officers", {"quantity": "security_deaths", "value": "18"}),
    ):
        tag(repo, 3, phrase, Kind.FIGURE, "bob", **attrs)
    report = work / "report.html"
    export_report(repo, report)
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser:
        target = out / "project-report.png"
        subprocess.run(
            [
                browser,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={work / 'profile'}",
                f"--screenshot={target}",
                "--window-size=1150,1500",
                report.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        print(f"wrote {target}")
    else:
        print("chromium not found: no report picture", file=sys.stderr)
    from PySide6.QtWidgets import QApplication

    from kzt_annotator.services.project_report import project_stats
    from kzt_annotator.ui.code_stats_dialog import CodeStatsDialog

    app = QApplication.instance() or QApplication([])
    stats, labels = project_stats(repo)
    dialog = CodeStatsDialog(stats, labels, lambda *a: None)
    dialog.resize(1000, 460)
    dialog.show()
    dialog.tabs.setCurrentIndex(2)
    settle(app)
    dialog.grab().save(str(out / "code-cooccurrence.png"))
    print(f"wrote {out / 'code-cooccurrence.png'}")
    repo.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
