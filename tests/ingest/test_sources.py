"""The one reader: folders, JSON Lines feeds and WARC files -> Document | Rejected, with places.

Every feed line and WARC record here is written by the test, about invented people; the WARC
files are built with warcio's own writer.
"""
from __future__ import annotations

import gzip
import io
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from goodterms.errors import MissingInput, NoInputs
from goodterms.ingest.sources import (
    known_total, output_stem, plan_sources, read_feed, read_sources, read_warc,
)
from goodterms.model import Document, Rejected

BODY = ("Ines Marlow opened her bakery in Porto on Saturday.\n\n"
        "\u201cIt took me ten years,\u201d Ines Marlow told Crumb Weekly.")


def page(title: str, paragraph: str, published: str = "") -> str:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    return (f"<html><head><title>{title}</title>{meta}</head><body><article><h1>{title}</h1>"
            f"<p>{paragraph}</p><p>Friends of the family came to the opening.</p></article></body></html>")


def write_feed(path: Path, records: Iterable[Any], *, compress: bool = False) -> Path:
    """One line per record: a dict or list is written as JSON, a str as it is."""
    lines = "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records).encode()
    path.write_bytes(gzip.compress(lines) if compress else lines)
    return path


def response(writer: WARCWriter, uri: str, body: bytes, *, content_type: str = "text/html; charset=utf-8",
             status: str = "200 OK", extra: list[tuple[str, str]] | None = None, date: str = "") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type), *(extra or [])], protocol="HTTP/1.1")
    warc_headers = {"WARC-Date": date} if date else None
    record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers,
                                       warc_headers_dict=warc_headers)
    writer.write_record(record)


def request(writer: WARCWriter, uri: str) -> None:
    headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
    writer.write_record(writer.create_warc_record(uri, "request", payload=io.BytesIO(b""), http_headers=headers))


def new_warc(compress: bool = True) -> tuple[io.BytesIO, WARCWriter]:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "goodterms tests"}))
    return buffer, writer


def three_pages_warc(path: Path, *, compress: bool = True) -> Path:
    buffer, writer = new_warc(compress)
    for i, (who, what) in enumerate([("Ines Marlow", "opened a bakery"), ("Teodor Vance", "sang at a gala"),
                                     ("Lio Brandt", "won a regatta")]):
        request(writer, f"https://news.example/{i}")
        response(writer, f"https://news.example/{i}",
                 page(f"{who} {what}", f"{who} {what} on Sunday, a friend said.").encode(),
                 date=f"2025-0{i + 1}-15T08:00:00Z")
    path.write_bytes(buffer.getvalue())
    return path


def split(results: Iterable[Document | Rejected]) -> tuple[list[Document], list[Rejected]]:
    docs: list[Document] = []
    rejects: list[Rejected] = []
    for item in results:
        (docs if isinstance(item, Document) else rejects).append(item)  # type: ignore[arg-type]
    return docs, rejects


# -- folders -------------------------------------------------------------------------------------
def make_tree(root: Path) -> None:
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "b.txt").write_text("Headline B\n\nIdris Kole waved.", encoding="utf-8")
    (root / "a.html").write_text(page("Headline A", "Mina Soto waved."), encoding="utf-8")
    (root / "notes.md").write_text("# A readme, not an article\n", encoding="utf-8")
    (root / "data.csv").write_text("a,b\n", encoding="utf-8")
    write_feed(root / "c.jsonl", [{"text": "Rhea Lund waved from the stage.", "title": "Headline C"}])
    (root / "sub" / "d.txt").write_text("Headline D\n\nOsei Park waved.", encoding="utf-8")
    (root / "sub" / "deeper" / "e.txt").write_text("Headline E\n\nPia Rowe waved.", encoding="utf-8")


def test_a_folder_gives_its_articles_feeds_and_warcs_sorted_not_its_subfolders(tmp_path: Path) -> None:
    make_tree(tmp_path)
    docs, rejects = split(read_sources([tmp_path]))
    assert not rejects
    assert [d.source for d in docs] == [str(tmp_path / "a.html"), str(tmp_path / "b.txt"), f"{tmp_path / 'c.jsonl'}:1"]


