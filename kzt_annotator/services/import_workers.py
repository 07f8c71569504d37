"""Parse article files for an import: in this process for a few files, in worker processes (one
per core) for many.

Workers come from a fork server (POSIX): one process started cleanly (nothing of the caller's
threads, so safe beside Qt) that imports the readers and loads the language model once
(services/import_preload.py, about 1 s on an idle machine), then forks each worker ready to
parse. This module and the preload import no database code, so the server starts quickly. The
server lives as long as the calling process, so a second import in the same session starts its
workers in milliseconds. Where there is no fork server (Windows), workers are spawned and each
loads the model itself. Workers take the caller's KZT_ANNOTATOR_* settings from the moment the
pool starts (a forked worker would otherwise see the server's environment) and end when the
caller dies (parent_watch).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from kzt_annotator.core import syndication
from kzt_annotator.core.errors import KztError
from kzt_annotator.core.model import NewArticle
from kzt_annotator.io.readers import read_articles
from kzt_annotator.services.parent_watch import watch_parent

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

PARALLEL_FROM = 200  # files; below this a worker pool costs more than it saves
CHUNK = 64  # files handed to a worker at a time
SETTINGS_PREFIX = "KZT_ANNOTATOR_"
PRELOAD = "kzt_annotator.services.import_preload"


def with_sketch(article: NewArticle) -> NewArticle:
    """The article with its near-duplicate sketch (computed here, in the parsing process)."""
    packed = syndication.sketch(syndication.body_of(article.text, article.boilerplate))
    return replace(article, sketch=packed or b"")


def parse_one(path: Path) -> list[NewArticle] | str:
    """The file's articles, or the reason it was refused (picklable either way, for worker
    processes). An export file gives several articles; they are kept or refused together."""
    try:
        return [with_sketch(article) for article in read_articles(path)]
    except KztError as exc:
        return str(exc)
    except Exception as exc:  # a library bug must not lose the other files
        return f"could not be read ({type(exc).__name__}: {exc})"


def parse_all(files: list[Path]) -> Iterator[tuple[Path, list[NewArticle] | str]]:
    """(path, parse_one(path)) in the order of `files`; from PARALLEL_FROM files on, parsed in
    worker processes (parsing is CPU-bound)."""
    workers = os.cpu_count() or 1
    if len(files) < PARALLEL_FROM or workers < 2:
        for path in files:
            yield path, parse_here(path)
        return
    # the process machinery loads only here: a small import runs in this process
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    done = 0
    try:
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=pool_context(),  # never a fork of this process: safe beside Qt's threads
            initializer=start_worker,
            initargs=(settings(),),
        ) as pool:
            for result in pool.map(parse_one, files, chunksize=CHUNK):
                yield files[done], result
                done += 1
    except (BrokenProcessPool, OSError, EOFError):
        # No worker processes here (a frozen app, a sandbox; EOFError: the fork server started
        # and died before it answered): parse the rest in this process.
        for path in files[done:]:
            yield path, parse_here(path)


def parse_here(path: Path) -> list[NewArticle] | str:
    """parse_one in this process, then a collection of the youngest objects: an import pauses the
    cyclic collector (services/collector.py), and a reader's objects may form cycles (a .docx
    file's python-docx objects do) that would otherwise stay until the import ends."""
    outcome = parse_one(path)
    gc.collect(0)
    return outcome


def start_early(file_count: int) -> bool:
    """Start the fork server now, in the background, when an import of `file_count` files will
    parse in workers (from PARALLEL_FROM files, two cores or more, a fork server available).
    The server loads the readers and the language model (about 1 s) while the caller goes on,
    e.g. the command line imports the database code and opens the project; parse_all then
    forks the workers from it. Returns whether the server is starting or running."""
    import multiprocessing

    if file_count < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return False
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return False
    from multiprocessing import forkserver

    pool_context()  # sets the preload list the server starts with
    forkserver.ensure_running()
    return True


def pool_context() -> BaseContext:
    """A fork-server context preloading the parsing code (and the caller's main module, which
    every worker would otherwise import again), or spawn where there is no fork server."""
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["__main__", PRELOAD])
        return context
    return multiprocessing.get_context("spawn")


def settings() -> dict[str, str]:
    """The caller's KZT_ANNOTATOR_* environment, handed to every worker."""
    return {k: v for k, v in os.environ.items() if k.startswith(SETTINGS_PREFIX)}


def start_worker(caller_settings: dict[str, str]) -> None:
    """Pool initializer: take the caller's settings, watch the caller (exit when it dies)."""
    for key in [k for k in os.environ if k.startswith(SETTINGS_PREFIX)]:
        if key not in caller_settings:
            del os.environ[key]
    os.environ.update(caller_settings)
    watch_parent()
