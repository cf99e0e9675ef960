"""What an article is about, as weighted terms for story identity: content lemmas and names.

Names alone lose what a story's reports share beyond their cast ("missile", "papers",
"earthquake", a company's product); words alone split "Israeli" from "Israel". So a report's
terms are both:
- `w:<lemma>` for each noun and proper noun of the text (lower case; stop words, short
  tokens and dates, times and numbers out), weighted 1 + log(count), sublinear like TF-IDF's
  tf;
- `n:<canonical name>` for each name the name index resolved, weighted the same way;
- a word or name that the title carries gets `TITLE_BOOST` more: headlines state the story.
Rarity (the IDF part) is not known here: it comes from the active stories at assignment
(`service.stories.identity.StoryIndex`).
"""

from __future__ import annotations

import math
import re
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from service.schemas import Entity

#: Weight added to a term for appearing in the title.
TITLE_BOOST = 1.5
#: Terms an article keeps: the heaviest; the rest carry little of its identity.
MAX_TERMS = 48
CONTENT_POS = frozenset({"NOUN", "PROPN"})
MIN_WORD_CHARS = 3
#: Entity labels that say nothing about which story a report belongs to.
IGNORED_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_TITLE_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


def story_terms(doc: Doc, title: str | None, entities: list[Entity]) -> dict[str, float]:
    """The article's weighted terms, heaviest `MAX_TERMS`, rounded for a compact record."""
    lemma_of: dict[str, str] = {}
    words: Counter[str] = Counter()
    for token in doc:
        if (
            token.pos_ in CONTENT_POS
            and token.ent_type_ not in IGNORED_LABELS
            and _is_content_word(token.lower_)
        ):
            lemma = token.lemma_.lower()
            if _is_content_word(lemma):
                words[lemma] += 1
                lemma_of.setdefault(token.lower_, lemma)
    terms = {f"w:{word}": 1.0 + math.log(count) for word, count in words.items()}
    for entity in entities:
        if entity.label not in IGNORED_LABELS:
            terms[f"n:{entity.canonical}"] = 1.0 + math.log(max(1, entity.mentions))
    for term in _title_terms(title or "", lemma_of, entities):
        terms[term] = terms.get(term, 0.0) + TITLE_BOOST
    kept = sorted(terms.items(), key=lambda item: (-item[1], item[0]))[:MAX_TERMS]
    return {term: round(weight, 3) for term, weight in kept}


def _is_content_word(word: str) -> bool:
    return len(word) >= MIN_WORD_CHARS and word.isalpha() and word not in STOP_WORDS


def _title_terms(title: str, lemma_of: dict[str, str], entities: list[Entity]) -> set[str]:
    """The title's terms: its words as the text lemmatised them, and the names it shows."""
    found: set[str] = set()
    lowered = title.lower()
    for match in _TITLE_WORD.finditer(title):
        word = match.group().lower().replace("’", "'").removesuffix("'s")
        if _is_content_word(word):
            found.add(f"w:{lemma_of.get(word, word)}")
    for entity in entities:
        if entity.label not in IGNORED_LABELS and entity.text and entity.text.lower() in lowered:
            found.add(f"n:{entity.canonical}")
    return found
