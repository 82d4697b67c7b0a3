"""Relations, stances and pair verdicts: the fixtures against their expected JSON, verdicts and ask() by hand.

Every fixture whose expected JSON has a `relations`, `stances` or `pairs` key is checked for
that part: each required item is found, nothing found contradicts a required item (a wrong
status, a parent the wrong way round, opposite polarity), and every evidence span slices
inside the text. In these files an expected `polarity` or `verdict` may be a list of
acceptable values, where a reasonable reader could say either ("I wish him well, but...").

`verdict_from_evidence` is tested as a pure function over hand-made PairEvidence records:
the next step reuses it to aggregate evidence across articles. `ask` is tested over two
dated fixture articles about one invented pair, a feud and then a reconciliation.
"""
from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from goodterms.corpus import ask
from goodterms.extract.verdict import verdict_from_evidence
from goodterms.model import (
    POLARITIES, RELATION_TYPES, STATUSES, VERDICTS, Analysis, PairEvidence, Span,
)

from conftest import ARTICLES, article_names, expected_for
from test_fixtures import Case, report, required

NAMES = article_names()
WITH = {key: [n for n in NAMES if key in expected_for(n)] for key in ("relations", "stances", "pairs")}
ANY_PART = [n for n in NAMES if any(n in names for names in WITH.values())]

ROMANTIC = frozenset({"spouse", "partner"})
DIRECTED = frozenset({"parent", "stepparent"})
#: Relation kinds that cannot hold between the same two people at once (friend and relative go with anything).
KIN_GROUP = {"spouse": "couple", "partner": "couple", "parent": "lineal", "stepparent": "lineal", "sibling": "sibling"}
OPPOSITE = {"positive": {"negative"}, "negative": {"positive"}, "mixed": set(), "neutral": set()}
VERDICT_OPPOSITE = {"good": {"bad"}, "bad": {"good"}, "mixed": set(), "unknown": set()}

FEUD, MAKEUP = ARTICLES / "ask_feud_2024.txt", ARTICLES / "ask_reconcile_2025.txt"
BIANCA, CELESTE = "Bianca Ferrante", "Celeste Amara"


def accepted(value: str | list[str]) -> set[str]:
    """An expected polarity or verdict: one value, or a list of acceptable ones."""
    return set(value) if isinstance(value, list) else {value}


@pytest.fixture(scope="module")
def cases(analyze_path: Callable[[Path], Analysis]) -> Callable[[str], Case]:
    """One Case per fixture name, built once for this module (the analysis is memoised per session)."""
    built: dict[str, Case] = {}

    def get(name: str) -> Case:
        if name not in built:
            built[name] = Case(name, analyze_path(ARTICLES / f"{name}.txt"))
        return built[name]

    return get


def expected_name(case: Case, pid: str) -> str | None:
    """The expected person a predicted id (or bare name) means, if any."""
    return next((e["name"] for e in case.want["people"] if case.same_person(pid, e["name"])), None)


def predicted_relations(case: Case) -> list[tuple[str, str | None, str | None, str, dict[str, Any]]]:
    """(type, subject, object, status, record) with subject and object as expected names."""
    return [(r["type"], expected_name(case, r["subject"]), expected_name(case, r["object"]), r["status"], r)
            for r in case.got["relations"]]


def same_pair(x: tuple[str | None, str | None], y: tuple[str | None, str | None]) -> bool:
    return set(x) == set(y)


def show_relation(kind: str, subject: str | None, obj: str | None, status: str) -> str:
    arrow = "->" if kind in DIRECTED else "--"
    return f"{kind}({subject} {arrow} {obj}, {status})"


# -- the expected files themselves --------------------------------------------------------------
@pytest.mark.parametrize("name", ANY_PART)
def test_expected_parts_are_well_formed(name: str) -> None:
    """Types, statuses, polarities and verdicts are the contract's; every reference is an expected person."""
    want = expected_for(name)
    people = {p["name"] for p in want["people"]}
    for r in want.get("relations", []):
        assert r["type"] in RELATION_TYPES and r["status"] in STATUSES, r
        assert r["subject"] in people and r["object"] in people and r["subject"] != r["object"], r
        if r["type"] in ("parent", "stepparent", "sibling"):
            assert r["status"] == "current", r  # ANNOTATION.md: parent and sibling relations are current
    for s in want.get("stances", []):
        assert accepted(s["polarity"]) <= set(POLARITIES), s
        assert s["source"] in people and s["target"] in people and s["source"] != s["target"], s
    for p in want.get("pairs", []):
        assert accepted(p["verdict"]) <= set(VERDICTS), p
        assert p["a"] in people and p["b"] in people and p["a"] != p["b"], p


