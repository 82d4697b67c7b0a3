"""The data model: records survive to_dict/from_dict and JSON, and every span slices inside the text."""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import goodterms
from goodterms.errors import GoodtermsError
from goodterms.model import (
    BLOCK_KINDS, MENTION_KINDS, POLARITIES, RELATION_TYPES, SCHEMA, STATUSES, VERDICTS, Analysis, Block,
    Comment, Document, Embed, Mention, PairVerdict, Person, Quote, Record, Relation, SocialPost, Span,
    Stance, document_id,
)

from conftest import ARTICLES

R = TypeVar("R", bound=Record)

# -- strategies ------------------------------------------------------------------------------
offsets = st.integers(min_value=0, max_value=100_000)
words = st.text(max_size=30)
ids = st.from_regex(r"p[1-9][0-9]{0,2}", fullmatch=True)
scores = st.floats(min_value=-1.0, max_value=1.0, allow_nan=False)
maybe = st.none


def ranged(build: Callable[..., R], **others: Any) -> st.SearchStrategy[R]:
    """A record with start <= end, as every span of the model has."""
    return st.tuples(offsets, st.integers(min_value=0, max_value=500)).flatmap(
        lambda se: st.builds(build, start=st.just(se[0]), end=st.just(se[0] + se[1]), **others))


