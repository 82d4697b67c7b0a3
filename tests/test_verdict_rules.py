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


# -- "they", "the couple", "both": which pair a terms word without names is about ------------------

def test_they_is_not_the_last_two_people_named_when_they_are_no_pair() -> None:
    text = ("Karl Wendt Poses With Lena Marsh At Gala\n\n"
            "Karl Wendt posed for photos with Lena Marsh at the gala, while his wife stayed home.\n\n"
            "Friends say they have been feuding for months.\n")
    assert frozenset(("Karl Wendt", "Lena Marsh")) not in verdicts(analyze_text(text))


def test_the_couple_in_a_battle_with_someone_named_is_not_at_odds_with_each_other() -> None:
    text = ("Mira Tallis And Joel Brandt Go To Court\n\n"
            "Mira Tallis and her husband Joel Brandt arrived at the courthouse on Monday.\n\n"
            "The couple are locked in a nasty legal battle with producer Dov Amsel over a film.\n")
    assert verdicts(analyze_text(text)).get(frozenset(("Mira Tallis", "Joel Brandt"))) != "bad"


def test_the_couple_with_their_child_is_still_the_couple() -> None:
    text = ("Mira Tallis And Joel Brandt Step Out\n\n"
            "Mira Tallis and her husband Joel Brandt have a daughter, Ivy Brandt.\n\n"
            "The pair showed a united front beside their girl Ivy at a ballet on Friday.\n")
    assert verdicts(analyze_text(text)).get(frozenset(("Mira Tallis", "Joel Brandt"))) == "good"


@pytest.mark.parametrize("sentence", [
    "She is both a singer and a painter, and the tension shows in her work.",
    "Both political parties paused their campaigns out of respect for the victims.",
    "The two films were delayed by a dispute over money.",
])
def test_both_or_two_that_is_no_pair_of_people_carries_no_terms(sentence: str) -> None:
    text = ("Nadia Orlov Opens Up About Pim Vasko\n\n"
            f"Nadia Orlov has worked with Pim Vasko for years. Orlov spoke at length on Sunday.\n\n{sentence}\n")
    assert frozenset(("Nadia Orlov", "Pim Vasko")) not in verdicts(analyze_text(text))


def test_the_two_divas_named_together_in_a_title_case_headline_are_the_pair() -> None:
    text = ("Backstage Drama: Nadia Orlov And Julia Brandt Cannot Stand Each Other\n\n"
            "Nadia Orlov sang first at the finale. Julia Brandt closed the show, and her manager Omar Sayle "
            "watched from the wings.\n\n"
            "Behind the curtain, the two divas are feuding over the final song.\n")
    assert verdicts(analyze_text(text)).get(frozenset(("Nadia Orlov", "Julia Brandt"))) == "bad"
