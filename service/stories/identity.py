"""Story identity: which active story a report belongs to, or whether it opens a new one.

This is single-pass clustering as in Topic Detection and Tracking (Allan et al. 1998; Yang
et al. 1998): each report is compared with the active stories and joins the most similar one
if the similarity reaches `STORYWATCH_STORY_SIMILARITY`; otherwise it opens a story.

- A report is its weighted terms (`service.nlp.story_terms`): content lemmas and canonical
  names, the title's weighted up. A story is the sum of its reports' terms, its heaviest
  `MAX_STORY_TERMS` kept.
- Terms are weighted by rarity among the reports of the active stories (IDF learned from the
  stream as stories open and expire), with a general-English prior for a young stream
  (`service.stories.term_prior`): "people" and "said" weigh little, "earthquake" and a
  minister's name much.
- Similarity is a weighted mean of two cosines of TF-IDF vectors, the names' and the
  words' (names tell stories apart from the first reports on, when word frequencies are
  still unreliable; words join reports that name different people), times a time decay: it
  halves every `STORYWATCH_STORY_HALF_LIFE_DAYS` of silence since the story's last report,
  so a story cools gradually instead of at a hard cut. `STORYWATCH_STORY_IDLE_DAYS` only
  bounds state.
- Candidates come from an inverted index over each story's terms (blocking): only stories
  sharing one of the report's rarest terms are scored, so the cost per report stays flat as
  the number of active stories grows.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from service.schemas import NEWS, Analysis, utc_iso
from service.stories.term_prior import PRIOR_DOCUMENTS, prior_documents

#: Terms a story's card keeps: the heaviest. It is trimmed back to this once it holds
#: `TRIM_SLACK` more, so a report rarely pays for a sort.
MAX_STORY_TERMS = 80
TRIM_SLACK = 40
#: The latest reports a card remembers it took (article id and text hash): a worker killed
#: after the card was stored and before the story was takes them again, and must not fold
#: their words in twice. Only the last few writes before a kill can be in that state.
MAX_RECENT_REPORTS = 32
#: Report terms that pick candidate stories: its rarest among the active stories.
BLOCKING_TERMS = 8
#: A term held by more stories than this is too common to pick candidates with (it still
#: counts in the similarity): the cost of a report stays bounded however many stories exist.
MAX_POSTINGS = 64
#: Below this many active stories every story is a candidate: blocking saves nothing yet.
SCAN_ALL_BELOW = 64
#: Candidates scored in full, the ones sharing the most blocking terms.
MAX_CANDIDATES = 16
SECONDS_PER_DAY = 86_400.0


@dataclass
class StoryCard:
    """What assignment knows of an active story: its summed terms and its time span."""

    story_id: str
    first_seen: str
    last_seen: str
    terms: dict[str, float] = field(default_factory=dict)
    reports: int = 0
    #: Of the story's reports, how many carry each of its terms: the story's share of the
    #: stream's document frequencies.
    counts: dict[str, int] = field(default_factory=dict)
    #: Per part (names, words): Σ tf², Σ tf²·L and Σ tf²·L², L = log(1 + document
    #: frequency) of each term when the card last changed (`StoryIndex.refresh_moments`).
    #: Its length under today's frequencies follows from them in O(1) (`StoryIndex.norms`).
    moments: list[float] = field(default_factory=list)
    #: "article id text hash" of the latest reports folded in, oldest first.
    recent: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        # By hand, not dataclasses.asdict: its deep copy was most of an assignment's cost.
        return {
            "story_id": self.story_id,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "terms": dict(self.terms),
            "reports": self.reports,
            "counts": dict(self.counts),
            "moments": list(self.moments),
            "recent": list(self.recent),
        }

    @classmethod
    def from_json(cls, stored: dict[str, Any]) -> StoryCard:
        return cls(
            story_id=stored["story_id"],
            first_seen=stored["first_seen"],
            last_seen=stored["last_seen"],
            terms=dict(stored.get("terms", {})),
            reports=int(stored.get("reports", 0)),
            # A card stored before counts were kept counts each term once.
            counts=dict(stored.get("counts") or dict.fromkeys(stored.get("terms", {}), 1)),
            moments=list(stored.get("moments") or []),
            recent=list(stored.get("recent") or []),
        )

    def add(self, terms: dict[str, float], seen: str, version: str = "") -> None:
        """Fold one more report into the story's terms; keep the heaviest terms. `version`
        (see `report_version`) is remembered among the card's recent reports."""
        if version:
            self.recent = [*self.recent, version][-MAX_RECENT_REPORTS:]
        for term, weight in terms.items():
            self.terms[term] = self.terms.get(term, 0.0) + weight
            self.counts[term] = self.counts.get(term, 0) + 1
        if len(self.terms) > MAX_STORY_TERMS + TRIM_SLACK:
            kept = sorted(self.terms, key=lambda t: (-self.terms[t], t))[:MAX_STORY_TERMS]
            self.terms = {term: round(self.terms[term], 3) for term in kept}
            self.counts = {term: self.counts[term] for term in kept}
        self.reports += 1
        self.first_seen = min(self.first_seen, seen)
        self.last_seen = max(self.last_seen, seen)


