"""import-url and import-feed against a local HTTP server started by the test."""

import time
from datetime import UTC, date, datetime

import pytest

from kzt_annotator.io.fetch import FetchFailed
from kzt_annotator.services.web_import import NotAFeed, import_feed, import_urls
from tests.conftest import dump_database
from tests.io.test_readers import HTML
from tests.web_server import Site


def page(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{body} Paragraph {i} of the report from Almaty.</p>" for i in range(4))
    return (
        f'<!doctype html><html lang="en"><head><title>{title}</title>'
        '<meta property="og:site_name" content="Steppe Wire"></head>'
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


def rss(base: str, items: list[tuple[str, str, str]]) -> str:
    entries = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link><guid>{guid}</guid>"
        "<pubDate>Sat, 08 Jan 2022 09:15:00 GMT</pubDate><author>desk@steppe.example (Wire Desk)</author></item>"
        for guid, title, path in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Steppe Wire</title>'
        f"<link>{base}/</link><description>News</description>{entries}</channel></rss>"
    )


@pytest.fixture
def site():
    with Site() as running:
        yield running


def test_import_url_keeps_bytes_url_and_fetch_time(repo, site):
    url = site.put("/news/troops.html", HTML)
    before = datetime.now(UTC)
    report = import_urls(repo, [url], timeout=5)
    assert report.failed == [] and len(report.imported) == 1
    article = repo.article(report.imported[0].id)
    assert (article.title, article.outlet, article.author) == (
        "Troops arrive",
        "The Daily Steppe",
        "Aigerim Sultan",
    )
    assert article.url == url and article.source_file == url
    assert before <= article.fetched_at <= datetime.now(UTC)
    assert repo.source_bytes(article.id) == ("text/html", HTML.encode("utf-8"))
    assert "The Kremlin sent 2,500 paratroopers" in article.text
    again = import_urls(repo, [url], timeout=5)
    assert again.imported == [] and [d.existing_id for d in again.duplicates] == [article.id]


def test_import_feed_takes_each_item_once(repo, site):
    site.put("/a1.html", page("Protesters gather", "Hundreds gathered in the square."))
    site.put("/a2.html", page("Banks reopen", "Banks reopened after a week."))
    feed = site.put(
        "/feed.xml",
        rss(site.base, [("id-1", "Protesters gather", "/a1.html"), ("id-2", "Banks reopen", "/a2.html")]),
        "application/rss+xml",
    )
    report = import_feed(repo, feed, timeout=5)
    assert report.failed == [] and report.feed_title == "Steppe Wire"
    assert [a.title for a in report.imported] == ["Protesters gather", "Banks reopen"]
    first = repo.article(report.imported[0].id)
    assert (first.url, first.published, first.author) == (
        site.base + "/a1.html",
        date(2022, 1, 8),
        "desk@steppe.example (Wire Desk)",
    )
    assert first.fetched_at is not None
    again = import_feed(repo, feed, timeout=5)
    assert (again.imported, again.duplicates, again.already_seen) == ([], [], 2)
    assert site.hits.count("/a1.html") == 1  # a seen item is not fetched again
    site.put("/a3.html", page("Curfew eased", "The curfew will start later."))
    site.put(
        "/feed.xml",
        rss(
            site.base,
            [
                ("id-3", "Curfew eased", "/a3.html"),
                ("id-1", "Protesters gather", "/a1.html"),
                ("id-2", "Banks reopen", "/a2.html"),
            ],
        ),
        "application/rss+xml",
    )
    third = import_feed(repo, feed, timeout=5)
    assert [a.title for a in third.imported] == ["Curfew eased"] and third.already_seen == 2
    assert repo.seen_feed_items(feed) == {"id-1", "id-2", "id-3"}


def test_atom_feed_and_an_item_that_fails_is_tried_again(repo, site):
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Capital</title>'
        f"<id>urn:capital</id><updated>2022-01-10T00:00:00Z</updated>"
        f'<entry><title>Rail link restored</title><id>urn:capital:1</id><link href="{site.base}/rail.html"/>'
        "<updated>2022-01-11T08:00:00Z</updated></entry></feed>"
    )
    feed = site.put("/atom.xml", atom, "application/atom+xml")
    report = import_feed(repo, feed, timeout=5)
    assert report.imported == [] and [f.reason for f in report.failed] == ["the server answered HTTP 404"]
    assert repo.seen_feed_items(feed) == set()
    site.put("/rail.html", page("Rail link restored", "Trains ran again."))
    report = import_feed(repo, feed, timeout=5)
    assert [(a.title, a.published) for a in report.imported] == [("Rail link restored", date(2022, 1, 11))]


def test_a_page_that_is_not_a_feed_is_refused_and_nothing_is_written(repo, site, db_path):
    url = site.put("/news.html", HTML)
    before = dump_database(db_path)
    with pytest.raises(
        NotAFeed, match=r"this is not a feed \(an HTML page\); give the address of an RSS or Atom feed"
    ):
        import_feed(repo, url, timeout=5)
    assert dump_database(db_path) == before


def test_a_url_that_does_not_answer_fails_after_the_timeout(repo, site):
    slow = site.put("/slow.html", HTML, delay=6)
    started = time.monotonic()
    report = import_urls(repo, [slow], timeout=1)
    elapsed = time.monotonic() - started
    assert [f.reason for f in report.failed] == [
        "did not answer within 1 s; try again later or raise --timeout"
    ]
    assert elapsed < 6 and repo.count_articles() == 0


def test_refused_connections_missing_pages_and_bad_addresses(repo, site):
    closed = Site()  # bound, then closed: nothing listens on that port any more
    port = closed.server.server_address[1]
    closed.server.server_close()
    report = import_urls(
        repo,
        [f"http://127.0.0.1:{port}/x.html", site.base + "/missing.html", "ftp://example.org/a"],
        timeout=2,
    )
    assert [f.reason for f in report.failed] == [
        "the server refused the connection (nothing is listening there)",
        "the server answered HTTP 404",
        "not a web address; give one starting with http:// or https://",
    ]
    with pytest.raises(FetchFailed, match="refused the connection"):
        import_feed(repo, f"http://127.0.0.1:{port}/feed.xml", timeout=2)


def test_a_feed_body_naming_a_local_file_is_not_opened(repo, site, tmp_path):
    local = tmp_path / "local-feed.xml"
    local.write_text(rss("http://127.0.0.1:9", [("x", "Local file", "/x.html")]), encoding="utf-8")
    url = site.put("/sneaky", str(local), "text/plain")
    with pytest.raises(NotAFeed, match="not RSS or Atom"):
        import_feed(repo, url, timeout=5)
