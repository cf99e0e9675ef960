"""Sentiment: a score in [-1, 1] for each sentence, from VADER.

VADER (the `vaderSentiment` package) is a lexicon of some 7,500 words rated by people, with rules
for negation ("not good"), intensifiers ("very"), contrast ("but") and punctuation. It ships
inside its wheel, needs no download and no model, costs well under a millisecond a sentence,
and its lexicon covers the words news about conflict turns on ("heartbreaking", "killed",
"optimism", "breakthrough"). A learned model would read sarcasm better and cost far more per
article; news copy is rarely sarcastic.

The score of a sentence is VADER's `compound`. An article's score is the mean over its sentences,
so one grim sentence in a long hopeful report does not swing it.
"""

from __future__ import annotations

from functools import cache
from statistics import fmean

from spacy.language import Language
from spacy.tokens import Doc
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

if not Doc.has_extension("sentence_scores"):
    Doc.set_extension("sentence_scores", default=None)


@cache
def _analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def score_text(text: str) -> float:
    """VADER's compound score of `text`: -1 is most negative, 1 most positive, 0 neutral."""
    if not text.strip():
        return 0.0
    return round(float(_analyzer().polarity_scores(text)["compound"]), 4)


@Language.component("storywatch_sentiment")
def score_sentences(doc: Doc) -> Doc:
    """Set `doc._.sentence_scores`, one score per sentence of `doc.sents`, in order."""
    doc._.sentence_scores = [score_text(sentence.text) for sentence in doc.sents]
    return doc


def article_score(sentence_scores: list[float]) -> float | None:
    """The mean sentence score, or None for an article with no sentences."""
    return round(fmean(sentence_scores), 4) if sentence_scores else None
