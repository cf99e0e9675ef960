"""Articles drawn by Hypothesis from written words: English news sentences, reproducibly."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

ACTORS = ["Kenya", "Ghana", "Peru", "Chile", "Norway", "Japan", "the union", "the ministry"]
VERBS = ["met", "signed a deal with", "criticised", "held talks with", "thanked", "sued"]
PLACES = ["in Nairobi", "in Accra", "in Lima", "in Oslo", "in Tokyo", "at the summit"]
DAYS = ["on Monday", "on Tuesday", "this week", "yesterday", "on Friday"]


def sentence() -> st.SearchStrategy[str]:
    return st.builds(
        lambda a, v, b, p, d: f"{a[0].upper()}{a[1:]} {v} {b} {p} {d}.",
        st.sampled_from(ACTORS),
        st.sampled_from(VERBS),
        st.sampled_from(ACTORS),
        st.sampled_from(PLACES),
        st.sampled_from(DAYS),
    )


def generated_article() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "published_at": st.datetimes(
                min_value=datetime(2025, 7, 1), max_value=datetime(2025, 7, 20)
            ).map(lambda moment: moment.strftime("%Y-%m-%dT%H:%M:%SZ")),
            "text": st.lists(sentence(), min_size=1, max_size=4).map(" ".join),
        },
        optional={"title": sentence(), "source": st.sampled_from(["wire", "daily", "post"])},
    )


def generated_articles(count: int, prefix: str = "good") -> list[dict[str, Any]]:
    """`count` articles, each one Hypothesis example (reproducible), with ids of their own."""
    found: list[dict[str, Any]] = []

    @settings(
        max_examples=count,
        database=None,
        derandomize=True,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(generated_article())
    def take(value: dict[str, Any]) -> None:
        found.append(value)

    take()
    assert found, "Hypothesis drew no article"
    return [{"id": f"{prefix}-{n}", **found[n % len(found)]} for n in range(count)]