def test_new_cases_are_covered() -> None:
    """The stance and pair fixtures this module was written for are present."""
    for name in ("feud_lawsuits", "exes_reconcile_coparent", "divorce_remarriage", "stepdaughter_tribute",
                 "siblings_on_tour", "pronoun_quote_ex", "ask_feud_2024", "ask_reconcile_2025"):
        assert name in WITH["stances"] and name in WITH["pairs"], name


# -- relations --------------------------------------------------------------------------------
@pytest.mark.parametrize("name", WITH["relations"])
def test_expected_relations_found(name: str, cases: Callable[[str], Case]) -> None:
    """Type, the two people, the order for parent and stepparent, and the status."""
    case = cases(name)
    got = predicted_relations(case)
    problems = []
    for e in required(case.want["relations"]):
        want_pair = (e["subject"], e["object"])
        matches = [g for g in got if g[0] == e["type"] and (
            (g[1], g[2]) == want_pair if e["type"] in DIRECTED else same_pair((g[1], g[2]), want_pair))]
        wanted = show_relation(e["type"], e["subject"], e["object"], e["status"])
        if not matches:
            problems.append(f"missing {wanted}")
        elif not any(g[3] == e["status"] for g in matches):
            problems.append(f"{wanted} found as {[g[3] for g in matches]}")
    report(problems)


@pytest.mark.parametrize("name", WITH["relations"])
def test_no_relation_contradicts_an_expected_one(name: str, cases: Callable[[str], Case]) -> None:
    """No wrong status, no parent the wrong way round, no couple where the text says parent or sibling."""
    case = cases(name)
    problems = []
    for e in required(case.want["relations"]):
        wanted = show_relation(e["type"], e["subject"], e["object"], e["status"])
        for kind, subject, obj, status, _ in predicted_relations(case):
            if not same_pair((subject, obj), (e["subject"], e["object"])):
                continue
            said = show_relation(kind, subject, obj, status)
            if kind == e["type"]:
                if kind in DIRECTED and (subject, obj) != (e["subject"], e["object"]):
                    problems.append(f"{said} is the wrong way round for {wanted}")
                elif status != e["status"]:
                    problems.append(f"{said} has the wrong status for {wanted}")
            elif kind in ROMANTIC and e["type"] in ROMANTIC:
                if "unknown" not in (status, e["status"]) and status != e["status"]:
                    problems.append(f"{said} contradicts {wanted}")
            elif kind in KIN_GROUP and e["type"] in KIN_GROUP:
                problems.append(f"{said} contradicts {wanted}")
    report(problems)


@pytest.mark.parametrize("name", WITH["relations"])
def test_no_second_current_spouse(name: str, cases: Callable[[str], Case]) -> None:
    """A current spouse the text names rules out another current spouse for either of them."""
    case = cases(name)
    problems = []
    for e in required(case.want["relations"]):
        if (e["type"], e["status"]) != ("spouse", "current"):
            continue
        couple = {e["subject"], e["object"]}
        for kind, subject, obj, status, _ in predicted_relations(case):
            if (kind, status) == ("spouse", "current") and len({subject, obj} & couple) == 1:
                problems.append(f"{show_relation(kind, subject, obj, status)} beside "
                                f"{show_relation(e['type'], e['subject'], e['object'], e['status'])}")
    report(problems)


# -- stances ----------------------------------------------------------------------------------
def predicted_stances(case: Case) -> list[tuple[str | None, str | None, str, dict[str, Any]]]:
    return [(expected_name(case, s["source"]), expected_name(case, s["target"]), s["polarity"], s)
            for s in case.got["stances"]]


@pytest.mark.parametrize("name", WITH["stances"])
def test_expected_stances_found(name: str, cases: Callable[[str], Case]) -> None:
    """Source, target (directed) and polarity."""
    case = cases(name)
    got = predicted_stances(case)
    problems = []
    for e in required(case.want["stances"]):
        polarities = [p for s, t, p, _ in got if (s, t) == (e["source"], e["target"])]
        wanted = f"{e['source']} -> {e['target']} {e['polarity']}"
        if not polarities:
            problems.append(f"missing stance {wanted}")
        elif not set(polarities) & accepted(e["polarity"]):
            problems.append(f"stance {wanted} found as {polarities}")
    report(problems)


