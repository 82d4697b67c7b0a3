"""Reliability: an ingest killed at random points loses nothing and leaves no half article;
readers work while an ingest writes; SQL in names and texts is only data. Both databases."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timezone
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, insert, inspect, select

from goodterms import read_path
from goodterms.model import Analysis, Block, Document, Mention, PairEvidence, Person, Quote, Rejected, Span
from goodterms.store import Store
from goodterms.store.schema import Base, EvidenceRow, PersonRow, QuoteRow, RejectRow, RelationRow, StanceRow

from databases import db_url, postgres_module_url, store  # noqa: F401  (fixtures)
from invented import write_corpus

GOODTERMS = Path(sys.executable).with_name("goodterms")
CORPUS_SIZE = 48  # room for ten kills mid-ingest on a loaded machine, where a kill lands late
KILLS = 10
#: Per record table: the analysis field whose length its rows for one article must equal.
RECORDS = {PersonRow: "people", RelationRow: "relations", QuoteRow: "quotes", StanceRow: "stances",
           EvidenceRow: "evidence"}


def start_ingest(folder: Path, url: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([str(GOODTERMS), "ingest", str(folder), "--db", url],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def assert_every_article_whole(store: Store) -> int:
    """Each stored article has exactly the record rows its analysis lists; return how many are stored."""
    with store.reading() as connection:
        rows = {table: Counter(dict(connection.execute(
            select(table.article_id, func.count()).group_by(table.article_id)).tuples().all()))
            for table in RECORDS}
    stored = 0
    for analysis in store.analyses():
        stored += 1
        for table, field in RECORDS.items():
            assert rows[table].pop(analysis.document.id, 0) == len(getattr(analysis, field)), (
                f"{analysis.document.source}: {table.__tablename__} rows differ from its analysis")
    for table in RECORDS:
        assert not +rows[table], f"{table.__tablename__} rows without their article: {dict(rows[table])}"
    return stored


def wait_for_rows(store: Store, more: int, start: int, timeout: float) -> None:
    """Return once `more` articles beyond `start` are stored, all are, or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        count = store.count()
        if count >= min(start + more, CORPUS_SIZE):
            return
        time.sleep(0.002)


