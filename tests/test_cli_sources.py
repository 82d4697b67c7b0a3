"""`goodterms analyze` and `ask` over feeds, WARC files and folder trees: exit codes, one line per
problem with its place, output names per record."""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

from goodterms.cli import main

from test_cli import _model_loaded_once, lines, run  # noqa: F401  (the fixture is autouse)

sys.path.insert(0, str(Path(__file__).resolve().parent / "ingest"))
from test_sources import page, response, new_warc, write_feed  # noqa: E402

STORY = ("Mara Quill and her sister Ida Quill opened a bakery in Porto on Saturday.\n\n"
         "\u201cWe fought for years, and now we bake together,\u201d Mara Quill told Crumb Weekly.")


def corpus(root: Path) -> None:
    """A folder with a text article, a feed with one bad line and a WARC with one page."""
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("Quill sisters open a bakery\n\n" + STORY, encoding="utf-8")
    write_feed(root / "feed.jsonl", [
        {"title": "Quill sisters open a bakery", "text": STORY, "url": "https://news.example/q", "id": "q1"},
        '{"text": "broken',
        {"text": STORY, "published": "2024-05-01", "outlet": "Crumb Weekly"},
    ])
    buffer, writer = new_warc()
    response(writer, "https://news.example/w", page("Quill sisters bake", STORY.replace("\n\n", " ")).encode(),
             date="2024-06-01T10:00:00Z")
    (root / "crawl.warc.gz").write_bytes(buffer.getvalue())
    (root / "sub" / "deep.txt").write_text("Deep story\n\n" + STORY, encoding="utf-8")


def test_a_folder_of_articles_feeds_and_warcs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus(tmp_path / "in")
    out = tmp_path / "out"
    code, stdout, err = run(capsys, tmp_path / "in", "--format", "json", "--out", out)
    assert code == 1 and stdout == ""
    [problem] = lines(err)
    assert problem.startswith("goodterms: rejected ") and f"{tmp_path / 'in' / 'feed.jsonl'}:2: not valid JSON" in problem
    names = sorted(p.name for p in out.iterdir())
    [crawl] = [name for name in names if name.startswith("crawl-")]
    assert names == ["a.json", crawl, "feed-1.json", "feed-3.json"]
    first = json.loads((out / "feed-1.json").read_text(encoding="utf-8"))
    assert first["source"].endswith("feed.jsonl:1") and first["url"] == "https://news.example/q"
    assert first["metadata"] == {"id": "q1"}
    third = json.loads((out / "feed-3.json").read_text(encoding="utf-8"))
    assert third["published"] == "2024-05-01" and third["metadata"] == {"outlet": "Crumb Weekly"}
    warc = json.loads((out / crawl).read_text(encoding="utf-8"))
    assert warc["source"] == f"{tmp_path / 'in' / 'crawl.warc.gz'}@{crawl[len('crawl-'):-len('.json')]}"
    assert warc["url"] == "https://news.example/w" and warc["published"] == "2024-06-01"
    assert {p["name"] for p in warc["people"]} >= {"Mara Quill", "Ida Quill"}


def test_offsets_of_a_feed_record_point_into_its_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", [{"title": "Quill sisters open a bakery", "text": STORY}])
    code, stdout, err = run(capsys, feed, "--format", "json")
    assert code == 0, err
    data = json.loads(stdout)
    from goodterms.ingest.sources import read_feed

    [doc] = read_feed(feed)
    text = doc.text  # type: ignore[union-attr]
    assert data["blocks"][0]["kind"] == "headline"
    assert text[data["blocks"][0]["start"]:data["blocks"][0]["end"]] == "Quill sisters open a bakery"
    [quote] = data["quotes"]
    assert text[quote["start"]:quote["end"]] == quote["text"]


def test_recursive_reads_subfolders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus(tmp_path / "in")
    code, stdout, err = run(capsys, tmp_path / "in", "--format", "json", "--recursive")
    assert code == 1
    sources = [json.loads(line)["source"] for line in stdout.splitlines()]
    assert sources[-1] == str(tmp_path / "in" / "sub" / "deep.txt") and len(sources) == 5


def test_a_gzip_feed_cut_short_is_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    members = [gzip.compress((json.dumps({"text": STORY, "title": f"Day {i}"}) + "\n").encode()) for i in range(3)]
    feed = tmp_path / "cut.jsonl.gz"
    feed.write_bytes(members[0] + members[1] + members[2][:-12])
    code, stdout, err = run(capsys, feed, "--format", "json")
    assert code == 1
    [problem] = lines(err)
    assert f"{feed}: line 3: the gzip data is cut short" in problem
    assert [json.loads(line)["title"] for line in stdout.splitlines()] == ["Day 0", "Day 1"]


def test_a_warc_with_no_response_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    buffer, _ = new_warc()
    warc = tmp_path / "info.warc.gz"
    warc.write_bytes(buffer.getvalue())
    code, stdout, err = run(capsys, warc)
    assert code == 1 and stdout == ""
    [problem] = lines(err)
    assert f"{warc}: no article in this WARC file (1 warcinfo)" in problem


def test_missing_feed_and_empty_tree_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, tmp_path / "nowhere.jsonl")
    assert code == 2 and lines(err) == [f"goodterms: {tmp_path / 'nowhere.jsonl'}: no such file or folder"]
    (tmp_path / "only" / "sub").mkdir(parents=True)
    (tmp_path / "only" / "sub" / "a.txt").write_text("Title\n\n" + STORY, encoding="utf-8")
    code, _, err = run(capsys, tmp_path / "only")
    assert code == 2 and "--recursive" in err and len(lines(err)) == 1


def test_ask_reads_feeds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", [
        {"title": "Quill sisters open a bakery", "text": STORY},
        {"title": "The Quills make up", "text": "Mara Quill and Ida Quill reconciled last spring after a long feud."},
    ])
    code = main(["ask", "Mara Quill", "Ida Quill", str(feed), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    answer = json.loads(out)
    assert answer["items"] and {item["source"] for item in answer["items"]} == {f"{feed}:2"}
    assert answer["verdict"] == "good"


def test_analyze_prints_plain_progress_lines_when_not_on_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import goodterms.console as console

    monkeypatch.delenv("GOODTERMS_PROGRESS", raising=False)
    monkeypatch.setattr(console, "PLAIN_INTERVAL", 0.0)
    feed = write_feed(tmp_path / "feed.jsonl", [{"title": f"Day {i}", "text": STORY} for i in range(3)])
    code, stdout, err = run(capsys, feed, "--format", "json")
    assert code == 0 and len(stdout.splitlines()) == 3
    shown = lines(err)
    assert [line.split(",")[0] for line in shown] == [
        "goodterms: 1 article done", "goodterms: 2 articles done", "goodterms: 3 articles done",
        "goodterms: 3 articles in 0:00:00"]


def test_a_feed_on_standard_input(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    feed = write_feed(tmp_path / "feed.jsonl", [{"title": "Day one", "text": STORY}, "[1]",
                                                 {"title": "Day two", "text": STORY}], compress=True)

    class Stdin:
        buffer = io.BytesIO(feed.read_bytes())

    monkeypatch.setattr(sys, "stdin", Stdin())
    code, stdout, err = run(capsys, "-", "--format", "json", "--out", tmp_path / "out")
    assert code == 1 and stdout == ""
    assert lines(err) == ['goodterms: rejected <stdin>:2: a JSON array, not an object with "text" or "html"']
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["stdin-1.json", "stdin-3.json"]
