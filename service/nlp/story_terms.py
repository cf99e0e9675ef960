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
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from service.nlp.names import NAME_LABELS
from service.schemas import Entity

#: Weight added to a term for appearing in the title.
TITLE_BOOST = 3.0
#: Terms an article keeps: the heaviest; the rest carry little of its identity.
MAX_TERMS = 48
CONTENT_POS = frozenset({"NOUN", "PROPN"})
MIN_WORD_CHARS = 3
#: Entity labels that say nothing about which story a report belongs to.
IGNORED_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


def story_terms(doc: Doc, title: Doc | None, entities: list[Entity]) -> dict[str, float]:
    """The article's weighted terms, heaviest `MAX_TERMS`, rounded for a compact record.

    `title` is the title tagged and lemmatised (`service.nlp.analysis.tag_titles`).
    """
    words = Counter(content_lemmas(doc, skip=NAME_LABELS | IGNORED_LABELS))
    terms = {f"w:{word}": 1.0 + math.log(count) for word, count in words.items()}
    for entity in entities:
        if entity.label not in IGNORED_LABELS:
            terms[f"n:{entity.canonical}"] = 1.0 + math.log(max(1, entity.mentions))
    for term in _title_terms(title, entities):
        terms[term] = terms.get(term, 0.0) + TITLE_BOOST
    kept = sorted(terms.items(), key=lambda item: (-item[1], item[0]))[:MAX_TERMS]
    return {term: round(weight, 3) for term, weight in kept}


def content_lemmas(doc: Doc, skip: frozenset[str] = frozenset()) -> list[str]:
    """The lemmas of the nouns and proper nouns that can carry a story, in text order, but
    for the tokens of entities labelled in `skip` (names are terms of their own)."""
    return [
        token.lemma_.lower()
        for token in doc
        if token.pos_ in CONTENT_POS
        and token.ent_type_ not in skip
        and _is_content_word(token.lower_)
        and _is_content_word(token.lemma_.lower())
    ]


def _is_content_word(word: str) -> bool:
    return len(word) >= MIN_WORD_CHARS and word.isalpha() and word not in STOP_WORDS


def _title_terms(title: Doc | None, entities: list[Entity]) -> set[str]:
    """The title's terms: the names of the article it shows, and its other noun lemmas.

    `title` is in lower case (`tag_titles`): a name is found by its surface, and the words of
    a name make no word term (the name is a term already)."""
    if title is None:
        return set()
    found: set[str] = set()
    name_words: set[str] = set()
    for entity in entities:
        surface = entity.text.lower()
        if entity.label not in IGNORED_LABELS and surface and surface in title.text:
            found.add(f"n:{entity.canonical}")
            name_words.update(surface.split())
    found.update(f"w:{lemma}" for lemma in content_lemmas(title) if lemma not in name_words)
    return found