def test_recursive_reads_subfolders_in_path_order(tmp_path: Path) -> None:
    make_tree(tmp_path)
    sources = [d.source for d in read_sources([tmp_path], recursive=True)]  # type: ignore[union-attr]
    assert sources == [str(tmp_path / "a.html"), str(tmp_path / "b.txt"), f"{tmp_path / 'c.jsonl'}:1",
                       str(tmp_path / "sub" / "d.txt"), str(tmp_path / "sub" / "deeper" / "e.txt")]


def test_the_order_is_the_same_whatever_order_the_files_were_made_in(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    names = ["m.txt", "a.txt", "z.txt", "k.txt"]
    for folder, order in ((first, names), (second, list(reversed(names)))):
        (folder / "sub").mkdir(parents=True)
        for name in order:
            (folder / name).write_text(f"Title {name}\n\nNoor Hale waved.", encoding="utf-8")
            (folder / "sub" / name).write_text(f"Title {name}\n\nNoor Hale waved.", encoding="utf-8")
    runs = [[Path(d.source).relative_to(f) for d in read_sources([f], recursive=True)]  # type: ignore[union-attr]
            for f in (first, second)]
    assert runs[0] == runs[1] == sorted(runs[0])
    assert len(runs[0]) == 8


def test_a_link_back_up_the_tree_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Title\n\nNoor Hale waved.", encoding="utf-8")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    docs, rejects = split(read_sources([tmp_path], recursive=True))
    assert not rejects and len(docs) == 1


def test_a_missing_path_raises_at_once_and_an_empty_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(MissingInput) as missing:
        read_sources([tmp_path / "nowhere.jsonl"])
    assert missing.value.code == "not_found" and "nowhere.jsonl" in str(missing.value)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Title\n\nNoor Hale waved.", encoding="utf-8")
    with pytest.raises(NoInputs) as empty:
        read_sources([tmp_path])
    assert "--recursive" in str(empty.value)


def test_the_total_is_known_only_without_feeds_or_warcs(tmp_path: Path) -> None:
    make_tree(tmp_path)
    (tmp_path / "c.jsonl").unlink()
    assert known_total(plan_sources([tmp_path])) == 2
    write_feed(tmp_path / "c.jsonl", [{"text": "x"}])
    assert known_total(plan_sources([tmp_path])) is None


# -- JSON Lines ----------------------------------------------------------------------------------
def test_a_feed_line_with_text_and_fields(tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", [{
        "title": "Ines Marlow opens a bakery", "text": BODY, "url": "https://news.example/ines",
        "published": "2024-03-05T10:00:00+01:00", "id": "feed-77", "section": "food", "tags": ["porto"],
    }])
    [doc] = read_feed(feed)
    assert isinstance(doc, Document)
    assert doc.source == f"{feed}:1"
    assert doc.url == "https://news.example/ines"
    assert doc.published == "2024-03-05"
    assert doc.metadata == {"id": "feed-77", "section": "food", "tags": ["porto"]}
    # The title heads the text as its headline: offsets count from it, as for an HTML page.
    headline = doc.blocks[0]
    assert headline.kind == "headline" and doc.text[headline.start:headline.end] == "Ines Marlow opens a bakery"
    assert doc.title == "Ines Marlow opens a bakery"
    assert doc.text.endswith("Ines Marlow told Crumb Weekly.")
    for block in doc.blocks:
        assert doc.text[block.start:block.end].strip()


def test_a_title_the_text_already_opens_with_is_not_repeated(tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", [{"title": "Ines  Marlow opens a bakery",
                                                  "text": "Ines Marlow opens a bakery\n\n" + BODY}])
    [doc] = read_feed(feed)
    assert isinstance(doc, Document)
    assert doc.text.count("opens a bakery") == 1
    assert doc.blocks[0].kind == "headline"


def test_without_a_title_every_line_is_body(tmp_path: Path) -> None:
    [doc] = read_feed(write_feed(tmp_path / "feed.jsonl", [{"text": BODY}]))
    assert isinstance(doc, Document)
    assert doc.title == "" and "headline" not in {b.kind for b in doc.blocks}
    assert doc.text.startswith("Ines Marlow opened her bakery")


