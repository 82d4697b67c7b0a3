"""The graph page at a few hundred people: a store of 60 invented articles, each naming one centre
and five others (300 neighbours), written through `Store.save` from hand-made analyses (no engine
run). The page must draw all of them (limit 400), with a layout that fits them in the box, and
keep its connection list; the default limit keeps the closest 50 and says so."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import Server, Watched, screenshot, serve

from goodterms.corpus.neighbourhood import neighbourhood
from goodterms.model import Analysis, Document, Mention, PairEvidence, Person, Relation, Span, document_id
from goodterms.store import Store

CENTRE = "Quill Harrow"
ARTICLES = 60
OTHERS_EACH = 5


def synthetic_analysis(number: int) -> Analysis:
    """Article `number`: the centre and five invented others, a friend relation and evidence with each."""
    names = [CENTRE] + [f"Person{number:03d}x{i} Example" for i in range(OTHERS_EACH)]
    text = f"Gathering {number}\n\n" + ". ".join(f"{n} was there" for n in names) + ".\n"
    people, relations, evidence = [], [], []
    for index, name in enumerate(names):
        start = text.index(name)
        people.append(Person(f"p{index + 1}", name, mentions=(Mention(start, start + len(name), name, "name"),)))
    for index in range(1, len(names)):
        span = Span(people[index].mentions[0].start, people[index].mentions[0].end)
        relations.append(Relation("friend", "p1", f"p{index + 1}", "current", (span,), rule="test"))
        score = 0.6 if (number + index) % 3 else -0.6
        evidence.append(PairEvidence("p1", f"p{index + 1}", "stance", score, span, "test", "test"))
    doc = Document(document_id(text), text, source=f"gathering-{number}.txt", title=f"Gathering {number}",
                   published=f"2022-{number % 12 + 1:02d}-01")
    return Analysis(doc, people=tuple(people), relations=tuple(relations), evidence=tuple(evidence))


@pytest.fixture(scope="module")
def crowd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crowd") / "store.db"
    with Store.open(path) as store:
        for number in range(ARTICLES):
            store.save(synthetic_analysis(number), engine="test")
    return path


@pytest.fixture(scope="module")
def crowded(crowd: Path) -> Iterator[Server]:
    with serve(crowd) as running:
        yield running


def test_the_neighbourhood_keeps_the_closest_and_says_it_cut(crowd: Path) -> None:
    with Store.open(crowd) as store:
        around = neighbourhood(store, CENTRE, limit=100)
        assert around is not None
        assert len(around.nodes) == 101 and around.more == ARTICLES * OTHERS_EACH - 100
        everyone = neighbourhood(store, CENTRE, limit=400)
        assert everyone is not None and len(everyone.nodes) == 301 and everyone.more == 0
        assert sum(e.kind == "verdict" for e in everyone.edges) == 300
        assert {e.verdict for e in everyone.edges if e.kind == "verdict"} == {"good", "bad"}


def test_three_hundred_people_are_drawn_and_fit(page: Watched, crowded: Server) -> None:
    p = page.page
    p.goto(crowded.url + "/graph?name=Quill%20Harrow&limit=400")
    p.locator("#graph-status").filter(has_text="301 people").wait_for(timeout=30_000)
    fit = p.evaluate("""() => { const cy = document.getElementById('graph').cy; const box = cy.extent();
        const inside = cy.nodes().filter(n => { const q = n.position();
            return q.x >= box.x1 && q.x <= box.x2 && q.y >= box.y1 && q.y <= box.y2; }).length;
        return {nodes: cy.nodes().length, edges: cy.edges().length, inside: inside}; }""")
    assert fit["nodes"] == 301 and fit["inside"] == 301
    assert fit["edges"] == 300  # one relation per neighbour, coloured by its verdict
    assert p.locator("#graph-list li").count() == 300
    screenshot(p, "graph-300", full_page=False)
    p.goto(crowded.url + "/graph?name=Quill%20Harrow")
    assert "300 people share articles with Quill Harrow; the 50 sharing the most are shown" \
        in p.locator("main").inner_text()
    assert page.outside(crowded.url) == [] and page.csp_violations() == []
