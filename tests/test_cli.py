"""The goodterms command, run in-process through cli.main: reports, JSON, folders, stdin, bad input."""
from __future__ import annotations

import io
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from goodterms import read_path
from goodterms.cli import main
from goodterms.model import SCHEMA

from conftest import ARTICLES

CONTRACT_KEYS = {"people", "relations", "quotes", "social_posts", "comments", "stances", "pairs"}
GOOD = ARTICLES / "colon_block_quote.txt"
BLOCK_QUOTE = ("I spent a long time pretending everything was fine. The split forced me to be honest "
               "with myself, and I am grateful for that now.")

MALFORMED_HTML = """<html><head><title>Lena Okafor opens a studio</title>
<body><div><h1>Lena Okafor opens a yoga studio
<p>Lena Okafor welcomed her first class on Saturday, <b>two years <i>after</b> she</i> first
talked about the idea.
<p>Okafor told Glow Magazine: <q>I wanted a room where nobody checks their phone.
<table><tr><td>stray cell <p>unclosed</div></div></span>
<<<>>> &nbsp; &#xZZZ; </html garbage="yes"
"""


@pytest.fixture(autouse=True)
def _model_loaded_once(nlp: Any) -> None:
    """Every test here runs the pipeline; the session fixture loads spaCy once for all of them."""


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main(["analyze", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def lines(stream: str) -> list[str]:
    return [line for line in stream.splitlines() if line.strip()]


def flat(text: str) -> str:
    return " ".join(text.split())


def assert_no_traceback(*streams: str) -> None:
    for stream in streams:
        assert "Traceback" not in stream
        assert 'File "' not in stream


# -- good input ------------------------------------------------------------------------------
def test_text_report_names_people_and_quotes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, GOOD)
    assert code == 0, err
    assert "Marisol Quint" in out and "Teodor Vance" in out
    assert BLOCK_QUOTE in flat(out)  # the report wraps long quotes
    assert "Glow Magazine" in out
    assert out.startswith("Marisol Quint Opens Up About Her Split From Teodor Vance\n")
    assert err == ""


def test_explain_names_each_claims_rule_and_marks_its_words(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, GOOD, "--explain")
    assert code == 0, err
    relations = out.split("Relations (", 1)[1]
    assert "rule: " in relations
    assert "[[" in relations and "]]" in relations
    plain = run(capsys, GOOD)[1]
    assert "rule: " not in plain


def test_json_report_is_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, GOOD, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["schema"] == SCHEMA
    assert CONTRACT_KEYS <= set(data)
    assert data["title"] == "Marisol Quint Opens Up About Her Split From Teodor Vance"
    assert data["published"] == "2024-03-03"
    assert any(q["text"] == BLOCK_QUOTE for q in data["quotes"])


def test_json_for_two_files_is_one_document_per_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, GOOD, ARTICLES / "no_people.txt", "--format", "json")
    assert code == 0, err
    docs = [json.loads(line) for line in lines(out)]
    assert [d["schema"] for d in docs] == [SCHEMA, SCHEMA]


