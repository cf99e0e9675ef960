"""The analysis stage: one spaCy pass over a batch of articles gives one Analysis each.

The pipeline (`service.nlp.pipeline`) finds names, events, statements and sentiment; this
module turns what it found on each Doc into the Records that cross Kafka.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections import Counter
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from service.ingest import Rejection
from service.nlp.events import FoundEvent
from service.nlp.furniture import without_furniture
from service.nlp.genre import article_genre
from service.nlp.names import NAME_LABELS, NameIndex, clean_surface
from service.nlp.sentiment import article_score, score_text
from service.nlp.statements import FoundStatement
from service.nlp.story_terms import story_terms
from service.schemas import Analysis, Article, Entity, Event, ScoredSentence, Statement
from service.stories.copies import fingerprint

LEAD_MAX_CHARS = 400
#: Where a Doc keeps the whole news text it was made from (`_unparsed`).
NEWS_TEXT = "storywatch_news_text"
#: How sure a STATEMENT event is: a named speaker and a reporting verb are plain in the parse.
STATEMENT_CONFIDENCE = 0.8


#: A test hook, unset in production: an article whose text holds this string makes its
#: analysis raise, so a test can follow a failing analysis to the dead-letter topic.
FAULT_MARKER = os.environ.get("STORYWATCH_FAULT_MARKER") or None


class InjectedFault(RuntimeError):
    """Raised on an article carrying `FAULT_MARKER`."""


#: What a title needs: part-of-speech tags and lemmas for its story terms, not a parse.
TITLE_COMPONENTS = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")


def analyse_articles(nlp: Language, articles: Sequence[Article]) -> list[Analysis]:
    """Analyse a batch in one `nlp.pipe` call; the result keeps the input order."""
    received_at = time.time()
    docs = nlp.pipe(_unparsed(nlp, article) for article in articles)
    titles = tag_titles(nlp, [article.title for article in articles])
    return [
        analysis_of(article, doc, received_at, title)
        for article, doc, title in zip(articles, docs, titles, strict=True)
    ]


def tag_titles(nlp: Language, titles: Sequence[str | None]) -> list[Doc]:
    """The titles, without furniture, in lower case, tagged and lemmatised (no parse: a title
    is short). Lower case because many outlets write titles in Title Case, which the tagger
    reads as proper nouns and the lemmatiser then leaves alone ("Hostages")."""
    skipped = [name for name in nlp.pipe_names if name not in TITLE_COMPONENTS]
    lowered = (without_furniture(title or "").lower() for title in titles)
    return list(nlp.pipe(lowered, disable=skipped))


def analyse_or_reject(nlp: Language, articles: Sequence[Article]) -> list[Analysis | Rejection]:
    """Like `analyse_articles`, but an article spaCy fails on becomes a Rejection, in place.

    The batch is tried whole first; only if it fails is each article tried alone, so one bad
    article costs its batch a second pass and never costs the other articles their analysis.
    """
    try:
        return list(analyse_articles(nlp, articles))
    except Exception:
        return [_analyse_one(nlp, article) for article in articles]


def _analyse_one(nlp: Language, article: Article) -> Analysis | Rejection:
    try:
        [analysis] = analyse_articles(nlp, [article])
    except Exception as exc:
        return Rejection("analysis_failed", f"analysis raised {type(exc).__name__}: {exc}"[:500])
    return analysis


#: A wire dateline before the lead: "KHARTOUM, Sept 2 —", "GAZA CITY (Reuters) -".
DATELINE = re.compile(
    r"\A\s*[A-Z][A-Z.'\u2019 -]{1,40}"
    r"(?:,\s*(?:[A-Z][A-Za-z]{2,9}\.?\s+\d{1,2}|[A-Z][a-z]+(?: [A-Z][a-z]+)?))?"
    r"(?:\s*\([^()\n]{1,40}\))?\s*[-\u2013\u2014]{1,2}\s+(?=[A-Z\"\u201c])"
)


def without_dateline(text: str) -> str:
    """The text without its leading dateline, which the parser would take for a subject."""
    return DATELINE.sub("", text, count=1)


def news_text(article: Article) -> str:
    """What gets parsed: the text without page furniture and without its leading dateline."""
    return without_dateline(without_furniture(article.text) or article.text)


def _unparsed(nlp: Language, article: Article) -> Doc:
    """The tokenised news text, carrying its publication time for the date resolver and the
    whole text (triage may have parsed only part of it) for the copy fingerprint."""
    text = news_text(article)
    doc = nlp.make_doc(text)
    doc._.published_at = article.published_at
    doc.user_data[NEWS_TEXT] = text
    return doc


def analysis_of(
    article: Article, doc: Doc, received_at: float, title_doc: Doc | None = None
) -> Analysis:
    """The Analysis of one parsed article (`title_doc`: its title from `tag_titles`)."""
    if FAULT_MARKER is not None and FAULT_MARKER in article.text:
        raise InjectedFault(f"the article holds the fault marker {FAULT_MARKER!r}")
    entities = named_entities(doc)
    scores: list[float] = doc._.sentence_scores or []
    found_events: list[FoundEvent] = doc._.events or []
    found_statements: list[FoundStatement] = doc._.statements or []
    sentence_score = {
        sentence.start: score for sentence, score in zip(doc.sents, scores, strict=True)
    }
    statements = [_statement(found, found_events) for found in found_statements]
    placed = [
        (found.sentence.start, _statement_event(statement, found))
        for statement, found in zip(statements, found_statements, strict=True)
        if statement.principal
    ]
    placed += [(found.sentence.start, _event(found, sentence_score)) for found in found_events]
    placed.sort(key=lambda pair: pair[0])
    events = [event for _, event in placed]
    lead = lead_sentence(doc)
    title = without_furniture(article.title) if article.title else article.title
    return Analysis(
        article_id=article.id,
        published_at=article.published_at,
        lead=lead,
        title=title or article.title,
        source=article.source,
        url=article.url,
        text_sha256=hashlib.sha256(article.text.encode()).hexdigest(),
        fingerprint=fingerprint(doc.user_data.get(NEWS_TEXT, doc.text)),
        entities=entities,
        terms=story_terms(doc, title_doc, entities),
        events=events,
        statements=statements,
        sentiment=article_score(scores),
        sentences=scored_sentences(doc, scores, found_statements),
        genre=article_genre(article.title, article.url),
        received_at=received_at,
    )


def _event(found: FoundEvent, sentence_score: dict[int, float]) -> Event:
    return Event(
        type=found.type,
        status=found.status,
        trigger=found.trigger.text,
        sentence=_plain(found.sentence.text),
        actors=found.actors,
        targets=found.targets,
        location=found.location,
        when=found.when,
        confidence=found.confidence,
        sentiment=sentence_score.get(found.sentence.start),
    )


def _statement(found: FoundStatement, events: list[FoundEvent]) -> Statement:
    """The Statement record; its topic is the first event inside what was said, if any."""
    in_content = [e for e in events if found.content_start <= e.trigger.i < found.content_end]
    in_sentence = [e for e in events if e.sentence.start == found.sentence.start]
    topic = (in_content or in_sentence)[0] if in_content or in_sentence else None
    return Statement(
        speaker=found.speaker,
        text=found.content,
        sentence=_plain(found.sentence.text),
        principal=found.principal,
        when=found.when,
        topic=topic.type if topic is not None else None,
        sentiment=score_text(found.content),
        quoted=found.quoted,
    )


def _statement_event(statement: Statement, found: FoundStatement) -> Event:
    """A principal's statement as a STATEMENT event, triggered by its reporting verb."""
    trigger = found.verb.text if found.verb is not None else "according to"
    return statement.as_event(trigger, STATEMENT_CONFIDENCE)


