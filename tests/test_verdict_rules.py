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


# -- terms phrases (data/good_terms_phrases.txt, bad_terms_phrases.txt) and how the parse reads them --

def events(analysis: Analysis) -> list[tuple[str, float, str]]:
    return [(e.rule, e.score, e.note) for e in analysis.evidence if e.kind == "event"]


def pair_text(sentence: str) -> str:
    return f"Petra Lind Steps Out\n\nPetra Lind has known Omar Sayle since drama school.\n\n{sentence}\n"


@pytest.mark.parametrize("sentence, verdict", [
    ("Petra Lind and Omar Sayle patched things up over dinner in June.", "good"),
    ("Petra Lind and Omar Sayle are going strong after two years.", "good"),
    ("Petra Lind is especially friendly with Omar Sayle these days.", "good"),
    ("Insiders say the marriage of Petra Lind and Omar Sayle is on the rocks.", "bad"),
    ("Omar Sayle's beef with Petra Lind has lasted all summer.", "bad"),
    ("Petra Lind and Omar Sayle were caught bickering at a cafe.", "bad"),
    ("Omar Sayle and Petra Lind are in the middle of a trial separation.", "bad"),
    ("A friend says Omar Sayle has been cheating on Petra Lind for a year.", "bad"),
    ("Petra Lind and Omar Sayle say they have simply grown apart.", "bad"),
])
def test_a_phrase_for_how_two_get_on_is_read(sentence: str, verdict: str) -> None:
    assert verdicts(analyze_text(pair_text(sentence))).get(PAIR) == verdict


@pytest.mark.parametrize("sentence, verdict, rule", [
    ("Petra Lind and Omar Sayle are not on speaking terms.", "bad", "good_terms_negated"),
    ("Petra Lind and Omar Sayle are not on speaking terms after the tour, a friend said.", "bad",
     "good_terms_negated"),
    ("Omar Sayle isn't getting along with Petra Lind on the tour.", "bad", "good_terms_negated"),
    ("There is no bad blood between Petra Lind and Omar Sayle.", "good", "bad_terms_reversed"),
    ("Petra Lind and Omar Sayle did not part on bad terms.", "good", "bad_terms_reversed"),
])
def test_a_negated_phrase_is_read_the_other_way(sentence: str, verdict: str, rule: str) -> None:
    analysis = analyze_text(pair_text(sentence))
    assert verdicts(analysis).get(PAIR) == verdict
    assert [e[0] for e in events(analysis)] == [rule]


@pytest.mark.parametrize("sentence, rule", [
    ("Their marriage ended a year later amid Petra Lind's abuse claims against Omar Sayle.", "bad_terms_words"),
    ("Petra Lind and Omar Sayle laughed off talk about a rift.", "bad_terms_reversed"),
])
def test_an_ending_or_a_denial_takes_back_only_what_it_is_about(sentence: str, rule: str) -> None:
    assert [e[0] for e in events(analyze_text(pair_text(sentence)))] == [rule]


@pytest.mark.parametrize("sentence, found", [
    ("Omar Sayle was slammed for skipping the wedding of Petra Lind.", []),
    ("Omar Sayle Slammed For Ignoring Rule At Petra Lind's Wedding", []),
    ("Omar Sayle was slammed by Petra Lind for skipping the wedding.", ["bad_terms_words"]),
    ("Omar Sayle slammed Petra Lind for skipping the wedding.", ["bad_terms_words"]),
])
def test_a_passive_bad_verb_with_no_one_doing_it_pairs_nobody(sentence: str, found: list[str]) -> None:
    assert [e[0] for e in events(analyze_text(pair_text(sentence)))] == found


def test_a_negation_of_another_verb_leaves_the_phrase_as_it_is() -> None:
    sentence = "Life has not been easy for Omar Sayle since his nasty split from Petra Lind."
    analysis = analyze_text(pair_text(sentence))
    assert [e[0] for e in events(analysis)] == ["bad_terms_words"]


@pytest.mark.parametrize("sentence", [
    "Fans hope Petra Lind and Omar Sayle will bury the hatchet soon.",
    "Petra Lind and Omar Sayle should bury the hatchet, a friend said.",
    "Omar Sayle wants to patch things up with Petra Lind.",
    "Are Petra Lind and Omar Sayle on good terms again?",
    "There are rumors that Petra Lind and Omar Sayle aren't getting along.",
    "Did Omar Sayle Cheat On Petra Lind During The Tour? - Report",
    "For weeks, rumors have made the rounds that Omar Sayle is cheating on Petra Lind.",
])
def test_a_wish_a_question_or_a_rumour_is_no_terms_evidence(sentence: str) -> None:
    assert events(analyze_text(pair_text(sentence))) == []


@pytest.mark.parametrize("sentence", [
    "Petra Lind sang \u201cBad Blood\u201d on the tour while Omar Sayle watched.",
    "Petra Lind and Omar Sayle spoke at the United Nations on Monday.",
])
def test_a_phrase_inside_a_title_or_a_name_is_no_terms_evidence(sentence: str) -> None:
    assert events(analyze_text(pair_text(sentence))) == []


def test_a_title_case_line_keeps_its_phrase() -> None:
    sentence = "MORE: Petra Lind Throws Shade At Omar Sayle Over Tour Money"
    assert [e[0] for e in events(analyze_text(pair_text(sentence)))] == ["bad_terms_words"]


def test_a_phrase_that_names_its_own_pair_is_about_that_pair() -> None:
    text = ("Ida Brenn Talks Tour\n\nIda Brenn toured with Petra Lind and Omar Sayle this spring.\n\n"
            "Ida Brenn told a reporter about the constant bickering between Petra Lind and Omar Sayle.\n")
    analysis = analyze_text(text)
    pairs = {frozenset((analysis.person(e.a).name, analysis.person(e.b).name))
             for e in analysis.evidence if e.kind == "event"}
    assert pairs == {PAIR}
