"""Stances read from the parse (extract/stance_grammar.py): each class on invented sentences."""
from __future__ import annotations

import pytest

from goodterms import analyze_text
from goodterms.model import Analysis

INTRO = "Petra Lind and Omar Sayle\n\nPetra Lind and Omar Sayle starred in a play together in 2019.\n\n"


def stances(analysis: Analysis) -> set[tuple[str, str, str]]:
    def name(pid: str) -> str:
        person = analysis.person(pid)
        return person.name if person else ""
    return {(name(s.source), name(s.target), s.polarity) for s in analysis.stances}


def found(sentence: str) -> set[tuple[str, str, str]]:
    return stances(analyze_text(INTRO + sentence + "\n"))


@pytest.mark.parametrize("sentence", [
    "Lind slammed Sayle in a podcast interview on Monday.",
    "Sayle was blasted by Lind on social media this week.",
    "Lind lashed out at Sayle during the awards show.",
    "Lind mocked Sayle's new haircut in a video.",
])
def test_a_stance_verb_goes_from_its_subject_to_its_object(sentence: str) -> None:
    assert ("Petra Lind", "Omar Sayle", "negative") in found(sentence)


@pytest.mark.parametrize("sentence, polarity", [
    ("Lind is still furious with Sayle after the premiere.", "negative"),
    ("Lind was turned off by Sayle's jokes at the party.", "negative"),
    ("Lind is so proud of Sayle and his new film.", "positive"),
    ("Lind has always been supportive of Sayle.", "positive"),
])
def test_a_feeling_about_someone_is_a_stance(sentence: str, polarity: str) -> None:
    assert ("Petra Lind", "Omar Sayle", polarity) in found(sentence)


@pytest.mark.parametrize("sentence, polarity", [
    ("Lind posted a tribute to Sayle on Instagram.", "positive"),
    ("Lind filed a lawsuit against Sayle in March.", "negative"),
    ("Lind's feud with Sayle has lasted two years.", "negative"),
    ("Lind was vocal about her support of Sayle.", "positive"),
])
def test_a_stance_noun_goes_from_its_owner_or_subject_to_its_object(sentence: str, polarity: str) -> None:
    assert ("Petra Lind", "Omar Sayle", polarity) in found(sentence)


@pytest.mark.parametrize("sentence, polarity", [
    ("Lind and Sayle have been feuding for months.", "negative"),
    ("Lind and Sayle reconciled at a dinner in May.", "positive"),
    ("Lind clashed with Sayle over the script.", "negative"),
])
def test_what_two_people_do_together_is_a_stance_each_way(sentence: str, polarity: str) -> None:
    got = found(sentence)
    assert ("Petra Lind", "Omar Sayle", polarity) in got
    assert ("Omar Sayle", "Petra Lind", polarity) in got


@pytest.mark.parametrize("sentence", [
    "Lind did not slam Sayle in the interview.",
    "Lind denied slamming Sayle in the interview.",
    "Lind and Sayle ended their feud last year.",
    "Lind has dismissed rumors of a feud with Sayle.",
    "Did Lind slam Sayle at the gala?",
])
def test_a_stance_negated_or_taken_back_is_not_read(sentence: str) -> None:
    assert not any(p == "negative" for _, _, p in found(sentence))


@pytest.mark.parametrize("sentence", [
    "Lind celebrated the holiday with Sayle in Rome.",
    "Lind praised the new film alongside Sayle.",
])
def test_a_stance_about_a_thing_is_not_about_the_person_beside_it(sentence: str) -> None:
    assert ("Petra Lind", "Omar Sayle", "positive") not in found(sentence)


def test_inside_a_quote_i_is_the_speaker() -> None:
    text = INTRO + "\u201cI adore Omar, he is the reason I act,\u201d Lind told reporters.\n"
    assert ("Petra Lind", "Omar Sayle", "positive") in stances(analyze_text(text))


QUOTE_INTRO = ("Petra Lind Talks About Omar Sayle\n\nPetra Lind has worked with Omar Sayle for ten years.\n\n")


