"""Quote cues on invented sentences: the forms of direct quotation (textacy's classes, our own
words), speech verbs read from their lemmas, titles in quote marks, words a publication reports."""
from __future__ import annotations

from typing import Any

import pytest

from goodterms import analyze_text
from goodterms.extract.speechverbs import regular_forms, speech_forms


def said(body: str) -> list[tuple[str, str | None]]:
    analysis = analyze_text("Notes from the gala\n\n" + body)
    out = []
    for quote in analysis.quotes:
        person = analysis.person(quote.speaker)
        out.append((quote.text, person.name if person else None))
    return out


@pytest.mark.parametrize("body, expected", [
    ('Mirna Kovac said, "I love dogs more than anything."', [("I love dogs more than anything.", "Mirna Kovac")]),
    ('"I love dogs," Mirna Kovac said.', [("I love dogs,", "Mirna Kovac")]),
    ('"We are done," said Tobin Ashe.', [("We are done,", "Tobin Ashe")]),
    ('"The show is over" Tobin Ashe said', [("The show is over", "Tobin Ashe")]),
    ('"It was hard," Lena Varga said quietly, "but we made it."',
     [("It was hard,", "Lena Varga"), ("but we made it.", "Lena Varga")]),
    ('Lena Varga was calm. "It was hard," she said softly.', [("It was hard,", "Lena Varga")]),
    ('Lena Varga smiled. "It was hard," she slowly admitted.', [("It was hard,", "Lena Varga")]),
])
def test_forms_of_direct_quotation(nlp: Any, body: str, expected: list[tuple[str, str | None]]) -> None:
    assert said(body) == expected


@pytest.mark.parametrize("body", [
    '"It was a long night in the city," Quimby Lorne viciously sings.',
    '"It was a long night in the city," Quimby Lorne croons on the new single.',
])
def test_song_verbs_and_bare_forms_are_cues(nlp: Any, body: str) -> None:
    quotes = said(body)
    assert len(quotes) == 1 and quotes[0][1] == "Quimby Lorne"


@pytest.mark.parametrize("body", [
    'Mara Quill recorded a new song, \u201cGlass Houses,\u201d for the film.',
    'In an episode of her show, \u201cMara Tonight,\u201d she said she was tired of \u201cthe whole circus '
    'around the family.\u201d',
    'On Tuesday Mara Quill sang \u201cRain on Maple Street\u201d with her brother.',
    'The crowd kept shouting \u201cEncore\u201d at Mara Quill.',
])
def test_titles_in_quote_marks_are_not_quotes(nlp: Any, body: str) -> None:
    assert all(not text.startswith(("Glass", "Mara Tonight", "Rain", "Encore")) for text, _ in said(body))


@pytest.mark.parametrize("body", [
    '\u201cHappy Birthday, Mom,\u201d Mara Quill captioned the photo.',
    '"Absolutely," Mara Quill agrees.',
    'Vice mayor Dan Pell blurted out, "Oh, God," when asked about the vote.',
])
def test_short_capitalised_words_with_a_cue_are_quotes(nlp: Any, body: str) -> None:
    assert len(said(body)) == 1


@pytest.mark.parametrize("body", [
    '"She thinks the whole thing is a stunt for the cameras," adds the report.',
    'Lantern Weekly exclusively revealed that Mara Quill \u201cdefinitely wants a big family\u201d one day.',
])
def test_words_a_publication_reports_are_kept_without_a_speaker(nlp: Any, body: str) -> None:
    quotes = said(body)
    assert len(quotes) == 1 and quotes[0][1] is None


def test_the_subject_of_the_speech_verb_is_the_speaker(nlp: Any) -> None:
    body = ('Lena Varga and Tobin Ashe met the press. When Lena Varga started to answer, he interjected, '
            '"I never asked you anything."')
    assert said(body) == [("I never asked you anything.", "Tobin Ashe")]
    # the sources speak about Quimby Lorne: the words are theirs
    assert said('Sources say Quimby Lorne "is done with the whole business and wants out."') == [
        ("is done with the whole business and wants out.", None)]
    assert said('Burton said, "I love cats more than anything!"') == [("I love cats more than anything!", "Burton")]


def test_a_companys_statement_is_still_left_out(nlp: Any) -> None:
    assert said('"We are reviewing the matter with our partners," the company said in a statement.') == []


