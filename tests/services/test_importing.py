from kzt_annotator.services.importing import import_paths
from tests.conftest import CORPUS


def test_bad_files_are_reported_and_do_not_stop_the_others(repo, tmp_path):
    (tmp_path / "good.txt").write_text("Headline of a good article\n\nBody text with 26 dead.\n")
    (tmp_path / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "also.txt").write_text("Another headline goes here\n\nMore text.\n")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG")  # not an article type: skipped in folders
    report = import_paths(repo, [tmp_path])
    assert sorted(a.title for a in report.imported) == [
        "Another headline goes here",
        "Headline of a good article",
    ]
    reasons = {f.path.rsplit("/", 1)[-1]: f.reason for f in report.failed}
    assert reasons == {"bad.txt": "this is a PNG image, not a text article", "empty.md": "the file is empty"}


def test_same_text_twice_is_not_duplicated(repo, tmp_path):
    (tmp_path / "a.txt").write_text("Same headline here\n\nSame body.\n")
    (tmp_path / "b.txt").write_text("Same headline here\n\nSame body.\n")
    report = import_paths(repo, [tmp_path])
    assert len(report.imported) == 1 and len(report.duplicates) == 1
    assert repo.count_articles() == 1


def test_folder_readme_is_not_an_article(repo):
    report = import_paths(repo, [CORPUS])
    assert len(report.imported) == 5
    assert all(not a.source_file.lower().startswith("readme") for a in report.imported)


def test_missing_path_is_a_failure(repo, tmp_path):
    report = import_paths(repo, [tmp_path / "nope.txt"])
    assert report.failed[0].reason == "no such file or folder"


def test_cancel_writes_nothing(repo):
    report = import_paths(repo, [CORPUS], cancelled=lambda: True)
    assert report.cancelled and repo.count_articles() == 0
