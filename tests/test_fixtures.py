"""The fictional fixture articles, checked span by span against their expected JSON.

Each article in tests/fixtures/articles/ has a NAME.expected.json written by hand (the
`cases` list says what the article is there for). An expected item marked `optional` is
not owed and not counted against the engine when found; `speaker_optional` and
`outlet_optional` waive those checks for one quote. An expected `outlet` may be a list
of acceptable names. A quote that an attribution interrupts lists its `parts`.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from goodterms.model import SYMMETRIC_RELATIONS as SYMMETRIC, Analysis

from conftest import ARTICLES, article_names, expected_for

NAMES = article_names()
TRAILING = " \t\n.,;:!?\u2026\u2014\u2013-"

#: Names that are never people: platforms, outlets and places used in the fixtures.
NOT_PEOPLE = {
    "instagram", "instagram stories", "twitter", "tiktok", "x", "facebook", "youtube",
    "people", "glow magazine", "solstice style", "late lantern podcast", "late lantern",
    "starling magazine", "nightbeat news", "ledger weekly", "thread report", "harbor & vine",
    "midnight harbour", "lisbon", "chicago", "malibu", "milan",
}


# -- helpers ------------------------------------------------------------------------------
def norm(name: str) -> str:
    """A name as the scorer compares it: case-folded, no leading @, no possessive."""
    name = " ".join(name.split()).casefold().lstrip("@")
    return re.sub(r"['\u2019]s$", "", name)


def norm_quote(text: str) -> str:
    """Quote text compared exactly, but for surrounding whitespace and trailing punctuation."""
    return " ".join(text.split()).rstrip(TRAILING).lstrip()


def norm_outlet(outlet: str | None) -> str | None:
    if outlet is None:
        return None
    return re.sub(r"^the\s+", "", " ".join(outlet.split()).casefold())


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def overlaps(gold: str, predicted: str) -> bool:
    """The scorer's quote match: 60% of the gold words, half of the predicted ones."""
    g, p = words(gold), words(predicted)
    if not g or not p:
        return False
    common = sum(min(g.count(w), p.count(w)) for w in set(g))
    return common >= 0.6 * len(g) and common >= 0.5 * len(p)


def forms(person: dict[str, Any]) -> set[str]:
    return {norm(person["name"])} | {norm(a) for a in person.get("aliases", ())}


def handles(person: dict[str, Any]) -> set[str]:
    return {norm(h) for h in person.get("handles", ())}