@dataclass(frozen=True)
class Assignment:
    """The story a report joins; `card` is its updated card, `new` true if it opens it."""

    #: None for a page that is not news (service.nlp.genre) and joins no story: it opens none.
    card: StoryCard | None
    new: bool
    similarity: float


@dataclass(frozen=True)
class IdentityRules:
    """The thresholds of story identity, from `STORYWATCH_*` settings."""

    similarity: float
    half_life_days: float
    idle_days: float
    #: The share of similarity that comes from names; the rest comes from words.
    name_weight: float = 0.5


def story_id(first_article_id: str) -> str:
    """`story-` and 16 hex digits of the article that opened the story: the same stream
    replayed gives the same story ids, so the same alert ids."""
    return f"story-{hashlib.sha256(first_article_id.encode()).hexdigest()[:16]}"


def gone_idle(last_seen: str, now: datetime, idle_days: float) -> bool:
    """True once `now` is past `last_seen` (UTC ISO text) by more than the idle time."""
    return utc_iso(now - timedelta(days=idle_days)) > last_seen


def time_decay(last_seen: str, now: datetime, half_life_days: float) -> float:
    """1 for a story reported at `now` or later, halving every `half_life_days` of silence."""
    gap = (now - datetime.fromisoformat(last_seen)).total_seconds() / SECONDS_PER_DAY
    return 0.5 ** (max(0.0, gap) / half_life_days)