@pytest.mark.parametrize("given, day", [
    ({"published": "2023-11-02"}, "2023-11-02"),
    ({"date": "Thu, 02 Nov 2023 18:30:00 GMT"}, "2023-11-02"),
    ({"published": "November 2, 2023"}, "2023-11-02"),
    ({"published": "2023-11-02T23:59:00Z", "date": "2020-01-01"}, "2023-11-02"),
])
def test_published_or_date_becomes_an_iso_day(tmp_path: Path, given: dict[str, str], day: str) -> None:
    [doc] = read_feed(write_feed(tmp_path / "feed.jsonl", [{"text": BODY, **given}]))
    assert isinstance(doc, Document) and doc.published == day
    if "date" in given and "published" in given:
        assert doc.metadata["date"] == given["date"]  # the one not used is kept


def test_an_unreadable_date_is_kept_with_a_warning(tmp_path: Path) -> None:
    [doc] = read_feed(write_feed(tmp_path / "feed.jsonl", [{"text": BODY, "published": "last spring"}]))
    assert isinstance(doc, Document) and doc.published is None
    assert doc.metadata["published"] == "last spring"
    assert any("last spring" in w and "feed.jsonl:1" in w for w in doc.warnings)


def test_an_html_line_goes_through_the_html_reader(tmp_path: Path) -> None:
    html = page("Teodor Vance sings in Lyon", "Teodor Vance sang at the opera on Friday.", "2022-06-01")
    feed = write_feed(tmp_path / "feed.jsonl", [{"html": html, "url": "https://news.example/teo"},
                                                 {"html": html, "published": "2022-06-03"}])
    first, second = read_feed(feed)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.title == "Teodor Vance sings in Lyon" and first.published == "2022-06-01"
    assert "Teodor Vance sang at the opera" in first.text
    assert second.published == "2022-06-03"  # the feed's date wins over the page's
    assert first.id == second.id and first.source != second.source


BAD_LINES: list[tuple[str, str, str]] = [
    ('{"text": "Mara said hi", ', "bad_json", "not valid JSON"),
    ("[1, 2, 3]", "bad_record", "a JSON array, not an object"),
    ('"just a string"', "bad_record", "a JSON string"),
    ('{"body": "Mara Quill waved."}', "bad_record", 'no "text" or "html" field'),
    ('{"text": 42}', "bad_record", '"text" is a JSON number, not a string'),
    ('{"text": "   \\n  "}', "empty", '"text" is empty'),
    ('{"text": "' + "\\u0000\\u0001\\u0002\\u0003\\u0004" * 40 + '"}', "binary", "binary"),
    ('{"html": "<html><body><nav>Home</nav></body></html>"}', "empty", "no article text"),
    ("[" * 100_000 + "]" * 100_000, "bad_json", "nested too deep"),
]


@pytest.mark.parametrize("line, code, words", BAD_LINES)
def test_each_bad_line_is_rejected_with_its_line_and_the_rest_goes_on(tmp_path: Path, line: str, code: str,
                                                                     words: str) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", [{"text": BODY}, "", line, {"text": BODY, "title": "After"}])
    docs, rejects = split(read_feed(feed))
    assert [d.source for d in docs] == [f"{feed}:1", f"{feed}:4"]
    [reject] = rejects
    assert (reject.source, reject.code, reject.location) == (str(feed), code, "line 3")
    assert reject.message.startswith(f"{feed}:3: ") and words in reject.message
    assert "\n" not in reject.message


def test_invalid_utf8_in_a_line_is_read_with_a_warning(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b'{"text": "Ren\xe9e Dufort waved to the crowd in Lyon."}\n')
    [doc] = read_feed(feed)
    assert isinstance(doc, Document)
    assert "Ren\u00e9e Dufort" in doc.text
    assert any("invalid UTF-8" in w or "not UTF-8" in w for w in doc.warnings)


