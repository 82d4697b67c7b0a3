"""Stance and relation rules, each on a tiny invented article: the case it was written for."""
from __future__ import annotations

from goodterms import analyze_text
from goodterms.model import Analysis


def _name(analysis: Analysis, pid: str | None) -> str:
    person = analysis.person(pid)
    return person.name if person else ""


def stances(analysis: Analysis) -> set[tuple[str, str, str]]:
    return {(_name(analysis, s.source), _name(analysis, s.target), s.polarity) for s in analysis.stances}


def relations(analysis: Analysis) -> set[tuple[str, str, str, str]]:
    return {(r.type, _name(analysis, r.subject), _name(analysis, r.object), r.status) for r in analysis.relations}


def test_you_in_vows_means_the_one_they_are_told_to() -> None:
    text = (
        "Petra Lind And Omar Sayle Wed In Lisbon\n\n"
        "Petra Lind married Omar Sayle on Saturday in front of 80 guests.\n\n"
        "Sayle, 35, read his own vows, telling his wife, \u201cYou are the kindest person I have ever met, "
        "and I love you more every day.\u201d\n"
    )
    found = stances(analyze_text(text))
    assert ("Omar Sayle", "Petra Lind", "positive") in found


def test_a_speakers_own_husband_without_my() -> None:
    text = (
        "Sarah Collins Talks Marriage\n\n"
        "Sarah Collins has been married to the drummer James Collins since 2015.\n\n"
        "\u201cI\u2019ve got a kind, patient, wonderful husband and I adore him,\u201d Sarah Collins said.\n"
    )
    found = stances(analyze_text(text))
    assert ("Sarah Collins", "James Collins", "positive") in found


def test_a_quoted_she_is_never_the_speaker() -> None:
    text = (
        "Rhea Vance Slams Her Former Manager Dina Oakes\n\n"
        "Rhea Vance has had enough of Dina Oakes.\n\n"
        "\u201cShe lied to me for years and threw me under the bus,\u201d Rhea Vance said.\n"
    )
    found = stances(analyze_text(text))
    assert ("Rhea Vance", "Dina Oakes", "negative") in found
    assert not any(source == target for source, target, _ in found)


def test_super_early_is_not_praise_of_the_child_named() -> None:
    text = (
        "Lena Brask On Busy Mornings\n\n"
        "Lena Brask has two children, Ada and Nils.\n\n"
        "\u201cI never get to sleep in, because you\u2019ve got Ada who is up super early,\u201d Lena Brask said.\n"
    )
    found = stances(analyze_text(text))
    assert not any(target == "Ada" and polarity == "positive" for _, target, polarity in found)


def test_a_couple_named_together_with_an_unnamed_husband_is_married() -> None:
    text = (
        "Laura Bennett and Michael Hart Light Up The Gala\n\n"
        "Ah, Laura Bennett and Michael Hart. Together they are a power couple.\n\n"
        "Bennett arrived first and waited for her husband on the steps. Hart joined her ten minutes later.\n"
    )
    found = relations(analyze_text(text))
    assert ("spouse", "Laura Bennett", "Michael Hart", "current") in found or \
        ("spouse", "Michael Hart", "Laura Bennett", "current") in found


def test_a_pair_that_shares_a_daughter_are_her_parents() -> None:
    text = "Laura Bennett Talks\n\nMichael Hart and Laura Bennett share a daughter, Emma, who is now 11.\n"
    found = relations(analyze_text(text))
    assert ("parent", "Michael Hart", "Emma", "current") in found
    assert ("parent", "Laura Bennett", "Emma", "current") in found


def _speakers(text: str) -> list[str]:
    analysis = analyze_text(text)
    return [_name(analysis, q.speaker) for q in analysis.quotes]


def test_a_long_subject_with_titles_before_the_verb() -> None:
    text = ("Hearing\n\n\u201cThe rules are not working,\u201d Senator Laura M. Bennett, Democrat of Ohio, "
            "said at a hearing on Tuesday.\n")
    assert _speakers(text) == ["Laura M. Bennett"]
    text = ("Poll\n\n\u201cWe are closing the gap,\u201d campaign adviser Gov. Michael Hart of Maine told "
            "reporters.\n")
    assert _speakers(text) == ["Michael Hart"]


def test_a_spokesman_for_someone_is_not_that_someone() -> None:
    text = ("Poll\n\n\u201cWe have nothing to add at this time,\u201d a longtime spokesman for Senator "
            "Laura Bennett of Ohio said.\n")
    assert _speakers(text) == [""]


