"""The synthetic corpus generator (bench/synthetic.py): reproducible, and its truth matches its text."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import synthetic  # noqa: E402


def test_the_same_seed_writes_the_same_corpus_and_another_seed_another() -> None:
    assert synthetic.generate(40, 5) == synthetic.generate(40, 5)
    assert synthetic.generate(40, 5)[0] != synthetic.generate(40, 6)[0]


def test_every_name_form_of_the_truth_is_in_its_article_and_dates_are_set() -> None:
    records, truth = synthetic.generate(120, 2)
    assert len(records) == 120 and len({r["id"] for r in records}) == 120
    for record in records:
        forms = truth["articles"][record["id"]]["forms"]
        assert forms
        text = str(record["text"])
        for form in forms:
            assert form.lstrip("@") in text, (form, record["id"])
        assert len(str(record["published"])) == 10 and str(record["published"])[:4] in text


def test_no_two_true_people_share_a_full_name_ever() -> None:
    _, truth = synthetic.generate(600, 3)
    names = []
    for person in truth["people"]:
        names.append((person["first"], person["last"]))
        if person["married_last"]:
            names.append((person["first"], person["married_last"]))
    assert len(names) == len(set(names))


def test_the_world_holds_the_hard_cases() -> None:
    _, truth = synthetic.generate(600, 3)
    people = truth["people"]
    firsts = [p["first"] for p in people]
    assert max(firsts.count(f) for f in set(firsts)) >= 3  # several people share a first name
    assert any(p["married_last"] for p in people)  # a name changed on marriage
    assert any(p["pet"] for p in people)  # a pet form
    kinds = {pair["kind"] for pair in truth["pairs"]}
    assert {"couple", "feud", "friend"} <= kinds
    timelines = [pair["timeline"] for pair in truth["pairs"]]
    assert any(len(t) > 1 and t[0][1] != t[-1][1] for t in timelines)  # a verdict that changes over time