def test_folder_with_out_writes_one_json_per_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    names = ["colon_block_quote", "comments_run", "no_people"]
    for name in names:
        shutil.copy(ARTICLES / f"{name}.txt", src / f"{name}.txt")
    (src / "notes.json").write_text("{}", encoding="utf-8")  # not an article: ignored
    out_dir = tmp_path / "out"
    code, out, err = run(capsys, src, "--format", "json", "--out", out_dir)
    assert code == 0, err
    assert out == ""
    assert sorted(p.name for p in out_dir.iterdir()) == [f"{n}.json" for n in names]
    for name in names:
        data = json.loads((out_dir / f"{name}.json").read_text(encoding="utf-8"))
        assert data["schema"] == SCHEMA and CONTRACT_KEYS <= set(data)
        assert data["title"] == (ARTICLES / f"{name}.txt").read_text(encoding="utf-8").split("\n", 1)[0]


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    class Stdin:
        buffer = io.BytesIO(GOOD.read_bytes())

    monkeypatch.setattr(sys, "stdin", Stdin())
    code, out, err = run(capsys, "-", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["title"] == "Marisol Quint Opens Up About Her Split From Teodor Vance"
    assert any(p["name"] == "Marisol Quint" for p in data["people"])


def test_article_with_no_people(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "weather.txt"
    path.write_text("Rain Expected All Weekend\n\nForecasters expect heavy rain until Monday, "
                    "and the outdoor market has been moved indoors.\n", encoding="utf-8")
    code, out, err = run(capsys, path, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["people"] == []
    assert data["relations"] == [] and data["pairs"] == [] and data["stances"] == []


def test_all_good_folder_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for path in sorted(ARTICLES.glob("*.txt"))[:4]:
        shutil.copy(path, tmp_path / path.name)
    code, out, err = run(capsys, tmp_path, "--format", "json", "--out", tmp_path / "out")
    assert code == 0, err
    assert err == ""
    assert len(list((tmp_path / "out").glob("*.json"))) == 4


# -- bad input ---------------------------------------------------------------------------------
def assert_refused(code: int, out: str, err: str, path: Path) -> None:
    """Refused with exit 1 and exactly one line naming the file."""
    assert code == 1
    assert out == ""
    assert len(lines(err)) == 1, err
    assert str(path) in err
    assert_no_traceback(err)


def test_empty_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert_refused(*run(capsys, path), path)


def test_blank_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \n\n\t \n")
    assert_refused(*run(capsys, path), path)


def test_binary_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert_refused(*run(capsys, path), path)


def test_file_over_max_bytes_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "long.txt"
    path.write_bytes(GOOD.read_bytes() * 4)
    code, out, err = run(capsys, path, "--max-bytes", "1000")
    assert_refused(code, out, err, path)
    assert "1,000" in err or "1000" in err


def test_stdin_over_max_bytes_is_refused(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    class Stdin:
        buffer = io.BytesIO(GOOD.read_bytes() * 4)

    monkeypatch.setattr(sys, "stdin", Stdin())
    code, out, err = run(capsys, "-", "--max-bytes", "1000")
    assert code == 1 and out == ""
    assert len(lines(err)) == 1 and "<stdin>" in err
    assert_no_traceback(err)


def test_invalid_utf8_is_analysed_with_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(GOOD.read_bytes().replace(b"Glow Magazine", b"Gl\xf6w Magazine"))
    code, out, err = run(capsys, path, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert any(p["name"] == "Marisol Quint" for p in data["people"])
    assert any(q["text"] == BLOCK_QUOTE for q in data["quotes"])
    assert len(lines(err)) == 1 and "warning" in err and str(path) in err
    assert_no_traceback(err)


def test_malformed_html_is_analysed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.html"
    path.write_text(MALFORMED_HTML, encoding="utf-8")
    code, out, err = run(capsys, path, "--format", "json")
    assert code == 0, err
    assert_no_traceback(err)
    data = json.loads(out)
    assert any("Lena Okafor" in p["name"] for p in data["people"])


def test_html_with_no_article_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "menu.html"
    path.write_text("<!doctype html><html><head><script>var x = 1;</script></head>"
                    "<body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    assert_refused(*run(capsys, path), path)


def test_missing_path_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nowhere.txt"
    code, out, err = run(capsys, path)
    assert code == 2
    assert out == ""
    assert len(lines(err)) == 1 and str(path) in err
    assert_no_traceback(err)


def test_folder_without_articles_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "data.csv").write_text("a,b\n", encoding="utf-8")
    code, out, err = run(capsys, tmp_path)
    assert code == 2 and out == ""
    assert len(lines(err)) == 1
    assert_no_traceback(err)


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["analyze", str(GOOD), "--format", "yaml"])
    assert caught.value.code == 2
    assert_no_traceback(*capsys.readouterr())


def test_folder_of_good_and_bad_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One bad article never stops the batch: exit 1, good JSON written, one line per bad file."""
    src = tmp_path / "in"
    src.mkdir()
    good = ["colon_block_quote", "no_people", "unbalanced_quote"]
    for name in good:
        shutil.copy(ARTICLES / f"{name}.txt", src / f"{name}.txt")
    bad = {
        "a_empty.txt": b"",
        "b_binary.txt": b"\x00\x01\x02\x03 not text \x00" * 64,
        "c_huge.txt": b"Huge Headline\n\n" + b"Marisol Quint waved. " * 2000,
        "d_latin1.txt": "Teodor Vance In Lisbon\n\nTeodor Vance said: \u201cOl\u00e1.\u201d\n".encode("latin-1",
                                                                                                  "replace"),
    }
    for name, raw in bad.items():
        (src / name).write_bytes(raw)
    out_dir = tmp_path / "out"
    code, out, err = run(capsys, src, "--format", "json", "--out", out_dir, "--max-bytes", "20000")
    assert code == 1
    assert_no_traceback(out, err)
    written = sorted(p.name for p in out_dir.iterdir())
    for name in good:
        assert f"{name}.json" in written
        assert json.loads((out_dir / f"{name}.json").read_text(encoding="utf-8"))["schema"] == SCHEMA
    assert "d_latin1.json" in written  # invalid UTF-8 is analysed, with a warning
    for name in ("a_empty", "b_binary", "c_huge"):
        assert f"{name}.json" not in written
    problems = lines(err)
    assert len(problems) == len(bad), err
    for name in bad:
        assert sum(str(src / name) in line for line in problems) == 1, (name, err)


# -- ask ---------------------------------------------------------------------------------------
ASK_FEUD, ASK_MAKEUP = ARTICLES / "ask_feud_2024.txt", ARTICLES / "ask_reconcile_2025.txt"
PAIR = ("Bianca Ferrante", "Celeste Amara")
ASK_KEYS = {"a", "b", "verdict", "confidence", "items", "timeline"}
ITEM_KEYS = {"source", "start", "end", "sentence"}
VERDICT_WORDS = ("good", "bad", "mixed", "unknown")
EVIDENCE_LINE = re.compile(r"(?P<source>\S+) \[(?P<start>\d+):(?P<end>\d+)\]")


def run_ask(capsys: pytest.CaptureFixture[str], a: str, b: str, *argv: str | Path) -> tuple[int, str, str]:
    code = main(["ask", a, b, *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def article_text(path: Path) -> str:
    """The text the offsets point into: the document as goodterms reads it."""
    return read_path(path).text


def test_ask_text_first_line_is_the_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_ask(capsys, *PAIR, ASK_FEUD, "--format", "json")
    assert code == 0, err
    verdict = json.loads(out)["verdict"]
    code, out, err = run_ask(capsys, *PAIR, ASK_FEUD)
    assert code == 0, err
    first = lines(out)[0]
    assert PAIR[0] in first and PAIR[1] in first
    assert re.search(rf"\b{verdict}\b", first), first
    assert [w for w in VERDICT_WORDS if re.search(rf"\b{w}\b", first)] == [verdict]
    assert verdict == "bad"  # the feud article alone


def test_ask_text_evidence_lines_show_file_and_offsets(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_ask(capsys, *PAIR, ASK_FEUD, ASK_MAKEUP)
    assert code == 0, err
    texts = {path.name: article_text(path) for path in (ASK_FEUD, ASK_MAKEUP)}
    shown = [m for line in lines(out)[1:] if (m := EVIDENCE_LINE.search(line))]
    assert shown, out
    for m in shown:
        name = Path(m["source"]).name
        assert name in texts, m.group(0)
        start, end = int(m["start"]), int(m["end"])
        assert 0 <= start < end <= len(texts[name]) and texts[name][start:end].strip(), m.group(0)
    assert {Path(m["source"]).name for m in shown} == set(texts)  # evidence from both articles


def test_ask_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_ask(capsys, *PAIR, ASK_MAKEUP, ASK_FEUD, "--format", "json")  # newest first
    assert code == 0, err
    data = json.loads(out)
    assert ASK_KEYS <= set(data)
    assert (data["a"], data["b"]) == PAIR
    assert data["verdict"] in VERDICT_WORDS
    assert 0.0 <= data["confidence"] <= 1.0
    assert data["items"]
    texts = {str(path): article_text(path) for path in (ASK_FEUD, ASK_MAKEUP)}
    for item in data["items"]:
        assert ITEM_KEYS <= set(item)
        text = texts[item["source"]]
        assert 0 <= item["start"] < item["end"] <= len(text)
        assert " ".join(text[item["start"]:item["end"]].split()) in item["sentence"]
    assert [(p["start"], p["verdict"]) for p in data["timeline"]] == [("2024-03-01", "bad"), ("2025-06-09", "good")]
    assert (data["verdict"], data["as_of"]) == ("good", "2025-06-09")  # the reconciliation is the latest state


def test_ask_over_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for path in (ASK_FEUD, ASK_MAKEUP, ARTICLES / "feud_lawsuits.txt"):
        shutil.copy(path, tmp_path / path.name)
    code, out, err = run_ask(capsys, *PAIR, tmp_path, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert [p["start"] for p in data["timeline"]] == ["2024-03-01", "2025-06-09"]
    assert {Path(i["source"]).name for i in data["items"]} <= {ASK_FEUD.name, ASK_MAKEUP.name}


def test_ask_about_a_name_in_no_article(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_ask(capsys, PAIR[0], "Nobody Anywhere", ASK_FEUD, ASK_MAKEUP, "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert (data["verdict"], data["items"], data["timeline"]) == ("unknown", [], [])
    assert lines(err) == ["goodterms: 'Nobody Anywhere' is named in none of the 2 article(s)"]
    code, out, err = run_ask(capsys, PAIR[0], "Nobody Anywhere", ASK_FEUD, ASK_MAKEUP)
    assert code == 1 and "Nobody Anywhere" in err
    assert re.search(r"\bunknown\b", lines(out)[0])
    assert_no_traceback(out, err)


@pytest.mark.parametrize("names", [("", ""), ("", "Someone"), ("Orla Venn", "orla  venn")])
def test_ask_with_an_empty_or_repeated_name_is_a_usage_error(capsys: pytest.CaptureFixture[str],
                                                            names: tuple[str, str]) -> None:
    code, out, err = run_ask(capsys, names[0], names[1], ASK_FEUD)
    assert code == 2 and out == "" and len(lines(err)) == 1
    assert_no_traceback(out, err)


@pytest.mark.parametrize("with_good_file", [False, True], ids=["alone", "beside-a-good-file"])
def test_ask_missing_path_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], with_good_file: bool) -> None:
    path = tmp_path / "nowhere.txt"
    paths = [ASK_FEUD, path] if with_good_file else [path]
    code, out, err = run_ask(capsys, *PAIR, *paths)
    assert code == 2
    assert out == ""
    assert len(lines(err)) == 1 and str(path) in err
    assert_no_traceback(err)
