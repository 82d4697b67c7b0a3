"""Bytes in legacy and unmarked encodings read as written, with a warning naming the encoding."""
from __future__ import annotations

import pytest

from goodterms.errors import BinaryInput
from goodterms.ingest.read import decode_bytes, document_from_bytes

ARTICLE = (
    "Jos\u00e9 M\u00fcller and Ren\u00e9e Fa\u00e7ade Wed in Lyon\n\n"
    "Jos\u00e9 M\u00fcller married Ren\u00e9e Fa\u00e7ade on Saturday. "
    "\u201cI am the happiest man alive,\u201d Jos\u00e9 M\u00fcller told Glow \u2014 and he meant it.\n"
)


@pytest.mark.parametrize("codec", ["cp1252", "utf-16-le", "utf-16-be"])
def test_legacy_and_unmarked_encodings_read_as_written(codec: str) -> None:
    text, warnings = decode_bytes(ARTICLE.encode(codec), source="a.txt")
    assert text == ARTICLE
    assert len(warnings) == 1 and "a.txt" in warnings[0]


def test_latin1_without_curly_quotes_reads_as_written() -> None:
    plain = ARTICLE.replace("\u201c", '"').replace("\u201d", '"').replace("\u2014", "-")
    text, warnings = decode_bytes(plain.encode("latin-1"), source="b.txt")
    assert text == plain and warnings


@pytest.mark.parametrize("codec", ["utf-16", "utf-32", "utf-8-sig"])
def test_byte_order_marks_are_read(codec: str) -> None:
    text, warnings = decode_bytes(ARTICLE.encode(codec), source="c.txt")
    assert text.lstrip("\ufeff") == ARTICLE


def test_utf32_is_not_taken_for_utf16() -> None:
    text, warnings = decode_bytes(ARTICLE.encode("utf-32-le") , source="d.txt")
    assert "\x00" not in text and "M\u00fcller" in text


def test_declared_charset_of_a_page_wins() -> None:
    page = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1251'>"
            "</head><body><p>\u0418\u0432\u0430\u043d \u041f\u0435\u0442\u0440\u043e\u0432</p></body></html>")
    text, warnings = decode_bytes(page.encode("cp1251"), source="e.html")
    assert "\u0418\u0432\u0430\u043d" in text and "declared" in warnings[0]


def test_stray_legacy_bytes_in_utf8_text_keep_the_utf8() -> None:
    raw = ARTICLE.encode("utf-8").replace("Glow".encode(), b"Gl\xf6w")
    text, warnings = decode_bytes(raw, source="f.txt")
    assert "Gl\u00f6w" in text and "\u201cI am" in text and warnings


def test_a_stray_nul_does_not_make_text_binary() -> None:
    doc = document_from_bytes(ARTICLE.encode("utf-8").replace(b"Saturday", b"Satur\x00day"), source="g.txt")
    assert "M\u00fcller" in doc.text and "\x00" not in doc.text


def test_real_binary_is_still_refused() -> None:
    with pytest.raises(BinaryInput):
        decode_bytes(bytes(range(256)) * 40, source="h.bin")


def test_line_and_paragraph_separators_break_lines() -> None:
    doc = document_from_bytes("Headline Here\u2029Mira Solberg spoke.\u2028Then she left.\n".encode(), source="i.txt")
    assert doc.title == "Headline Here"
    assert len([b for b in doc.blocks if b.kind == "paragraph"]) == 2