def test_she_is_family_is_warm() -> None:
    text = (
        "Exes Stay Close\n\n"
        "Tomas Reyes divorced Marisol Quintero in 2019.\n\n"
        "\u201cShe is family,\u201d Reyes said, \u201cand she always will be.\u201d\n"
    )
    assert ("Tomas Reyes", "Marisol Quintero", "positive") in stances(analyze_text(text))


def test_in_love_with_a_woman_is_about_his_partner() -> None:
    text = (
        "Actor In Love\n\n"
        "Omar Sayle has been dating Petra Lind for a year. Sayle met Jo Bell at a party last week.\n\n"
        "\u201cI'm in love with a woman, and home is wherever she is,\u201d Sayle said.\n"
    )
    found = stances(analyze_text(text))
    assert ("Omar Sayle", "Petra Lind", "positive") in found
    assert ("Omar Sayle", "Jo Bell", "positive") not in found


def test_a_split_after_years_of_marriage_ends_a_marriage() -> None:
    for sentence in ("Petra Lind and Omar Sayle split after six years of marriage.",
                     "Petra Lind and Omar Sayle have ended their six-year marriage.",
                     "Petra Lind and Omar Sayle, who wed in 2018, have split."):
        found = relations(analyze_text("Split News\n\n" + sentence + "\n"))
        assert found == {("spouse", "Petra Lind", "Omar Sayle", "former")}, sentence
    dated = relations(analyze_text("Split News\n\nPetra Lind and Omar Sayle split in May after a year of dating.\n"))
    assert dated == {("partner", "Petra Lind", "Omar Sayle", "former")}


def test_a_descriptor_never_spans_a_clause() -> None:
    """'The 35-year-old added that her hubby, chef X': "her hubby" is hers, not a descriptor of a man."""
    text = (
        "Singer Makes Peace With Her Father\n\n"
        "Pop star Petra Lind and her father, Omar, have reconciled.\n\n"
        "The 35-year-old added that her hubby, chef Jonas Brandt, drove her to the first meeting.\n"
    )
    assert ("spouse", "Petra Lind", "Jonas Brandt", "current") in relations(analyze_text(text))


def test_every_stance_and_pair_evidence_names_its_rule() -> None:
    text = (
        "Petra Lind Praises Omar Sayle\n\n"
        "Petra Lind praised her co-star Omar Sayle on Monday.\n\n"
        "\u201cOmar is the most generous actor I have ever worked with,\u201d Lind said.\n"
    )
    analysis = analyze_text(text)
    assert analysis.stances and analysis.evidence
    assert all(s.rule for s in analysis.stances)
    assert all(e.rule for e in analysis.evidence)


def test_a_pair_the_text_says_nothing_about_is_left_out() -> None:
    text = "Petra Lind And Omar Sayle At The Premiere\n\nPetra Lind and Omar Sayle arrived at the premiere in Oslo.\n"
    assert not [p for p in analyze_text(text).pairs if p.verdict == "unknown"]


# -- a bystander's account: the speaker telling what others did or feel is no stance of the speaker's --

def _story(quote: str) -> str:
    return ("Petra Lind Speaks About Her Neighbours\n\n"
            "Petra Lind has lived beside the painter Omar Sayle and the singer Julia Brandt for years.\n\n"
            f"\u201c{quote}\u201d Petra Lind told a local paper.\n")


def test_a_third_persons_feeling_for_another_is_not_the_speakers_stance() -> None:
    found = stances(analyze_text(_story("Omar Sayle is so happy with Julia Brandt.")))
    assert not {s for s in found if s[0] == "Petra Lind"}


def test_an_account_of_what_someone_did_is_not_the_speakers_stance() -> None:
    found = stances(analyze_text(_story(
        "Julia Brandt has decided that Omar Sayle will join the family trip to make sure nobody feels left out.")))
    assert not {s for s in found if s[0] == "Petra Lind"}


def test_an_account_in_the_speakers_own_judging_words_is_a_stance() -> None:
    found = stances(analyze_text(_story("Omar Sayle paints the most wonderful, generous portraits.")))
    assert ("Petra Lind", "Omar Sayle", "positive") in found


def test_what_someone_did_to_the_speaker_is_a_stance() -> None:
    found = stances(analyze_text(_story("Omar Sayle lied to me and ruined my garden party.")))
    assert ("Petra Lind", "Omar Sayle", "negative") in found
