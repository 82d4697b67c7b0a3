"""A pair over time: dated reports in, the verdict now, the periods it went through and the
reports that contradict each other out.

Both ways of asking use this module: `ask` over files (each analysed on the spot) and `ask`
over a store (read from its rows). Each builds `Report`s, one per piece of pair evidence placed
in its article, and calls `summarize`.

How time counts:
- The verdict now is `verdict_from_evidence` over every report, each score scaled by its age
  behind the newest dated report: the weight halves every `half_life_days` (90 by default), and a
  report faded below `FADED` of its score no longer counts. A feud reported in 2017 and a
  reconciliation in 2019 make "good" now; two reports a week apart both count almost fully.
- The timeline groups dated reports by month (or year); neighbouring groups that say the same
  (good or bad) join into one period, so the timeline lists the changes: "2017-03 to 2017-11:
  bad (feud) -> 2019-05: good (reconciled)". A mixed or unknown group stays on its own.
- Articles of one group that disagree (one says good, another bad) are a conflict: their
  reports are shown side by side, each with its article, date, outlet, sentence and offsets.
- An undated article (no `published`, or one we cannot read as a date) cannot be placed: its
  reports form a last period called "undated", and in the verdict now they weigh as the oldest
  dated report does (an article we cannot place never outvotes dated news). When no report is
  dated, every report counts fully.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from ..extract.verdict import standing, verdict_from_evidence
from ..model import PairEvidence, PairVerdict, Record, Span

A, B = "A", "B"
UNDATED = "undated"
GRAINS = ("month", "year")
HALF_LIFE_DAYS = 90.0
FADED = 0.05  # a report weighted below this share of its score drops out of the verdict now


@dataclass(frozen=True)
class Report(Record):
    """One piece of pair evidence placed in its article: what it says, when, where, in which words.

    `a` and `b` are "A" and "B" (the first and second person asked about), in the evidence's
    direction: for a stance, `a` holds it about `b`. `outlet` is the outlet a quote carrying the
    evidence is credited to, if any. `start`/`end` are offsets into the article's text.
    """

    article_id: str
    source: str
    published: str | None
    kind: str
    score: float
    start: int
    end: int
    sentence: str
    note: str
    rule: str = ""
    outlet: str | None = None
    a: str = A
    b: str = B

    def evidence(self, weight: float = 1.0) -> PairEvidence:
        """The report as the pair evidence `verdict_from_evidence` reads, its score scaled by weight."""
        return PairEvidence(self.a, self.b, self.kind, self.score * weight, Span(self.start, self.end),
                            self.note, self.rule)


@dataclass(frozen=True)
class Period(Record):
    """A stretch of time in which the reports agree: first and last report dates, the verdict
    of its reports alone, and the notes that weigh most (e.g. "feud", "reconciled")."""

    start: str
    end: str
    verdict: str
    confidence: float
    articles: int
    reports: int
    reasons: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """'2019-05', '2017-03 to 2017-11' or 'undated'."""
        return self.start if self.start == self.end else f"{self.start} to {self.end}"


@dataclass(frozen=True)
class Conflict(Record):
    """Articles of one month (or year) that disagree: each side's strongest report per article."""

    period: str
    good: tuple[Report, ...]
    bad: tuple[Report, ...]

    nested: ClassVar[dict[str, type]] = {"good": Report, "bad": Report}


@dataclass(frozen=True)
class Summary(Record):
    """What the reports on a pair add up to: the verdict now, as of the newest report's date,
    the timeline of changes and the conflicts."""

    verdict: str
    confidence: float
    as_of: str | None
    timeline: tuple[Period, ...]
    conflicts: tuple[Conflict, ...]
    undated: int  # articles with reports but no readable date
    reasons: tuple[str, ...] = ()

    nested: ClassVar[dict[str, type]] = {"timeline": Period, "conflicts": Conflict}


@lru_cache(maxsize=65536)
def report_date(published: str | None) -> dt.date | None:
    """The day a `published` value names ('2019-05-02', '2019-05-02T10:00:00Z', '2019-05' or
    '2019', the latter two read as their first day), or None when it names none."""
    if not published:
        return None
    text = published.strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    for size, pattern in ((7, "%Y-%m"), (4, "%Y")):
        try:
            return dt.datetime.strptime(text[:size], pattern).date()
        except ValueError:
            continue
    return None


def bucket_of(published: str | None, grain: str = "month") -> str:
    """The month ('2019-05') or year ('2019') a report falls in, or 'undated'."""
    day = report_date(published)
    if day is None:
        return UNDATED
    return f"{day.year:04d}" if grain == "year" else f"{day.year:04d}-{day.month:02d}"


