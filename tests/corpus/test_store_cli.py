"""`goodterms ask` (from the store), `person`, `people` and `export` through the CLI, on SQLite
and PostgreSQL; the store is filled by `goodterms ingest` from the invented corpus."""
from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from goodterms.cli import main
from goodterms.corpus.people import person
from goodterms.corpus.stored_ask import ask_store
from goodterms.store import Store
from query_databases import BACKENDS, CORPUS, database

ORLA, TAMSIN = "Orla Venn", "Tamsin Reyes"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def lines(stream: str) -> list[str]:
    return [line for line in stream.splitlines() if line.strip()]


def assert_no_traceback(*streams: str) -> None:
    for stream in streams:
        assert "Traceback" not in stream and 'File "' not in stream


@pytest.fixture(scope="module", params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A store filled by `goodterms ingest` from the invented corpus, on each backend."""
    with database(request.param, tmp_path_factory.mktemp(f"cli-{request.param}")) as url:
        assert main(["ingest", str(CORPUS), "--db", url]) == 0
        yield url


# -- ask ---------------------------------------------------------------------------------------

def test_ask_without_files_answers_from_the_store(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = run(capsys, "ask", ORLA, TAMSIN, "--db", db)
    assert code == 0, err
    first = lines(out)[0]
    assert first.startswith(f"{ORLA} and {TAMSIN}: good") and first.endswith("as of 2020-02-08")
    assert re.search(r"over time: 2017-03-14 to 2017-09-02: bad -> .*2020-02-08: good", out)
    assert "reports that disagree in 2019-05:" in out
    assert re.search(r"evidence, newest 20 of \d+:", out)


def test_ask_json_from_the_store_is_the_library_answer(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = run(capsys, "ask", ORLA, TAMSIN, "--db", db, "--format", "json", "--all")
    assert code == 0, err
    data = json.loads(out)
    with Store.open(db, create=False) as store:
        expected = ask_store(store, ORLA, TAMSIN, limit=None).to_dict()
    assert data == json.loads(json.dumps(expected))
    assert len(data["items"]) == data["reports"]
    assert [(p["start"], p["verdict"]) for p in data["timeline"]][0] == ("2017-03-14", "bad")


def test_ask_by_year_joins_the_two_2019_reports_into_one_step(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = run(capsys, "ask", ORLA, TAMSIN, "--db", db, "--format", "json", "--by", "year")
    assert code == 0, err
    assert [c["period"] for c in json.loads(out)["conflicts"]] == ["2019"]


def test_ask_from_the_store_about_nobody(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = run(capsys, "ask", ORLA, "Nobody Anywhere", "--db", db)
    assert code == 1
    assert re.search(r"\bunknown\b", lines(out)[0])
    assert lines(err) == ["goodterms: 'Nobody Anywhere' is named in no article of the store"]


def test_ask_with_the_same_name_twice_is_a_usage_error(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = run(capsys, "ask", ORLA, "orla  venn", "--db", db)
    assert code == 2 and out == "" and len(lines(err)) == 1


def test_ask_a_store_that_is_not_there(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    code, out, err = run(capsys, "ask", ORLA, TAMSIN, "--db", str(missing))
    assert code == 2 and out == ""
    assert len(lines(err)) == 1 and str(missing) in err and "no store" in err
    assert not missing.exists()
    assert_no_traceback(out, err)


def test_ask_with_files_still_ignores_the_store(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "ask", ORLA, TAMSIN, str(CORPUS / "2017-03-feud.txt"),
                         "--db", str(tmp_path / "none.db"), "--format", "json")
    assert code == 0, err
    assert json.loads(out)["verdict"] == "bad"
    assert not (tmp_path / "none.db").exists()


# -- person and people -------------------------------------------------------------------------

def test_person_text(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = run(capsys, "person", ORLA, "--db", db, "--limit", "2")
    assert code == 0, err
    assert lines(out)[0] == f"{ORLA}: named in 6 article(s)"
    assert re.search(r"spouse of Dario Okoye: current", out)
    assert re.search(r"friend of Tamsin Reyes: current", out)
    assert "to The Daily Lantern" in out and "I missed my friend" in out
    assert "articles (newest 2 of 6):" in out
    assert "why these are one person" not in out


def test_person_why_and_json(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = run(capsys, "person", TAMSIN, "--db", db, "--why")
    assert code == 0, err
    assert "why these are one person:" in out
    code, out, err = run(capsys, "person", TAMSIN, "--db", db, "--why", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    with Store.open(db, create=False) as store:
        expected = person(store, TAMSIN, why=True)
    assert expected is not None and data == json.loads(json.dumps(expected.to_dict()))
    assert data["why"] and data["articles"] == 6


def test_person_unknown(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = run(capsys, "person", "Nobody Anywhere", "--db", db)
    assert code == 1 and out == ""
    assert lines(err) == ["goodterms: 'Nobody Anywhere' is named in no article of the store"]


def test_people(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = run(capsys, "people", "--db", db, "--top", "2")
    assert code == 0, err
    rows = lines(out)
    assert len(rows) == 2
    assert {re.sub(r"^\s*\d+\.\s+6 article\(s\)\s+|\s+\(also [^)]*\)$", "", r) for r in rows} == {ORLA, TAMSIN}
    code, out, err = run(capsys, "people", "--db", db, "--format", "json")
    assert code == 0, err
    counts = {p["name"]: p["articles"] for p in json.loads(out)}
    assert counts[ORLA] == counts[TAMSIN] == 6 and counts["Dario Okoye"] == 1


@pytest.mark.parametrize("top", ["0", "-3", "many"])
def test_people_top_must_be_a_positive_number(capsys: pytest.CaptureFixture[str], top: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["people", "--top", top])
    assert exit_.value.code == 2
    _, err = capsys.readouterr()
    assert "--top" in err
    assert_no_traceback(err)


# -- export ------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt, files", [("graphml", ["people.graphml"]), ("json", ["graph.json"]),
                                        ("csv", ["edges.csv", "nodes.csv"])])
def test_export_writes_its_files(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path, fmt: str,
                                 files: list[str]) -> None:
    out_dir = tmp_path / "graph"
    code, out, err = run(capsys, "export", str(out_dir), "--format", fmt, "--db", db)
    assert code == 0, err
    assert sorted(p.name for p in out_dir.iterdir()) == files
    assert re.match(r"\d+ people, \d+ edges: ", out)
    if fmt == "graphml":
        names = [d.text for d in ET.parse(out_dir / "people.graphml").getroot().iter(
            "{http://graphml.graphdrawing.org/xmlns}data") if d.get("key") == "node_name"]
        assert {ORLA, TAMSIN} <= set(names)
    elif fmt == "json":
        assert {n["properties"]["name"] for n in json.loads((out_dir / "graph.json").read_text())["nodes"]} >= {ORLA}
    else:
        with (out_dir / "edges.csv").open(newline="") as handle:
            assert any(r["kind"] == "verdict" and r["verdict"] == "good" for r in csv.DictReader(handle))


def test_export_into_a_file_is_a_usage_error(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("x")
    code, out, err = run(capsys, "export", str(target), "--db", db)
    assert code == 2 and out == ""
    assert lines(err) == [f"goodterms: export {target}: exists and is not a folder"]


# -- start-up ----------------------------------------------------------------------------------

#: Runs the command in a fresh interpreter, then says whether spaCy was ever imported.
_RUN_AND_REPORT = """
import sys
from goodterms.cli import main
code = main(sys.argv[1:])
print("spacy-loaded" if "spacy" in sys.modules else "spacy-not-loaded", file=sys.stderr)
"""


@pytest.mark.parametrize("command", [
    ["ask", ORLA, TAMSIN], ["person", ORLA], ["people", "--top", "3"], ["rejects"],
])
def test_store_only_commands_do_not_load_the_language_model(db: str, tmp_path: Path, command: list[str]) -> None:
    """Answering from the store needs no spaCy: it is not imported (a 230 MB, one-second start-up)."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _RUN_AND_REPORT, *command, "--db", db],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    *said, verdict = done.stderr.strip().splitlines()
    assert done.stdout.strip() or said  # the command answered (rejects answers on stderr)
    assert verdict == "spacy-not-loaded"


def test_analysing_files_still_loads_the_language_model(tmp_path: Path) -> None:
    """The check above can fail: a command that analyses articles does import spaCy."""
    import subprocess
    import sys

    article = tmp_path / "a.txt"
    article.write_text("Orla Venn praises Tamsin Reyes\n\nOrla Venn said Tamsin Reyes is a dear friend.\n")
    done = subprocess.run([sys.executable, "-c", _RUN_AND_REPORT, "ask", ORLA, TAMSIN, str(article)],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.stderr.strip().splitlines()[-1] == "spacy-loaded", done.stderr