@pytest.mark.parametrize("name", WITH["stances"])
def test_no_stance_contradicts_an_expected_one(name: str, cases: Callable[[str], Case]) -> None:
    case = cases(name)
    problems = []
    for e in required(case.want["stances"]):
        for s, t, polarity, record in predicted_stances(case):
            if (s, t) == (e["source"], e["target"]) and all(polarity in OPPOSITE[a] for a in accepted(e["polarity"])):
                problems.append(f"{s} -> {t} is {polarity} (score {record['score']}), wants {e['polarity']}")
    report(problems)


@pytest.mark.parametrize("name", WITH["stances"])
def test_no_unannotated_stances(name: str, cases: Callable[[str], Case]) -> None:
    """As the scorer counts: a positive, negative or mixed stance nobody annotated is a false claim."""
    case = cases(name)
    annotated = {(e["source"], e["target"]) for e in case.want["stances"]}
    extra = [f"{case.who(r['source'])} -> {case.who(r['target'])} {p} (score {r['score']})"
             for s, t, p, r in predicted_stances(case) if p != "neutral" and (s, t) not in annotated]
    assert not extra, f"unannotated stances: {extra}"


# -- pairs ------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", WITH["pairs"])
def test_expected_pair_verdicts(name: str, cases: Callable[[str], Case]) -> None:
    case = cases(name)
    got = [(expected_name(case, p["a"]), expected_name(case, p["b"]), p) for p in case.got["pairs"]]
    problems = []
    for e in required(case.want["pairs"]):
        verdicts = [p for a, b, p in got if same_pair((a, b), (e["a"], e["b"]))]
        wanted = f"{e['a']} & {e['b']}: {e['verdict']}"
        if not verdicts:
            problems.append(f"no verdict for {wanted}")
        elif not {p["verdict"] for p in verdicts} & accepted(e["verdict"]):
            problems.append(f"{wanted}, found {[(p['verdict'], p['reasons']) for p in verdicts]}")
        elif any(all(p["verdict"] in VERDICT_OPPOSITE[a] for a in accepted(e["verdict"])) for p in verdicts):
            problems.append(f"{wanted}, but also {[p['verdict'] for p in verdicts]}")
    report(problems)


# -- evidence ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ANY_PART)
def test_evidence_spans_slice_the_text(name: str, cases: Callable[[str], Case]) -> None:
    """Every relation, stance, pair and pair-evidence span is a non-blank slice of the document text."""
    case = cases(name)
    text = case.text
    problems = []

    def check(what: str, span: dict[str, Any]) -> None:
        start, end = span["start"], span["end"]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            problems.append(f"{what}: span {start}..{end} outside 0..{len(text)}")
        elif not text[start:end].strip():
            problems.append(f"{what}: span {start}..{end} is blank")

    for key in ("relations", "stances", "pairs"):
        for record in case.got[key]:
            for span in record["evidence"]:
                check(key, span)
    for record in case.got["evidence"]:
        check(f"pair evidence {record['note']!r}", record["span"])
    report(problems)


@pytest.mark.parametrize("name", ANY_PART)
def test_nothing_claimed_without_evidence(name: str, cases: Callable[[str], Case]) -> None:
    """A relation, a stance or a verdict other than unknown always has a span behind it."""
    case = cases(name)
    bare = [f"relation {r['type']} {case.who(r['subject'])} {case.who(r['object'])}"
            for r in case.got["relations"] if not r["evidence"]]
    bare += [f"stance {case.who(s['source'])} -> {case.who(s['target'])}" for s in case.got["stances"]
             if not s["evidence"]]
    bare += [f"pair {case.who(p['a'])} & {case.who(p['b'])}: {p['verdict']}" for p in case.got["pairs"]
             if p["verdict"] != "unknown" and not p["evidence"]]
    assert not bare, f"claims without evidence: {bare}"


# -- verdict_from_evidence, by hand -------------------------------------------------------------
def ev(a: str, b: str, kind: str, score: float, start: int, note: str = "") -> PairEvidence:
    return PairEvidence(a, b, kind, score, Span(start, start + 10), note or f"{kind} {score:+}")