def test_a_utf16_feed_is_refused_as_a_whole(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(json.dumps({"text": BODY}).encode("utf-16"))
    [reject] = read_feed(feed)
    assert isinstance(reject, Rejected) and "UTF-16" in reject.message and "UTF-8" in reject.message


def test_max_bytes_holds_per_line_and_the_next_line_is_read(tmp_path: Path) -> None:
    long_text = "Mara Quill waved to the crowd. " * 400
    feed = write_feed(tmp_path / "feed.jsonl", [{"text": BODY}, {"text": long_text}, {"text": BODY, "title": "T"}])
    docs, rejects = split(read_feed(feed, max_bytes=2000))
    assert [d.source for d in docs] == [f"{feed}:1", f"{feed}:3"]
    [reject] = rejects
    assert reject.code == "too_large" and reject.location == "line 2" and "2,000" in reject.message


def test_a_gzipped_feed_is_read_like_a_plain_one(tmp_path: Path) -> None:
    records = [{"text": BODY, "title": f"Bakery day {i}"} for i in range(5)]
    plain = [d.text for d in read_feed(write_feed(tmp_path / "f.jsonl", records))]  # type: ignore[union-attr]
    packed = [d.text for d in read_feed(write_feed(tmp_path / "f.jsonl.gz", records, compress=True))]  # type: ignore[union-attr]
    assert plain == packed and len(plain) == 5


def test_a_truncated_gzip_feed_keeps_the_lines_before_and_says_where(tmp_path: Path) -> None:
    records = [{"text": BODY + f" Day {i}.", "title": f"Bakery day {i}"} for i in range(200)]
    whole = gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode())
    feed = tmp_path / "cut.jsonl.gz"
    feed.write_bytes(whole[: len(whole) * 2 // 3])
    docs, rejects = split(read_feed(feed))
    assert 50 < len(docs) < 200
    assert [d.source for d in docs] == [f"{feed}:{i + 1}" for i in range(len(docs))]
    [reject] = rejects
    assert reject.code == "corrupt_gzip" and reject.location == f"line {len(docs) + 1}"
    assert "cut short" in reject.message


def test_corrupt_gzip_data_is_one_reject_after_the_lines_before_it(tmp_path: Path) -> None:
    members = [gzip.compress((json.dumps({"text": BODY, "title": f"Part {i}"}) + "\n").encode()) for i in range(4)]
    broken = bytearray(members[2])
    broken[12:40] = b"\xff" * 28
    feed = tmp_path / "bad.jsonl.gz"
    feed.write_bytes(members[0] + members[1] + bytes(broken) + members[3])
    docs, rejects = split(read_feed(feed))
    assert [d.title for d in docs] == ["Part 0", "Part 1"]
    [reject] = rejects
    assert reject.code == "corrupt_gzip" and reject.location == "line 3"


# -- WARC ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("compress", [True, False])
def test_warc_responses_become_documents_with_url_date_and_offset(tmp_path: Path, compress: bool) -> None:
    warc = three_pages_warc(tmp_path / ("crawl.warc.gz" if compress else "crawl.warc"), compress=compress)
    docs, rejects = split(read_warc(warc))
    assert not rejects
    assert [d.url for d in docs] == [f"https://news.example/{i}" for i in range(3)]
    assert [d.published for d in docs] == ["2025-01-15", "2025-02-15", "2025-03-15"]  # the capture day
    assert docs[0].title == "Ines Marlow opened a bakery"
    for doc in docs:
        # FILE@OFFSET: the record starts at that byte (its gzip member, for .warc.gz)
        name, offset = doc.source.rsplit("@", 1)
        assert name == str(warc)
        with warc.open("rb") as handle:
            handle.seek(int(offset))
            record = next(iter(ArchiveIterator(handle)))
            assert record.rec_headers.get_header("WARC-Target-URI") == doc.url
        assert doc.metadata["warc_date"].startswith("2025-")


def test_the_pages_own_date_wins_over_the_capture_date(tmp_path: Path) -> None:
    buffer, writer = new_warc()
    response(writer, "https://news.example/p", page("Lio Brandt wins", "Lio Brandt won the regatta.",
                                                    "2019-07-04T10:00:00Z").encode(), date="2025-01-01T00:00:00Z")
    (tmp_path / "c.warc.gz").write_bytes(buffer.getvalue())
    [doc] = read_warc(tmp_path / "c.warc.gz")
    assert isinstance(doc, Document) and doc.published == "2019-07-04"


def test_bookkeeping_requisites_and_redirects_pass_in_silence(tmp_path: Path) -> None:
    buffer, writer = new_warc()
    request(writer, "https://news.example/a")
    response(writer, "https://news.example/old", b"", status="301 Moved Permanently",
             extra=[("Location", "https://news.example/a")])
    response(writer, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), content_type="image/png")
    response(writer, "https://news.example/site.css", b"p { color: red }", content_type="text/css")
    response(writer, "https://news.example/a", page("Mina Soto wins", "Mina Soto won the race.").encode())
    writer.write_record(writer.create_warc_record("https://news.example/a", "metadata",
                                                  payload=io.BytesIO(b"outlinks: none"),
                                                  warc_content_type="application/warc-fields"))
    (tmp_path / "c.warc.gz").write_bytes(buffer.getvalue())
    docs, rejects = split(read_warc(tmp_path / "c.warc.gz"))
    assert not rejects and [d.url for d in docs] == ["https://news.example/a"]


def test_a_warc_without_responses_is_one_reject_saying_what_it_held(tmp_path: Path) -> None:
    buffer, writer = new_warc()
    request(writer, "https://news.example/a")
    request(writer, "https://news.example/b")
    (tmp_path / "requests.warc.gz").write_bytes(buffer.getvalue())
    [reject] = read_warc(tmp_path / "requests.warc.gz")
    assert isinstance(reject, Rejected) and reject.code == "no_articles"
    assert "1 warcinfo" in reject.message and "2 request" in reject.message


def test_records_that_are_no_usable_response_are_rejected_with_their_offset(tmp_path: Path) -> None:
    buffer, writer = new_warc(compress=False)
    writer.write_record(writer.create_warc_record("https://news.example/t", "conversion",
                                                  payload=io.BytesIO(b"Mara Quill waved."),
                                                  warc_content_type="text/plain"))
    response(writer, "https://news.example/bin", bytes(range(256)) * 40)  # declared HTML, binary body
    response(writer, "https://news.example/big", page("Big", "Mara Quill waved. " * 2000).encode())
    response(writer, "https://news.example/ok", page("Mina Soto wins", "Mina Soto won the race.").encode())
    warc = tmp_path / "mixed.warc"
    warc.write_bytes(buffer.getvalue())
    docs, rejects = split(read_warc(warc, max_bytes=20_000))
    assert [d.url for d in docs] == ["https://news.example/ok"]
    assert [r.code for r in rejects] == ["warc_record", "binary", "too_large"]
    offsets = [int(r.location.rsplit(" ", 1)[1]) for r in rejects]
    with warc.open("rb") as handle:
        for reject, offset in zip(rejects, offsets):
            assert reject.location.startswith("record ") and f"{warc}@{offset}" in reject.message
            handle.seek(offset)
            assert handle.read(9) == b"WARC/1.1\r" or handle.read(0) == b""


def test_compressed_and_chunked_bodies_and_the_servers_charset(tmp_path: Path) -> None:
    buffer, writer = new_warc()
    html = page("Zofia Kr\u00f3l opens a gallery", "Zofia Kr\u00f3l opened a gallery in \u0141\u00f3d\u017a on Friday.")
    response(writer, "https://news.example/gz", gzip.compress(html.encode()), extra=[("Content-Encoding", "gzip")])
    encoded = html.encode()
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(encoded[i:i + 100]), encoded[i:i + 100]) for i in range(0, len(encoded), 100))
    response(writer, "https://news.example/chunked", chunked + b"0\r\n\r\n", extra=[("Transfer-Encoding", "chunked")])
    response(writer, "https://news.example/latin2", html.encode("iso-8859-2"),
             content_type="text/html; charset=ISO-8859-2")
    (tmp_path / "c.warc.gz").write_bytes(buffer.getvalue())
    docs, rejects = split(read_warc(tmp_path / "c.warc.gz"))
    assert not rejects and len(docs) == 3
    for doc in docs:
        assert "Zofia Kr\u00f3l opened a gallery in \u0141\u00f3d\u017a" in doc.text, doc.url
    assert any("declared by the server" in w for w in docs[2].warnings)


