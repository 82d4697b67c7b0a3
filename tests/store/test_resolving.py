"""People resolved across a store's articles: links with reasons, stable entity ids, and hand
corrections through `goodterms merge` / `split` kept across ingests. Both databases, invented people."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from goodterms import analyze_one, document_from_text
from goodterms.cli import main
from goodterms.model import Analysis
from goodterms.store import Store
from goodterms.store.resolving import entities_named, entity_of, resolve_store, why
from goodterms.store.schema import Entity, PersonRow

from databases import db_url, planner_rows, postgres_module_url, rows_in, store  # noqa: F401  (fixtures)

#: Two Kims (Kim Vale, married to Alec Dorn; Kim Osei, filming with Tomas Reyes), each once named
#: "Kim" alone next to their partner; Marisa Penn, engaged to Theo Larkin, later Marisa Larkin.
ARTICLES = {
    "a1": 'Kim Vale and Alec Dorn Wed\n\nKim Vale married Alec Dorn in Malibu on Saturday. '
          '"I am so happy," Vale told Glow Magazine.\n',
    "a2": 'Kim Vale Opens Up\n\nKim Vale praised her husband Alec Dorn in a new interview. '
          '"Alec is my rock," Vale told Star Weekly.\n',
    "a3": "Date Night in Rome\n\nAlec Dorn and his wife Kim were spotted in Rome on Friday. Kim laughed at his jokes.\n",
    "a4": 'Kim Osei Joins Cast\n\nKim Osei will star opposite Tomas Reyes in a new drama. '
          '"Tomas is brilliant," Osei told Glow Magazine.\n',
    "a5": "Filming in Paris\n\nKim Osei and Tomas Reyes were seen filming in Paris this week.\n",
    "a6": "Laughs on Set\n\nKim and Tomas Reyes laughed between takes in Paris on Monday.\n",
    "m1": "Marisa Penn Engaged\n\nMarisa Penn is engaged to her boyfriend Theo Larkin, the actress told Glow Magazine.\n",
    "m2": "Marisa Larkin Glows\n\nMarisa Larkin praised her husband Theo Larkin at the premiere in Paris.\n",
}
LATER = "Tomas Reyes Wins\n\nTomas Reyes won best actor at a gala in Rome on Sunday.\n"


@pytest.fixture(scope="module")
def analyses(nlp: Any) -> dict[str, Analysis]:
    return {key: analyze_one(document_from_text(text, source=f"{key}.txt")) for key, text in ARTICLES.items()}


def person(analysis: Analysis, name: str) -> tuple[str, str]:
    local = next(p.id for p in analysis.people if p.name == name)
    return analysis.document.id, local


def saved(store: Store, analyses: dict[str, Analysis]) -> None:
    for analysis in analyses.values():
        store.save(analysis, engine="e1")


def test_every_person_is_linked_with_its_reason(store: Store, analyses: dict[str, Analysis]) -> None:
    saved(store, analyses)
    done = resolve_store(store)
    assert done.persons == sum(len(a.people) for a in analyses.values())
    vale, osei = entities_named(store, "Kim Vale")[0], entities_named(store, "Kim Osei")[0]
    assert vale.id != osei.id and vale.articles == osei.articles == 3
    assert entity_of(store, *person(analyses["a3"], "Kim")) == vale.id
    assert entity_of(store, *person(analyses["a6"], "Kim")) == osei.id
    reasons = {(r.name, r.link) for r in why(store, vale.id)}
    assert ("Kim", "first name Kim, co-mentioned with Alec Dorn as Kim Vale is in 2 articles") in reasons
    marisa = entities_named(store, "Marisa Larkin")[0]
    assert marisa.id == entities_named(store, "Marisa Penn")[0].id
    assert any("married name: Marisa Penn -> Marisa Larkin, spouse Theo Larkin" in r.link for r in why(store, marisa.id))
    assert entities_named(store, "Theo Larkin")[0].id != marisa.id  # a surname shared by a couple


def test_entity_ids_stay_when_entities_do_not_change(store: Store, analyses: dict[str, Analysis], nlp: Any) -> None:
    saved(store, analyses)
    resolve_store(store)
    with store.reading() as connection:
        before = dict(connection.execute(select(Entity.name, Entity.id)).tuples().all())
    again = resolve_store(store)
    assert (again.relinked, again.new_entities, again.removed_entities) == (0, 0, 0)
    store.save(analyze_one(document_from_text(LATER, source="later.txt")), engine="e1")
    grown = resolve_store(store)
    assert (grown.new_entities, grown.removed_entities, grown.relinked) == (0, 0, 1)
    with store.reading() as connection:
        after = dict(connection.execute(select(Entity.name, Entity.id)).tuples().all())
        articles = connection.execute(select(Entity.articles).where(Entity.name == "Tomas Reyes")).scalar_one()
    assert after == before and articles == 4


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([*map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def write(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for key, text in texts.items():
        (folder / f"{key}.txt").write_text(text, encoding="utf-8")
    return folder


def kim_of(db: str, text: str) -> tuple[int | None, int]:
    """The entity of the lone "Kim" of an article, and Kim Vale's."""
    analysis_id = document_from_text(text).id
    with Store.open(db) as store:
        with store.reading() as connection:
            kim = connection.execute(select(PersonRow.entity_id).where(
                PersonRow.article_id == analysis_id, PersonRow.name == "Kim")).scalar_one()
        return kim, entities_named(store, "Kim Vale")[0].id


