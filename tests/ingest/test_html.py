"""HTML ingestion: text, metadata and social embeds from markup we wrote ourselves."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goodterms.errors import EmptyInput
from goodterms.ingest.html import MAX_NESTING, document_from_html
from goodterms.ingest.read import document_from_bytes
from goodterms.model import Document

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "html"


def load(name: str) -> Document:
    return document_from_html((FIXTURES / name).read_text(encoding="utf-8"), source=name)


def texts(doc: Document, *kinds: str) -> list[str]:
    return [doc.text[b.start:b.end] for b in doc.blocks_of(*kinds)]


def assert_residues_are_lines(doc: Document) -> None:
    for embed in doc.embeds:
        line = doc.text[embed.start:embed.end]
        assert line and line == line.strip()
        assert doc.text[:embed.start].endswith(("\n\n", "")) and "\n" not in line
        assert doc.text[embed.start - 2:embed.start] in ("", "\n\n")
        assert doc.text[embed.end:embed.end + 2] in ("", "\n\n")


def test_embeds_page_title_date_and_paragraphs() -> None:
    doc = load("embeds.html")
    assert doc.title == "Marisol Quint and Teodor Vance reunite in Lisbon"
    assert doc.text.startswith(doc.title + "\n\n")
    assert texts(doc, "headline") == [doc.title]
    # article:published_time wins over the (different) JSON-LD datePublished
    assert doc.published == "2024-05-03"
    paragraphs = texts(doc, "paragraph")
    assert paragraphs[0].startswith("Marisol Quint and her former co-star Teodor Vance")
    assert any(p.startswith("Neither Quint nor Vance has confirmed") for p in paragraphs)
    assert "What comes next" in texts(doc, "heading")
    assert "\n\n\n" not in doc.text
    for leak in ("SCRIPT_SHOULD_NOT_LEAK", "dataLayer", "color: #999", "View this post on Instagram",
                 "Home", "All rights reserved", "gtembed"):
        assert leak not in doc.text


def test_embeds_page_embeds_carry_urls_and_point_at_residue() -> None:
    doc = load("embeds.html")
    got = [(e.platform, e.handle, e.author, e.url) for e in doc.embeds]
    assert got == [
        ("instagram", "marisol.quint", "Marisol Quint", "https://www.instagram.com/p/C6xAbCdEfGh/"),
        ("twitter", "teodorvance", "Teodor Vance",
         "https://twitter.com/teodorvance/status/1786012345678901234"),
        ("tiktok", "inesquintdance", "",
         "https://www.tiktok.com/@inesquintdance/video/7364998877665544332"),
        ("youtube", "", "", "https://www.youtube.com/watch?v=dQx9Lm2Zp4k"),
    ]
    residues = [doc.text[e.start:e.end] for e in doc.embeds]
    assert residues == [
        "A post shared by Marisol Quint (@marisol.quint) on",
        "\u2014 Teodor Vance (@teodorvance) May 3, 2024",
        "\u266c original sound - inesquintdance",
        "YouTube video: https://www.youtube.com/watch?v=dQx9Lm2Zp4k",
    ]
    assert_residues_are_lines(doc)
    # the plain-text pipeline reads the same residue lines as embed blocks, YouTube links included
    assert residues == texts(doc, "social_embed")


def test_embeds_stay_where_they_stood() -> None:
    doc = load("embeds.html")
    text = doc.text
    instagram, tweet, tiktok, youtube = (e.start for e in doc.embeds)
    assert text.index("calling the evening") < instagram < text.index("Vance, 41, responded")
    assert text.index("within the hour") < tweet < text.index("Quint's younger sister")
    assert text.index("clip from the evening") < tiktok < text.index("The two first met")
    assert text.index("premiere is below") < youtube < text.index("What comes next")


def test_tweet_text_is_a_plain_paragraph_before_its_residue() -> None:
    doc = load("embeds.html")
    tweet = doc.embeds[1]
    said = "Lisbon, you were kind to us. Some friendships just pause, they never end."
    assert doc.text[:tweet.start].endswith(said + "\n\n")
    assert said in texts(doc, "paragraph")
    assert "pic.twitter.com" not in doc.text and '"Lisbon' not in doc.text


def test_malformed_page_still_reads() -> None:
    doc = load("malformed.html")
    assert doc.title == "Teodor Vance opens a bakery"
    paragraphs = texts(doc, "paragraph")
    assert paragraphs[0].startswith("Teodor Vance surprised fans on Sunday")
    assert "The singer said he had been baking every morning for a year before he felt ready" \
        in doc.text
    assert [(e.platform, e.handle, e.url) for e in doc.embeds] == [
        ("twitter", "teodorvance", "https://x.com/teodorvance/status/1790000000000000001")]
    assert doc.text[doc.embeds[0].start:doc.embeds[0].end] == \
        "\u2014 Teodor Vance (@teodorvance) May 12, 2024"
    assert_residues_are_lines(doc)


def test_hostile_page_leaks_no_script_or_markup() -> None:
    doc = load("hostile.html")
    assert doc.title == "Marisol Quint joins a charity swim"
    assert texts(doc, "paragraph") == [
        "Marisol Quint swam four kilometres across the bay on Saturday to raise money for a "
        "children's hospital, finishing in just under two hours.",
        "She was joined by a dozen volunteers who trained with her all spring.",
        "Organisers said the event raised more than twice its target.",
    ]
    assert "LEAK" not in doc.text and "alert" not in doc.text and "<" not in doc.text
    assert doc.embeds == ()  # an iframe to another site is not a YouTube embed


def test_page_without_text_is_refused() -> None:
    with pytest.raises(EmptyInput) as caught:
        load("empty.html")
    assert caught.value.code == "empty" and caught.value.source == "empty.html"
    assert "no article text found in the HTML" in str(caught.value)


@pytest.mark.parametrize("html", [
    "", "   ", "<html></html>", "<html><head><title>Only a title</title></head><body></body></html>",
    "<script>alert('x')</script>", "<body><!-- a comment only --></body>",
    "<html><body><h1>Only a headline</h1></body></html>",
])
def test_nothing_to_read_is_refused(html: str) -> None:
    with pytest.raises(EmptyInput):
        document_from_html(html, source="x.html")


def _article(middle: str, *, count: int = 6) -> str:
    paragraphs = [
        f"<p>Paragraph {i} about Marisol Quint and Teodor Vance, long enough to read as article "
        f"prose to the extractor and keep it on the page.</p>" for i in range(count)
    ]
    half = count // 2
    return (f"<html><head><title>Quint and Vance</title></head><body><article>"
            f"{''.join(paragraphs[:half])}{middle}{''.join(paragraphs[half:])}</article></body></html>")


def test_embed_dropped_by_trafilatura_is_placed_after_its_paragraph() -> None:
    # A wrapper with other content and a "social" class: trafilatura drops it, placeholder and all.
    html = _article(
        '<div class="social-embed"><span>Share</span><blockquote class="twitter-tweet"><p>Hello there'
        '</p>&mdash; Teodor Vance (@teodorvance) <a href="https://twitter.com/teodorvance/status/42">'
        'June 1, 2024</a></blockquote></div>'
        '<div class="social-embed"><span>Share</span>'
        '<iframe src="https://www.youtube.com/embed/abcdefghijk"></iframe></div>'
    )
    doc = document_from_html(html)
    tweet, video = doc.embeds
    assert doc.text[tweet.start:tweet.end] == "\u2014 Teodor Vance (@teodorvance) June 1, 2024"
    assert doc.text[:tweet.start].endswith("Paragraph 2 about Marisol Quint and Teodor Vance, long "
                                           "enough to read as article prose to the extractor and "
                                           "keep it on the page.\n\nHello there\n\n")
    assert doc.text[tweet.end:video.start] == "\n\n"
    assert doc.text[video.end:].startswith("\n\nParagraph 3 ")
    assert_residues_are_lines(doc)


def test_article_flattened_by_trafilatura_is_split_into_paragraphs() -> None:
    # On short pages trafilatura's baseline returns a whole <article> as a single line.
    html = (
        "<html><body><article><p>Marisol Quint posted an update about her tour on Monday.</p>"
        '<div class="share"><span>Share this</span><blockquote class="tiktok-embed" '
        'data-unique-id="marisolq"></blockquote></div>'
        "<p>The tour will start in Porto and end in Oslo,<br>she said in a long post.</p>"
        "</article></body></html>"
    )
    doc = document_from_html(html)
    assert doc.text.startswith("Marisol Quint posted an update about her tour on Monday.\n\n")
    assert doc.text.endswith("\n\nThe tour will start in Porto and end in Oslo, she said in a long post.")
    (tiktok,) = doc.embeds
    assert (tiktok.handle, tiktok.url) == ("marisolq", "https://www.tiktok.com/@marisolq")
    assert doc.text[tiktok.start:tiktok.end] == "\u266c original sound - marisolq"


def test_no_title_means_no_headline() -> None:
    doc = document_from_html("<body><p>Marisol Quint waved.</p><p>Teodor Vance waved back.</p></body>")
    assert doc.title == "" and not doc.blocks_of("headline")
    assert texts(doc, "paragraph") == ["Marisol Quint waved.", "Teodor Vance waved back."]


def test_visible_text_fallback_for_an_embed_only_page() -> None:
    html = ('<html><body><blockquote class="instagram-media" '
            'data-instgrm-permalink="https://www.instagram.com/teodorvance/p/XyZ123/?utm_source=x">'
            '<a href="#">View this post on Instagram</a></blockquote></body></html>')
    doc = document_from_html(html, source="only.html")
    (embed,) = doc.embeds
    assert (embed.platform, embed.handle, embed.author) == ("instagram", "teodorvance", "")
    assert embed.url == "https://www.instagram.com/teodorvance/p/XyZ123/"
    assert doc.text[embed.start:embed.end] == "A post shared by @teodorvance on"
    assert any("used the visible text" in w for w in doc.warnings)


@pytest.mark.parametrize(("head", "body", "day"), [
    ('<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, '
     '{"@type": "NewsArticle", "datePublished": "2023-11-09T08:00:00Z"}]}</script>', "", "2023-11-09"),
    ("", '<time datetime="2022-02-28T10:00">Feb 28</time>', "2022-02-28"),
    ('<meta name="pubdate" content="2021-07-04">', "", "2021-07-04"),
    ('<meta property="article:published_time" content="not a date">', "", None),
    ('<script type="application/ld+json">{"datePublished": [[[[</script>', "", None),
])
def test_publication_date_sources(head: str, body: str, day: str | None) -> None:
    html = (f"<html><head><title>Quint wins</title>{head}</head><body>{body}"
            "<p>Marisol Quint won the regional chess final on Sunday afternoon.</p></body></html>")
    assert document_from_html(html).published == day


def test_huge_nesting_is_flattened_quickly() -> None:
    depth = 50_000
    html = ("<html><body>" + "<div>" * depth + "<p>Deep text about Marisol Quint.</p>"
            + "</div>" * depth + "<p>Tail paragraph about Teodor Vance.</p></body></html>")
    doc = document_from_html(html, source="deep.html")
    assert texts(doc, "paragraph") == ["Deep text about Marisol Quint.",
                                       "Tail paragraph about Teodor Vance."]
    assert any(f"nested deeper than {MAX_NESTING}" in w for w in doc.warnings)


@pytest.mark.parametrize("tag", ["span", "font", "b", "i"])
@pytest.mark.parametrize("depth", [260, 5_000])
def test_deep_inline_nesting_keeps_the_article(tag: str, depth: int) -> None:
    html = ("<html><body><article><h1>Quint wins</h1>" + f"<{tag}>" * depth
            + "<p>Marisol Quint won the regional chess final on Sunday afternoon.</p>"
            + f"</{tag}>" * depth + "</article></body></html>")
    doc = document_from_html(html, source="inline.html")
    assert texts(doc, "paragraph") == ["Marisol Quint won the regional chess final on Sunday afternoon."]


def test_warnings_are_kept_and_bytes_route_here() -> None:
    raw = (FIXTURES / "embeds.html").read_bytes()
    doc = document_from_bytes(raw, source="embeds.html")
    assert doc.title == "Marisol Quint and Teodor Vance reunite in Lisbon" and len(doc.embeds) == 4
    doc = document_from_html("<p>Marisol Quint waved.</p>", warnings=["bad byte"])
    assert doc.warnings == ("bad byte",)


FRAGMENTS = [
    "<p>", "</p>", "<div>", "</div>", "<br>", "<h1>", "</h1>", "<script>", "</script>",
    "<style>", "</style>", "<blockquote class='twitter-tweet'>", "</blockquote>",
    "<a href='https://twitter.com/teodorvance/status/1'>", "</a>", "&mdash; Teodor (@teodorvance) ",
    "<blockquote class='instagram-media' data-instgrm-permalink='https://www.instagram.com/p/x/'>",
    "A post shared by Marisol Quint (@marisolq)", "<iframe src='//www.youtube.com/embed/abcdefgh'>",
    "</iframe>", "<blockquote class='tiktok-embed' cite='https://www.tiktok.com/@mq/video/1'>",
    "Marisol Quint waved at the crowd.", "May 3, 2024", "<", ">", "&", "\n", "\x00", "\u266c",
    "<title>", "</title>", "<time datetime='2024-13-45'>", "<table><tr><td>", "<!--", "-->",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40))
def test_any_markup_gives_a_document_or_empty_input(parts: list[str]) -> None:
    try:
        doc = document_from_html("".join(parts))
    except EmptyInput:
        return
    assert doc.text.strip()
    for block in doc.blocks:
        assert 0 <= block.start < block.end <= len(doc.text)
    for embed in doc.embeds:
        assert 0 <= embed.start < embed.end <= len(doc.text)
    assert "gtembed" not in doc.text
