"""End to end in headless Chromium: the path a user clicks, the forms, keyboard only, a phone screen.

The hostile article's case lives in test_hostile.py. Every test also checks that the page made
no request beyond the test server and that the Content-Security-Policy refused nothing (a
refusal would mean the page itself tried inline script or style).
"""
from __future__ import annotations

import re
from typing import Any

import pytest

from browsing import Server, Watched, screenshot

MIRA, JONAH = "Mira Castell", "Jonah Pellworth"


def clean(watched: Watched, server: Server) -> None:
    """The page stayed on the server and the CSP had nothing to refuse."""
    assert watched.outside(server.url) == []
    assert watched.csp_violations() == []
    assert watched.errors == []
    assert watched.dialogs == []


def test_search_suggest_then_person_then_pair_then_article(page: Watched, server: Server) -> None:
    p = page.page
    p.goto(server.url + "/")
    p.fill("#q", "pellw")
    option = p.locator("#suggestions [role=option]").first
    option.wait_for(state="visible")
    assert JONAH in option.inner_text()
    option.locator("a").click()
    p.wait_for_url(re.compile(r"/person\?name="))
    assert p.locator("h1").inner_text() == JONAH
    assert p.get_by_role("heading", name="Relations").is_visible()
    assert p.get_by_role("heading", name="Articles, newest first").is_visible()
    screenshot(p, "person")

    p.locator(f"a[href='/pair?a={JONAH.replace(' ', '%20')}&b={MIRA.replace(' ', '%20')}']").first.click()
    p.wait_for_url(re.compile(r"/pair\?a="))
    verdict = p.locator(".answer .verdict").first.inner_text()
    assert re.match(r"(good|bad|mixed|unknown) \(\d+% confidence\)", verdict)
    assert p.locator(".timeline li").count() >= 2  # a feud, then a reconciliation
    assert p.locator(".conflict .side-good .report").count() >= 1  # the insider against the feud
    assert p.locator(".conflict .side-bad .report").count() >= 1
    screenshot(p, "pair")
    screenshot(p, "pair-top", full_page=False)  # the README's picture (docs/pair-page.png)

    link = p.get_by_role("link", name="Read it in the article").first
    href = link.get_attribute("href")
    assert href and re.fullmatch(r"/article/[0-9a-f]+#at-\d+", href)
    link.click()
    p.wait_for_url(re.compile(r"/article/[0-9a-f]+#at-\d+"))
    anchor = href.split("#", 1)[1]
    target = p.locator(f"[id='{anchor}']")
    assert target.count() == 1
    assert target.evaluate("node => node.matches(':target')")
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 900  # scrolled into view
    assert p.locator("mark.hl-quote").count() >= 1
    assert p.locator("aside.analysis").get_by_role("heading", name="Quotes").is_visible()
    screenshot(p, "article")
    clean(page, server)


def test_the_search_form_works_without_suggestions(page: Watched, server: Server) -> None:
    p = page.page
    p.goto(server.url + "/?q=castell")
    names = [n.strip() for n in p.locator(".results li > a:first-child").all_inner_texts()]
    assert MIRA in names and "Delia Castell" in names
    p.goto(server.url + "/?q=nobody-is-called-this")
    assert "Nobody in the store matches" in p.locator("main").inner_text()
    clean(page, server)


def test_analyze_form_shows_an_analysis_without_storing_it(page: Watched, server: Server) -> None:
    p = page.page
    p.goto(server.url + "/analyze")
    text = ("Wren Hallam And Nadia Colby End Their Feud\n\nDate March 3, 2024\n\n"
            "Wren Hallam and Nadia Colby have reconciled after years of silence.\n\n"
            "\"I am so happy to have her back,\" Hallam told The Pale Courier.\n")
    p.get_by_label("Article text").fill(text)
    p.get_by_role("button", name="Analyze").click()
    p.wait_for_url(server.url + "/analyze")
    main = p.locator("main").inner_text()
    assert "not stored" in main
    people = p.locator("aside.analysis ul").first.inner_text()
    assert "Wren Hallam" in people and "Nadia Colby" in people
    assert p.locator("mark.hl-person").count() >= 2
    screenshot(p, "analyze")
    p.goto(server.url + "/?q=colby")
    assert "Nobody in the store matches" in p.locator("main").inner_text()  # nothing was stored
    clean(page, server)


def test_analyze_upload_of_an_html_file(page: Watched, server: Server, tmp_path: Any) -> None:
    p = page.page
    upload = tmp_path / "story.html"
    upload.write_text("<html><head><title>Kester Lomb Praises Ada Fenwick</title></head><body>"
                      "<article><h1>Kester Lomb Praises Ada Fenwick</h1>"
                      "<p>Kester Lomb praised his friend Ada Fenwick on Tuesday.</p>"
                      "<p>\"She is the best of us,\" Lomb told The Copper Bell.</p></article></body></html>",
                      encoding="utf-8")
    p.goto(server.url + "/analyze")
    p.get_by_label("Or a file (.txt, .html)").set_input_files(str(upload))
    p.get_by_role("button", name="Analyze").click()
    p.wait_for_url(server.url + "/analyze")
    assert "Kester Lomb" in p.locator("aside.analysis").inner_text()
    clean(page, server)