@pytest.mark.parametrize("quote", [
    "Omar is so angry about the cancelled tour.",
    "He stormed out of the meeting really angry.",
    "And then he starts jumping and laughing.",
])
def test_a_quote_telling_someones_feelings_is_no_stance_toward_them(quote: str) -> None:
    text = QUOTE_INTRO + f"\u201c{quote}\u201d Lind told reporters.\n"
    assert not any(s == "Petra Lind" and t == "Omar Sayle" for s, t, _ in stances(analyze_text(text)))


@pytest.mark.parametrize("quote", [
    "Anyone who treats his or her body this badly can cause himself or herself terrible harm.",
    "We were reading the script, and he's like, 'Wait,' and walks out.",
])
def test_generic_pronouns_and_quotative_like_are_no_stance(quote: str) -> None:
    text = QUOTE_INTRO + f"\u201c{quote}\u201d Lind said.\n"
    assert not any(s == "Petra Lind" and t == "Omar Sayle" for s, t, _ in stances(analyze_text(text)))


def test_a_quote_naming_its_speaker_is_not_the_speakers_view() -> None:
    text = QUOTE_INTRO + ("\u201cPetra was thrilled to get Omar\u2019s blessing and wonderful support,\u201d "
                          "Lind said, according to a source.\n")
    found = stances(analyze_text(text))
    assert not any(s == "Petra Lind" and t == "Omar Sayle" and p == "positive" for s, t, p in found)


@pytest.mark.parametrize("quote", [
    "Omar is an extraordinary talent.",
    "Omar is a remarkable actor and one of the finest voices of our time.",
])
def test_milder_words_said_outright_of_someone_are_a_stance(quote: str) -> None:
    text = QUOTE_INTRO + f"\u201c{quote}\u201d Lind said in a statement.\n"
    assert ("Petra Lind", "Omar Sayle", "positive") in stances(analyze_text(text))


def test_a_feeling_shared_with_the_speaker_is_no_stance_toward_them() -> None:
    text = QUOTE_INTRO + "\u201cOmar and I are sick of this nonsense,\u201d Lind said.\n"
    assert not any(s == "Petra Lind" and t == "Omar Sayle" for s, t, _ in stances(analyze_text(text)))


@pytest.mark.parametrize("sentence, polarity", [
    ("Lind shared a sweet message for Sayle on his birthday.", "positive"),
    ("Lind posted a heartfelt note to Sayle after the show.", "positive"),
    ("Lind wrote a scathing post about Sayle on Sunday.", "negative"),
])
def test_words_meant_for_someone_lean_as_their_adjective_says(sentence: str, polarity: str) -> None:
    assert ("Petra Lind", "Omar Sayle", polarity) in found(sentence)


def test_a_plain_message_leans_nowhere() -> None:
    assert not any(s == "Petra Lind" and t == "Omar Sayle" for s, t, _ in found("Lind sent a message to Sayle."))


@pytest.mark.parametrize("sentence, polarity", [
    ("Lind blew a kiss to Sayle from the stage.", "positive"),
    ("Lind sent Sayle love from Paris.", "positive"),
    ("Lind walked out on Sayle in the middle of dinner.", "negative"),
    ("Lind loves how generous Sayle is.", "positive"),
])
def test_gestures_and_clauses_as_stances(sentence: str, polarity: str) -> None:
    assert ("Petra Lind", "Omar Sayle", polarity) in found(sentence)


def test_a_negated_conjunct_is_negated_too() -> None:
    sentence = "Sayle isn't worried or the least bit threatened by Lind's new friendship."
    assert not any(s == "Omar Sayle" and t == "Petra Lind" for s, t, _ in found(sentence))


def test_the_speakers_own_undirected_feelings_are_no_stance() -> None:
    text = QUOTE_INTRO + "\u201cWhen Omar left the band, we all panicked!\u201d Lind said.\n"
    assert not any(s == "Petra Lind" and t == "Omar Sayle" for s, t, _ in stances(analyze_text(text)))


