"""The pages' sources carry nothing the Content-Security-Policy would have to allow, and the
article highlighter escapes every piece of text it is given (no browser needed)."""
from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from goodterms.api.highlight import Mark, highlighted

API = Path(__file__).resolve().parents[2] / "src" / "goodterms" / "api"
TEMPLATES = sorted((API / "templates").glob("*.html"))


def test_templates_have_no_inline_script_handlers_or_styles() -> None:
    assert TEMPLATES
    for template in TEMPLATES:
        source = template.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", source), f"{template.name}: inline <script>"
        assert not re.search(r"\son[a-z]+\s*=", source), f"{template.name}: an on*= handler"
        assert not re.search(r"\sstyle\s*=|<style", source), f"{template.name}: inline style"
        assert "|safe" not in source.replace(" ", ""), f"{template.name}: |safe bypasses escaping"
        assert "javascript:" not in source


def test_static_scripts_never_write_markup() -> None:
    for script in sorted((API / "static").glob("*.js")):
        source = script.read_text(encoding="utf-8")
        assert "innerHTML" not in source and "insertAdjacentHTML" not in source and "document.write" not in source, \
            script.name


def test_marks_wrap_escaped_pieces_with_anchors() -> None:
    text = 'Ann <b>said</b> "hi" & left'
    html = str(highlighted(text, [Mark(0, 3, "person", "Ann <x>"), Mark(4, 15, "quote", "q"), Mark(9, 20, "stance")]))
    assert html.startswith('<mark class="hl-person" id="at-0" title="Ann &lt;x&gt;">Ann</mark> ')
    assert '<mark class="hl-quote" id="at-4" title="q">&lt;b&gt;sa</mark>' in html
    assert '<mark class="hl-quote hl-stance" id="at-9" title="q">id&lt;/b&gt;</mark>' in html
    assert '<mark class="hl-stance">' in html and "&amp; left" in html
    assert "<b>" not in html


def test_marks_out_of_range_or_unknown_are_dropped() -> None:
    html = str(highlighted("short", [Mark(-2, 3, "person"), Mark(3, 99, "quote"), Mark(1, 2, "nonsense"),
                                     Mark(4, 4, "person"), Mark(10, 12, "quote")]))
    assert html == 'sho<mark class="hl-quote" id="at-3">rt</mark>'


@given(st.text(alphabet='<>&"\' ab/=\n', max_size=60),
       st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70), st.sampled_from(["person", "quote", "x"])),
                max_size=8))
def test_highlighting_keeps_the_text_and_never_lets_markup_through(text: str, raw: list[tuple[int, int, str]]) -> None:
    html = str(highlighted(text, [Mark(a, b, kind, text[:5]) for a, b, kind in raw]))
    assert re.sub(r"</?(mark|span)\b[^>]*>", "", html).replace("&lt;", "<").replace("&gt;", ">") \
        .replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&") == text
    for tag in re.findall(r"<(/?[a-z]+)", html):
        assert tag in ("mark", "/mark", "span", "/span")


def test_names_from_requests_lose_control_characters() -> None:
    from goodterms.api.pages import _clean

    assert _clean("Mira\x00 Castell\n\t ") == "Mira Castell"
    assert _clean("x" * 500) == "x" * 200
    assert _clean(None) == ""
