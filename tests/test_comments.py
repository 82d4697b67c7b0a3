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
