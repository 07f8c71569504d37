"""Markdown tables for the README from the JSON of one run (and of one peers run).

.venv/bin/python benchmarks/readme_table.py RUN.json [PEERS.json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def figure_table(data: dict) -> str:
    lines = [
        "| figure | measured (median) | target | holds | baseline in the same run |",
        "|---|---|---|---|---|",
    ]
    for f in data["figures"]:
        value = f"{f['value']:,.0f}" if f["value"] >= 100 else f"{f['value']:.3g}"
        target = (
            "—"
            if f["target"] is None
            else f"{'<=' if f['better'] == 'lower' else '>='} {f['target']:g} {f['unit']}"
        )
        holds = {True: "yes", False: "**no**", None: "—"}[f["ok"]]
        base = f"{f['baseline_name'] or 'baseline'}: {f['baseline']:.3g} {f['unit']}" if f["baseline"] else ""
        note = f" ({f['note']})" if f["note"] else ""
        lines.append(f"| {f['name']}{note} | {value} {f['unit']} | {target} | {holds} | {base} |")
    meta = data["meta"]
    lines.append("")
    lines.append(
        f"{meta['held']} of {meta['targeted']} targets held; {meta['cores']} cores, Python {meta['python']}, "
        f"medians of {meta['runs']} runs, started {meta['started']}."
    )
    return "\n".join(lines)


def peers_table(data: dict) -> str:
    lines = [
        f"| same {data['articles']} articles, {data['highlights']} spans | kzt-annotator | "
        f"Taguette {data['taguette_version']} | ours / theirs |",
        "|---|---|---|---|",
    ]
    for row in data["rows"]:
        lines.append(
            f"| {row['what']} ({row['size']}) | {row['ours']:.3g} {row['unit']} | {row['taguette']:.3g} {row['unit']} "
            f"| {row['ratio']:.2f} |"
        )
    return "\n".join(lines)


def main() -> int:
    print(figure_table(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))))
    if len(sys.argv) > 2:
        print()
        print(peers_table(json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
