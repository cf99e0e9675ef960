"""Sentiment: VADER scores in [-1, 1] per sentence and per article."""

from __future__ import annotations

import pytest

from service.nlp.sentiment import article_score, score_text


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("It's heartbreaking to see the images from this war.", -1),
        ("Trump has expressed optimism about reaching a ceasefire agreement.", 1),
        ("The ceasefire collapsed after a deadly strike killed twelve people.", -1),
        ("The talks ended in a breakthrough welcomed by both sides.", 1),
        ("The delegation arrived in Cairo on Monday.", 0),
        ("", 0),
    ],
)
def test_sentence_scores_have_the_sign_a_reader_expects(text: str, sign: int) -> None:
    score = score_text(text)
    assert -1 <= score <= 1
    if sign == 0:
        assert score == 0
    else:
        assert score * sign > 0


def test_negation_turns_the_score_around() -> None:
    assert score_text("The talks were good.") > 0 > score_text("The talks were not good.")


def test_article_score_is_the_mean_of_its_sentences() -> None:
    assert article_score([0.5, -0.1, 0.2]) == pytest.approx(0.2)
    assert article_score([]) is None
