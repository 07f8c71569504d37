"""The intake verbs as a user runs them: exports split on import, provenance shown, bad input refused."""

import json

from tests.cli.test_cli import run
from tests.conftest import CORPUS, FIXTURES, dump_database

EXPORTS = FIXTURES / "exports"


def test_import_splits_exports_and_show_gives_their_provenance(capsys, db_path):
    code, out, _ = run(
        capsys, "import", "--db", db_path, EXPORTS / "lexisnexis.txt", EXPORTS / "factiva.html"
    )
    assert code == 0, out
    assert out.strip().endswith("4 imported, 0 duplicate, 0 failed")
    code, out, _ = run(capsys, "show", "--db", db_path, "1", "--format", "json")
    shown = json.loads(out)
    assert {k: shown[k] for k in ("title", "outlet", "author", "published", "section", "length_words")} == {
        "title": "Peacekeepers land at Almaty airport",
        "outlet": "The Daily Steppe",
        "author": "Dana Omar",
        "published": "2022-01-07",
        "section": "WORLD; Pg. 4",
        "length_words": 96,
    }
    assert (shown["export_file"], shown["export_index"], shown["source_file"]) == (
        "lexisnexis.txt",
        1,
        "lexisnexis.txt",
    )
    assert shown["pages"] == [] and shown["fetched_at"] is None
    assert {"start": 0, "end": 0, "reason": ""} not in shown["boilerplate"]
    assert (
        shown["text"][shown["boilerplate"][0]["start"] : shown["boilerplate"][0]["end"]] == "1 of 2 DOCUMENTS"
    )
    code, out, _ = run(capsys, "show", "--db", db_path, "4")
    assert "export: factiva.html #2" in out and "section" not in out


def test_an_export_that_splits_into_nothing_fails_with_one_line_and_writes_nothing(capsys, db_path, tmp_path):
    run(capsys, "import", "--db", db_path, CORPUS)
    before = dump_database(db_path)
    bad = tmp_path / "nexis.txt"
    bad.write_text("   1 of 2 DOCUMENTS\n\n   2 of 2 DOCUMENTS\n", encoding="utf-8")
    code, _, err = run(capsys, "import", "--db", db_path, bad)
    assert code == 1
    [line] = err.strip().splitlines()
    assert "looks like a LexisNexis export but no article could be split from it" in line
    assert dump_database(db_path) == before


def test_pdf_import_shows_page_ranges_and_locked_pdf_is_one_line(capsys, db_path, tmp_path):
    from tests.io.test_pdf import PAGES, make_pdf

    (tmp_path / "steppe.pdf").write_bytes(make_pdf(PAGES))
    code, out, _ = run(capsys, "import", "--db", db_path, tmp_path / "steppe.pdf")
    assert code == 0 and "imported  #1  Peacekeepers land at Almaty airport" in out
    shown = json.loads(run(capsys, "show", "--db", db_path, "1", "--format", "json")[1])
    first, second = shown["pages"]
    assert (first["start"], first["page"], second["end"], second["page"]) == (0, 1, shown["chars"], 2)
    assert first["end"] == second["start"] == shown["text"].index("The Daily Steppe - Politics", 10)
    before = dump_database(db_path)
    (tmp_path / "locked.pdf").write_bytes(make_pdf(PAGES, encrypt="secret"))
    code, _, err = run(capsys, "import", "--db", db_path, tmp_path / "locked.pdf")
    [line] = err.strip().splitlines()
    assert code == 1 and "locked.pdf: this PDF is password-protected" in line
    assert dump_database(db_path) == before


def test_duplicates_lists_the_syndication_group(capsys, db_path):
    run(capsys, "import", "--db", db_path, EXPORTS / "syndication.txt")
    code, out, _ = run(capsys, "duplicates", "--db", db_path, "--format", "json")
    assert code == 0
    assert json.loads(out) == [
        {
            "group": 1,
            "outlets": ["The Daily Steppe", "Caspian Herald", "Capital Times"],
            "articles": [
                {
                    "id": 1,
                    "title": "Security forces retake Almaty airport",
                    "outlet": "The Daily Steppe",
                    "published": "2022-01-07",
                    "source_file": "syndication.txt",
                },
                {
                    "id": 2,
                    "title": "Security forces retake Almaty airport",
                    "outlet": "Caspian Herald",
                    "published": "2022-01-07",
                    "source_file": "syndication.txt",
                },
                {
                    "id": 3,
                    "title": "Kazakh airport back in government hands as foreign troops arrive",
                    "outlet": "Capital Times",
                    "published": "2022-01-08",
                    "source_file": "syndication.txt",
                },
            ],
        }
    ]
    code, out, _ = run(capsys, "duplicates", "--db", db_path)
    assert (
        out.splitlines()[0] == "group 1: 3 articles, outlets: The Daily Steppe, Caspian Herald, Capital Times"
    )
    shown = json.loads(run(capsys, "articles", "--db", db_path, "--format", "json")[1])
    assert [a["syndication_group"] for a in shown] == [1, 1, 1, None]


def test_import_url_and_import_feed_verbs(capsys, db_path):
    from tests.io.test_readers import HTML
    from tests.services.test_web_import import page, rss
    from tests.web_server import Site

    with Site() as site:
        url = site.put("/troops.html", HTML)
        code, out, err = run(capsys, "import-url", "--db", db_path, url, "--timeout", "5")
        assert code == 0 and out.strip().splitlines() == [
            "imported  #1  Troops arrive",
            "1 imported, 0 duplicate, 0 failed",
        ]
        shown = json.loads(run(capsys, "show", "--db", db_path, "1", "--format", "json")[1])
        assert shown["url"] == url and shown["fetched_at"].endswith("+00:00")
        site.put("/a1.html", page("Protesters gather", "Hundreds gathered in the square."))
        feed = site.put(
            "/feed.xml", rss(site.base, [("id-1", "Protesters gather", "/a1.html")]), "application/rss+xml"
        )
        code, out, _ = run(capsys, "import-feed", "--db", db_path, feed)
        assert code == 0 and out.strip().endswith("1 imported, 0 duplicate, 0 failed")
        code, out, _ = run(capsys, "import-feed", "--db", db_path, feed)
        assert code == 0 and out.strip().splitlines() == [
            "1 item(s) of this feed were imported before and were skipped",
            "0 imported, 0 duplicate, 0 failed",
        ]
        before = dump_database(db_path)
        code, _, err = run(capsys, "import-feed", "--db", db_path, url)
        [line] = err.strip().splitlines()
        assert code == 1 and line == (
            f"kzt-annotator: error: {url}: this is not a feed (an HTML page); give the address of an RSS or Atom feed"
        )
        slow = site.put("/slow.html", HTML, delay=5)
        code, out, err = run(capsys, "import-url", "--db", db_path, slow, "--timeout", "1")
        [line] = err.strip().splitlines()
        assert (
            code == 1
            and line == f"failed    {slow}: did not answer within 1 s; try again later or raise --timeout"
        )
        assert dump_database(db_path) == before
