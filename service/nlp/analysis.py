"""The analysis stage: one spaCy pass over a batch of articles gives one Analysis each.

Today it finds the named entities, the lead sentence and the story key. Event, statement and
sentiment extraction fill the same Analysis fields (see `service.schemas`).
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from service.ingest import Rejection
from service.schemas import Analysis, Article, Entity
from service.stories.identity import story_id_for

#: Entity labels that name the actors and places a story is about.
STORY_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"})
LEAD_MAX_CHARS = 400


def analyse_articles(nlp: Language, articles: Sequence[Article]) -> list[Analysis]:
    """Analyse a batch in one `nlp.pipe` call; the result keeps the input order."""
    received_at = time.time()
    docs = nlp.pipe(article.text for article in articles)
    return [
        analysis_of(article, doc, received_at) for article, doc in zip(articles, docs, strict=True)
    ]


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


def analysis_of(article: Article, doc: Doc, received_at: float) -> Analysis:
    """The Analysis of one parsed article."""
    entities = named_entities(doc)
    return Analysis(
        article_id=article.id,
        story_id=story_id_for(entities, fallback=article.id),
        published_at=article.published_at,
        lead=lead_sentence(doc),
        title=article.title,
        source=article.source,
        url=article.url,
        text_sha256=hashlib.sha256(article.text.encode()).hexdigest(),
        entities=entities,
        received_at=received_at,
    )


def named_entities(doc: Doc) -> list[Entity]:
    """Story-relevant entities, one per canonical name, most mentioned first."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, tuple[str, str]] = {}
    for span in doc.ents:
        if span.label_ not in STORY_ENTITY_LABELS:
            continue
        canonical = canonical_surface(span.text)
        if not canonical:
            continue
        counts[canonical] += 1
        first_seen.setdefault(canonical, (span.text, span.label_))
    return [
        Entity(text=first_seen[name][0], label=first_seen[name][1], canonical=name, mentions=count)
        for name, count in counts.most_common()
    ]


def canonical_surface(text: str) -> str:
    """The entity's name without a leading article, possessive or stray whitespace."""
    name = " ".join(text.split())
    if name.lower().startswith("the "):
        name = name[4:]
    for suffix in ("'s", "’s", "'", "’"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return name.strip()


def lead_sentence(doc: Doc) -> str:
    """The first sentence, trimmed for a notification line."""
    for sentence in doc.sents:
        text = " ".join(sentence.text.split())
        if text:
            return text if len(text) <= LEAD_MAX_CHARS else text[: LEAD_MAX_CHARS - 1] + "…"
    return ""
