"""A writing process for the crash and concurrency tests. Prints a line after each commit.

    python -m tests.reliability.writer DB SECONDS NAME [IMPORT_DIR]

Each line names what was committed: `ann <id>` or `import <batch> <files>`.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from kzt_annotator.core.kinds import Kind
from kzt_annotator.services import annotating
from kzt_annotator.services.importing import import_paths
from kzt_annotator.store.repository import open_repository


def main() -> int:
    db, seconds, name = Path(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
    import_dir = Path(sys.argv[4]) if len(sys.argv) > 4 else None
    repo = open_repository(db, backup_keep=0)
    rng = random.Random()
    articles = [repo.article(s.id) for s in repo.article_summaries()[:3]]
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        n += 1
        if import_dir is not None and n % 7 == 0:
            batch = f"{name}-{n}-{rng.randrange(10**9)}"
            folder = import_dir / batch
            folder.mkdir(parents=True)
            for k in range(5):
                (folder / f"{k}.txt").write_text(f"Batch {batch} article {k}\n\nBody {k} with 26 dead.\n")
            report = import_paths(repo, [folder])
            print(f"import {batch} {len(report.imported)}", flush=True)
            continue
        article = rng.choice(articles)
        start = rng.randrange(0, len(article.text) - 20)
        saved = annotating.annotate(
            repo,
            annotating.new_annotation(
                article, Kind.CLAIM, start, start + rng.randrange(1, 20), name, {"claim_key": f"k{n}"}
            ),
        )
        print(f"ann {saved.id}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
