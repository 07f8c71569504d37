import json

from kzt_annotator.cli import main
from tests.conftest import CORPUS
from tests.figures_fixture import tag_corpus_figures


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_discrepancies_json(capsys, db_path, corpus_repo):
    tag_corpus_figures(corpus_repo)
    code, out, _ = run(capsys, "discrepancies", "--db", corpus_repo.db_file, "--format", "json")
    groups = json.loads(out)
    assert code == 0
    troops = next(g for g in groups if g["quantity"] == "troops")
    assert troops["relation"] == "conflicting"
    report = troops["reports"][0]
    assert {
        "article_id",
        "outlet",
        "annotation_id",
        "start",
        "end",
        "text",
        "value",
        "qualifier",
        "interval",
    } <= set(report)
    assert {"first", "second", "relation"} == set(troops["pairs"][0])
    assert groups[0]["relation"] == "conflicting"


def test_discrepancies_csv_and_claims(capsys, corpus_repo):
    tag_corpus_figures(corpus_repo)
    code, out, _ = run(capsys, "discrepancies", "--db", corpus_repo.db_file, "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("quantity,as_of,group_relation")
    code, out, _ = run(capsys, "claims", "--db", corpus_repo.db_file)
    assert code == 0 and json.loads(out) == {"articles": [], "claim_keys": []}


def test_suggest_json(capsys, db_path):
    run(capsys, "import", "--db", db_path, CORPUS)
    code, out, _ = run(
        capsys, "suggest", "--db", db_path, "--article", "2", "--kind", "figure", "--format", "json"
    )
    found = json.loads(out)
    assert code == 0
    first = next(s for s in found if s["text"] == "up to 15,000 soldiers")
    assert first["article_id"] == 2 and first["kind"] == "figure"
    assert first["value"] == 15000 and first["qualifier"] == "up_to" and first["quantity"] == "troops.csto"
    code, out, _ = run(capsys, "suggest", "--db", db_path, "--kind", "attribution", "--format", "json")
    found = json.loads(out)
    assert any(s["speaker"] == "Interior Ministry" for s in found)
    for s in found:  # the attribute fields, plus via and the cue span
        assert {"speaker", "speaker_role", "quote_kind", "via", "cue"} <= set(s)
    buschmann = next(s for s in found if s["speaker"] == "Marco Buschmann")
    assert buschmann["speaker_role"] == "Federal Justice Minister" and buschmann["quote_kind"] == "direct"
    assert buschmann["text"].startswith("“Anyone who shoots") and buschmann["cue"]["text"] == "wrote"
    assert buschmann["via"] == "Twitter"
    kuralai = next(s for s in found if s["text"].startswith("“At night when we hear explosions"))
    assert kuralai["speaker"] == "Kuralai" and kuralai["via"] == "Reuters"
    assert kuralai["cue"]["text"] == "told" and kuralai["cue"]["end"] - kuralai["cue"]["start"] == 4


def test_annotate_keeps_typed_quantity_keys_and_only_mentions_similar_ones(capsys, corpus_repo):
    tag_corpus_figures(corpus_repo)
    article = corpus_repo.article(4)
    start = article.text.index("40 people")
    code, out, err = run(
        capsys,
        "annotate",
        "4",
        "--db",
        corpus_repo.db_file,
        "--kind",
        "figure",
        "--start",
        start,
        "--end",
        start + 9,
        "--attr",
        "quantity=People detained",
        "--format",
        "json",
    )
    # Kept as typed (in key form), never folded into the similar "detained": it may count others
    assert code == 0 and json.loads(out)["attributes"]["quantity"] == "people_detained"
    assert "a similar key exists: “detained”" in err


def test_rebuild_figure_index_repairs_a_damaged_index(capsys, corpus_repo):
    import sqlite3

    tag_corpus_figures(corpus_repo)
    with sqlite3.connect(corpus_repo.db_file) as other:  # damage it the way a raw repair might
        other.execute("delete from figure_summary")
    assert corpus_repo.figure_summary() == []
    code, out, _ = run(capsys, "rebuild-figure-index", "--db", corpus_repo.db_file)
    assert code == 0 and "rebuilt" in out
    assert {row[0] for row in corpus_repo.figure_summary()} >= {"troops", "detained"}