def test_a_truncated_warc_gz_keeps_the_records_before_and_says_where(tmp_path: Path) -> None:
    whole = three_pages_warc(tmp_path / "whole.warc.gz").read_bytes()
    offsets = [int(d.source.rsplit("@", 1)[1]) for d in read_warc(tmp_path / "whole.warc.gz")]  # type: ignore[union-attr]
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: offsets[2] + 40])  # inside the third page's gzip member
    docs, rejects = split(read_warc(cut))
    assert [d.url for d in docs] == ["https://news.example/0", "https://news.example/1"]
    [reject] = rejects
    assert reject.code == "corrupt_gzip" and reject.location == f"offset {offsets[2]}"


def test_a_truncated_plain_warc_says_which_record_is_cut(tmp_path: Path) -> None:
    whole = three_pages_warc(tmp_path / "whole.warc", compress=False).read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole[:-200])
    docs, rejects = split(read_warc(cut))
    assert len(docs) == 2
    [reject] = rejects
    assert reject.code == "bad_warc" and "cut short" in reject.message


def test_garbage_inside_a_warc_stops_it_there_with_one_reject(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    whole = three_pages_warc(tmp_path / "whole.warc", compress=False).read_bytes()
    offsets = [int(d.source.rsplit("@", 1)[1]) for d in read_warc(tmp_path / "whole.warc")]  # type: ignore[union-attr]
    bad = tmp_path / "bad.warc"
    bad.write_bytes(whole[: offsets[1]] + b"this is not a WARC header at all\r\n\r\n" + whole[offsets[1]:])
    docs, rejects = split(read_warc(bad))
    assert [d.url for d in docs] == ["https://news.example/0"]
    [reject] = rejects
    assert reject.code == "bad_warc"
    out, err = capfd.readouterr()
    assert out == "" and err == ""  # warcio's own warnings never reach standard error


def test_a_file_named_warc_that_is_not_one(tmp_path: Path) -> None:
    (tmp_path / "fake.warc.gz").write_bytes(b"\x1f\x8b\x08\x00" + os.urandom(200))
    (tmp_path / "text.warc").write_text("Just some words, no WARC here.\n", encoding="utf-8")
    rejects = list(read_sources([tmp_path]))
    assert [r.code for r in rejects] == ["corrupt_gzip", "bad_warc"]  # type: ignore[union-attr]


# -- names ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("source, stem", [
    ("feeds/news.jsonl:12", "news-12"), ("crawl/day1.warc.gz@4096", "day1-4096"),
    ("x/feed.ndjson.gz:3", "feed-3"), ("a/story.txt", "story"), ("a/odd:12.txt", "odd:12"), ("<stdin>", ""),
])
def test_output_stems_name_the_record(source: str, stem: str) -> None:
    assert output_stem(source) == stem