def test_a_feud_with_two_people_is_not_a_feud_between_them() -> None:
    text = ("Petra Lind Feuds With Her Parents\n\nPetra Lind is the daughter of Ada Lind and Jon Lind.\n\n"
            "Petra Lind has been feuding with her parents, Ada Lind and Jon Lind, over the wedding.\n")
    got = stances(analyze_text(text))
    assert ("Petra Lind", "Ada Lind", "negative") in got and ("Jon Lind", "Petra Lind", "negative") in got
    assert not any({s, t} == {"Ada Lind", "Jon Lind"} for s, t, _ in got)


def test_a_participle_credit_is_no_praise() -> None:
    sentence = "Credited on the film as a producer, Sayle read every draft of Lind's script."
    assert not any(s == "Omar Sayle" and t == "Petra Lind" for s, t, _ in found(sentence))


@pytest.mark.parametrize("sentence", [
    "Lind tracked down his new number in order to wish him a happy birthday.",
    "Lind shared a photo of herself cuddling with Sayle on the beach.",
    "Lind flew to Rome to congratulate Sayle in person.",
])
def test_the_subject_is_found_through_purpose_clauses_and_pictures(sentence: str) -> None:
    assert ("Petra Lind", "Omar Sayle", "positive") in found(sentence)


def test_a_plain_her_after_a_womans_name_is_another_woman() -> None:
    text = ("Ada Brenn And Petra Lind Are Close\n\nAda Brenn and Petra Lind met on a film set in 2015.\n\n"
            "Her best friend Petra Lind is supportive of her, sources say.\n")
    assert ("Petra Lind", "Ada Brenn", "positive") in stances(analyze_text(text))


@pytest.mark.parametrize("post", [
    "Congratulations to Omar on his big win tonight!",
    "So proud of you, Omar!",
    "Happy birthday, Omar! Here is to many more.",
    "Thank you Omar for everything you did this year.",
])
def test_praise_in_a_persons_own_post(post: str) -> None:
    text = QUOTE_INTRO + f"Lind shared a photo on Instagram, writing: \u201c{post}\u201d\n"
    assert ("Petra Lind", "Omar Sayle", "positive") in stances(analyze_text(text))


@pytest.mark.parametrize("sentence", [
    "Lind said she would never vote for Sayle.",
    "Lind is not a fan of Sayle.",
    "Lind does not trust Sayle anymore.",
])
def test_refused_support_is_a_stance_against(sentence: str) -> None:
    assert ("Petra Lind", "Omar Sayle", "negative") in found(sentence)



@pytest.mark.parametrize("sentence", [
    "Lind was wary of Sayle at first, and now the two share a dressing room.",
    "Initially, Lind was jealous of Sayle.",
    "Lind originally resented Sayle for taking the part.",
])
def test_a_feeling_dated_to_a_past_since_changed_is_no_stance(sentence: str) -> None:
    assert not {s for s in found(sentence) if s[:2] == ("Petra Lind", "Omar Sayle")}


@pytest.mark.parametrize("sentence", [
    "Lind was jealous of Sayle.",
    "Lind slammed Sayle at the start of the show.",
])
def test_a_feeling_with_no_such_date_is_still_read(sentence: str) -> None:
    assert ("Petra Lind", "Omar Sayle", "negative") in found(sentence)


@pytest.mark.parametrize("sentence", [
    "Since then, the couple have continued to support each other.",
    "A friend of the pair said: \"They adore each other.\"",
    "Both are so proud of each other.",
    "The two have had the deepest respect for one another for years.",
])
def test_each_other_said_of_a_pair_named_before_is_a_stance_each_way(sentence: str) -> None:
    got = found(sentence)
    assert ("Petra Lind", "Omar Sayle", "positive") in got
    assert ("Omar Sayle", "Petra Lind", "positive") in got


def test_a_speakers_we_with_each_other_joins_the_speaker_and_the_one_named_with_her() -> None:
    got = found('This week Lind told a reporter: "We are not in touch daily, but we wish nothing but good things '
                'for each other."')
    assert ("Petra Lind", "Omar Sayle", "positive") in got
    assert ("Omar Sayle", "Petra Lind", "positive") in got


def test_each_other_with_no_pair_named_before_is_no_stance() -> None:
    analysis = analyze_text("A night out\n\nThe fans were loud all night. They adore each other, a guard said.\n\n"
                            "Later Petra Lind arrived with Omar Sayle.\n")
    assert not stances(analysis)


