"""Parses on demand: offsets map back into the article, spans are cached, long spans are refused."""
from goodterms.extract.parse import MAX_PARSE_CHARS, Parses, doc_span, subtree_span
from goodterms.model import Document


def _doc(text: str) -> Document:
    return Document(id="t", text=text)


def test_tokens_map_back_to_article_offsets():
    text = "Headline here\nMira Solberg praised her brother Aki on Sunday."
    start = text.index("Mira")
    parses = Parses(_doc(text))
    parsed = parses.sentence(start, len(text))
    assert parsed is not None
    verb = next(t for t in parsed if t.lemma_ == "praise")
    s, e = doc_span(verb)
    assert text[s:e] == "praised"
    subject = next(t for t in verb.children if t.dep_ == "nsubj")
    s, e = subtree_span(subject)
    assert text[s:e] == "Mira Solberg"


def test_parses_are_cached_and_batched():
    text = "Lena Voss sued her manager. Oren Pike thanked his sister."
    parses = Parses(_doc(text))
    spans = [(0, 27), (28, len(text))]
    parses.prefetch(spans)
    assert parses.parsed_count == 2
    first = parses.sentence(*spans[0])
    assert parses.sentence(*spans[0]) is first
    assert parses.parsed_count == 2


def test_overlong_and_empty_spans_are_not_parsed():
    text = "word " * (MAX_PARSE_CHARS // 4)
    parses = Parses(_doc(text))
    assert parses.sentence(0, len(text)) is None
    assert parses.sentence(3, 3) is None
    assert parses.parsed_count == 0


def test_long_runs_are_cut_for_the_tokenizer_without_moving_offsets():
    from goodterms.nlp import LONGEST_RUN, tokenizable

    text = "Mira Solberg wrote " + "\u201c" * 500 + " then https://example.org/" + "a" * 30 + " ok"
    cut = tokenizable(text)
    assert len(cut) == len(text)
    assert max(len(w) for w in cut.split()) <= LONGEST_RUN
    assert cut.startswith("Mira Solberg wrote ") and cut.endswith(" ok")
    assert tokenizable("plain words only") == "plain words only"


def test_unusual_spaces_and_fullwidth_letters_read_as_plain_ones():
    from goodterms.nlp import tokenizable

    text = "Mira\u00a0Solberg met \uff2a\uff41\uff4e\uff45 Roe\u202fyesterday"
    plain = tokenizable(text)
    assert plain == "Mira Solberg met Jane Roe yesterday"
    assert len(plain) == len(text)


def test_an_opening_quote_mark_after_a_letter_is_read_as_the_apostrophe_it_stands_for():
    from goodterms.nlp import tokenizable

    text = "Dana Sol went to Nia Vale\u2018 wedding and Ivo\u2018s party, though she can\u00b4t dance: \u2018Yes,\u2019 she said."
    plain = tokenizable(text)
    assert plain == ("Dana Sol went to Nia Vale\u2019 wedding and Ivo\u2019s party, though she can\u2019t dance: "
                     "\u2018Yes,\u2019 she said.")

