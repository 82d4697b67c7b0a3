"""Outlets of quotes: where the words were said, read on invented sentences of each class.

Classes from issue 7: the venue named by the cue ("tells the new issue of X magazine", "said on
X", "in a statement to X", "X's host asked"); an outlet that only reports the words ("according
to a report by X", "a X source"); an earlier outlet never carried over a new cue ("tweeted"
after an interview); a person, a place or words inside the quote are no outlet."""
from __future__ import annotations

from typing import Any

import pytest

from goodterms import analyze_text
from goodterms.extract.outlets import clean_outlet, is_known_outlet


def outlets(body: str) -> list[tuple[str, str | None]]:
    analysis = analyze_text("Stars speak out\n\n" + body)
    return [(q.text, q.outlet) for q in analysis.quotes]


@pytest.mark.parametrize("body, outlet", [
    ('Mara Quill tells the new issue of Lantern Magazine, "I finally feel at home in my own skin."',
     "Lantern Magazine"),
    ('Mara Quill said on The Late Chat Show, "I finally feel at home in my own skin."', "The Late Chat Show"),
    ('"I finally feel at home in my own skin," Mara Quill said in a statement to The Ashford Courier.',
     "The Ashford Courier"),
    ('Mara Quill opened up in an op-ed for The Ashford Courier. "I finally feel at home in my own skin," '
     "she wrote.", "The Ashford Courier"),
    ('"We never fought about money," Dev Anand Roy replied to Harbor Radio.', "Harbor Radio"),
])
def test_the_venue_a_cue_names(nlp: Any, body: str, outlet: str) -> None:
    assert [o for _, o in outlets(body)] == [outlet]


@pytest.mark.parametrize("body", [
    'To mark the day, Mara Quill sat down with Yahoo\u2019s Nina Ferro. "I finally feel at home," she said.',
    'Mara Quill told Yahoo\u2019s Nina Ferro, "I finally feel at home in my own skin."',
    'Yahoo\u2019s Nina Ferro caught up with Mara Quill at the gala. "I finally feel at home," Quill said.',
])
def test_a_hosts_outlet_is_the_venue(nlp: Any, body: str) -> None:
    assert [o for _, o in outlets(body)] == ["Yahoo"]


@pytest.mark.parametrize("body, outlet", [
    ('Lena Varga revealed to the audience of \u201cLate Night Lanterns\u201d that she slipped. '
     '\u201cI fell right off the stage,\u201d Varga told the crowd.', "Late Night Lanterns"),
    ('Lena Varga spoke during a \u201cMorning Brew\u201d interview. \u201cI fell right off the stage,\u201d '
     "she said.", "Morning Brew"),
    ('In an episode of her show, \u201cLena Lives,\u201d Lena Varga said she had \u201cno plans to slow down '
     'this year or next.\u201d', "Lena Lives"),
])
def test_a_show_named_in_quote_marks(nlp: Any, body: str, outlet: str) -> None:
    assert outlets(body)[-1][1] == outlet


@pytest.mark.parametrize("body, outlet", [
    ('According to a report by The Lantern Weekly, the two are over. "They stopped talking in May and '
     'nobody expects a reunion," an insider said.', "The Lantern Weekly"),
    ('A Lantern Magazine source says the two are over. "They stopped talking in May and nobody expects a '
     'reunion," the insider said.', "Lantern Magazine"),
    ('"They stopped talking in May and nobody expects a reunion," Lantern Weekly reported.', "Lantern Weekly"),
    ('In Touch has the scoop on the split. "They stopped talking in May and nobody expects a reunion," '
     "the source told the magazine.", "In Touch"),
])
def test_an_outlet_that_reports_the_words(nlp: Any, body: str, outlet: str) -> None:
    assert [o for _, o in outlets(body)] == [outlet]


def test_the_interview_wins_over_the_outlet_relaying_it(nlp: Any) -> None:
    body = ("In a recent interview with The Ashford Courier, according to a report from Lantern Magazine, "
            'Mara Quill said she is happy.\n\n"I finally feel at home in my own skin," she said.')
    assert [o for _, o in outlets(body)] == ["The Ashford Courier"]


def test_a_tweet_after_an_interview_is_on_twitter(nlp: Any) -> None:
    body = ('Mara Quill told Lantern Magazine, "I finally feel at home in my own skin."\n\n'
            'Hours later she tweeted, "Thank you all for the lovely messages today!"\n\n'
            'Her sister Ada Quill wrote on social media, "So proud of my big sister today!"')
    assert [o for _, o in outlets(body)] == ["Lantern Magazine", "Twitter", None]


@pytest.mark.parametrize("body", [
    'Tobin Ashe told Nina Ferro, "I never picked a side in the fight."',
    'Tobin Ashe wrote to Nina Ferro after the show. "I never picked a side in the fight," he said.',
    'Tobin Ashe insisted to the Ruritanian-born designer that "I never picked a side in the fight."',
    'Tobin Ashe paid a visit to the Queen and said, "I never picked a side in the fight."',
])
def test_no_person_or_adjective_is_an_outlet(nlp: Any, body: str) -> None:
    assert [o for _, o in outlets(body)] == [None]


def test_an_outlet_inside_the_quote_is_not_where_it_was_said(nlp: Any) -> None:
    body = '"I told Lantern Magazine everything about the split years ago," Tobin Ashe said on Monday.'
    assert [o for _, o in outlets(body)] == [None]


def test_a_persons_own_site(nlp: Any) -> None:
    body = 'Mara Quill took to her website on Sunday. "I finally feel at home in my own skin," she wrote.'
    assert [o for _, o in outlets(body)] == ["her website"]


def test_known_outlets_are_matched_as_written() -> None:
    assert is_known_outlet("In Touch")
    assert not is_known_outlet("in touch")
    assert not is_known_outlet("People")
    assert is_known_outlet("People", common=True)
    assert clean_outlet("The Glow Show in May") == "The Glow Show"
    assert clean_outlet("Glow.com EXCLUSIVELY") == "Glow.com"
    assert clean_outlet("Mar. 29") == ""
