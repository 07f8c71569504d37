"""Import articles from the web: pages by URL, and the new items of an RSS or Atom feed.

Pages are fetched with trafilatura (io/fetch.py) and read like HTML files; the fetched bytes, the
final URL and the fetch time are kept with each article. A feed (feedparser) is read from its
bytes; each item is known by its entry id, else its link, and taken once per project: the items
imported (or found to be exact copies of stored articles) are remembered in the same transaction
as the articles. A URL that fails is reported with its reason and not remembered, so the next run
tries it again. Like file imports, the good articles are stored together or not at all.
"""

from __future__ import annotations

import io
from calendar import timegm
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from kzt_annotator.core.errors import KztError
from kzt_annotator.core.model import NewArticle
from kzt_annotator.io.fetch import DEFAULT_TIMEOUT, Fetched, FetchFailed, check_url, fetch, is_private
from kzt_annotator.io.readers import html_article
from kzt_annotator.services.importing import Duplicate, ImportFailure, ImportReport, with_sketch
from kzt_annotator.store.repository import Repository

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


class NotAFeed(KztError):
    """The feed URL answered, but not with RSS or Atom."""


@dataclass(slots=True)
class FeedReport(ImportReport):
    already_seen: int = 0  # items taken by an earlier run
    feed_title: str = ""
    pending: list[tuple[str, NewArticle]] = field(default_factory=list)


def page_article(page: Fetched, **overrides: Any) -> NewArticle:
    """The article of a fetched page, with the fetch's provenance."""
    article = html_article(page.data, page.final_url, page.final_url)
    return with_sketch(
        replace(
            article,
            url=article.url or page.final_url,
            fetched_at=page.fetched_at,
            source_media_type=page.media_type or "text/html",
            **{k: v for k, v in overrides.items() if v},
        )
    )


def import_urls(
    repo: Repository,
    urls: Iterable[str],
    *,
    timeout: int = DEFAULT_TIMEOUT,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportReport:
    """Fetch and import each URL (any address the user gives, local ones included)."""
    wanted = [u.strip() for u in urls if u.strip()]
    report = ImportReport()
    parsed: list[tuple[str, NewArticle]] = []
    for index, url in enumerate(wanted):
        if cancelled is not None and cancelled():
            report.cancelled = True
            return report
        if progress is not None:
            progress(index, len(wanted), url)
        try:
            parsed.append((url, page_article(fetch(url, timeout=timeout, allow_private=True))))
        except KztError as exc:
            report.failed.append(ImportFailure(url, _without_url(str(exc), url)))
    if progress is not None:
        progress(len(wanted), len(wanted), "")
    if parsed:
        added, duplicates = repo.add_articles([a for _, a in parsed])
        by_identity = {id(a): url for url, a in parsed}
        report.imported = added
        report.duplicates = [Duplicate(by_identity[id(new)], existing) for new, existing in duplicates]
    return report


def import_feed(
    repo: Repository,
    feed_url: str,
    *,
    timeout: int = DEFAULT_TIMEOUT,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> FeedReport:
    """Import the items of `feed_url` not taken before; raises FetchFailed or NotAFeed for the
    feed itself (nothing is written then)."""
    import feedparser

    feed_url = check_url(feed_url)
    page = fetch(feed_url, timeout=timeout, allow_private=True)
    # A stream, never bytes or str: feedparser opens a str that looks like a URL, and bytes that
    # name a local file, itself. No base URL either: item ids stay as the feed writes them.
    parsed = feedparser.parse(io.BytesIO(page.data))
    if not parsed.get("version") and not parsed.entries:
        what = "an HTML page" if b"<html" in page.data[:2048].lower() else "not RSS or Atom"
        raise NotAFeed(f"{feed_url}: this is not a feed ({what}); give the address of an RSS or Atom feed")
    report = FeedReport(feed_title=str(parsed.feed.get("title", "")))
    seen = repo.seen_feed_items(feed_url)
    entries = []
    for entry in parsed.entries:
        key = str(entry.get("id") or entry.get("link") or "").strip()
        if not key:
            report.failed.append(
                ImportFailure(str(entry.get("title", "(untitled item)")), "the item has no id or link")
            )
        elif key in seen:
            report.already_seen += 1
        else:
            seen.add(key)
            entries.append((key, entry))
    private_ok = is_private(page.final_url)  # a feed may link only where the feed itself is
    for index, (key, entry) in enumerate(entries):
        if cancelled is not None and cancelled():
            report.cancelled = True
            return report
        link = str(entry.get("link") or "").strip()
        if progress is not None:
            progress(index, len(entries), link or key)
        try:
            if not link:
                raise FetchFailed("the item has no link to its article")
            article = page_article(
                fetch(link, timeout=timeout, allow_private=private_ok),
                title=str(entry.get("title", "")).strip() or None,
                author=str(entry.get("author", "")).strip() or None,
                published=_entry_date(entry),
            )
            report.pending.append((key, article))
        except KztError as exc:
            report.failed.append(ImportFailure(link or key, _without_url(str(exc), link)))
    if progress is not None:
        progress(len(entries), len(entries), "")
    if report.pending:
        added, duplicates = repo.add_feed_articles(feed_url, report.pending)
        links = {id(a): key for key, a in report.pending}
        report.imported = added
        report.duplicates = [Duplicate(links[id(new)], existing) for new, existing in duplicates]
    return report


def _entry_date(entry: Any) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime.fromtimestamp(timegm(parsed), UTC).date()


def _without_url(message: str, url: str) -> str:
    """FetchFailed messages start with the URL; reports name it already."""
    prefix = f"{url}: "
    return message[len(prefix) :] if url and message.startswith(prefix) else message