def test_merge_and_split_are_kept_across_ingests(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                  db_url: str, nlp: Any) -> None:
    news = write(tmp_path / "news", ARTICLES)
    code, out, err = run(capsys, "ingest", news, "--db", db_url)
    assert (code, err) == (0, "")
    assert out.startswith("people: 16 persons in 6 entities (6 new, 0 gone, 16 persons relinked)\nstored 8, skipped 0")
    kim, vale = kim_of(db_url, ARTICLES["a3"])
    assert kim == vale
    code, out, err = run(capsys, "split", "Kim", "Kim Vale", "--db", db_url)
    assert (code, err) == (0, "")
    assert out.startswith("split: 'Kim' is Kim Osei (3 articles) or Kim (1 article), 'Kim Vale' is Kim Vale (2 articles); "
                          "kept as hand correction 1, applied after every ingest\n")
    kim, vale = kim_of(db_url, ARTICLES["a3"])
    assert kim != vale
    code, out, _ = run(capsys, "ingest", write(tmp_path / "more", {"later": LATER}), "--db", db_url)
    assert code == 0 and "stored 1" in out
    kim, vale = kim_of(db_url, ARTICLES["a3"])
    assert kim != vale  # the split is applied again after the new ingest

    code, out, _ = run(capsys, "merge", "Kim Osei", "Kim Vale", "--db", db_url)
    assert code == 0 and out.startswith("merge: 'Kim Osei' and 'Kim Vale' are one person")
    with Store.open(db_url) as store:
        assert entities_named(store, "Kim Osei")[0].id == entities_named(store, "Kim Vale")[0].id
        assert [(o.action, o.a, o.b) for o in store.overrides()] == [("split", "Kim", "Kim Vale"),
                                                                      ("merge", "Kim Osei", "Kim Vale")]
    code, out, _ = run(capsys, "split", "Kim Vale", "Kim Osei", "--db", db_url)
    assert code == 0 and "'Kim Vale' is Kim Vale" in out and "'Kim Osei' is Kim Osei" in out


def test_a_name_the_store_does_not_hold_is_refused_even_one_like_sql(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, db_url: str, nlp: Any) -> None:
    run(capsys, "ingest", write(tmp_path / "news", {"a1": ARTICLES["a1"]}), "--db", db_url)
    code, out, err = run(capsys, "merge", "'; DROP TABLE persons; --", "Kim Vale", "--db", db_url)
    assert (code, out) == (2, "")
    assert err == ("goodterms merge: no person named \"'; DROP TABLE persons; --\" in the store "
                   "(names and @handles are looked up)\n")
    code, _, err = run(capsys, "split", "Kim Vale", "kim  VALE", "--db", db_url)
    assert code == 2 and "one name to resolution" in err
    with Store.open(db_url) as store:
        assert store.count(PersonRow) == 2 and store.overrides() == []


def test_a_resolution_that_changes_people_brings_the_planner_statistics_up_to_date(
        store: Store, analyses: dict[str, Analysis], nlp: Any) -> None:
    saved(store, analyses)
    resolve_store(store)
    assert planner_rows(store, "persons") == rows_in(store, "persons")
    store.save(analyze_one(document_from_text("Nora Quist Returns\n\nNora Quist and her brother Ivo Quist opened "
                                              "a bakery in Porto on Monday.\n", source="q1.txt")), engine="e1")
    assert planner_rows(store, "persons") != rows_in(store, "persons")  # two people since it was analysed
    resolve_store(store)
    for table in ("persons", "entities", "articles"):
        assert planner_rows(store, table) == rows_in(store, table) > 0
