"""A team member for the PostgreSQL test: edits and reviews the same annotations as another one.

    python -m tests.team.pg_worker URL NAME ROUNDS

Prints `ok <id> <version>` for each saved edit and `conflict <id>` for each refused one.
"""

from __future__ import annotations

import random
import sys
from dataclasses import replace

from kzt_annotator.core.errors import ConflictError
from kzt_annotator.core.kinds import Kind, Status
from kzt_annotator.services import annotating
from kzt_annotator.services.review import review_command
from kzt_annotator.store.repository import open_repository


def main() -> int:
    url, name, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    repo = open_repository(url)
    rng = random.Random(name)
    targets = [a.id for a in repo.annotations()]
    article = repo.article(repo.article_summaries()[0].id)
    for n in range(rounds):
        ident = rng.choice(targets)
        current = repo.annotation(ident)  # what this user sees...
        if n % 5 == 0:
            saved = annotating.annotate(repo, annotating.new_annotation(article, Kind.CLAIM, n, n + 5, name))
            print(f"added {saved.id}", flush=True)
        try:
            if n % 3 == 0:
                review_command(current, Status.ACCEPTED, name, f"{name} {n}").do(repo)
            else:
                repo.update_annotation(replace(current, note=f"{name} {n}"))  # ...and edits a moment later
            print(f"ok {ident}", flush=True)
        except ConflictError:
            print(f"conflict {ident}", flush=True)
    repo.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
