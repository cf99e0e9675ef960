"""Scores the extraction against the hand-labelled articles of `extraction_cases`.

An expected event is found when the same sentence yields an event of the same type and status
(the pair the contract's alerts turn on); precision and recall count those pairs. For the pairs
found, it also checks that the expected names are among the actors or targets, and the date.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from service.ingest import parse_timestamp
from service.nlp.events import FoundEvent
from service.nlp.statements import FoundStatement
from tests.unit.nlp.extraction_cases import ARTICLES, Expected, LabelledArticle, Sentence


@dataclass(frozen=True)
class Predicted:
    type: str
    status: str
    who: frozenset[str]
    when: str | None
    speaker: str | None


@dataclass
class SentenceResult:
    article: LabelledArticle
    sentence: Sentence
    predicted: list[Predicted]
    matched: list[tuple[Expected, Predicted]] = field(default_factory=list)
    missed: list[Expected] = field(default_factory=list)
    spurious: list[Predicted] = field(default_factory=list)

    @property
    def exact(self) -> bool:
        """Every expected type+status found, nothing else, and names and dates right."""
        return (
            not self.missed
            and not self.spurious
            and all(
                set(expected.who) <= predicted.who
                and (expected.when is None or expected.when == predicted.when)
                for expected, predicted in self.matched
            )
        )


@dataclass
class CorpusScore:
    results: list[SentenceResult]

    @property
    def true_positives(self) -> int:
        return sum(len(result.matched) for result in self.results)

    @property
    def precision(self) -> float:
        predicted = sum(len(result.predicted) for result in self.results)
        return self.true_positives / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        expected = sum(len(result.sentence.expected) for result in self.results)
        return self.true_positives / expected if expected else 1.0

    def agreement(self, check: str) -> tuple[int, int]:
        """Of the matched pairs that state `check` ("who" or "when"), how many agree."""
        agree = total = 0
        for result in self.results:
            for expected, predicted in result.matched:
                if check == "who" and expected.who:
                    total += 1
                    agree += set(expected.who) <= predicted.who
                if check == "when" and expected.when:
                    total += 1
                    agree += expected.when == predicted.when
        return agree, total

    def by(self, attribute: str) -> dict[str, tuple[int, int, int]]:
        """Per type or status: (true positives, predicted, expected)."""
        found: Counter[str] = Counter()
        predicted: Counter[str] = Counter()
        expected: Counter[str] = Counter()
        for result in self.results:
            found.update(getattr(e, attribute) for e, _ in result.matched)
            predicted.update(getattr(p, attribute) for p in result.predicted)
            expected.update(getattr(e, attribute) for e in result.sentence.expected)
        keys = sorted(set(predicted) | set(expected))
        return {key: (found[key], predicted[key], expected[key]) for key in keys}


def parse_article(nlp: Language, article: LabelledArticle) -> Doc:
    doc = nlp.make_doc(" ".join(sentence.text for sentence in article.sentences))
    doc._.published_at = parse_timestamp(article.published_at)
    return nlp(doc)


def predictions_by_sentence(doc: Doc, article: LabelledArticle) -> list[list[Predicted]]:
    """What the pipeline found, placed in the labelled sentence holding its trigger."""
    starts: list[int] = []
    offset = 0
    for sentence in article.sentences:
        starts.append(offset)
        offset += len(sentence.text) + 1
    placed: list[list[Predicted]] = [[] for _ in article.sentences]

    def place(char: int, predicted: Predicted) -> None:
        index = max(i for i, start in enumerate(starts) if start <= char)
        placed[index].append(predicted)

    events: list[FoundEvent] = doc._.events
    for event in events:
        who = frozenset(event.actors) | frozenset(event.targets)
        place(event.trigger.idx, Predicted(event.type, event.status, who, event.when, None))
    statements: list[FoundStatement] = doc._.statements
    for statement in statements:
        if not statement.principal:
            continue
        char = statement.verb.idx if statement.verb is not None else statement.sentence.start_char
        if statement.verb is not None and not (
            statement.sentence.start_char <= char < statement.sentence.end_char
        ):
            char = statement.sentence.start_char
        speaker = statement.speaker
        place(
            char,
            Predicted("STATEMENT", "occurred", frozenset({speaker}), statement.when, speaker),
        )
    return placed


def score_sentence(
    article: LabelledArticle, sentence: Sentence, predicted: list[Predicted]
) -> SentenceResult:
    result = SentenceResult(article, sentence, predicted)
    unused = list(predicted)
    for expected in sentence.expected:
        candidates = [p for p in unused if (p.type, p.status) == (expected.type, expected.status)]
        if not candidates:
            result.missed.append(expected)
            continue
        best = max(candidates, key=lambda p: len(set(expected.who) & p.who))
        unused.remove(best)
        result.matched.append((expected, best))
    result.spurious = unused
    return result


def score_corpus(nlp: Language) -> CorpusScore:
    results: list[SentenceResult] = []
    for article in ARTICLES:
        doc = parse_article(nlp, article)
        placed = predictions_by_sentence(doc, article)
        for sentence, predicted in zip(article.sentences, placed, strict=True):
            results.append(score_sentence(article, sentence, predicted))
    return CorpusScore(results)