@pytest.fixture(scope="module")
def zygote() -> Iterator[subprocess.Popen[str]]:
    """A process with goodterms loaded that forks the real command on request (see zygote.py)."""
    process = subprocess.Popen([sys.executable, str(Path(__file__).with_name("zygote.py"))],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    yield process
    assert process.stdin is not None
    process.stdin.close()
    process.wait(timeout=60)


def test_an_ingest_killed_ten_times_stores_every_article_once(tmp_path: Path, db_url: str,
                                                              zygote: subprocess.Popen[str]) -> None:
    paths = write_corpus(tmp_path / "news", CORPUS_SIZE)
    expected = {read_path(p).id for p in paths}
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    assert zygote.stdin is not None and zygote.stdout is not None
    killed_mid_ingest = 0
    with Store.open(db_url) as store:
        for _ in range(KILLS):
            before = store.count()
            zygote.stdin.write(json.dumps(["ingest", str(tmp_path / "news"), "--db", db_url]) + "\n")
            zygote.stdin.flush()
            pid = int(zygote.stdout.readline())
            wait_for_rows(store, rng.randint(0, 2), before, timeout=60)
            time.sleep(rng.uniform(0, 0.05))
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass  # it had finished
            code = int(zygote.stdout.readline().split()[1])
            killed_mid_ingest += code == -signal.SIGKILL and store.count() < CORPUS_SIZE
            assert_every_article_whole(store)
        process = start_ingest(tmp_path / "news", db_url)  # the command itself, from a fresh start
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err.decode()
        assert assert_every_article_whole(store) == CORPUS_SIZE, f"seed {seed}"
        assert {a.id for a in store.articles()} == expected
        assert killed_mid_ingest >= KILLS // 2, f"seed {seed}: most kills came after the ingest ended"


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_readers_work_while_an_ingest_writes(tmp_path: Path, db_url: str, zygote: subprocess.Popen[str]) -> None:
    write_corpus(tmp_path / "news", CORPUS_SIZE)
    assert zygote.stdin is not None and zygote.stdout is not None
    seen: list[int] = []
    with Store.open(db_url) as store:
        with store.reading() as connection:  # a long read, open through the whole ingest
            held = connection.execute(select(func.count()).select_from(PersonRow)).scalar_one()
            zygote.stdin.write(json.dumps(["ingest", str(tmp_path / "news"), "--db", db_url]) + "\n")
            zygote.stdin.flush()
            pid = int(zygote.stdout.readline())
            deadline = time.monotonic() + 300
            while alive(pid) and time.monotonic() < deadline:
                count = store.count()  # other readers, each in its own transaction
                if count:
                    newest = max(store.articles(), key=lambda a: a.analysed_at or 0)
                    assert store.load(newest.id).document.id == newest.id
                seen.append(count)
                time.sleep(0.005)
            if store.engine.dialect.name == "sqlite":  # the long read kept its snapshot
                assert connection.execute(select(func.count()).select_from(PersonRow)).scalar_one() == held
        assert zygote.stdout.readline().strip() == "exit 0"
        assert seen == sorted(seen), "a reader saw articles disappear"
        assert any(0 < n < CORPUS_SIZE for n in seen), f"no read happened mid-ingest: {seen}"
        assert store.count() == CORPUS_SIZE


HOSTILE = "'; DROP TABLE persons; --"


def hostile_analysis() -> Analysis:
    """An article whose text, title, people and quote are SQL."""
    text = (f"Robert'); DROP TABLE articles;-- sues {HOSTILE}\n"
            f"{HOSTILE} said: \"SELECT * FROM persons WHERE 1=1; DELETE FROM evidence;\" on Monday.\n")
    second = text.index(HOSTILE, 40)
    quote_start = text.index('"') + 1
    quote_end = text.index('"', quote_start)
    doc = Document(id="5eed5eed5eed5eed", text=text, source="x'); DROP TABLE rejects; --.txt",
                   title="Robert'); DROP TABLE articles;--", published="2024-01-02'; --",
                   blocks=(Block("headline", 0, text.index("\n")),), url="http://e.test/?q=' OR '1'='1",
                   metadata={"tag": "\"; DROP TABLE entities; --"})
    people = (
        Person("p1", HOSTILE, aliases=("x' OR 1=1 --",), handles=("@drop_table",), gender="female",
               mentions=(Mention(second, second + len(HOSTILE), HOSTILE, "name"),)),
        Person("p2", "Robert'); DROP TABLE articles;--", mentions=(Mention(0, 32, text[:32], "name"),)),
    )
    quote = Quote(text=text[quote_start:quote_end], start=quote_start, end=quote_end, speaker="p1",
                  outlet="Bobby Tables' Weekly")
    evidence = PairEvidence("p2", "p1", "event", -0.5, Span(33, 37), "'; DELETE FROM evidence; --", rule="x")
    return Analysis(document=doc, people=people, quotes=(quote,), evidence=(evidence,))


def test_sql_in_names_and_texts_is_plain_data(store: Store, tmp_path: Path, nlp: Any) -> None:
    analysis = hostile_analysis()
    store.save(analysis, engine="'; DROP TABLE articles; --")
    store.add_reject(Rejected(HOSTILE, "bad_input", f"{HOSTILE}: refused", location="line 1'; --"))
    store.add_override("merge", HOSTILE, "Robert'); DROP TABLE articles;--")
    assert store.load(analysis.document.id) == analysis
    assert store.engine_of(analysis.document.id) == "'; DROP TABLE articles; --"
    with store.reading() as connection:
        names = connection.execute(select(PersonRow.name).order_by(PersonRow.local_id)).scalars().all()
        tables = set(inspect(connection).get_table_names())
    assert names == [HOSTILE, "Robert'); DROP TABLE articles;--"]
    assert tables >= set(Base.metadata.tables)
    assert [r.source for r in store.rejects()] == [HOSTILE]
    assert [o.a for o in store.overrides()] == [HOSTILE]
    assert store.count(QuoteRow) == 1 and store.count(EvidenceRow) == 1

    hostile_file = tmp_path / "it's; DROP TABLE articles; --.txt"
    hostile_file.write_text(f"Nessa Quorrel denies a feud\n{HOSTILE} is not a real name, Nessa Quorrel said on "
                            "Tuesday. \"DROP TABLE persons; is what I typed,\" she told Glimmer Daily.\n",
                            encoding="utf-8")
    from goodterms.cli import main
    assert main(["ingest", str(hostile_file), "--db", store.engine.url.render_as_string(hide_password=False)]) == 0
    assert store.count() == 2 and {a.source for a in store.articles()} >= {str(hostile_file)}
    assert set(Base.metadata.tables) <= tables


def test_threads_share_one_store(store: Store, tmp_path: Path, nlp: Any) -> None:
    """A web app serves requests from threads over one open Store: reads and writes from many at once."""
    from concurrent.futures import ThreadPoolExecutor

    import goodterms
    from invented import article

    analyses = [goodterms.analyze_text(article(i), source=f"t{i}.txt") for i in range(8)]
    store.save(analyses[0], engine="e1")

    def work(i: int) -> tuple[str, int]:
        outcome = store.save(analyses[i % 8], engine="e1")
        assert store.load(analyses[0].document.id) == analyses[0]
        return outcome, len(list(store.articles()))

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(work, range(32)))
    assert sorted(o for o, _ in results).count("stored") == 7
    assert store.count() == 8
    assert all(1 <= n <= 8 for _, n in results)


def test_opening_a_store_never_waits_for_a_writer(db_url: str) -> None:
    """A reader (ask, the web app) opens the store while an ingest holds its write transaction."""
    from concurrent.futures import ThreadPoolExecutor

    with Store.open(db_url) as writer, writer.writing() as connection:
        connection.execute(insert(RejectRow).values(source="held.txt", location="", code="x", message="m",
                                                    at=datetime.now(timezone.utc)))

        def open_and_read() -> int:
            with Store.open(db_url) as reader:
                return len(list(reader.rejects()))

        with ThreadPoolExecutor(max_workers=1) as pool:
            assert pool.submit(open_and_read).result(timeout=10) == 0  # the writer's row is not committed yet
