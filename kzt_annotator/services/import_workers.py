"""The worker processes that parse article files for a large import.

Workers come from a fork server (POSIX): one process started cleanly (nothing of the caller's
threads, so safe beside Qt) that imports the readers and loads the language model once
(`preload_parsing`, about 2 s), then forks each worker ready to parse. The server lives as long
as the calling process, so a second import in the same session starts its workers in
milliseconds. Where there is no fork server (Windows), workers are spawned and each loads
the model itself. Workers take the caller's KZT_ANNOTATOR_* settings from the moment the pool
starts (a forked worker would otherwise see the server's environment) and end when the caller
dies (parent_watch).
"""

from __future__ import annotations

import multiprocessing
import os
from multiprocessing.context import BaseContext

from kzt_annotator.services.parent_watch import watch_parent

SETTINGS_PREFIX = "KZT_ANNOTATOR_"
PRELOAD = "kzt_annotator.services.import_preload"


def pool_context() -> BaseContext:
    """A fork-server context preloading the parsing code (and the caller's main module, which
    every worker would otherwise import again), or spawn where there is no fork server."""
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
