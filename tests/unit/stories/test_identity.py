"""Specification of story identity: a key from the article's own entities."""

from __future__ import annotations

from service.schemas import Entity
from service.stories.identity import story_id_for


def entity(name: str, mentions: int) -> Entity:
    return Entity(text=name, label="PERSON", canonical=name, mentions=mentions)


def test_the_two_most_mentioned_entities_name_the_story_whatever_their_order_or_case() -> None:
    one = story_id_for(
        [entity("Netanyahu", 5), entity("Trump", 4), entity("Qatar", 1)], fallback="a"
    )
    two = story_id_for([entity("trump", 7), entity("NETANYAHU", 6)], fallback="b")
    assert one == two
    assert one.startswith("story-") and len(one) == len("story-") + 16


def test_different_leading_entities_make_different_stories() -> None:
    gaza = story_id_for([entity("Israel", 5), entity("Hamas", 4)], fallback="a")
    iran = story_id_for([entity("Israel", 5), entity("Iran", 4)], fallback="a")
    assert gaza != iran


def test_an_article_naming_nothing_is_its_own_story() -> None:
    assert story_id_for([], fallback="a-1") != story_id_for([], fallback="a-2")
    assert story_id_for([], fallback="a-1") == story_id_for([], fallback="a-1")