def test_analyze_refuses_empty_text_with_a_message(page: Watched, server: Server) -> None:
    p = page.page
    p.goto(server.url + "/analyze")
    p.get_by_role("button", name="Analyze").click()
    alert = p.get_by_role("alert")
    assert "empty" in alert.inner_text()
    clean(page, server)


def focused(p: Any) -> dict[str, str]:
    """What has the keyboard focus: tag, id, text, href, and its outline (focus must show)."""
    return p.evaluate("""() => { const e = document.activeElement; const s = getComputedStyle(e);
        return {tag: e.tagName, id: e.id, text: (e.innerText || '').trim(), href: e.getAttribute('href') || '',
                outline: s.outlineStyle + ' ' + s.outlineWidth}; }""")


def tab_to(p: Any, wanted: Any, most: int = 80) -> dict[str, str]:
    """Press Tab until the focused element satisfies `wanted`; fail after `most` presses."""
    for _ in range(most):
        p.keyboard.press("Tab")
        now = focused(p)
        if wanted(now):
            return now
    raise AssertionError(f"Tab never reached the element wanted (last: {focused(p)})")


def test_keyboard_only_from_search_to_pair(page: Watched, server: Server) -> None:
    p = page.page
    p.goto(server.url + "/")
    first = tab_to(p, lambda f: True, most=1)
    assert first["text"] == "Skip to content" and first["outline"].startswith("solid")
    p.keyboard.press("Enter")
    assert focused(p)["id"] == "main"  # the skip link lands in the content
    now = tab_to(p, lambda f: f["id"] == "q")
    assert now["outline"].startswith("solid")  # focus is visible
    p.keyboard.type("mira cast")
    p.locator("#suggestions [role=option]").first.wait_for(state="visible")
    p.keyboard.press("ArrowDown")
    assert p.locator("#suggestions [aria-selected=true]").count() == 1
    p.keyboard.press("Enter")
    p.wait_for_url(re.compile(r"/person\?name="))
    assert p.locator("h1").inner_text() == MIRA
    link = tab_to(p, lambda f: f["href"].startswith("/pair?") and "Pellworth" in f["href"])
    assert link["outline"].startswith("solid")
    p.keyboard.press("Enter")
    p.wait_for_url(re.compile(r"/pair\?a="))
    assert "on good terms?" in p.locator("h1").inner_text()
    evidence = tab_to(p, lambda f: f["href"].startswith("/article/"))
    p.keyboard.press("Enter")
    p.wait_for_url(re.compile(r"/article/"))
    assert "#at-" in evidence["href"]
    clean(page, server)


def test_keyboard_only_pair_form(page: Watched, server: Server) -> None:
    p = page.page
    p.goto(server.url + "/")
    tab_to(p, lambda f: f["id"] == "pair-a")
    p.keyboard.type(MIRA)
    p.keyboard.press("Tab")
    assert focused(p)["id"] == "pair-b"
    p.keyboard.type("Delia Castell")
    p.keyboard.press("Enter")
    p.wait_for_url(re.compile(r"/pair\?a=Mira"))
    assert "Delia Castell" in p.locator("h1").inner_text()
    clean(page, server)


def no_sideways_scroll(p: Any) -> tuple[int, int]:
    return p.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")


@pytest.mark.parametrize("name, path", [
    ("search", "/?q=castell"),
    ("person", "/person?name=Mira%20Castell"),
    ("pair", "/pair?a=Mira%20Castell&b=Jonah%20Pellworth"),
    ("article", None),
    ("analyze", "/analyze"),
    ("ingest", "/ingest"),
    ("graph", "/graph?name=Mira%20Castell"),
])
def test_phone_width_has_no_sideways_scroll(phone: Watched, server: Server, name: str, path: str | None) -> None:
    p = phone.page
    if path is None:  # the first article the pair page links to
        p.goto(server.url + "/pair?a=Mira%20Castell&b=Jonah%20Pellworth")
        path = p.get_by_role("link", name="Read it in the article").first.get_attribute("href")
    p.goto(server.url + path)
    p.wait_for_load_state("networkidle")
    scroll_width, client_width = no_sideways_scroll(p)
    screenshot(p, f"phone-{name}")
    assert scroll_width <= client_width, f"{name}: {scroll_width} px wide in a {client_width} px screen"
    assert phone.outside(server.url) == []
    assert phone.csp_violations() == []


