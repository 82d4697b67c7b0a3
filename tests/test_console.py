"""The progress display: a rich bar on a terminal, plain periodic lines elsewhere, silence when short."""
from __future__ import annotations

import io

from goodterms.console import Progress


class Clock:
    """A clock the test moves by hand, so the periodic lines do not depend on the machine's speed."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_plain_lines_come_every_interval_never_a_flood() -> None:
    stream, clock = io.StringIO(), Clock()
    with Progress(None, stream=stream, terminal=False, interval=10, clock=clock) as progress:
        for _ in range(300):  # 300 articles at 4 a second: 75 s
            clock.now += 0.25
            progress.advance()
    shown = stream.getvalue().splitlines()
    assert len(shown) == 8  # seven periodic lines (every 10 s of 75) and the closing one
    assert shown[0] == "goodterms: 40 articles done, 4.0 articles/s"
    assert shown[-1] == "goodterms: 300 articles in 0:01:15, 4.0 articles/s"


def test_plain_lines_give_the_total_and_eta_when_known() -> None:
    stream, clock = io.StringIO(), Clock()
    with Progress(100, stream=stream, terminal=False, interval=10, clock=clock) as progress:
        for _ in range(100):
            clock.now += 0.5
            progress.advance()
    first = stream.getvalue().splitlines()[0]
    assert first == "goodterms: 20/100 articles done, 2.0 articles/s, ETA 0:00:40"


def test_a_short_run_prints_nothing_but_its_notes() -> None:
    stream, clock = io.StringIO(), Clock()
    with Progress(5, stream=stream, terminal=False, interval=10, clock=clock) as progress:
        for _ in range(5):
            clock.now += 1
            progress.advance()
        progress.note("goodterms: rejected feed.jsonl:2: not valid JSON")
    assert stream.getvalue() == "goodterms: rejected feed.jsonl:2: not valid JSON\n"


def test_on_a_terminal_a_bar_with_done_total_and_rate_and_notes_above_it() -> None:
    stream = io.StringIO()
    with Progress(3, stream=stream, terminal=True, width=120) as progress:
        for _ in range(3):
            progress.advance()
        progress.note("goodterms: rejected crawl.warc@512: binary")
    shown = stream.getvalue()
    assert "3/3" in shown and "articles/s" in shown
    assert "goodterms: rejected crawl.warc@512: binary" in shown


def test_no_bar_for_a_single_article_even_on_a_terminal() -> None:
    stream = io.StringIO()
    with Progress(1, stream=stream, terminal=True) as progress:
        progress.advance()
    assert stream.getvalue() == ""


def test_echo_writes_to_its_stream_when_that_is_no_terminal() -> None:
    out, err = io.StringIO(), io.StringIO()
    with Progress(3, stream=err, terminal=True) as progress:
        progress.echo('{"id": "x"}\n', out)
    assert out.getvalue() == '{"id": "x"}\n'


def test_without_a_count_the_eta_follows_the_share_of_input_read() -> None:
    stream, clock = io.StringIO(), Clock()
    read = {"share": 0.0}
    with Progress(None, stream=stream, terminal=False, interval=10, clock=clock,
                  fraction=lambda: read["share"]) as progress:
        for step in range(1, 41):  # 40 articles, one every 0.5 s, a fortieth of the input each
            clock.now += 0.5
            read["share"] = step / 40
            progress.advance()
    first = stream.getvalue().splitlines()[0]
    assert first == "goodterms: 20 articles done, 2.0 articles/s, 50% of the input read, ETA 0:00:10"


def test_on_a_terminal_the_bar_follows_the_share_read_when_the_count_is_unknown() -> None:
    stream = io.StringIO()
    read = {"share": 0.0}
    with Progress(None, stream=stream, terminal=True, width=120, fraction=lambda: read["share"]) as progress:
        for step in range(1, 5):
            read["share"] = step / 4
            progress.advance()
    shown = stream.getvalue()
    assert "4 " in shown and "articles/s" in shown and "/4" not in shown


def test_text_above_the_bar_is_printed_as_it_is() -> None:
    stream = io.StringIO()
    with Progress(3, stream=stream, terminal=True, width=60) as progress:
        progress.note("goodterms: rejected a [bold]b[/bold] :red_heart: " + "x" * 100)
    shown = stream.getvalue()
    assert "a [bold]b[/bold] :red_heart: " + "x" * 100 in shown


def test_goodterms_progress_off_silences_the_display_but_not_the_notes(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    stream, clock = io.StringIO(), Clock()
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.setenv("GOODTERMS_PROGRESS", "off")
    with Progress(None, interval=1, clock=clock) as progress:
        for _ in range(30):
            clock.now += 1
            progress.advance()
        progress.note("goodterms: rejected x.jsonl:3: not valid JSON")
    assert stream.getvalue() == "goodterms: rejected x.jsonl:3: not valid JSON\n"
    monkeypatch.delenv("GOODTERMS_PROGRESS")
    with Progress(None, interval=1, clock=clock) as progress:
        for _ in range(30):
            clock.now += 1
            progress.advance()
    assert stream.getvalue().count(" done, ") == 30
