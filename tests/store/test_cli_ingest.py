"""goodterms ingest and goodterms rejects, through the command's entry point, on both databases."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from goodterms.cli import main
from goodterms.store import Store
from goodterms.store.schema import PersonRow

from databases import db_url, postgres_module_url  # noqa: F401  (fixtures)
from invented import write_corpus

SUMMARY = re.compile(r"^stored (\d+), skipped (\d+), re-analysed (\d+), rejected (\d+) \(store: .+\)$")


@pytest.fixture(autouse=True)
def _model_loaded_once(nlp: Any) -> None:
    """The session fixture loads spaCy once for every test here."""


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([*map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def counts(out: str) -> tuple[int, ...]:
    """(stored, skipped, re-analysed, rejected) from the summary line."""
    match = SUMMARY.match(out.strip().splitlines()[-1])
    assert match, out
    return tuple(int(n) for n in match.groups())


def test_ingest_stores_a_folder_once(capsys: pytest.CaptureFixture[str], tmp_path: Path, db_url: str) -> None:
    write_corpus(tmp_path / "news", 4)
    code, out, err = run(capsys, "ingest", tmp_path / "news", "--db", db_url)
    assert (code, counts(out), err) == (0, (4, 0, 0, 0), "")
    code, out, _ = run(capsys, "ingest", tmp_path / "news", tmp_path / "news" / "article-01.txt", "--db", db_url)
    assert (code, counts(out)) == (0, (0, 5, 0, 0))
    with Store.open(db_url) as store:
        assert store.count() == 4
        assert store.count(PersonRow) == 12
        assert {a.source for a in store.articles()} == {str(tmp_path / "news" / f"article-{i:02d}.txt")
                                                        for i in range(4)}


def test_reanalyze_reruns_only_what_another_engine_made(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                          db_url: str) -> None:
    write_corpus(tmp_path / "news", 3)
    run(capsys, "ingest", tmp_path / "news", "--db", db_url)
    code, out, _ = run(capsys, "ingest", tmp_path / "news", "--db", db_url, "--reanalyze")
    assert (code, counts(out)) == (0, (0, 3, 0, 0))  # same engine: nothing to do
    code, out, _ = run(capsys, "ingest", tmp_path / "news", "--db", db_url, "--reanalyze",
                       "--quote-units", "utterances")
    assert (code, counts(out)) == (0, (0, 0, 3, 0))
    with Store.open(db_url) as store:
        assert store.count() == 3 and store.count(PersonRow) == 9


def test_rejects_are_recorded_and_listed(capsys: pytest.CaptureFixture[str], tmp_path: Path, db_url: str) -> None:
    write_corpus(tmp_path / "news", 2)
    (tmp_path / "news" / "noise.txt").write_bytes(b"\x00\x01\x02\x03 not an article \xff\xfe")
    (tmp_path / "news" / "empty.html").write_text("   \n", encoding="utf-8")
    code, out, err = run(capsys, "ingest", tmp_path / "news", "--db", db_url)
    assert (code, counts(out)) == (1, (2, 0, 0, 2))
    assert len(err.strip().splitlines()) == 2 and "Traceback" not in err
    assert all(line.startswith("goodterms: rejected ") for line in err.strip().splitlines())
    code, out, err = run(capsys, "rejects", "--db", db_url)
    assert code == 0 and err == ""
    lines = out.strip().splitlines()
    assert len(lines) == 2
    assert any(line.startswith(f"{tmp_path / 'news' / 'noise.txt'}: binary: ") for line in lines)
    assert any(line.startswith(f"{tmp_path / 'news' / 'empty.html'}: empty: ") for line in lines)
    code, out, _ = run(capsys, "rejects", "--db", db_url, "--format", "json")
    records = [json.loads(line) for line in out.strip().splitlines()]
    assert sorted(r["code"] for r in records) == ["binary", "empty"]
    assert set(records[0]) == {"id", "source", "location", "code", "message", "at"}


def test_rejects_with_none_stored_says_so_in_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                       db_url: str) -> None:
    write_corpus(tmp_path / "news", 1)
    assert run(capsys, "ingest", tmp_path / "news", "--db", db_url)[0] == 0
    for fmt in ("text", "json"):
        code, out, err = run(capsys, "rejects", "--db", db_url, "--format", fmt)
        assert (code, out) == (0, "")
        assert err.count("\n") == 1 and err.startswith("goodterms: no input was refused (store: ")


def test_an_article_over_its_time_budget_is_a_recorded_reject(capsys: pytest.CaptureFixture[str],
                                                                tmp_path: Path, db_url: str) -> None:
    write_corpus(tmp_path / "news", 1)
    code, out, err = run(capsys, "ingest", tmp_path / "news", "--db", db_url, "--article-seconds", "0.000001")
    assert (code, counts(out)) == (1, (0, 0, 0, 1))
    assert "timeout" in [json.loads(line)["code"] for line in
                         run(capsys, "rejects", "--db", db_url, "--format", "json")[1].splitlines()]


def test_the_store_comes_from_goodterms_db(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    write_corpus(tmp_path / "news", 1)
    monkeypatch.setenv("GOODTERMS_DB", str(tmp_path / "env.db"))
    code, out, _ = run(capsys, "ingest", tmp_path / "news")
    assert code == 0 and f"(store: {tmp_path / 'env.db'})" in out
    monkeypatch.delenv("GOODTERMS_DB")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "ingest", tmp_path / "news")
    assert code == 0 and (tmp_path / "goodterms.db").is_file()


def test_bad_stores_and_inputs_are_one_line_each(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "rejects", "--db", tmp_path / "none.db")
    assert (code, out) == (2, "") and err == f"goodterms: --db {tmp_path / 'none.db'}: no store here yet " \
                                             "(goodterms ingest makes one)\n"
    write_corpus(tmp_path / "news", 1)
    code, _, err = run(capsys, "ingest", tmp_path / "news", "--db", tmp_path / "no" / "such" / "folder.db")
    assert code == 2 and err.count("\n") == 1 and "its folder does not exist" in err
    code, _, err = run(capsys, "ingest", tmp_path / "absent", "--db", tmp_path / "x.db")
    assert code == 2 and "no such file or folder" in err and not (tmp_path / "x.db").exists()


def test_a_feed_line_that_is_no_article_is_a_reject_with_its_line(capsys: pytest.CaptureFixture[str],
                                                                  tmp_path: Path, db_url: str) -> None:
    from invented import article

    lines = [json.dumps({"text": article(1), "url": "https://e.test/1", "published": "2024-03-05", "desk": "a"}),
             '{"text": "cut off',
             json.dumps({"html": f"<html><body><p>{article(2)}</p></body></html>", "title": "Two"})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "ingest", tmp_path / "feed.jsonl", "--db", db_url)
    assert (code, counts(out)) == (1, (2, 0, 0, 1))
    code, out, _ = run(capsys, "rejects", "--db", db_url, "--format", "json")
    (reject,) = [json.loads(line) for line in out.splitlines()]
    assert (reject["location"], reject["code"]) == ("line 2", "bad_json")
    with Store.open(db_url) as store:
        first = next(a for a in store.articles() if a.url == "https://e.test/1")
        assert first.published == "2024-03-05"
        assert store.load(first.id).document.metadata == {"desk": "a"}