def test_a_negation_stays_in_its_own_clause() -> None:
    assert ("Petra Lind", "Omar Sayle", "positive") in found(
        "Lind is not a big talker, but she praised Sayle in her speech.")


def test_the_clause_a_feeling_is_about_when_a_phrase_comes_before_it() -> None:
    assert ("Petra Lind", "Omar Sayle", "positive") in found(
        "A friend said Lind of course loves how generous he is with his time.")


def test_a_stance_with_an_object_does_not_reach_a_clause_below_it() -> None:
    got = found("Lind fears Sayle will ditch her just like her old agent Ivo Brandt recently did.")
    assert not any(t == "Ivo Brandt" for _, t, _ in got)


def test_turning_people_against_someone_is_a_stance_toward_that_one() -> None:
    got = found("Sayle fears that Lind is trying to turn their two daughters, Mia and Ada, against him.")
    assert ("Petra Lind", "Omar Sayle", "negative") in got
    assert not any(t in ("Mia", "Ada") for _, t, _ in got)


def test_the_outlet_reporting_a_stance_does_not_take_it_back() -> None:
    assert ("Petra Lind", "Omar Sayle", "negative") in found("Lind slammed Sayle at the gala, reports Daily Ledger.")
    assert not any(p == "negative" for _, _, p in found("Lind laughed at reports of a feud with Sayle."))


@pytest.mark.parametrize("sentence", [
    "Lind posted a photo from their trip on Instagram with a message of love for the actor on his birthday.",
    "Lind sent a message of love to Sayle on his birthday.",
])
def test_a_stance_noun_after_of_takes_the_target_of_the_word_before(sentence: str) -> None:
    got = stances(analyze_text("Petra Lind and Omar Sayle\n\nPetra Lind and the actor Omar Sayle starred in a play "
                               "together in 2019.\n\n" + sentence + "\n"))
    assert ("Petra Lind", "Omar Sayle", "positive") in got


@pytest.mark.parametrize("sentence", [
    "Lind was spotted cheering on Sayle at the stadium on Sunday.",
    "Lind was photographed praising Sayle outside the theatre.",
])
def test_someone_seen_doing_something_is_the_one_doing_it(sentence: str) -> None:
    assert ("Petra Lind", "Omar Sayle", "positive") in found(sentence)


def test_a_passive_shared_by_two_verbs_still_turns_them_round() -> None:
    assert ("Petra Lind", "Omar Sayle", "positive") in found("Sayle was praised and thanked by Lind at the gala.")


@pytest.mark.parametrize("sentence", [
    "Lind and Sayle's feud has lasted two years.",
    "Rather than stop when filming ends, Lind and Sayle keep right on bickering.",
    "\"It never stops,\" a crew member said about the bickering between Lind and Sayle.",
])
def test_what_two_people_do_to_each_other_named_by_a_noun_is_a_stance_each_way(sentence: str) -> None:
    got = found(sentence)
    assert ("Petra Lind", "Omar Sayle", "negative") in got
    assert ("Omar Sayle", "Petra Lind", "negative") in got


def test_friends_who_love_one_another_are_the_pair_named_with_and() -> None:
    got = found("Lind says she and co-star Omar Sayle are still great friends who love one another.")
    assert ("Petra Lind", "Omar Sayle", "positive") in got
    assert ("Omar Sayle", "Petra Lind", "positive") in got


def test_a_tribute_for_a_partners_birthday_is_for_the_partner() -> None:
    analysis = analyze_text("Petra Lind and Omar Sayle\n\nPetra Lind and her boyfriend, Omar Sayle, went to Rome "
                            "in 2019.\n\nLind wrote a long tribute for her boyfriend's 41st birthday on Sunday.\n")
    assert ("Petra Lind", "Omar Sayle", "positive") in stances(analysis)


def test_a_stance_in_a_phrase_before_the_clause_is_its_subjects() -> None:
    got = found("After slamming Sayle on the radio, Lind left the studio in a hurry.")
    assert ("Petra Lind", "Omar Sayle", "negative") in got


