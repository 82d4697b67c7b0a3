"""A stored article full of markup renders as inert text on every page, in a real browser.

The article (tests/web/articles/2023-05-hostile.txt, invented) carries <script> in its headline
and quotes, <img onerror>, a javascript: link, </textarea>, <iframe>, <style>, <svg onload>,
<meta refresh>, <object> and unbalanced tags. On every page that shows it: no script of it runs
(`window.__pwned` stays unset, no dialog opens), the page asks nothing of any host but the test
server (every request recorded), the CSP has nothing to refuse (nothing inline reached the
page), and the markup is there to read, as text.
"""
from __future__ import annotations

import re
from typing import Any

import pytest
from browsing import Server, Watched, screenshot

BRAM, ODETTE = "Bram Tolliver", "Odette Crane"
HOSTILE_PIECES = ("<script>window.__pwned = true", "onerror=", "</textarea>", "<svg onload=alert(2)>")


def hostile_article_url(p: Any, server: Server) -> str:
    p.goto(server.url + "/?q=tolliver")
    p.get_by_role("link", name=BRAM).first.click()
    p.wait_for_url(re.compile(r"/person\?"))
    href = p.locator("ol.articles a").first.get_attribute("href")
    assert href and href.startswith("/article/")
    return server.url + href


def inert(watched: Watched, server: Server) -> None:
    p = watched.page
    assert p.evaluate("() => window.__pwned") is None
    assert watched.dialogs == []
    assert watched.outside(server.url) == []
    assert watched.csp_violations() == []
    assert watched.errors == []
    # No element the article could have made: the markup is text, not nodes.
    assert p.locator("main iframe, main object, main svg, main style, main img, main meta, main script").count() == 0
    assert p.locator("a[href^='javascript:']").count() == 0
    assert p.locator("[onerror], [onload], [onmouseover]").count() == 0


@pytest.mark.parametrize("where", ["article", "person", "pair", "search", "graph"])
def test_hostile_markup_is_inert_text(page: Watched, server: Server, where: str) -> None:
    p = page.page
    if where == "article":
        p.goto(hostile_article_url(p, server))
        text = p.locator("#article-text").inner_text()
        for piece in HOSTILE_PIECES:
            assert piece in text
        assert "<script>" in p.locator("h1").inner_text()
    elif where == "person":
        p.goto(server.url + "/person?name=Bram%20Tolliver")
        assert "<script src=https://evil.example/x.js></script>" in p.locator("main").inner_text()
    elif where == "pair":
        p.goto(server.url + "/pair?a=Bram%20Tolliver&b=Odette%20Crane")
        assert "<script>window.__pwned = true</script>" in p.locator(".reports").inner_text()
    elif where == "search":
        p.goto(server.url + "/?q=" + "%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E")
        assert p.locator("#q").input_value() == "<script>window.__pwned=1</script>"
        p.fill("#q", "<img src=x onerror=alert(1)>tol")
        p.wait_for_timeout(600)  # suggestions asked for and shown (or none)
    else:
        p.goto(server.url + "/graph?name=" + "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
        assert "<img src=x onerror=alert(1)>" in p.locator("main").inner_text()  # "nobody is called ..."
        p.goto(server.url + "/graph?name=Bram%20Tolliver")
        p.locator("#graph-status").filter(has_text="connections").wait_for()
        assert ODETTE in p.locator("#graph-list").inner_text()
    screenshot(p, f"hostile-{where}")
    inert(page, server)


def test_hostile_text_pasted_into_analyze_is_inert(page: Watched, server: Server) -> None:
    p = page.page
    p.goto(server.url + "/analyze")
    hostile = ("Pia Lorne Praises Tomas Wick\n\nPia Lorne praised her friend Tomas Wick "
               "</textarea><script>window.__pwned = true</script><img src=x onerror=alert(1)> on Friday.\n")
    p.get_by_label("Article text").fill(hostile)
    p.get_by_role("button", name="Analyze").click()
    p.wait_for_url(server.url + "/analyze")
    assert "</textarea><script>window.__pwned = true</script>" in p.locator("#article-text").inner_text()
    inert(page, server)


def test_the_policy_forbids_inline_script(page: Watched, server: Server) -> None:
    response = page.page.goto(server.url + "/")
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