def small(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[tuple[Any, ...]]:
    return st.lists(strategy, max_size=3).map(tuple)


spans = ranged(Span)
mentions = ranged(Mention, text=words, kind=st.sampled_from(MENTION_KINDS))
people = st.builds(
    Person, id=ids, name=words, aliases=small(words), handles=small(words),
    gender=st.sampled_from([None, "f", "m"]), mentions=small(mentions),
)
quotes = ranged(
    Quote, text=words, speaker=maybe() | ids, speaker_span=maybe() | spans, outlet=maybe() | words,
    outlet_span=maybe() | spans, cue=maybe() | words, kind=st.sampled_from(["marked", "block"]),
)
comments = ranged(
    Comment, text=words, polarity=st.sampled_from(POLARITIES), score=scores, target=maybe() | ids,
)
social_posts = ranged(
    SocialPost, platform=st.sampled_from(["instagram", "twitter", "tiktok"]), handle=words,
    person=maybe() | ids, url=words,
)
relations = st.builds(
    Relation, type=st.sampled_from(RELATION_TYPES), subject=ids, object=ids, status=st.sampled_from(STATUSES),
    evidence=small(spans), derived_from=small(words),
)
stances = st.builds(
    Stance, source=ids, target=ids, polarity=st.sampled_from(POLARITIES), score=scores, evidence=small(spans),
)
pairs = st.builds(
    PairVerdict, a=ids, b=ids, verdict=st.sampled_from(VERDICTS), confidence=st.floats(0, 1),
    evidence=small(spans), reasons=small(words),
)
blocks = ranged(Block, kind=st.sampled_from(BLOCK_KINDS))
embeds = ranged(Embed, platform=st.sampled_from(["instagram", "twitter", "tiktok"]), handle=words,
                author=words, url=words)


def documents(with_embeds: bool = True) -> st.SearchStrategy[Document]:
    return st.text(max_size=200).flatmap(lambda text: st.builds(
        Document, id=st.just(document_id(text)), text=st.just(text), source=words, title=words,
        published=maybe() | st.dates().map(lambda d: d.isoformat()), blocks=small(blocks),
        warnings=small(words), embeds=small(embeds) if with_embeds else st.just(()),
    ))


def analyses(with_embeds: bool = True) -> st.SearchStrategy[Analysis]:
    return st.builds(
        Analysis, document=documents(with_embeds), people=small(people), quotes=small(quotes),
        social_posts=small(social_posts), comments=small(comments), relations=small(relations),
        stances=small(stances), pairs=small(pairs),
    )


#: No "explain" phase: on a failing round trip it traces coverage for tens of seconds.
ROUND_TRIP = settings(max_examples=60, deadline=None, phases=(Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink))

records = st.one_of(spans, mentions, people, quotes, comments, social_posts, relations, stances, pairs,
                    blocks, embeds, documents(), analyses())


# -- round trips -----------------------------------------------------------------------------
@ROUND_TRIP
@given(records)
def test_to_dict_from_dict_round_trip(record: Record) -> None:
    assert type(record).from_dict(record.to_dict()) == record


@ROUND_TRIP
@given(records)
def test_json_round_trip(record: Record) -> None:
    data = json.loads(json.dumps(record.to_dict()))
    assert type(record).from_dict(data) == record


@ROUND_TRIP
@given(records)
def test_from_dict_ignores_unknown_keys(record: Record) -> None:
    data = json.loads(json.dumps(record.to_dict()))
    data["added_in_a_later_version"] = [1, 2, 3]
    assert type(record).from_dict(data) == record


@ROUND_TRIP
@given(analyses(with_embeds=False))
def test_contract_round_trip(analysis: Analysis) -> None:
    data = json.loads(json.dumps(analysis.to_contract()))
    assert data["schema"] == SCHEMA
    assert Analysis.from_contract(data, analysis.document.text) == analysis


@ROUND_TRIP
@given(analyses(with_embeds=False))
def test_contract_round_trip_without_json(analysis: Analysis) -> None:
    assert Analysis.from_contract(analysis.to_contract(), analysis.document.text) == analysis


@ROUND_TRIP
@given(analyses(with_embeds=True))
def test_contract_round_trip_keeps_embeds(analysis: Analysis) -> None:
    data = json.loads(json.dumps(analysis.to_contract()))
    assert Analysis.from_contract(data, analysis.document.text) == analysis


@pytest.mark.parametrize("name", ["british_single_quotes", "tweet_and_tiktok_embeds"])  # without, with embeds
def test_contract_round_trip_of_a_real_analysis(name: str, analyze_path: Callable[[Path], Analysis]) -> None:
    analysis = analyze_path(ARTICLES / f"{name}.txt")
    data = json.loads(json.dumps(analysis.to_contract(), ensure_ascii=False))
    assert Analysis.from_contract(data, analysis.document.text) == analysis


def test_span_refuses_negative_and_reversed_ranges() -> None:
    with pytest.raises(ValueError):
        Span(-1, 2)
    with pytest.raises(ValueError):
        Span(5, 4)
    assert Span(2, 5).slice("abcdefg") == "cde"


def test_analysis_person_lookup() -> None:
    doc = goodterms.document_from_text("Headline\n\nBody.")
    person = Person("p1", "Lena Okafor")
    analysis = Analysis(document=doc, people=(person,))
    assert analysis.person("p1") == person
    assert analysis.person("p2") is None
    assert analysis.person(None) is None


# -- the real pipeline on generated articles ---------------------------------------------------
NAMES = ["Marisol Quint", "Teodor Vance", "Lena Okafor", "Quint", "Vance", "Lena", "Florence", "Milo",
         "Ines Halloway", "Jasper", "Dr. Cato Brill", "O'Hara", "José Núñez"]
MARKS = [("\u201c", "\u201d"), ('"', '"'), ("\u2018", "\u2019"), ("'", "'"), ("\u00ab", "\u00bb"),
         ("\u201c", ""), ("", "\u201d"), ('"', ""), ("\u201c", "\u201c"), ("\u2019", "\u2018"), ("", "")]
name = st.sampled_from(NAMES)
marks = st.sampled_from(MARKS)
handle = st.from_regex(r"[a-z][a-z0-9._]{1,12}", fullmatch=True)
said = st.sampled_from(["said", "told Glow Magazine", "wrote on Instagram", "added", "revealed",
                        "told People", "shared"])
pronoun = st.sampled_from(["she", "he", "the actress", "the singer", "the yoga instructor", "her hubby"])
speech = st.sampled_from(["I love you", "We split last year, and that is fine.", "Never again!",
                          "It's been a dream", "You are such an inspiration \u2764\ufe0f", "no comment"])
sentence = st.one_of(
    st.builds("{} met {} in Lisbon.".format, name, name),
    st.builds(lambda m, w, p, v: f"{m[0]}{w},{m[1]} {p} {v}.", marks, speech, pronoun, said),
    st.builds(lambda n, v, m, w: f"{n} {v}: {m[0]}{w}{m[1]}", name, said, marks, speech),
    st.builds("{} and {} reconciled after their split; their daughter, Florence, is {}.".format,
              name, name, st.integers(1, 30).map(str)),
    st.builds("{}'s ex, {}, called her stepmom {}.".format, name, name, name),
    st.builds(lambda m, w: f"{m[0]}{w},{m[1]} one follower commented.", marks, speech),
    st.sampled_from(["\u201c", "\u201d", '"', "'", "\u2018", "\u2019", ":"]),
    st.text(max_size=40),
)
prose = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
line = st.one_of(
    st.builds("A post shared by {} (@{}) on".format, name, handle),
    st.builds("\u2014 {} (@{}) March 3, 2024".format, name, handle),
    st.builds("\u266c original sound - {}".format, handle),
    st.builds("{} {}, saying:".format, pronoun, said),
    st.builds("{} {}:".format, name, said),
    st.just("Fans reacted on Instagram, and the comments poured in."),
    speech,
)
articles = st.builds(
    lambda head, date, paras, sep: head + "\n\n" + date + sep.join(paras),
    st.builds("{} and {} are {}".format, name, name, st.sampled_from(["on good terms", "feuding", "Engaged!"])),
    st.sampled_from(["", "Date March 3, 2024\n\n", "Date February 30, 2024\n\n"]),
    st.lists(st.one_of(prose, line), min_size=1, max_size=8),
    st.sampled_from(["\n\n", "\n", "\n\n\n", "\r\n\r\n"]),
)


def assert_spans_inside(analysis: Analysis) -> None:
    text = analysis.document.text
    n = len(text)

    def inside(start: int, end: int) -> bool:
        return 0 <= start <= end <= n

    for block in analysis.document.blocks:
        assert inside(block.start, block.end), block
    for embed in analysis.document.embeds:
        assert inside(embed.start, embed.end), embed
    ids = {p.id for p in analysis.people}
    for person in analysis.people:
        for m in person.mentions:
            assert inside(m.start, m.end) and text[m.start:m.end] == m.text, (person.name, m)
    for q in analysis.quotes:
        assert inside(q.start, q.end), q
        evidence = text[q.start:q.end]
        assert q.text == evidence or any(
            ch == " " and evidence.startswith(q.text[:i]) and evidence.endswith(q.text[i + 1:])
            for i, ch in enumerate(q.text)), q
        for span in (q.speaker_span, q.outlet_span):
            assert span is None or inside(span.start, span.end), q
        assert q.speaker is None or q.speaker in ids
    for s in analysis.social_posts:
        assert inside(s.start, s.end), s
        assert s.person is None or s.person in ids
    for c in analysis.comments:
        assert inside(c.start, c.end) and text[c.start:c.end] == c.text, c
        assert c.target is None or c.target in ids
        assert c.polarity in POLARITIES


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles)
def test_pipeline_spans_slice_inside_generated_articles(nlp: Any, text: str) -> None:
    analysis = goodterms.analyze_text(text)
    assert_spans_inside(analysis)
    json.dumps(analysis.to_contract())  # the contract is always JSON


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=400))
def test_pipeline_survives_arbitrary_text(nlp: Any, text: str) -> None:
    try:
        doc = goodterms.document_from_bytes(text.encode("utf-8"), source="<generated>")
    except GoodtermsError:
        return  # refused with a reason is fine; an unexpected exception is not
    assert_spans_inside(goodterms.analyze_one(doc))


def test_url_and_metadata_round_trip_through_the_contract():
    from goodterms.model import Analysis, Document

    doc = Document(id="d1", text="Headline\nBody.", url="https://example.org/a", metadata={"section": "tv", "n": 3})
    data = Analysis(document=doc).to_contract()
    assert data["url"] == "https://example.org/a" and data["metadata"] == {"section": "tv", "n": 3}
    back = Analysis.from_contract(data, doc.text)
    assert back.document.url == doc.url and back.document.metadata == doc.metadata


def test_rejected_is_a_record_with_a_location():
    from goodterms.model import Rejected

    r = Rejected("feed.jsonl", "bad_json", "feed.jsonl: line 3: not JSON", location="line 3")
    assert Rejected.from_dict(r.to_dict()) == r