class StoryIndex:
    """The active story cards with an inverted index from term to the stories holding it."""

    def __init__(self, cards: Iterable[StoryCard] = ()) -> None:
        self.cards: dict[str, StoryCard] = {}
        self.postings: dict[str, set[str]] = {}
        #: Reports of the active stories carrying each term, and reports in all.
        self.document_counts: dict[str, int] = {}
        self.documents = 0
        #: What each card was posted with (a card changes in place, so kept apart).
        self._posted: dict[str, tuple[list[str], dict[str, int], int]] = {}
        for card in cards:
            self.put(card)

    def __len__(self) -> int:
        return len(self.cards)

    def refresh_moments(self, card: StoryCard) -> None:
        """Take the card's moments under the current document frequencies (it just changed)."""
        moments = [0.0] * 6
        for term, tf in card.terms.items():
            rarity = self.rarity(term)
            at = 3 * _subspace(term)
            moments[at] += tf * tf
            moments[at + 1] += tf * tf * rarity
            moments[at + 2] += tf * tf * rarity * rarity
        card.moments = moments

    def norms(self, card: StoryCard) -> tuple[float, float]:
        """Lengths of the card's names and words TF-IDF parts under today's number of reports.

        idf(t) = T - L(t) with T = log(1 + reports + prior) + 1 the same for every term, so
        |v|² = T²·Σtf² - 2T·Σtf²L + Σtf²L². T is today's; the sums are kept from the card's
        last change, when each L was taken. Exact for the growth of the stream, close for the
        drift of single terms, and a function of stored state only: a restarted worker scores
        exactly as the one before it did.
        """
        total = self.total()
        m = card.moments
        return (
            math.sqrt(max(0.0, total * total * m[0] - 2 * total * m[1] + m[2])),
            math.sqrt(max(0.0, total * total * m[3] - 2 * total * m[4] + m[5])),
        )

    def put(self, card: StoryCard) -> None:
        """Add or replace a card and its postings (its moments taken if it has none)."""
        self.remove(card.story_id)
        self.cards[card.story_id] = card
        self._posted[card.story_id] = (list(card.terms), dict(card.counts), card.reports)
        self.documents += card.reports
        for term in card.terms:
            self.postings.setdefault(term, set()).add(card.story_id)
        for term, count in card.counts.items():
            self.document_counts[term] = self.document_counts.get(term, 0) + count
        if not card.moments:
            self.refresh_moments(card)

    def remove(self, key: str) -> None:
        """Forget a card (no-op if unknown)."""
        self.cards.pop(key, None)
        terms, counts, reports = self._posted.pop(key, ([], {}, 0))
        self.documents -= reports
        for term in terms:
            holders = self.postings.get(term)
            if holders is not None:
                holders.discard(key)
                if not holders:
                    del self.postings[term]
        for term, count in counts.items():
            left = self.document_counts.get(term, 0) - count
            if left > 0:
                self.document_counts[term] = left
            else:
                self.document_counts.pop(term, None)

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency over the active stories' reports, with a prior
        from general English counted as `PRIOR_DOCUMENTS` reports (`service.stories.term_prior`):
        log((1 + reports + prior reports) / (1 + reports carrying it + prior ones)) + 1,
        which is `total() - rarity(term)`."""
        return self.total() - self.rarity(term)

    def total(self) -> float:
        """The part of every term's IDF that is the same for all: log(1 + reports + prior) + 1."""
        return math.log(1 + self.documents + PRIOR_DOCUMENTS) + 1.0

    def rarity(self, term: str) -> float:
        """The part that is the term's own: log(1 + reports carrying it + its prior ones)."""
        return math.log(1 + self.document_counts.get(term, 0) + prior_documents(term))

    def weighted(self, terms: dict[str, float]) -> dict[str, float]:
        """TF-IDF weights of a term vector under the current frequencies."""
        total = self.total()
        return {term: weight * (total - self.rarity(term)) for term, weight in terms.items()}

    def candidates(self, weighted: dict[str, float]) -> list[StoryCard]:
        """The stories worth scoring: all while there are few, else those sharing one of the
        report's rarest terms (blocking), the ones sharing most first."""
        if len(self.cards) < SCAN_ALL_BELOW:
            return list(self.cards.values())
        held = [
            (len(holders), term)
            for term in weighted
            if 0 < len(holders := self.postings.get(term, ())) <= MAX_POSTINGS
        ]
        shared: dict[str, int] = {}
        for _, term in sorted(held)[:BLOCKING_TERMS]:
            for key in self.postings[term]:
                shared[key] = shared.get(key, 0) + 1
        best = heapq.nsmallest(MAX_CANDIDATES, shared, key=lambda key: (-shared[key], key))
        return [self.cards[key] for key in best]

    def probe(self, terms: dict[str, float]) -> Probe:
        """A report's terms ready to score against cards under the current frequencies."""
        weighted = self.weighted(terms)
        doubled: tuple[dict[str, float], dict[str, float]] = ({}, {})
        for term, weight in weighted.items():
            # The card's side carries one IDF: tf-idf(t) * idf(t) = tf-idf(t)² / tf(t).
            doubled[_subspace(term)][term] = weight * weight / terms[term] if terms[term] else 0.0
        return Probe(weighted=weighted, doubled=doubled, norms=_subspace_norms(weighted))

    def similarity(self, probe: Probe, card: StoryCard, name_weight: float) -> float:
        """`name_weight` times the cosine of the report's and the story's names, plus the rest
        times the cosine of their words (TF-IDF vectors). A report with no names (or no
        words) is scored on the other part alone."""
        card_norms = self.norms(card)
        terms = card.terms
        cosines = [0.0, 0.0]
        for part in (NAMES, WORDS):
            if probe.norms[part] and card_norms[part]:
                dot = sum(w * terms[t] for t, w in probe.doubled[part].items() if t in terms)
                cosines[part] = dot / (probe.norms[part] * card_norms[part])
        if not probe.norms[NAMES]:
            return cosines[WORDS]
        if not probe.norms[WORDS]:
            return cosines[NAMES]
        return name_weight * cosines[NAMES] + (1 - name_weight) * cosines[WORDS]


