from kzt_annotator.io.atomic import safe_filename
from kzt_annotator.io.csv_format import neutralise, unneutralise


def test_file_names_from_titles_are_sanitised():
    assert safe_filename("../../etc/passwd") == "_.._etc_passwd"
    assert "/" not in safe_filename('a/b\\c:d*e?f"g<h>i|j') and "\\" not in safe_filename("a\\b")
    assert safe_filename("CON") == "article" and safe_filename("   ") == "article"
    assert len(safe_filename("x" * 500)) <= 80


def test_formula_neutralising_round_trips():
    for value in ("=1+1", "+33 1", "-4,404", "@SUM(A1)", "\tx", "\rx", "'=x", "''=x", "'hello", "plain", ""):
        assert unneutralise(neutralise(value)) == value
    assert neutralise('=HYPERLINK("x")').startswith("'=")
    assert neutralise("'hello") == "'hello"