def test_text_wins_over_html_and_an_empty_text_falls_back_to_html(tmp_path: Path) -> None:
    html = page("Teodor Vance sings in Lyon", "Teodor Vance sang at the opera on Friday.")
    feed = write_feed(tmp_path / "feed.jsonl", [{"text": BODY, "html": html}, {"text": " ", "html": html}])
    first, second = read_feed(feed)
    assert isinstance(first, Document) and first.text.startswith("Ines Marlow")
    assert isinstance(second, Document) and "Teodor Vance sang" in second.text


def test_an_oversized_line_says_its_exact_size(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    line = b'{"text": "' + b"a" * 300_000 + b'"}'
    feed.write_bytes(line + b"\r\n" + json.dumps({"text": BODY}).encode() + b"\n")
    reject, doc = read_feed(feed, max_bytes=1000)
    assert isinstance(reject, Rejected) and f"{len(line):,} bytes is over the limit of 1,000 bytes" in reject.message
    assert isinstance(doc, Document) and doc.source == f"{feed}:2"


def test_the_read_meter_follows_the_bytes_of_feeds_and_files(tmp_path: Path) -> None:
    from goodterms.ingest.sources import ReadMeter, read_inputs

    write_feed(tmp_path / "a.jsonl", [{"text": BODY, "title": f"Day {i}"} for i in range(300)])
    (tmp_path / "b.txt").write_text("Title\n\n" + BODY, encoding="utf-8")
    inputs = plan_sources([tmp_path])
    meter = ReadMeter(inputs)
    assert meter.total == (tmp_path / "a.jsonl").stat().st_size + (tmp_path / "b.txt").stat().st_size
    shares = []
    for _ in read_inputs(inputs, meter=meter):
        shares.append(meter.fraction())
    assert shares == sorted(shares) and meter.fraction() == 1.0  # type: ignore[type-var]
    assert 0 < shares[0] < 0.5  # the feed is read in chunks, not at once


@pytest.mark.parametrize("source, place", [
    ("feeds/news.jsonl:12", ("feeds/news.jsonl", "line 12")),
    ("crawl/day1.warc.gz@4096", ("crawl/day1.warc.gz", "offset 4096")),
    ("a/odd:12.txt", ("a/odd:12.txt", "")), ("notes:3", ("notes:3", "")),
])
def test_split_source_gives_file_and_place(source: str, place: tuple[str, str]) -> None:
    from goodterms.ingest.sources import split_source

    assert split_source(source) == place


def test_a_resource_record_with_html_is_read_and_a_truncated_one_warns(tmp_path: Path) -> None:
    buffer, writer = new_warc()
    html = page("Mina Soto wins", "Mina Soto won the race in Oslo.").encode()
    writer.write_record(writer.create_warc_record("file:///pages/mina.html", "resource", payload=io.BytesIO(html),
                                                  warc_content_type="text/html"))
    response(writer, "https://news.example/cut", html)
    data = buffer.getvalue()
    (tmp_path / "r.warc.gz").write_bytes(data)
    docs = list(read_warc(tmp_path / "r.warc.gz"))
    assert [d.url for d in docs] == ["file:///pages/mina.html", "https://news.example/cut"]  # type: ignore[union-attr]
    buffer, writer = new_warc()
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://news.example/t", "response", payload=io.BytesIO(html),
                                                  http_headers=headers, warc_headers_dict={"WARC-Truncated": "length"}))
    (tmp_path / "t.warc.gz").write_bytes(buffer.getvalue())
    [doc] = read_warc(tmp_path / "t.warc.gz")
    assert isinstance(doc, Document) and any("WARC-Truncated: length" in w for w in doc.warnings)