GOOD_EVIDENCE = [
    ev("p1", "p2", "stance", 0.8, 0, "p1 is positive about p2"),
    ev("p2", "p1", "stance", 0.7, 20, "p2 is positive about p1"),
    ev("p1", "p2", "event", 0.7, 40, "reconciled"),
]
BAD_EVIDENCE = [
    ev("p1", "p2", "stance", -0.9, 0, "p1 is negative about p2"),
    ev("p2", "p1", "stance", -0.6, 20, "p2 is negative about p1"),
    ev("p1", "p2", "event", -0.8, 40, "sued"),
]
MIXED_BY_DIRECTION = [  # warm one way, cold the other
    ev("p1", "p2", "stance", 0.8, 0, "p1 is positive about p2"),
    ev("p2", "p1", "stance", -0.8, 20, "p2 is negative about p1"),
]
MIXED_BY_EVENTS = [  # made up, and still in a lawsuit
    ev("p1", "p2", "event", 0.7, 0, "made up"),
    ev("p1", "p2", "event", 0.7, 20, "co-parenting"),
    ev("p1", "p2", "event", -0.8, 40, "lawsuit"),
    ev("p1", "p2", "event", -0.8, 60, "dispute"),
]


@pytest.mark.parametrize(("evidence", "verdict"), [
    (GOOD_EVIDENCE, "good"), (BAD_EVIDENCE, "bad"), (MIXED_BY_DIRECTION, "mixed"), (MIXED_BY_EVENTS, "mixed"),
], ids=["good", "bad", "mixed-by-direction", "mixed-by-events"])
def test_verdict_from_evidence(evidence: list[PairEvidence], verdict: str) -> None:
    got = verdict_from_evidence("p1", "p2", evidence)
    assert (got.a, got.b) == ("p1", "p2")
    assert got.verdict == verdict, got.reasons
    assert 0.0 < got.confidence <= 1.0
    assert got.evidence and set(got.evidence) <= {e.span for e in evidence}
    assert got.reasons and all(isinstance(r, str) and r for r in got.reasons)


def test_verdict_with_no_evidence_is_unknown() -> None:
    got = verdict_from_evidence("p1", "p2", [])
    assert (got.verdict, got.confidence, got.evidence, got.reasons) == ("unknown", 0.0, (), ())


def test_verdict_ignores_evidence_about_other_pairs() -> None:
    others = [ev("p1", "p3", "stance", -0.9, 0), ev("p3", "p2", "event", 0.7, 20), ev("p3", "p4", "event", -0.8, 40)]
    got = verdict_from_evidence("p1", "p2", others)
    assert (got.verdict, got.confidence, got.evidence) == ("unknown", 0.0, ())
    assert verdict_from_evidence("p1", "p2", others + BAD_EVIDENCE).verdict == "bad"
    assert set(verdict_from_evidence("p1", "p2", others + BAD_EVIDENCE).evidence) <= {e.span for e in BAD_EVIDENCE}


def test_weak_evidence_alone_is_no_verdict() -> None:
    got = verdict_from_evidence("p1", "p2", [ev("p1", "p2", "stance", 0.1, 0)])
    assert got.verdict == "unknown" and got.confidence == 0.0


@pytest.mark.parametrize("evidence", [GOOD_EVIDENCE, BAD_EVIDENCE, MIXED_BY_DIRECTION, MIXED_BY_EVENTS],
                         ids=["good", "bad", "mixed-by-direction", "mixed-by-events"])
def test_verdict_is_a_pure_function_of_the_evidence(evidence: list[PairEvidence]) -> None:
    """The same verdict whichever way round the pair is asked and in whatever order the evidence comes."""
    before = list(evidence)
    first = verdict_from_evidence("p1", "p2", evidence)
    assert evidence == before  # the input is not changed
    assert verdict_from_evidence("p1", "p2", evidence) == first
    flipped = verdict_from_evidence("p2", "p1", evidence)
    assert (flipped.verdict, flipped.confidence) == (first.verdict, first.confidence)
    shuffled = list(evidence)
    random.Random(7).shuffle(shuffled)
    again = verdict_from_evidence("p1", "p2", list(reversed(shuffled)))
    assert (again.verdict, again.confidence, set(again.evidence)) == (first.verdict, first.confidence,
                                                                      set(first.evidence))


