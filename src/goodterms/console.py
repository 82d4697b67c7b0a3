"""How a long command shows its progress on standard error (used by cli.py, never by the library).

On a terminal: a `rich` progress bar with done/total (when the total is known), articles per
second, the time left and the time spent. When the number of articles is not known before
reading (feeds, WARC files), the bar and the time left follow the share of the input bytes
read, given by a `fraction` callable (`ingest.sources.ReadMeter.fraction`). Elsewhere (a log file, a pipe, CI): one plain line
every `interval` seconds with the count and the rate, and a closing line when any was printed;
a short run prints nothing. Messages printed through `note` go above the bar, so a rejection
never tears it. GOODTERMS_PROGRESS=off turns the display off (the messages stay), for scripts
and tests that compare standard error between runs.
"""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, ProgressColumn, Task, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress
from rich.text import Text

#: Seconds between two plain progress lines when standard error is not a terminal.
PLAIN_INTERVAL = 10.0
#: The environment variable that turns the display off ("off", "0", "no", "false"): messages stay.
PROGRESS_VARIABLE = "GOODTERMS_PROGRESS"
OFF = frozenset({"off", "0", "no", "false", "none"})
#: The bar's scale when it follows the share of the input read rather than a count.
PERMILLE = 1000


class _DoneColumn(ProgressColumn):
    """'123/456' when the total is known, '123' otherwise."""

    def render(self, task: Task) -> Text:
        done, total = task.fields["done"], task.fields["total_articles"]
        return Text(f"{done:,}/{total:,}" if total is not None else f"{done:,}")


class _RateColumn(ProgressColumn):
    """Items per second since the start."""

    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed
        if not elapsed:
            return Text(f"- {self.unit}/s")
        return Text(f"{task.fields['done'] / elapsed:.1f} {self.unit}/s")


class _EtaColumn(ProgressColumn):
    """'ETA 0:01:23' once the bar has moved; nothing while the share done is unknown."""

    def render(self, task: Task) -> Text:
        remaining = task.time_remaining
        if task.total is None or remaining is None:
            return Text("")
        return Text(f"ETA {_clock_time(remaining)}")


def _clock_time(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 3600}:{seconds // 60 % 60:02}:{seconds % 60:02}"


class Progress:
    """Progress of a run over `total` items (None when unknown until the end).

    Use as a context manager; call `advance()` per item done, `note(line)` for a message on
    standard error and `echo(text)` for output meant for standard output.
    """

    def __init__(self, total: int | None, *, unit: str = "articles", stream: TextIO | None = None,
                 terminal: bool | None = None, interval: float | None = None,
                 clock: Callable[[], float] = time.monotonic, width: int | None = None,
                 fraction: Callable[[], float | None] | None = None) -> None:
        self.total, self.unit, self.done = total, unit, 0
        self.stream = stream if stream is not None else sys.stderr
        self.terminal = _is_terminal(self.stream) if terminal is None else terminal
        # Left to itself (no terminal= given), the display can be turned off: GOODTERMS_PROGRESS=off.
        self.silent = terminal is None and os.environ.get(PROGRESS_VARIABLE, "").strip().lower() in OFF
        self.interval = PLAIN_INTERVAL if interval is None else interval
        self.clock = clock
        self.fraction = fraction if total is None else None
        self.started = self.last_line = clock()
        self.lines = 0  # plain progress lines printed
        self._bar: RichProgress | None = None
        if self.terminal and total != 1 and total != 0 and not self.silent:
            console = Console(file=self.stream, force_terminal=True, width=width, highlight=False, markup=False,
                              emoji=False)
            self._bar = RichProgress(
                TextColumn("{task.description}"), BarColumn(), _DoneColumn(), _RateColumn(unit), _EtaColumn(),
                TimeElapsedColumn(), console=console, redirect_stdout=False, redirect_stderr=False,
                refresh_per_second=4,
            )
            # The bar counts articles when their number is known, else thousandths of the input read.
            bar_total = total if total is not None else (PERMILLE if self.fraction else None)
            self._task = self._bar.add_task("analysing", total=bar_total, done=0, total_articles=total)

    def __enter__(self) -> "Progress":
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def advance(self, count: int = 1) -> None:
        """Count items done; on a terminal move the bar, elsewhere maybe print a plain line."""
        self.done += count
        if self._bar is not None:
            if self.total is not None:
                self._bar.update(self._task, completed=self.done, done=self.done)
            else:
                share = self.fraction() if self.fraction else None
                self._bar.update(self._task, completed=None if share is None else share * PERMILLE, done=self.done)
            return
        now = self.clock()
        if not self.terminal and not self.silent and now - self.last_line >= self.interval:
            self.last_line = now
            self.lines += 1
            self._plain(f"goodterms: {self._count()} done, {self._rate(now)}{self._eta(now)}")

    def note(self, line: str) -> None:
        """A message line on standard error, above the bar when there is one."""
        if self._bar is not None:
            self._bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            self._plain(line)

    def echo(self, text: str, out: TextIO | None = None) -> None:
        """Output for standard output; when that is the bar's terminal too, printed above the bar."""
        out = out if out is not None else sys.stdout
        if self._bar is not None and _is_terminal(out):
            self._bar.console.print(text, end="", markup=False, highlight=False, soft_wrap=True)
        else:
            out.write(text)

    def close(self) -> None:
        """Stop the bar; after plain progress lines, one closing line with the totals."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
        elif self.lines:
            now = self.clock()
            self._plain(f"goodterms: {self._count()} in {_clock_time(now - self.started)}, {self._rate(now)}")
            self.lines = 0

    def _count(self) -> str:
        if self.total:
            return f"{self.done:,}/{self.total:,} {self.unit}"
        unit = self.unit[:-1] if self.done == 1 and self.unit.endswith("s") else self.unit
        return f"{self.done:,} {unit}"

    def _rate(self, now: float) -> str:
        return f"{self.done / max(now - self.started, 1e-9):.1f} {self.unit}/s"

    def _eta(self, now: float) -> str:
        """', ETA h:mm:ss' from the articles done of a known total, or from the share of input read."""
        elapsed = now - self.started
        if self.total and self.done:
            return f", ETA {_clock_time((self.total - self.done) * elapsed / self.done)}"
        share = self.fraction() if self.fraction else None
        if share:
            return f", {share:.0%} of the input read, ETA {_clock_time(elapsed * (1 - share) / share)}"
        return ""

    def _plain(self, line: str) -> None:
        self.stream.write(line + "\n")
        self.stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