def test_a_json_file_named_on_its_own_is_read_as_a_feed_or_refused_with_a_hint(tmp_path: Path) -> None:
    lines = write_feed(tmp_path / "export.json", [{"text": BODY}, {"text": BODY, "title": "Two"}])
    array = tmp_path / "array.json"
    array.write_text(json.dumps([{"text": BODY}], indent=2), encoding="utf-8")
    docs, rejects = split(read_sources([lines, array]))
    assert [d.source for d in docs] == [f"{lines}:1", f"{lines}:2"]
    [reject] = rejects
    assert reject.source == str(array) and reject.code == "bad_record" and "jq -c" in reject.message
    assert known_total(plan_sources([lines])) is None
    with pytest.raises(NoInputs):  # a folder does not give its .json files: they are often not articles
        plan_sources([tmp_path])


# -- damage of every kind: never an exception, never a word on standard error --------------------
KNOWN_CODES = {"bad_json", "bad_record", "binary", "empty", "too_large", "unreadable", "corrupt_gzip", "bad_warc",
               "warc_record", "no_articles", "internal"}


def _damaged(data: bytes, cuts: list[tuple[int, int]]) -> bytes:
    """Data with each (position, byte) written in, and cut at the last position when it is odd."""
    out = bytearray(data)
    for position, value in cuts:
        out[position % len(out)] = value
    if cuts and cuts[-1][1] % 2:
        del out[cuts[-1][0] % len(out):]
    return bytes(out)


