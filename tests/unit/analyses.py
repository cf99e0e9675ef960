"""Analyses built by hand for the tests of tracking and alerts, which need no spaCy."""

from __future__ import annotations

from datetime import UTC, datetime

from service.schemas import Analysis, Entity


def make_analysis(
    article_id: str = "a-1",
    story_id: str = "story-0000000000000001",
    text_sha256: str = "text-1",
    published_at: datetime = datetime(2025, 7, 1, 6, tzinfo=UTC),
    actors: tuple[str, ...] = ("Israel", "Hamas"),
) -> Analysis:
    return Analysis(
        article_id=article_id,
        story_id=story_id,
        published_at=published_at,
        lead="Talks on a Gaza ceasefire resumed in Doha.",
        title="Gaza ceasefire talks resume",
        source="Example Wire",
        url=f"https://example.org/{article_id}",
        text_sha256=text_sha256,
        entities=[Entity(text=name, label="GPE", canonical=name) for name in actors],
    )