def test_speech_verb_forms_come_from_lemmas() -> None:
    forms = speech_forms()
    assert {"said", "told", "wrote", "spoke", "quipped", "croons", "sang", "says", "sources"} - forms == {"sources"}
    assert "post" not in forms and "posted" in forms  # a bare noun-like form is not read on the surface
    assert regular_forms("reply") >= {"replies", "replied", "replying"}
    assert regular_forms("chat") >= {"chatted", "chatting"}


def test_a_described_speaker_is_the_description_not_a_name_inside_it(nlp: Any) -> None:
    body = ('Dan Pell and Mara Quill came to the premiere in Oslo. "We had our kids on set every day," '
            "the 41-year-old Ruritanian actor, who plays the villain, said at a press event.")
    assert said(body) == [("We had our kids on set every day,", "Dan Pell")]


def test_two_apostrophes_close_a_quote(nlp: Any) -> None:
    body = ("Dan Pell smiled at the crowd. \"It was a lot easier for me than for her,'' Pell said. "
            "\"She did all the work,'' he added.")
    assert said(body) == [("It was a lot easier for me than for her,", "Dan Pell"),
                          ("She did all the work,", "Dan Pell")]


@pytest.mark.parametrize("body, words", [
    ('Her outlook \u201cis not good at all. Any time I see a client this tired, I worry,\u201d a trainer said.',
     "is not good at all. Any time I see a client this tired, I worry,"),
    ('The move was expected to happen "in the next few weeks," County Clerk Dana Ferro said on Friday.',
     "in the next few weeks,"),
    ('He decided to turn things around and, in his own words, "get my act together."', "get my act together."),
    ('A source says the pair share a "warm, but careful friendship" these days.', "warm, but careful friendship"),
])
def test_words_quoted_inside_narration(nlp: Any, body: str, words: str) -> None:
    assert words in [text for text, _ in said(body)]


@pytest.mark.parametrize("body", [
    'Tobin Ashe said he wanted to show the world his "secret recipes."',
    'The tabloid claimed the wedding was a "huge publicity stunt" from the start.',
    'Dan Pell was asked about Mara Quill\u2019s new single "Rain on the Lake."',
])
def test_terms_and_titles_in_narration_are_no_quotes(nlp: Any, body: str) -> None:
    assert said(body) == []


@pytest.mark.parametrize("body", [
    'According to a statement from Dana Ferro, Mara Quill and her manager agreed to part ways. '
    '"After three years together, we have decided to move on," the statement reads.',
    'Mara Quill and her manager agreed to part ways, Dana Ferro\u2019s statement says. '
    '"After three years together, we have decided to move on," it reads.',
])
def test_a_statement_with_no_cue_is_its_authors(nlp: Any, body: str) -> None:
    assert said(body) == [("After three years together, we have decided to move on,", "Dana Ferro")]


@pytest.mark.parametrize("body", [
    'Mirna Kovac is back on tour.\n\n"Mirna is working harder than ever," a source close to the pop singer, 41, told a magazine.',
    'Mirna Kovac is back on tour.\n\n"Mirna is working harder than ever," an insider close to the 41-year-old singer tells a magazine.',
    'Mirna Kovac is back on tour.\n\n"Mirna is working harder than ever," a close pal of the Croatian pop singer told a magazine.',
])
def test_a_source_close_to_someone_is_not_that_someone(body: str) -> None:
    quotes = said(body)
    assert quotes and quotes[0][1] is None


@pytest.mark.parametrize("body, speaker", [
    ('Mirna Kovac is back on tour.\n\n"Mirna wants nothing to do with Tobin Ashe," summed up the insider.', None),
    ('Mirna Kovac is back on tour.\n\n"She is tired of it all," spills the insider.', None),
    ('Mirna Kovac is back on tour.\n\n"She never sleeps," a crew member tattled to a magazine.', None),
    ('Mirna Kovac is back on tour.\n\n"She has not signed anything," Tobin Ashe clarified on Monday.', "Tobin Ashe"),
])
def test_what_a_tabloids_source_spills_is_the_sources(body: str, speaker: str | None) -> None:
    """Speech verbs of gossip ("spills", "summed up", "tattled", "clarified"): the one after the
    quote speaks, not the person named before it."""
    assert said(body)[0][1] == speaker
