"""Verbs for REFI-QDA exchange with ATLAS.ti, MAXQDA, NVivo, QualCoder: export-qdpx, import-qdpx."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kzt_annotator.cli_verbs.common import open_repo
from kzt_annotator.services.annotation_import import ImportRefused
from kzt_annotator.services.qdpx_export import export_qdpx
from kzt_annotator.services.qdpx_import import import_qdpx


def cmd_export_qdpx(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        report = export_qdpx(repo, Path(args.out))
    finally:
        repo.close()
    print(f"wrote {args.out}: {report.summary()}")
    return 0


def cmd_import_qdpx(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        report = import_qdpx(
            repo, Path(args.file), codebook_only=args.codebook_only, annotator=args.annotator
        )
    except ImportRefused as exc:
        for where, why in exc.report.refused:
            print(f"refused   {where}: {why}", file=sys.stderr)
        print(f"kzt-annotator: error: {exc.report.summary()}; nothing was imported", file=sys.stderr)
        return 1
    finally:
        repo.close()
    print(report.summary())
    return 0


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("export-qdpx", parents=[parent], help="export the project as REFI-QDA (.qdpx)")
    p.add_argument("out", metavar="OUT.qdpx")
    p.set_defaults(func=cmd_export_qdpx)
    p = sub.add_parser("import-qdpx", parents=[parent], help="import a REFI-QDA project (.qdpx)")
    p.add_argument("file", metavar="FILE.qdpx")
    p.add_argument("--codebook-only", action="store_true", help="import only the code tree")
    p.add_argument("--annotator", help="record every imported annotation under this name")
    p.set_defaults(func=cmd_import_qdpx)
