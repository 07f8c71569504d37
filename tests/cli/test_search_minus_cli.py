"""`search troops -CSTO` typed without quotes: the shell hands `-CSTO` over as its own word, which
the command line took for an unknown option. After the verb it is a query word (NOT CSTO), as in
the search dialog; option values and real options are left alone."""

from __future__ import annotations

import json

from kzt_annotator.cli import main


def articles(capsys, db, *query):
    code = main(["search", "--db", str(db), *query, "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)["articles"]


def test_a_minus_word_after_the_verb_is_not_an_option(capsys, corpus_repo):
    db = corpus_repo.db_file
    both = articles(capsys, db, "troops", "CSTO")
    assert both >= 1
    assert articles(capsys, db, "troops", "-CSTO") == articles(capsys, db, "troops") - both
    assert articles(capsys, db, "troops -CSTO") == articles(capsys, db, "troops", "-CSTO")  # quoted alike


def test_a_leading_minus_word_is_refused_in_the_query_languages_words(capsys, corpus_repo):
    code = main(["search", "--db", str(corpus_repo.db_file), "-CSTO", "troops"])
    err = capsys.readouterr().err
    assert code == 1
    assert (
        err
        == "kzt-annotator: error: -CSTO means NOT CSTO: write what to search for before it (troops -CSTO)\n"
    )


def test_options_and_their_values_still_parse(capsys, corpus_repo):
    code = main(["search", "troops", "--limit", "1", "--db", str(corpus_repo.db_file)])
    out, err = capsys.readouterr()
    assert code == 0 and out.splitlines()[-1].startswith("1 hit(s) (the first 1: --limit)"), err
    code = main(["search", "troops", "--limt", "1", "--db", str(corpus_repo.db_file)])
    assert code == 1 and "unrecognized arguments: --limt" in capsys.readouterr().err
