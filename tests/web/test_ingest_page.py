"""The ingest page in a browser: with the token, files go into the store and progress shows to
the end (through static/ingest.js, and without JavaScript through the job's own page); a wrong
token is refused with a message. The articles are invented and name people no other test uses."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from browsing import TOKEN, Server, Watched, screenshot, serve, watch


def article(folder: Path, name: str, a: str, b: str) -> Path:
    path = folder / name
    path.write_text(f"{a} And {b} Reconcile\n\nDate January 5, 2024\n\n{a} and {b} have reconciled "
                    f"after a long feud.\n\n\"I am glad she is back in my life,\" {a.split()[-1]} told The Tin Drum.\n",
                    encoding="utf-8")
    return path


def test_ingest_with_the_token_shows_progress_to_the_end(page: Watched, server: Server, tmp_path: Path) -> None:
    p = page.page
    files = [article(tmp_path, "one.txt", "Lark Emberly", "Juno Castile"),
             article(tmp_path, "two.txt", "Lark Emberly", "Perrin Vos")]
    p.goto(server.url + "/ingest")
    p.get_by_label("Token").fill(TOKEN)
    p.get_by_label("Article files (.txt, .html)").set_input_files([str(f) for f in files])
    p.get_by_role("button", name="Add").click()
    status = p.locator("#ingest-status")
    status.filter(has_text=re.compile(r"^done: 2 of 2 done")).wait_for(timeout=60_000)
    assert "stored 2" in status.inner_text()
    assert p.evaluate("() => document.getElementById('ingest-bar').value") == 2
    screenshot(p, "ingest")
    p.goto(server.url + "/?q=emberly")
    assert "Lark Emberly" in p.locator(".results").inner_text()
    assert page.outside(server.url) == [] and page.csp_violations() == []


def test_ingest_without_javascript_goes_to_the_job_page(browser: Any, server: Server, tmp_path: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        watched = watch(context.new_page())
        p = watched.page
        p.goto(server.url + "/ingest")
        p.get_by_label("Token").fill(TOKEN)
        p.get_by_label("Article files (.txt, .html)").set_input_files(
            str(article(tmp_path, "three.txt", "Hollis Quarry", "Mabel Strand")))
        p.get_by_role("button", name="Add").click()
        p.wait_for_url(re.compile(r"/ingest/[0-9a-f]+$"))
        for _ in range(60):  # the page reloads itself every 2 s until the job is done
            if p.locator("#job-status").inner_text().startswith("done"):
                break
            p.wait_for_timeout(1000)
            p.reload()
        assert re.match(r"done: 1 of 1 done · stored 1", p.locator("#job-status").inner_text())
        assert watched.outside(server.url) == []
    finally:
        context.close()


def test_ingest_with_a_wrong_token_is_refused_with_a_message(page: Watched, server: Server, tmp_path: Path) -> None:
    p = page.page
    p.goto(server.url + "/ingest")
    p.get_by_label("Token").fill("not-the-token")
    p.get_by_label("Article files (.txt, .html)").set_input_files(
        str(article(tmp_path, "four.txt", "Tamsin Oakes", "Rufus Lane")))
    p.get_by_role("button", name="Add").click()
    p.locator("#ingest-status").filter(has_text="token").wait_for()
    p.goto(server.url + "/?q=oakes")
    assert "Nobody in the store matches" in p.locator("main").inner_text()


def test_the_form_refuses_files_over_its_upload_limit_with_a_page(browser: Any, store_path: Path,
                                                                  tmp_path: Path) -> None:
    """Without JavaScript the form posts to /ingest: over the upload limit, a 413 page says why;
    with it, the API's 413 message shows in the status line. The limit is the upload one (here
    100,000 bytes), not the general body limit (here 1,000,000)."""
    from goodterms.api.app import Limits

    big = tmp_path / "big.txt"
    big.write_text("Odalys Brenner praised Kestrel Vane. " * 6000, encoding="utf-8")  # about 220 kB
    small = article(tmp_path, "small.txt", "Odalys Brenner", "Kestrel Vane")
    with serve(store_path, limits=Limits(max_body_bytes=1_000_000, max_upload_bytes=100_000)) as limited:
        for scripts in (False, True):
            context = browser.new_context(java_script_enabled=scripts)
            try:
                watched = watch(context.new_page())
                p = watched.page
                p.goto(limited.url + "/ingest")
                assert "Up to 100,000 bytes in all at a time." in p.locator("main").inner_text()
                p.get_by_label("Token").fill(TOKEN)
                p.get_by_label("Article files (.txt, .html)").set_input_files([str(small), str(big)])
                if scripts:
                    p.get_by_role("button", name="Add").click()
                    p.locator("#ingest-status").filter(has_text="over the limit").wait_for()
                    assert "100,000 bytes" in p.locator("#ingest-status").inner_text()
                else:
                    with p.expect_navigation() as navigation:
                        p.get_by_role("button", name="Add").click()
                    assert navigation.value.status == 413
                    assert p.locator("h1").inner_text() == "Too large"
                    said = p.locator("main").inner_text()
                    assert "over the limit of 100,000 bytes" in said and "--max-upload-mb" in said
                    assert p.get_by_role("link", name="Add other files").get_attribute("href") == "/ingest"
                    screenshot(p, "ingest-too-large")
                assert watched.outside(limited.url) == [] and watched.csp_violations() == []
            finally:
                context.close()
        p2 = browser.new_page()
        try:  # nothing of the refused upload was stored
            p2.goto(limited.url + "/?q=brenner")
            assert "Nobody in the store matches" in p2.locator("main").inner_text()
        finally:
            p2.close()
