"""The per-article budget: a slow article is given up as 'timeout' and the batch goes on."""
from __future__ import annotations

import time

import pytest

from goodterms import document_from_text
from goodterms.config import Settings
from goodterms.deadline import check, within
from goodterms.errors import ArticleTimeout, ConfigError
from goodterms.pipeline import Rejected, analyze_many, analyze_one

PARAGRAPH = (
    "Mira Solberg told Glow Magazine that her brother Aki Solberg had been her rock. "
    "\u201cWe talk every day,\u201d she said, before thanking her manager Oren Pike for his patience. "
)


def test_check_is_free_without_a_budget_and_raises_once_it_is_spent() -> None:
    check()
    with within(0.01, "slow.txt"):
        time.sleep(0.03)
        with pytest.raises(ArticleTimeout) as caught:
            check()
    assert caught.value.code == "timeout" and "slow.txt" in str(caught.value)
    check()  # the budget ends with its block


def test_a_slow_article_is_rejected_with_its_time_and_the_rest_goes_on() -> None:
    slow = document_from_text("A Long Story\n\n" + "\n\n".join([PARAGRAPH * 6] * 250), source="slow.txt")
    good = document_from_text("A Short Story\n\n" + PARAGRAPH, source="good.txt")
    results = list(analyze_many([slow, good], settings=Settings(article_seconds=0.3)))
    assert isinstance(results[0], Rejected) and results[0].code == "timeout"
    assert "slow.txt" in results[0].message and "gave up after" in results[0].message
    assert not isinstance(results[1], Rejected) and results[1].people


def test_analyze_one_raises_the_timeout() -> None:
    slow = document_from_text("A Long Story\n\n" + "\n\n".join([PARAGRAPH * 6] * 250), source="slow.txt")
    with pytest.raises(ArticleTimeout):
        analyze_one(slow, settings=Settings(article_seconds=0.3))


def test_no_limit_and_bad_limits() -> None:
    assert Settings(article_seconds=0).article_seconds == 0
    with pytest.raises(ConfigError):
        Settings(article_seconds=-1)