def test_verdict_names_for_ask() -> None:
    """ask() re-labels evidence as ("A", "B") across articles; any labels work."""
    label = {"p1": "A", "p2": "B"}
    relabelled = [PairEvidence(label[e.a], label[e.b], e.kind, e.score, e.span, e.note) for e in BAD_EVIDENCE]
    assert verdict_from_evidence("A", "B", relabelled).verdict == "bad"


def test_more_agreeing_evidence_is_no_less_confident() -> None:
    one = verdict_from_evidence("p1", "p2", BAD_EVIDENCE[:1])
    three = verdict_from_evidence("p1", "p2", BAD_EVIDENCE)
    assert one.verdict == three.verdict == "bad"
    assert three.confidence >= one.confidence


# -- ask() over two dated articles --------------------------------------------------------------
@pytest.fixture(scope="module")
def feud_then_makeup(analyze_path: Callable[[Path], Analysis]) -> tuple[Analysis, Analysis]:
    return analyze_path(FEUD), analyze_path(MAKEUP)


def test_the_two_ask_articles_are_dated(feud_then_makeup: tuple[Analysis, Analysis]) -> None:
    feud, makeup = feud_then_makeup
    assert (feud.document.published, makeup.document.published) == ("2024-03-01", "2025-06-09")


@pytest.mark.parametrize("order", ["oldest-first", "newest-first"])
def test_ask_timeline_goes_from_bad_to_good(order: str, feud_then_makeup: tuple[Analysis, Analysis]) -> None:
    analyses = list(feud_then_makeup) if order == "oldest-first" else list(reversed(feud_then_makeup))
    answer = ask(BIANCA, CELESTE, analyses)
    assert (answer.articles, answer.found_in) == (2, 2)
    assert [p.start for p in answer.timeline] == ["2024-03-01", "2025-06-09"]
    assert [p.verdict for p in answer.timeline] == ["bad", "good"]
    assert answer.verdict == "good"  # the reconciliation is the latest state


def test_ask_by_surnames_and_either_order(feud_then_makeup: tuple[Analysis, Analysis]) -> None:
    full = ask(BIANCA, CELESTE, feud_then_makeup)
    assert ask("Ferrante", "Amara", feud_then_makeup).timeline == full.timeline
    swapped = ask(CELESTE, BIANCA, feud_then_makeup)
    assert (swapped.a, swapped.b) == (CELESTE, BIANCA)
    assert swapped.timeline == full.timeline and swapped.verdict == full.verdict


def test_ask_items_point_into_their_articles(feud_then_makeup: tuple[Analysis, Analysis]) -> None:
    answer = ask(BIANCA, CELESTE, feud_then_makeup)
    by_source = {a.document.source: a.document for a in feud_then_makeup}
    assert answer.items
    assert {i.source for i in answer.items} == set(by_source)  # evidence from both articles
    for item in answer.items:
        doc = by_source[item.source]
        assert (item.article_id, item.published) == (doc.id, doc.published)
        assert 0 <= item.start < item.end <= len(doc.text)
        evidence = " ".join(doc.text[item.start:item.end].split())
        assert evidence and evidence in item.sentence, (evidence, item.sentence)


def test_ask_skips_articles_without_both_people(
    feud_then_makeup: tuple[Analysis, Analysis], analyze_path: Callable[[Path], Analysis],
) -> None:
    other = analyze_path(ARTICLES / "feud_lawsuits.txt")
    answer = ask(BIANCA, CELESTE, [other, *feud_then_makeup])
    assert (answer.articles, answer.found_in) == (3, 2)
    assert [p.start for p in answer.timeline] == ["2024-03-01", "2025-06-09"]
    assert all(i.source != other.document.source for i in answer.items)


def test_ask_about_someone_in_no_article(feud_then_makeup: tuple[Analysis, Analysis]) -> None:
    answer = ask(BIANCA, "Nobody Anywhere", feud_then_makeup)
    assert (answer.verdict, answer.confidence, answer.found_in, answer.items, answer.timeline) == (
        "unknown", 0.0, 0, (), ())
    assert answer.articles == 2


def test_ask_a_person_with_themself_is_unknown(feud_then_makeup: tuple[Analysis, Analysis]) -> None:
    answer = ask(BIANCA, "Ferrante", feud_then_makeup)
    assert (answer.verdict, answer.found_in, answer.items) == ("unknown", 0, ())