def required(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [i for i in items if not i.get("optional")]


class Case:
    """One fixture article: its text, the engine's contract JSON and the expected JSON."""

    def __init__(self, name: str, analysis: Analysis) -> None:
        self.name = name
        self.text = analysis.document.text
        # Through JSON, so what is checked is what a consumer of the contract reads.
        self.got: dict[str, Any] = json.loads(json.dumps(analysis.to_contract(), ensure_ascii=False))
        self.want = expected_for(name)
        self.by_id = {p["id"]: p for p in self.got["people"]}

    def expected_person(self, name: str) -> dict[str, Any]:
        for person in self.want["people"]:
            if person["name"] == name:
                return person
        return {"name": name, "aliases": [], "handles": []}

    def match(self, expected: dict[str, Any]) -> dict[str, Any] | None:
        """The predicted person for an expected one: exact name first, then any shared form or handle."""
        for person in self.got["people"]:
            if norm(person["name"]) == norm(expected["name"]):
                return person
        want_forms, want_handles = forms(expected), handles(expected)
        for person in self.got["people"]:
            if forms(person) & want_forms or handles(person) & want_handles:
                return person
        return None

    def same_person(self, pid: str | None, expected_name: str | None) -> bool:
        """Does the predicted reference (an id, or a bare name) mean the expected person?"""
        if expected_name is None:
            return pid is None
        if pid is None:
            return False
        person = self.by_id.get(pid, {"name": pid, "aliases": []})
        expected = self.expected_person(expected_name)
        return norm(person["name"]) in forms(expected) or norm(expected["name"]) in forms(person)

    def who(self, pid: str | None) -> str:
        if pid is None:
            return "nobody"
        return self.by_id.get(pid, {"name": pid})["name"]


@pytest.fixture(params=NAMES)
def case(request: pytest.FixtureRequest, analyze_path: Callable[[Path], Analysis]) -> Case:
    name = request.param
    return Case(name, analyze_path(ARTICLES / f"{name}.txt"))


def report(problems: list[str]) -> None:
    assert not problems, "\n" + "\n".join(problems)


# -- the fixtures themselves ----------------------------------------------------------------
@pytest.mark.parametrize("name", NAMES)
def test_fixture_is_consistent(name: str) -> None:
    """Expected texts occur in the article and every reference names an expected person."""
    text = (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")
    want = expected_for(name)
    people = {p["name"] for p in want["people"]}
    assert want["title"] == text.split("\n", 1)[0]
    assert want["cases"], "say what the article is there for"
    for q in want["quotes"]:
        # an interrupted quote lists its pieces, each verbatim; its text is them joined by a space
        pieces = q.get("parts", [q["text"]])
        assert all(piece in text for piece in pieces)
        if "parts" in q:
            assert " ".join(piece.rstrip(",") for piece in pieces) == q["text"]
        assert q["speaker"] is None or q["speaker"] in people
    for c in want["comments"]:
        assert c["text"] in text
        assert c["target"] is None or c["target"] in people
    for s in want["social_posts"]:
        assert f"@{s['handle']}" in text or s["handle"] in text
        assert s["person"] is None or s["person"] in people
    for r in want.get("relations", []):
        assert r["subject"] in people and r["object"] in people


def test_there_are_enough_fixtures() -> None:
    assert len(NAMES) >= 12


# -- title and date --------------------------------------------------------------------
def test_title_and_published(case: Case) -> None:
    assert case.got["title"] == case.want["title"]
    assert case.got["published"] == case.want.get("published")


# -- people ----------------------------------------------------------------------------
def test_people_found(case: Case) -> None:
    missing = [p["name"] for p in required(case.want["people"]) if case.match(p) is None]
    assert not missing, f"people not found: {missing}; found {[p['name'] for p in case.got['people']]}"


def test_people_have_their_full_names(case: Case) -> None:
    problems = []
    for expected in required(case.want["people"]):
        person = case.match(expected)
        if person is not None and person["name"] != expected["name"]:
            problems.append(f"{expected['name']!r} is named {person['name']!r}")
    report(problems)


def test_people_are_not_split(case: Case) -> None:
    """Every form of one expected person belongs to one predicted person, not several."""
    problems = []
    for expected in required(case.want["people"]):
        owners = [p["name"] for p in case.got["people"] if norm(p["name"]) in forms(expected)]
        if len(owners) > 1:
            problems.append(f"{expected['name']!r} is split into {owners}")
        person = case.match(expected)
        if person is not None:
            lost = sorted(forms(expected) - forms(person))
            if lost:
                problems.append(f"{expected['name']!r}: forms {lost} not merged (has {sorted(forms(person))})")
    report(problems)


def test_people_handles(case: Case) -> None:
    problems = []
    for expected in required(case.want["people"]):
        person = case.match(expected)
        if person is not None and not handles(expected) <= handles(person):
            problems.append(f"{expected['name']!r} has handles {person['handles']}, wants {expected['handles']}")
    report(problems)


def test_no_outlets_platforms_or_places_as_people(case: Case) -> None:
    wrong = [p["name"] for p in case.got["people"] if forms(p) & NOT_PEOPLE]
    assert not wrong, f"not people: {wrong}"


def test_no_unexpected_people(case: Case) -> None:
    expected = case.want["people"]
    extra = [p["name"] for p in case.got["people"]
             if not any(forms(p) & forms(e) or handles(p) & handles(e) for e in expected)]
    assert not extra, f"unexpected people: {extra}"


# -- quotes ----------------------------------------------------------------------------
def _find_quote(case: Case, text: str) -> dict[str, Any] | None:
    want = norm_quote(text)
    return next((q for q in case.got["quotes"] if norm_quote(q["text"]) == want), None)


def test_quotes_found_with_exact_text(case: Case) -> None:
    problems = []
    for expected in required(case.want["quotes"]):
        if _find_quote(case, expected["text"]) is None:
            near = [q["text"] for q in case.got["quotes"] if overlaps(expected["text"], q["text"])]
            problems.append(f"missing quote {expected['text']!r}" + (f"; nearest {near}" if near else ""))
    report(problems)


def test_quote_speakers(case: Case) -> None:
    problems = []
    for expected in required(case.want["quotes"]):
        got = _find_quote(case, expected["text"])
        if got is None or expected.get("speaker_optional") or expected["speaker"] is None:
            continue
        if not case.same_person(got["speaker"], expected["speaker"]):
            problems.append(f"{expected['text'][:40]!r}... spoken by {case.who(got['speaker'])}, "
                            f"wants {expected['speaker']}")
    report(problems)


def test_quote_outlets(case: Case) -> None:
    problems = []
    for expected in required(case.want["quotes"]):
        got = _find_quote(case, expected["text"])
        if got is None or expected.get("outlet_optional"):
            continue
        allowed = expected["outlet"] if isinstance(expected["outlet"], list) else [expected["outlet"]]
        if norm_outlet(got["outlet"]) not in {norm_outlet(o) for o in allowed}:
            problems.append(f"{expected['text'][:40]!r}... outlet {got['outlet']!r}, wants {expected['outlet']!r}")
    report(problems)


def test_no_unexpected_quotes(case: Case) -> None:
    """Scare quotes, titles, commenters' words and stray marks are not quotes."""
    extra = [q["text"] for q in case.got["quotes"]
             if not any(overlaps(e["text"], q["text"]) for e in case.want["quotes"])]
    assert not extra, f"unexpected quotes: {extra}"


# -- social posts --------------------------------------------------------------------------
def test_social_posts(case: Case) -> None:
    problems = []
    got = {norm(s["handle"]): s for s in case.got["social_posts"]}
    for expected in required(case.want["social_posts"]):
        post = got.get(norm(expected["handle"]))
        if post is None:
            problems.append(f"missing post by @{expected['handle']}")
            continue
        if post["platform"] != expected["platform"]:
            problems.append(f"@{expected['handle']} on {post['platform']}, wants {expected['platform']}")
        if not case.same_person(post["person"], expected["person"]):
            problems.append(f"@{expected['handle']} belongs to {case.who(post['person'])}, wants {expected['person']}")
    wanted = {norm(s["handle"]) for s in case.want["social_posts"]}
    problems += [f"unexpected post by @{h}" for h in got if h not in wanted]
    report(problems)


# -- comments ------------------------------------------------------------------------------
def test_comments(case: Case) -> None:
    problems = []
    for expected in required(case.want["comments"]):
        snippet = " ".join(expected["text"].split())
        got = next((c for c in case.got["comments"] if snippet in " ".join(c["text"].split())), None)
        if got is None:
            problems.append(f"missing comment {snippet!r}")
            continue
        if got["polarity"] != expected["polarity"]:
            problems.append(f"{snippet!r} is {got['polarity']}, wants {expected['polarity']}")
        if not case.same_person(got["target"], expected["target"]):
            problems.append(f"{snippet!r} targets {case.who(got['target'])}, wants {expected['target']}")
    report(problems)


def test_no_unexpected_comments(case: Case) -> None:
    snippets = [" ".join(c["text"].split()) for c in case.want["comments"]]
    extra = [c["text"] for c in case.got["comments"] if not any(s in " ".join(c["text"].split()) for s in snippets)]
    assert not extra, f"unexpected comments: {extra}"


# -- relations -------------------------------------------------------------------------------
def _relation_key(case: Case, rel: dict[str, Any], people: list[dict[str, Any]]) -> tuple[str, ...] | None:
    """(type, a, b) with a, b expected names; a and b sorted where the type is symmetric."""
    def resolve(ref: str) -> str | None:
        if people is case.want["people"]:
            return ref
        for expected in case.want["people"]:
            if case.same_person(ref, expected["name"]):
                return expected["name"]
        return None

    a, b = resolve(rel["subject"]), resolve(rel["object"])
    if a is None or b is None:
        return None
    if rel["type"] in SYMMETRIC:
        a, b = sorted((a, b))
    return rel["type"], a, b


def test_relations(case: Case) -> None:
    got = {}
    for rel in case.got["relations"]:
        key = _relation_key(case, rel, case.got["people"])
        if key is not None:
            got[key] = rel
    problems = []
    for expected in required(case.want.get("relations", [])):
        key = _relation_key(case, expected, case.want["people"])
        rel = got.get(key)  # type: ignore[arg-type]
        if rel is None:
            problems.append(f"missing relation {key}")
        elif rel["status"] != expected["status"]:
            problems.append(f"{key} is {rel['status']}, wants {expected['status']}")
    report(problems)


def test_no_unexpected_relations(case: Case) -> None:
    wanted = {_relation_key(case, r, case.want["people"]) for r in case.want.get("relations", [])}
    extra = []
    for rel in case.got["relations"]:
        key = _relation_key(case, rel, case.got["people"])
        if key not in wanted:
            extra.append(key or (rel["type"], case.who(rel["subject"]), case.who(rel["object"])))
    assert not extra, f"unexpected relations: {extra}"


# -- spans -----------------------------------------------------------------------------------
def _joined_from(text: str, evidence: str) -> bool:
    """A quote interrupted by 'she said' is joined: its first part starts, its second ends the slice."""
    return any(ch == " " and evidence.startswith(text[:i]) and evidence.endswith(text[i + 1:])
               for i, ch in enumerate(text))


def test_every_span_slices_the_text(case: Case) -> None:
    text, got = case.text, case.got
    problems: list[str] = []

    def inside(what: str, start: int, end: int) -> bool:
        ok = isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)
        if not ok:
            problems.append(f"{what}: span {start}..{end} outside 0..{len(text)}")
        return ok

    for block in got["blocks"]:
        inside(f"block {block['kind']}", block["start"], block["end"])
    for person in got["people"]:
        for m in person["mentions"]:
            if inside(f"mention {m['text']!r}", m["start"], m["end"]) and text[m["start"]:m["end"]] != m["text"]:
                problems.append(f"mention {m['text']!r} slices to {text[m['start']:m['end']]!r}")
    for q in got["quotes"]:
        if inside(f"quote {q['text'][:30]!r}", q["start"], q["end"]):
            evidence = text[q["start"]:q["end"]]
            if evidence != q["text"] and not _joined_from(q["text"], evidence):
                problems.append(f"quote {q['text'][:40]!r} slices to {evidence[:40]!r}")
        for key in ("speaker_span", "outlet_span"):
            if q.get(key):
                inside(f"quote {key}", q[key]["start"], q[key]["end"])
        if q.get("outlet_span") and q.get("outlet"):
            span = q["outlet_span"]
            if text[span["start"]:span["end"]] != q["outlet"]:
                problems.append(f"outlet {q['outlet']!r} slices to {text[span['start']:span['end']]!r}")
        if q.get("speaker_span") and q.get("speaker"):
            span = q["speaker_span"]
            person = case.by_id.get(q["speaker"])
            said = text[span["start"]:span["end"]]
            if person is not None and span["end"] > span["start"] and not said.strip():
                problems.append(f"speaker span of {person['name']!r} is blank")
    for s in got["social_posts"]:
        if inside(f"post @{s['handle']}", s["start"], s["end"]) and s["end"] > s["start"]:
            if s["handle"].casefold() not in text[s["start"]:s["end"]].casefold():
                problems.append(f"post @{s['handle']} span does not show the handle")
    for c in got["comments"]:
        if inside(f"comment {c['text'][:30]!r}", c["start"], c["end"]) and text[c["start"]:c["end"]] != c["text"]:
            problems.append(f"comment {c['text'][:40]!r} slices to {text[c['start']:c['end']][:40]!r}")
    for key in ("relations", "stances", "pairs"):
        for record in got[key]:
            for span in record.get("evidence", ()):
                inside(key, span["start"], span["end"])
    report(problems)


def test_references_point_at_people(case: Case) -> None:
    """Every speaker, post owner and comment target is an id from the people list."""
    ids = set(case.by_id)
    refs = [q["speaker"] for q in case.got["quotes"]] + [s["person"] for s in case.got["social_posts"]] \
        + [c["target"] for c in case.got["comments"]]
    assert {r for r in refs if r is not None} <= ids