NAMES, WORDS = 0, 1


def _subspace(term: str) -> int:
    return NAMES if term.startswith("n:") else WORDS


def _subspace_norms(weighted: dict[str, float]) -> tuple[float, float]:
    """Lengths of the names part and the words part of a TF-IDF vector."""
    squares = [0.0, 0.0]
    for term, weight in weighted.items():
        squares[_subspace(term)] += weight * weight
    return (math.sqrt(squares[NAMES]), math.sqrt(squares[WORDS]))


@dataclass(frozen=True)
class Probe:
    """A report's TF-IDF weights, those times IDF once more (the card's side of the dot
    product), and the lengths of its names and words parts."""

    weighted: dict[str, float]
    #: The names part and the words part.
    doubled: tuple[dict[str, float], dict[str, float]]
    norms: tuple[float, float]


def assign(
    index: StoryIndex, analysis: Analysis, rules: IdentityRules, stream_time: datetime | None
) -> Assignment:
    """The most similar active story if similar enough (after time decay), else a new story.

    A story is active by the later of the report's time and the stream's (`stream_time`, the
    latest publication time seen): a late, older report never joins a story the stream has
    left idle, whose state the tracking step may already have dropped. Ties go to the story
    with the smaller id, so the choice never depends on the order the cards are held in. The
    returned card already counts this report, and the index holds it. A page that is not news
    (an opinion, a gallery, a live-blog shell) joins a story but never opens one.
    """
    now = max(analysis.published_at, stream_time) if stream_time else analysis.published_at
    probe = index.probe(analysis.terms)
    best: StoryCard | None = None
    best_score = 0.0
    idle_before = utc_iso(now - timedelta(days=rules.idle_days))
    for card in index.candidates(probe.weighted) if any(probe.norms) else []:
        if card.last_seen < idle_before:  # gone idle
            continue
        score = index.similarity(probe, card, rules.name_weight)
        score *= time_decay(card.last_seen, analysis.published_at, rules.half_life_days)
        if score > best_score or (
            score == best_score and best is not None and card.story_id < best.story_id
        ):
            best, best_score = card, score
    seen = utc_iso(analysis.published_at)
    version = report_version(analysis)
    if best is not None and best_score >= rules.similarity:
        if version in best.recent:  # folded in before a crash: not twice
            return Assignment(best, new=False, similarity=best_score)
        best.add(analysis.terms, seen, version)
        index.put(best)
        index.refresh_moments(best)
        return Assignment(best, new=False, similarity=best_score)
    if analysis.genre != NEWS:
        return Assignment(None, new=False, similarity=best_score)
    card = StoryCard(story_id(analysis.article_id), first_seen=seen, last_seen=seen)
    card.add(analysis.terms, seen, version)
    index.put(card)
    index.refresh_moments(card)
    return Assignment(card, new=True, similarity=best_score)


def report_version(analysis: Analysis) -> str:
    """One version of one article: its id and the hash of its text."""
    return f"{analysis.article_id} {analysis.text_sha256}"