def test_graph_draws_the_people_around_and_clicks_through_to_a_pair(page: Watched, server: Server) -> None:
    p = page.page
    p.goto(server.url + "/graph?name=Mira%20Castell")
    p.locator("#graph-status").filter(has_text="connections").wait_for()
    drawn = p.evaluate("""() => { const cy = document.getElementById('graph').cy;
        return {nodes: cy.nodes().map(n => n.data('name')).sort(),
                colours: cy.edges().map(e => e.data('colour'))}; }""")
    assert {MIRA, JONAH, "Delia Castell"} <= set(drawn["nodes"])
    assert "#1a7f37" in drawn["colours"] or "#c62828" in drawn["colours"]  # a verdict coloured an edge
    listed = p.locator("#graph-list").inner_text()
    assert re.search(r"^Delia Castell 3 shared articles · sibling of Mira Castell · verdict: \w+$", listed, re.M)
    assert p.locator("canvas").count() >= 1
    screenshot(p, "graph")
    p.evaluate("""() => { const cy = document.getElementById('graph').cy;
        cy.nodes().filter(n => n.data('name') === 'Delia Castell').emit('tap'); }""")
    p.wait_for_url(re.compile(r"/pair\?a=Mira%20Castell&b=Delia%20Castell"))
    clean(page, server)


def test_graph_of_nobody_says_so(page: Watched, server: Server) -> None:
    response = page.page.goto(server.url + "/graph?name=Nobody%20Atall")
    assert response.status == 404
    assert "Nobody in the store is called" in page.page.locator("main").inner_text()


def test_pair_evidence_shows_more_on_request(page: Watched, server: Server) -> None:
    p = page.page
    p.goto(server.url + "/pair?a=Mira%20Castell&b=Jonah%20Pellworth&shown=3")
    assert p.locator(".reports .report").count() == 3
    total = int(re.search(r"The newest 3 of (\d+) shown", p.locator("main").inner_text()).group(1))
    assert total > 3
    p.get_by_role("link", name="Show more evidence").click()
    p.wait_for_url(re.compile(r"shown=12"))
    assert p.locator(".reports .report").count() == min(12, total)
    clean(page, server)


def test_keyboard_only_graph_analyze_and_article(page: Watched, server: Server) -> None:
    """The pages the path above does not pass: the graph's form and list, the analyze form, and
    an article's links to its places, with Tab, typing and Enter only, focus always visible."""
    p = page.page
    p.goto(server.url + "/graph")
    tab_to(p, lambda f: f["id"] == "graph-name")
    p.keyboard.type(MIRA)
    p.keyboard.press("Enter")
    p.wait_for_url(re.compile(r"/graph\?name=Mira"))
    p.locator("#graph-status").filter(has_text="connections").wait_for()
    link = tab_to(p, lambda f: f["href"].startswith("/pair?") and "Pellworth" in f["href"])
    assert link["outline"].startswith("solid")
    p.keyboard.press("Enter")
    p.wait_for_url(re.compile(r"/pair\?a="))

    p.goto(server.url + "/analyze")
    tab_to(p, lambda f: f["id"] == "text")
    p.keyboard.type("Orla Fenwick praises Teague Morrow\n\nOrla Fenwick said Teague Morrow is her closest friend.")
    button = tab_to(p, lambda f: f["tag"] == "BUTTON" and f["text"] == "Analyze")
    assert button["outline"].startswith("solid")
    p.keyboard.press("Enter")
    p.locator("aside.analysis").wait_for(timeout=60_000)
    assert "not stored" in p.locator("main").inner_text()
    assert "Teague Morrow" in p.locator("aside.analysis ul").first.inner_text()

    p.goto(server.url + "/pair?a=Mira%20Castell&b=Jonah%20Pellworth")
    p.goto(server.url + p.get_by_role("link", name="Read it in the article").first.get_attribute("href").split("#")[0])
    jump = tab_to(p, lambda f: f["href"].startswith("#at-"))
    assert jump["outline"].startswith("solid")
    p.keyboard.press("Enter")
    assert p.evaluate("() => location.hash") == jump["href"]
    assert p.evaluate("() => document.querySelector(':target') !== null")
    clean(page, server)


def test_keyboard_only_person_pages_and_ingest_form(page: Watched, server: Server, tmp_path: Any) -> None:
    """The person page's links by keyboard, and the ingest form: token typed, the file chooser
    opened with the space bar, the form sent with Enter."""
    from browsing import TOKEN

    p = page.page
    p.goto(server.url + "/person?name=Mira%20Castell")
    graph = tab_to(p, lambda f: f["href"].startswith("/graph?"))
    p.keyboard.press("Enter")
    p.wait_for_url(re.compile(r"/graph\?name="))
    assert graph["outline"].startswith("solid")

    story = tmp_path / "keyboard.txt"
    story.write_text("Sable Ormond And Piers Caddel Reunite\n\nSable Ormond and Piers Caddel reunited "
                     "on stage.\n", encoding="utf-8")
    p.goto(server.url + "/ingest")
    tab_to(p, lambda f: f["id"] == "token")
    p.keyboard.type(TOKEN)
    chooser_field = tab_to(p, lambda f: f["id"] == "files")
    assert chooser_field["outline"].startswith("solid")
    with p.expect_file_chooser() as chooser:
        p.keyboard.press("Space")
    chooser.value.set_files(str(story))
    tab_to(p, lambda f: f["tag"] == "BUTTON" and f["text"] == "Add")
    p.keyboard.press("Enter")
    p.locator("#ingest-status").filter(has_text=re.compile(r"^done: 1 of 1 done")).wait_for(timeout=60_000)
    clean(page, server)
