"""The graph page at a few hundred people: a store of 60 invented articles, each naming one centre
and five others (300 neighbours), two of whom are siblings and one the parent of another,
written through `Store.save` from hand-made analyses (no engine run). The page must draw all of
them (limit 400) with the edges between the others too, with a layout that fits them in the box,
and keep its connection lists; the default limit keeps the closest 50 and says so."""
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
    # between the others: p2 and p3 are siblings on bad terms; p3 is p4's parent (former in odd articles)
    span = Span(people[2].mentions[0].start, people[2].mentions[0].end)
    relations.append(Relation("sibling", "p2", "p3", "current", (span,), rule="test"))
    relations.append(Relation("parent", "p4", "p3", "former" if number % 2 else "current", (span,), rule="test"))
    evidence.append(PairEvidence("p2", "p3", "stance", -0.8, span, "test", "test"))
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
        centre = everyone.centre
        assert sum(e.kind == "verdict" and e.source == centre for e in everyone.edges) == 300
        assert {e.verdict for e in everyone.edges if e.kind == "verdict"} == {"good", "bad"}
        between = [e for e in everyone.edges if centre not in (e.source, e.target)]
        ids = {n.id: n.name for n in everyone.nodes}
        siblings = [e for e in between if e.type == "sibling"]
        parents = [e for e in between if e.type == "parent"]
        verdicts = [e for e in between if e.kind == "verdict"]
        assert len(siblings) == len(parents) == len(verdicts) == ARTICLES and len(between) == 3 * ARTICLES
        assert all(e.source < e.target and e.role == "subject" for e in siblings)  # mutual: once, in id order
        assert all(ids[e.source].endswith("x2 Example") and ids[e.target].endswith("x1 Example") for e in parents)
        assert {e.status for e in parents} == {"current", "former"}
        assert {(e.verdict, e.reports) for e in verdicts} == {("bad", 1)}
        # with fewer people kept, only edges between kept people remain
        closest = neighbourhood(store, CENTRE, limit=7)
        assert closest is not None
        kept = {n.id for n in closest.nodes}
        assert all(e.source in kept and e.target in kept for e in closest.edges)


def test_three_hundred_people_are_drawn_and_fit(page: Watched, crowded: Server) -> None:
    p = page.page
    p.goto(crowded.url + "/graph?name=Quill%20Harrow&limit=400")
    p.locator("#graph-status").filter(has_text="301 people").wait_for(timeout=30_000)
    fit = p.evaluate("""() => { const cy = document.getElementById('graph').cy; const box = cy.extent();
        const inside = cy.nodes().filter(n => { const q = n.position();
            return q.x >= box.x1 && q.x <= box.x2 && q.y >= box.y1 && q.y <= box.y2; }).length;
        return {nodes: cy.nodes().length, edges: cy.edges().length, inside: inside}; }""")
    assert fit["nodes"] == 301 and fit["inside"] == 301
    # one relation per neighbour, coloured by its verdict; between the others, the sibling and the
    # parent relations (their verdict colours the siblings' edge instead of an edge of its own)
    assert fit["edges"] == 300 + 2 * ARTICLES
    between = p.evaluate("() => document.getElementById('graph').cy.edges('[between = 1]').length")
    assert between == 2 * ARTICLES
    assert p.locator("#graph-list li").count() == 300
    assert p.locator("#graph-among li").count() == 2 * ARTICLES  # siblings, and parent and child
    sibling = p.locator("#graph-among li").filter(has_text="siblings").first.inner_text()
    assert "verdict: bad" in sibling
    screenshot(p, "graph-300", full_page=False)
    p.goto(crowded.url + "/graph?name=Quill%20Harrow")
    assert "300 people share articles with Quill Harrow; the 50 sharing the most are shown" \
        in p.locator("main").inner_text()
    assert page.outside(crowded.url) == [] and page.csp_violations() == []