def test_loving_to_do_something_with_someone_is_about_that_one_unless_the_act_is_a_stance() -> None:
    assert ("Petra Lind", "Omar Sayle", "positive") in found("Lind loves kissing Sayle, a friend said.")
    got = found("Lind loves to mock Sayle, a friend said.")
    assert ("Petra Lind", "Omar Sayle", "negative") in got
    assert ("Petra Lind", "Omar Sayle", "positive") not in got


def test_feuding_between_two_people_is_a_stance_each_way() -> None:
    got = found("The film may be in trouble with feuding between its stars Petra Lind and Omar Sayle.")
    assert ("Petra Lind", "Omar Sayle", "negative") in got
    assert ("Omar Sayle", "Petra Lind", "negative") in got


def test_a_phrase_verbs_extra_word_comes_after_it() -> None:
    """"go after" is a stance; "After dating B, A is going to adopt C" is not one toward anybody."""
    got = found("After dating Sayle for a year, Lind is going to adopt his son Milo Sayle.")
    assert not any(p == "negative" for _, _, p in got)


@pytest.mark.parametrize("sentence", [
    "Lind is said to be still angry after Sayle flew to New York without her.",
    "Lind was furious when Sayle skipped the premiere.",
    "Lind feels totally betrayed that Sayle has chosen to go public.",
])
def test_a_feeling_whose_cause_is_what_someone_did_is_about_that_one(sentence: str) -> None:
    assert ("Petra Lind", "Omar Sayle", "negative") in found(sentence)


def test_a_feeling_caused_by_what_its_owner_did_is_about_nobody() -> None:
    assert not found("Lind was angry when she heard the news about the film.")


@pytest.mark.parametrize("sentence, polarity", [
    ("Lind has always been Sayle's biggest fan.", "positive"),
    ("Lind is not exactly Sayle's biggest fan.", "negative"),
])
def test_someones_fan_is_for_that_one(sentence: str, polarity: str) -> None:
    got = found(sentence)
    assert ("Petra Lind", "Omar Sayle", polarity) in got
    assert not any(s == "Omar Sayle" for s, _, _ in got)


def test_a_feeling_so_strong_that_something_followed_is_not_about_what_followed() -> None:
    assert not any(t == "Omar Sayle" for _, t, _ in found("Lind got so angry that Sayle had to leave the room."))


def test_a_negation_with_a_curly_apostrophe_is_a_negation() -> None:
    got = found("Lind isn\u2019t too happy that Sayle took the role.")
    assert ("Petra Lind", "Omar Sayle", "positive") not in got


def test_a_message_to_someones_fans_is_not_to_that_one() -> None:
    got = found("Lind shared a message of love to Sayle's fans on Friday.")
    assert ("Petra Lind", "Omar Sayle", "positive") not in got


def test_a_feud_they_made_up_after_is_over() -> None:
    got = found("Lind and Sayle have reconciled, two years after their feud.")
    assert not any(p in ("negative", "mixed") for _, _, p in got)


@pytest.mark.parametrize("sentence, expected", [
    ("Petra Lind might be angry with Omar Sayle after the show.", []),
    ("Fans wonder if Petra Lind is throwing shade at Omar Sayle.", []),
    ("Nobody knows whether Petra Lind still resents Omar Sayle.", []),
    ("Rumors say Petra Lind slammed Omar Sayle at the party.", []),
    ("Petra Lind Slammed Omar Sayle Backstage? | Star Gossip Daily", []),
    ("Petra Lind is angry with Omar Sayle after the show.", [("Petra Lind", "Omar Sayle", "negative")]),
    ("Petra Lind slammed Omar Sayle, who may leave the show.", [("Petra Lind", "Omar Sayle", "negative")]),
])
def test_a_guessed_asked_or_rumoured_stance_is_not_read(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    analysis = analyze_text(f"Petra Lind Speaks\n\nPetra Lind has known Omar Sayle for years.\n\n{sentence}\n")
    found = [(analysis.person(s.source).name, analysis.person(s.target).name, s.polarity)
             for s in analysis.stances if analysis.person(s.target)]
    assert found == expected
