"""Pair verdict rules on invented articles: which evidence counts, for which pair."""
from __future__ import annotations

import pytest

from goodterms import analyze_text
from goodterms.model import Analysis


def verdicts(analysis: Analysis) -> dict[frozenset[str], str]:
    def name(pid: str) -> str:
        person = analysis.person(pid)
        return person.name if person else ""
    return {frozenset((name(p.a), name(p.b))): p.verdict for p in analysis.pairs}


PAIR = frozenset(("Petra Lind", "Omar Sayle"))


@pytest.mark.parametrize("sentence", [
    "Petra Lind and Omar Sayle ended their feud at a charity dinner last spring.",
    "Petra Lind and Omar Sayle have denied rumors of a feud for years.",
    "Petra Lind and Omar Sayle finally buried their feud in March.",
])
def test_a_feud_ended_or_denied_is_not_bad_terms(sentence: str) -> None:
    text = f"Petra Lind And Omar Sayle Reunite\n\n{sentence}\n"
    assert verdicts(analyze_text(text)).get(PAIR) in (None, "good")


def test_a_feud_of_one_pair_is_not_spread_to_everyone_in_the_sentence() -> None:
    text = ("Petra Lind And Omar Sayle Share A Stage\n\n"
            "Petra Lind and Omar Sayle hosted the gala together, months after Sayle's feud with Ida Brenn began.\n")
    assert verdicts(analyze_text(text)).get(PAIR) != "bad"


def test_friends_named_in_the_headline_are_on_good_terms() -> None:
    text = ("Petra Lind Attends Concert With Omar Sayle\n\n"
            "Petra Lind attended the concert with her friend Omar Sayle on Saturday.\n")
    assert verdicts(analyze_text(text)).get(PAIR) == "good"


def test_stance_evidence_names_its_rule_once() -> None:
    from goodterms.extract.verdict import _evidence_rule

    assert _evidence_rule("stance_verb") == "stance_verb"
    assert _evidence_rule("quote_sentiment") == "stance_quote_sentiment"
    assert _evidence_rule("") == "stance_unnamed"