@pytest.fixture(scope="module")
def intact(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("intact")
    feed = [{"text": BODY, "title": f"Day {i}", "published": f"2024-01-{i + 1:02}"} for i in range(6)]
    return {
        "crawl.warc.gz": three_pages_warc(folder / "a.warc.gz").read_bytes(),
        "crawl.warc": three_pages_warc(folder / "a.warc", compress=False).read_bytes(),
        "feed.jsonl.gz": write_feed(folder / "f.jsonl.gz", feed, compress=True).read_bytes(),
        "feed.jsonl": write_feed(folder / "f.jsonl", feed).read_bytes(),
    }


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc", "feed.jsonl.gz", "feed.jsonl"])
def test_random_damage_is_rejected_in_a_line_never_raised(name: str, intact: dict[str, bytes], tmp_path: Path,
                                                          capfd: pytest.CaptureFixture[str]) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    target = tmp_path / name
    whole = split(read_sources([_write(target, intact[name])]))[0]

    @settings(max_examples=int(os.environ.get("GOODTERMS_FUZZ_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 255)), min_size=1, max_size=4))
    def check(cuts: list[tuple[int, int]]) -> None:
        target.write_bytes(_damaged(intact[name], cuts))
        docs, rejects = split(read_sources([target]))
        for reject in rejects:
            assert reject.code in KNOWN_CODES and reject.source == str(target)
            assert "\n" not in reject.message and str(target) in reject.message
        assert len(docs) <= len(whole) + 1  # damage never multiplies articles (a cut line may split one)

    check()
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# -- standard input ------------------------------------------------------------------------------
def _stdin_results(data: bytes) -> tuple[list[Document], list[Rejected]]:
    from goodterms.ingest.sources import read_stdin

    return split(read_stdin(stream=io.BytesIO(data)))


def test_stdin_is_one_article_unless_it_holds_a_feed_or_a_warc(tmp_path: Path) -> None:
    docs, rejects = _stdin_results(("Ines Marlow opens a bakery\n\n" + BODY).encode())
    assert not rejects and [d.source for d in docs] == ["<stdin>"] and docs[0].title == "Ines Marlow opens a bakery"
    braces = "{Not JSON} Ines Marlow opens a bakery\n\n" + BODY
    assert [d.source for d in _stdin_results(braces.encode())[0]] == ["<stdin>"]


@pytest.mark.parametrize("compress", [False, True])
def test_stdin_feeds_and_warcs_are_read_record_by_record(tmp_path: Path, compress: bool) -> None:
    feed = write_feed(tmp_path / "f.jsonl", [{"text": BODY, "title": "One"}, "{broken", {"text": BODY, "title": "Two"}],
                      compress=compress).read_bytes()
    docs, rejects = _stdin_results(feed)
    assert [d.source for d in docs] == ["<stdin>:1", "<stdin>:3"]
    assert [(r.source, r.location, r.code) for r in rejects] == [("<stdin>", "line 2", "bad_json")]
    warc = three_pages_warc(tmp_path / "w.warc", compress=compress)
    from_file = [d.source.rsplit("@", 1)[1] for d in read_warc(warc)]  # type: ignore[union-attr]
    docs, rejects = _stdin_results(warc.read_bytes())
    assert not rejects and [d.source for d in docs] == [f"<stdin>@{offset}" for offset in from_file]


def test_a_cut_gzip_feed_on_stdin_keeps_the_lines_before(tmp_path: Path) -> None:
    members = [gzip.compress((json.dumps({"text": BODY, "title": f"Part {i}"}) + "\n").encode()) for i in range(3)]
    docs, rejects = _stdin_results(members[0] + members[1] + members[2][:-15])
    assert [d.title for d in docs] == ["Part 0", "Part 1"]
    assert [(r.code, r.location) for r in rejects] == [("corrupt_gzip", "line 3")]


def test_stdin_records_name_their_output_and_place() -> None:
    from goodterms.ingest.sources import split_source

    assert output_stem("<stdin>:3") == "stdin-3" and output_stem("<stdin>@512") == "stdin-512"
    assert split_source("<stdin>:3") == ("<stdin>", "line 3")
    assert output_stem("exports/day.json:4") == "day-4"
