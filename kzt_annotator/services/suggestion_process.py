"""A long article's suggestions found in a process of their own, on another core.

Finding the figures and attributions of a 300,000-character article is a few hundred
milliseconds of pure Python. On a thread of the program it holds the interpreter lock against
everything else, so the window becomes idle late and every task of the GUI thread meanwhile takes
longer. In a process of its own it runs beside them.

One worker process (`concurrent.futures.ProcessPoolExecutor`, started by spawn: never a fork of a
process with Qt's threads), started the first time a long article is opened (about 0.3 s, while
the article paints) and kept for the session; `shutdown` ends it. It imports only the
pure finders (core/suggest.py: no database code, no Qt), so it uses about 30 MB, and ends when the
program that started it dies (services/parent_watch.py).

Whatever goes wrong with the process (it cannot start, it was killed, an answer cannot be
pickled) the suggestions are found in the calling thread instead, as before: never fewer of them.
"""

from __future__ import annotations

import threading
from concurrent.futures import CancelledError, Future
from dataclasses import fields
from operator import attrgetter
from typing import TYPE_CHECKING

from kzt_annotator.core.attributes import AttributionAttrs, FigureAttrs
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import Article
from kzt_annotator.core.suggest import Suggestion, prepare, suggest_attributions, suggest_figures
from kzt_annotator.services.parent_watch import watch_parent

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
MAX_FAILURES = 3  # pools lost (killed, failing) before the searches stay in the caller
_failures = 0  # MAX_FAILURES also when the process cannot be started at all


def find_in_text(text: str, language: str | None) -> dict[Kind, list[Suggestion]]:
    """What the finders propose in `text` (`language`: ISO 639-1, for decimal commas), per kind,
    unfiltered: the work the process does (see services/suggestions.find_suggestions)."""
    return {Kind.FIGURE: suggest_figures(text, language), Kind.ATTRIBUTION: suggest_attributions(text)}


# A suggestion crosses the pipe as a plain tuple: pickling 1,400 frozen dataclasses (and as many
# attribute dataclasses) took about 19 ms each way, on the GUI process's interpreter lock too.
Packed = tuple[str, int, int, str, tuple, "tuple[int, int] | None", "str | None"]
_ATTRS = {Kind.FIGURE: FigureAttrs, Kind.ATTRIBUTION: AttributionAttrs}
_NAMES = {kind: tuple(f.name for f in fields(cls)) for kind, cls in _ATTRS.items()}
# attributes -> the tuple of their values, in one call (attrgetter of two names or more gives a tuple)
_VALUES = {kind: attrgetter(*names) for kind, names in _NAMES.items() if len(names) >= 2}


def _pack(found: dict[Kind, list[Suggestion]]) -> dict[str, list[Packed]]:
    out: dict[str, list[Packed]] = {}
    for kind, suggestions in found.items():
        values = _VALUES[kind]
        out[kind.value] = [
            (s.kind.value, s.start, s.end, s.text, values(s.attributes), s.cue, s.via) for s in suggestions
        ]
    return out


def _unpack(packed: dict[str, list[Packed]]) -> dict[Kind, list[Suggestion]]:
    out: dict[Kind, list[Suggestion]] = {}
    for value, rows in packed.items():
        kind = Kind(value)
        attrs = _ATTRS[kind]
        out[kind] = [
            Suggestion(kind, a, b, text, attrs(*values), cue, via)
            for _k, a, b, text, values, cue, via in rows
        ]
    return out


def _find_packed(text: str, language: str | None) -> dict[str, list[Packed]]:
    """`find_in_text`, as the worker process sends it back."""
    return _pack(find_in_text(text, language))


def _warm() -> None:
    """The worker's initializer: end with the program; load and compile now what the finders
    would on first use (core/suggest.py `prepare`: about 60 ms less for the first article)."""
    watch_parent()
    prepare()


def _get_pool() -> ProcessPoolExecutor | None:
    global _pool, _failures
    with _lock:
        if _pool is None and _failures < MAX_FAILURES:
            # Imported with the first pool: the process pool's module brings multiprocessing
            # (eleven modules, about 0.7 MB), which a session of short articles never uses.
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            try:
                _pool = ProcessPoolExecutor(
                    1, mp_context=multiprocessing.get_context("spawn"), initializer=_warm
                )
            except (OSError, ValueError, NotImplementedError):
                _failures = MAX_FAILURES
        return _pool


def _forget(pool: ProcessPoolExecutor) -> None:
    """Drop a pool that failed; the next search starts a new one, up to MAX_FAILURES times (a
    process that cannot run at all is not started again on every open)."""
    global _pool, _failures
    with _lock:
        if _pool is pool:
            _pool = None
            _failures += 1
    pool.shutdown(wait=False, cancel_futures=True)


def submit_if_running(article: Article) -> Future | None:
    """Hand the article to the worker process now when it runs already (about 0.2 ms: the caller
    may be the GUI thread, the search starts while the article paints); None when it does not
    run (starting it costs about 20 ms, left to `find_elsewhere` on a worker thread)."""
    pool = _pool
    if pool is None:
        return None
    from concurrent.futures.process import BrokenProcessPool  # loaded with the pool

    try:
        return pool.submit(_find_packed, article.text, article.language)
    except (BrokenProcessPool, RuntimeError, OSError):
        _forget(pool)
        return None


def find_elsewhere(article: Article, early: Future | None = None) -> dict[Kind, list[Suggestion]]:
    """`find_in_text` for the article, run in the worker process (`early`: the search
    `submit_if_running` started); the calling thread waits without holding the interpreter
    lock. Found here instead when the process fails. Raises CancelledError when `early` was
    cancelled before the process began it."""
    pool = _get_pool()
    if pool is not None:
        from concurrent.futures.process import BrokenProcessPool  # loaded with the pool

        try:
            future = early or pool.submit(_find_packed, article.text, article.language)
            return _unpack(future.result())
        except CancelledError:
            raise  # the caller dropped the search (`early.cancel()`): nothing to find
        except (BrokenProcessPool, RuntimeError, OSError):
            _forget(pool)  # killed, or shut down meanwhile: found here, a new process next time
        except Exception:  # noqa: BLE001 - an answer the process could not send: found here
            pass
    return find_in_text(article.text, article.language)


def shutdown() -> None:
    """End the worker process and wait until it has ended (at the window's close); a later search
    starts it again, with its failures forgotten."""
    global _pool, _failures
    with _lock:
        pool, _pool = _pool, None
        _failures = 0
    if pool is not None:
        # Waits for the process to end: at once, as the window has waited for its searches (a
        # search begun for an article no longer wanted runs out first, at most a few hundred ms).
        pool.shutdown(wait=True, cancel_futures=True)


def running() -> bool:
    """Whether a worker process has been started and not shut down (tests, benchmarks)."""
    return _pool is not None