def scored_sentences(
    doc: Doc, scores: list[float], statements: list[FoundStatement]
) -> list[ScoredSentence]:
    """Each sentence with its score; a sentence of a quote names the speaker it belongs to."""
    speaker_at = {statement.sentence.start: statement.speaker for statement in statements}
    return [
        ScoredSentence(
            text=_plain(sentence.text), sentiment=score, speaker=speaker_at.get(sentence.start)
        )
        for sentence, score in zip(doc.sents, scores, strict=True)
        if sentence.text.strip()
    ]


def _plain(text: str) -> str:
    return " ".join(text.split())


def named_entities(doc: Doc) -> list[Entity]:
    """Story-relevant names, one per canonical name, most mentioned first."""
    index: NameIndex | None = doc._.names
    counts: Counter[str] = Counter()
    first_seen: dict[str, tuple[str, str]] = {}
    for span in _mention_spans(doc, index):
        mention = index.mention_at(span.start) if index is not None else None
        canonical = mention.canonical if mention else clean_surface(span.text)
        label = mention.label if mention else span.label_
        if not canonical:
            continue
        counts[canonical] += 1
        first_seen.setdefault(canonical, (clean_surface(span.text), label))
    return [
        Entity(text=first_seen[name][0], label=first_seen[name][1], canonical=name, mentions=count)
        for name, count in counts.most_common()
    ]


def _mention_spans(doc: Doc, index: NameIndex | None) -> list[Span]:
    if index is None:
        return [span for span in doc.ents if span.label_ in NAME_LABELS]
    spans: list[Span] = []
    start: int | None = None
    for token in doc:
        mention = index.mention_at(token.i)
        previous = index.mention_at(token.i - 1) if token.i > 0 else None
        if mention is not None and (previous is not mention):
            if start is not None:
                spans.append(doc[start : token.i])
            start = token.i
        elif mention is None and start is not None:
            spans.append(doc[start : token.i])
            start = None
    if start is not None:
        spans.append(doc[start : len(doc)])
    return spans


def lead_sentence(doc: Doc) -> str:
    """The first sentence, trimmed for a notification line."""
    for sentence in doc.sents:
        text = " ".join(sentence.text.split())
        if text:
            return text if len(text) <= LEAD_MAX_CHARS else text[: LEAD_MAX_CHARS - 1] + "…"
    return ""
