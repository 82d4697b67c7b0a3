"""Reader comments on invented articles: who counts as a commenter, and what is only a call for comments."""
from __future__ import annotations

from goodterms import analyze_text


def comment_texts(text: str) -> list[str]:
    return [c.text for c in analyze_text(text).comments]


def test_words_cyber_bullies_wrote_are_comments() -> None:
    text = ("Mirna Kovac Shares A Beach Photo\n\n"
            "Mirna Kovac posted a photo from the beach on Sunday.\n\n"
            'Cyber bullies were quick to pile on, writing things like, "Nobody asked for this photo!"\n')
    assert any(t.startswith("Nobody asked for this photo") for t in comment_texts(text))


def test_the_articles_call_to_its_readers_is_no_comment() -> None:
    text = ("Mirna Kovac And Tobin Ashe Seen At A Game\n\n"
            "Mirna Kovac and Tobin Ashe sat two rows apart at the game on Friday, and fans noticed.\n\n"
            "What do you think, readers? Should they make up? Let us know your thoughts below!\n")
    assert not any("Let us know" in t for t in comment_texts(text))


def test_a_readers_reply_that_asks_something_is_still_a_comment() -> None:
    text = ("Mirna Kovac Shares A Beach Photo\n\n"
            "Mirna Kovac posted a photo from the beach on Sunday, and fans flooded the comments:\n\n"
            "Wow, you look so happy! Tell me where this beach is, Mirna!\n")
    assert any(t.startswith("Wow, you look so happy") for t in comment_texts(text))


def test_a_source_quoted_in_single_marks_after_fans_is_no_comment() -> None:
    text = ("Mirna Kovac Is Struggling\n\n"
            "Fans have noticed that Mirna Kovac looks tired in her recent photos.\n\n"
            "\u2018She is so worn out. She has nobody to lean on!\u2019 the insider added.\n")
    assert comment_texts(text) == []


def test_a_long_paragraph_in_the_writers_own_voice_is_no_comment() -> None:
    text = ("Will Tobin Ashe Leave The Show?\n\n"
            "Viewers have been unhappy with the show since Tobin Ashe joined it in March.\n\n"
            "So, if the reports hold up, will Tobin Ashe walk away from the show for good? You can never "
            "rule it out. Still, the job has looked like a poor fit for him since the day it was announced, "
            "and the ratings have slid every week since then, which the network has noticed as well. Some "
            "viewers think he was never the right pick.\n")
    assert comment_texts(text) == []