def recency_weights(reports: Sequence[Report], half_life_days: float = HALF_LIFE_DAYS) -> list[float]:
    """How much each report counts now: 1 for the newest dated report, halving every half_life_days
    behind it; an undated one weighs as the oldest dated report; all 1 when none is dated."""
    days = [report_date(r.published) for r in reports]
    dated = [d for d in days if d is not None]
    if not dated:
        return [1.0] * len(reports)
    newest, oldest = max(dated), min(dated)

    def weight(day: dt.date) -> float:
        return float(0.5 ** ((newest - day).days / half_life_days))

    return [weight(d if d is not None else oldest) for d in days]


def verdict_now(reports: Sequence[Report], half_life_days: float = HALF_LIFE_DAYS) -> PairVerdict:
    """The verdict on A and B as of the newest report, newer reports weighing more."""
    weighted = [r.evidence(w) for r, w in zip(reports, recency_weights(reports, half_life_days)) if w >= FADED]
    return verdict_from_evidence(A, B, weighted)


def _standing(reports: Iterable[Report]) -> tuple[str, float]:
    """The verdict and confidence of these reports alone (all are between A and B)."""
    return standing([r.score for r in reports])


def _reasons(reports: Sequence[Report], limit: int = 3) -> tuple[str, ...]:
    """What a period is about, in short: its event words ("feud", "reconciled"), strongest first;
    the notes of its stances and relations only when it has no event."""
    ordered = sorted(reports, key=lambda r: (-abs(r.score), r.published or "", r.start))
    events = [r.note.lower() for r in ordered if r.kind == "event"]
    notes = events or [r.note for r in ordered]
    return tuple(dict.fromkeys(notes))[:limit]


def _period(reports: Sequence[Report]) -> Period:
    days = sorted(str(day) for r in reports if (day := report_date(r.published)) is not None)
    start, end = (days[0], days[-1]) if days else (UNDATED, UNDATED)
    verdict, confidence = _standing(reports)
    return Period(start, end, verdict, confidence, len({r.article_id for r in reports}),
                  len(reports), _reasons(reports))


def _by_bucket(reports: Iterable[Report], grain: str) -> dict[str, list[Report]]:
    groups: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        groups[bucket_of(report.published, grain)].append(report)
    return groups


def timeline(reports: Sequence[Report], grain: str = "month") -> list[Period]:
    """The periods the pair went through, oldest first, then the undated reports as one period.

    Neighbouring months (or years) that both say good, or both bad, make one period; months with
    no reports between them do not break it.
    """
    if grain not in GRAINS:
        raise ValueError(f"grain must be one of {', '.join(GRAINS)}, not {grain!r}")
    groups = _by_bucket(reports, grain)
    runs: list[list[Report]] = []
    last = ""
    for bucket in sorted(b for b in groups if b != UNDATED):
        verdict = _standing(groups[bucket])[0]
        if runs and verdict == last and verdict in ("good", "bad"):
            runs[-1].extend(groups[bucket])
        else:
            runs.append(list(groups[bucket]))
        last = verdict
    periods = [_period(run) for run in runs]
    if groups.get(UNDATED):
        periods.append(_period(groups[UNDATED]))
    return periods


def conflicts(reports: Sequence[Report], grain: str = "month") -> list[Conflict]:
    """Months (or years) in which one article says good and another bad, each side's reports listed."""
    out: list[Conflict] = []
    for bucket, group in sorted(_by_bucket(reports, grain).items()):
        by_article: dict[str, list[Report]] = defaultdict(list)
        for report in group:
            by_article[report.article_id].append(report)
        sides: dict[str, list[Report]] = {"good": [], "bad": []}
        for article_reports in by_article.values():
            verdict = _standing(article_reports)[0]
            if verdict in sides:
                sign = 1 if verdict == "good" else -1
                strongest = max(article_reports, key=lambda r: (sign * r.score, -r.start))
                sides[verdict].append(strongest)
        if sides["good"] and sides["bad"]:
            def ordered(side: list[Report]) -> tuple[Report, ...]:
                return tuple(sorted(side, key=lambda r: (r.published or "", r.source, r.start)))

            out.append(Conflict(bucket, ordered(sides["good"]), ordered(sides["bad"])))
    return out


def summarize(reports: Sequence[Report], *, grain: str = "month",
              half_life_days: float = HALF_LIFE_DAYS) -> Summary:
    """The verdict now, the timeline and the conflicts of one pair's reports."""
    now = verdict_now(reports, half_life_days)
    dated = [d for r in reports if (d := report_date(r.published)) is not None]
    undated = {r.article_id for r in reports if report_date(r.published) is None}
    return Summary(now.verdict, now.confidence, str(max(dated)) if dated else None,
                   tuple(timeline(reports, grain)), tuple(conflicts(reports, grain)), len(undated),
                   now.reasons)

