"""Quote marks in one block: straight and curly, possessives inside single quotes, unclosed runs."""
from __future__ import annotations

from goodterms.extract.quotemarks import find_marked


def quoted(text: str) -> list[str]:
    return [text[m.start:m.end] for m in find_marked(text, 0, len(text))]


def test_straight_single_quotes_with_an_apostrophe_inside() -> None:
    assert quoted("'I'm in love with my kids,' he said.") == ["I'm in love with my kids,"]


def test_a_single_quote_that_runs_on_to_the_next_paragraph() -> None:
    """'he said, 'Milo's settled here with school.' with no closing mark: the quote opens to the end."""
    text = "'I'm happy,' he said, 'Milo's settled here with school and all that."
    assert quoted(text) == ["I'm happy,", "Milo's settled here with school and all that."]


def test_a_leading_apostrophe_is_no_open_quote() -> None:
    assert quoted("She loved the music of the '90s, she said.") == []
    assert quoted("Fans called them 'Hillwalkers' for years.") == []  # a plural possessive is no close either


def test_a_possible_close_later_keeps_an_open_mark_from_running_to_the_end() -> None:
    """"'Trailblazers' raised $10M.": the s' might close it, so nothing runs on to the block's end."""
    assert quoted("'Trailblazers' raised $10M for the bid.") == []


def test_a_closing_curly_mark_glued_to_a_word_opens_a_quote() -> None:
    text = "She described the carriage.\u201dI came home late. A carriage waited,\u201d she wrote."
    assert quoted(text) == ["I came home late. A carriage waited,"]


def test_sentences_end_after_a_one_letter_platform_but_not_after_an_initial() -> None:
    from goodterms.extract.sentences import sentence_spans

    text = 'She hit back on X. "I have nothing but love for her," she wrote. John F. Kennedy was there. E! News said so.'
    spans = [text[s:e] for s, e in sentence_spans(text, 0, len(text))]
    assert spans == ["She hit back on X.", '"I have nothing but love for her," she wrote.',
                     "John F. Kennedy was there.", "E! News said so."]


def test_a_bang_inside_an_outlets_name_ends_no_sentence() -> None:
    """"Wow! Magazine", "Yay! Weekly": a short word, its bang and a word that ends an outlet's name are
    one name; a bang before an ordinary capitalised word still ends the sentence."""
    from goodterms.extract.sentences import sentence_spans

    text = ('A source told Yay! Weekly: "She misses him." Wow! Magazine reported it first. '
            "She won! Weekly shows follow. It was great! News came later.")
    spans = [text[s:e] for s, e in sentence_spans(text, 0, len(text))]
    assert spans == ['A source told Yay! Weekly: "She misses him."', "Wow! Magazine reported it first.",
                     "She won!", "Weekly shows follow.", "It was great!", "News came later."]


def test_a_source_told_an_outlet_with_a_bang_in_its_name() -> None:
    from goodterms import analyze_text

    analysis = analyze_text("Star Misses Ex\n\nNora Vale wants to rekindle her romance with Jed Marlow. "
                            'A source told Yay! Weekly: "She misses him every single day."\n')
    assert [(q.speaker, q.outlet) for q in analysis.quotes] == [(None, "Yay! Weekly")]


def test_two_apostrophes_close_a_double_quote() -> None:
    text = "\"A fine day for it,'' he said. \"Rain later,'' she said."
    marks = find_marked(text, 0, len(text))
    assert [text[m.start:m.end] for m in marks] == ["A fine day for it,", "Rain later,"]


def test_a_sentence_without_stops_is_cut_into_bounded_pieces() -> None:
    from goodterms.extract.sentences import MAX_SENTENCE_CHARS, sentence_spans

    text = "Mira Solberg thanked Aki Solberg and " * 400 + "left."
    spans = sentence_spans(text, 0, len(text))
    assert len(spans) > 1 and all(e - s <= MAX_SENTENCE_CHARS for s, e in spans)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(text[s] != " " for s, _ in spans)
    short = "Mira Solberg won. Aki Solberg cheered."
    assert sentence_spans(short, 0, len(short)) == [(0, 17), (18, len(short))]


def test_a_clipped_name_after_a_comma_opens_no_quote() -> None:
    """"after the tour, 'Vic flew home." clips a name ('Vic for Victor): no speech verb before the comma."""
    assert quoted("Once the tour in Lisbon was over, 'Vic flew home to rest.") == []
    assert quoted("She said, 'Vic flew home to rest.") == ["Vic flew home to rest."]
