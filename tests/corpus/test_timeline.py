"""The pair timeline on invented, dated reports: the verdict now, the periods, the conflicts."""
from __future__ import annotations

import itertools

import pytest

from goodterms.corpus.timeline import (
    UNDATED, Report, bucket_of, conflicts, recency_weights, report_date, summarize, timeline, verdict_now,
)

_ids = itertools.count()


def report(published: str | None, score: float, note: str, *, kind: str = "event", article: str | None = None,
           outlet: str | None = None) -> Report:
    """One invented report; each gets its own article unless one is named."""
    article_id = article or f"art{next(_ids)}"
    return Report(article_id, f"{article_id}.txt", published, kind, score, 10, 10 + len(note),
                  f"Orla Venn and Tamsin Reyes {note}.", note, "test_rule", outlet)


def test_a_feud_then_a_reconciliation_is_good_now() -> None:
    reports = [report("2017-03-02", -0.9, "feud"), report("2017-04-11", -0.9, "feud"),
               report("2017-04-12", -1.0, "slammed"), report("2019-05-20", 0.9, "reconciled")]
    summary = summarize(reports)
    assert summary.verdict == "good" and summary.as_of == "2019-05-20"
    assert [(p.label, p.verdict) for p in summary.timeline] == [("2017-03-02 to 2017-04-12", "bad"),
                                                                ("2019-05-20", "good")]
    assert summary.timeline[0].reasons[:2] == ("slammed", "feud") and summary.timeline[0].articles == 3
    assert summary.conflicts == ()


def test_a_reconciliation_then_a_new_feud_is_bad_now() -> None:
    reports = [report("2019-05-20", 0.9, "reconciled"), report("2019-05-21", 0.9, "made up"),
               report("2021-01-05", -0.9, "feud")]
    summary = summarize(reports)
    assert summary.verdict == "bad"
    assert [p.verdict for p in summary.timeline] == ["good", "bad"]


def test_the_same_evidence_undated_gives_the_plain_verdict() -> None:
    reports = [report(None, -0.9, "feud"), report(None, -0.9, "feud"), report(None, 0.9, "reconciled")]
    assert verdict_now(reports).verdict == "bad"  # nothing to order them by: every report counts fully
    assert recency_weights(reports) == [1.0, 1.0, 1.0]


def test_old_reports_fade_but_recent_ones_both_count() -> None:
    reports = [report("2020-01-01", -0.9, "feud"), report("2020-01-08", 0.9, "reconciled"),
               report("2018-01-01", -0.9, "feud")]
    weights = recency_weights(reports, half_life_days=90)
    assert weights[1] == 1.0
    assert 0.9 < weights[0] < 1.0  # a week older: almost fully
    assert weights[2] < 0.01  # two years older: faded
    assert verdict_now(reports).verdict == "mixed"  # a feud and a reconciliation a week apart


def test_an_undated_report_weighs_as_the_oldest_dated_one() -> None:
    reports = [report("2018-01-01", -0.9, "feud"), report("2020-01-01", 0.9, "reconciled"), report(None, -0.9, "sued")]
    weights = recency_weights(reports)
    assert weights[2] == weights[0] < weights[1]
    summary = summarize(reports)
    assert summary.verdict == "good"  # an article we cannot place never outvotes dated news
    assert summary.undated == 1
    assert [(p.start, p.verdict) for p in summary.timeline] == [("2018-01-01", "bad"), ("2020-01-01", "good"),
                                                                (UNDATED, "bad")]


def test_articles_that_disagree_in_one_month_are_shown_side_by_side() -> None:
    good = report("2022-07-03", 0.9, "reconciled", outlet="Daily Lantern")
    bad = [report("2022-07-19", -0.9, "feud", article="tab1"), report("2022-07-19", -0.6, "snubbed", article="tab1")]
    quiet = report("2022-09-01", -0.9, "feud")
    found = conflicts([good, *bad, quiet])
    assert len(found) == 1
    conflict = found[0]
    assert conflict.period == "2022-07"
    assert conflict.good == (good,)
    assert conflict.bad == (bad[0],)  # the strongest report of the article that says bad
    assert conflict.good[0].outlet == "Daily Lantern"
    assert conflicts([good, *bad, quiet], grain="year")[0].period == "2022"


def test_one_article_saying_both_is_no_conflict() -> None:
    reports = [report("2022-07-03", 0.9, "reconciled", article="same"), report("2022-07-03", -0.9, "feud", article="same")]
    assert conflicts(reports) == []


def test_periods_join_across_quiet_months_and_split_at_changes() -> None:
    reports = [report("2016-01-10", -0.9, "feud"), report("2016-08-10", -0.9, "feud"),
               report("2017-02-01", 0.9, "reconciled"), report("2018-02-01", -0.9, "feud")]
    periods = timeline(reports)
    assert [(p.start, p.end, p.verdict, p.reports) for p in periods] == [
        ("2016-01-10", "2016-08-10", "bad", 2), ("2017-02-01", "2017-02-01", "good", 1),
        ("2018-02-01", "2018-02-01", "bad", 1)]


def test_mixed_months_stay_apart() -> None:
    reports = [report("2016-01-10", -0.9, "feud", article="x"), report("2016-01-10", 0.9, "reconciled", article="x"),
               report("2016-02-10", -0.9, "feud", article="y"), report("2016-02-10", 0.9, "made up", article="y")]
    assert [p.verdict for p in timeline(reports)] == ["mixed", "mixed"]


def test_no_reports_is_unknown_with_an_empty_timeline() -> None:
    summary = summarize([])
    assert (summary.verdict, summary.as_of, summary.timeline, summary.conflicts) == ("unknown", None, (), ())


@pytest.mark.parametrize("published, day, month", [
    ("2019-05-02", "2019-05-02", "2019-05"), ("2019-05-02T10:00:00Z", "2019-05-02", "2019-05"),
    ("2019-05", "2019-05-01", "2019-05"), ("2019", "2019-01-01", "2019-01"),
    ("last Tuesday", None, UNDATED), ("", None, UNDATED), (None, None, UNDATED),
])
def test_dates_are_read_from_what_feeds_give(published: str | None, day: str | None, month: str) -> None:
    found = report_date(published)
    assert (str(found) if found else None) == day
    assert bucket_of(published) == month


def test_an_unknown_grain_is_refused() -> None:
    with pytest.raises(ValueError, match="grain"):
        timeline([], grain="week")


def test_reports_survive_a_json_round_trip() -> None:
    summary = summarize([report("2022-07-03", 0.9, "reconciled"), report("2022-07-19", -0.9, "feud")])
    assert type(summary).from_dict(summary.to_dict()) == summary
