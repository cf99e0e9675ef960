"""Canonical names: every way an article refers to a person, country or organisation, resolved.

The `storywatch_names` component reads the article left to right and gives each token that is
part of a name its canonical form:

- aliases and demonyms from `data/names.json` ("U.S." and "American" -> United States);
- a nationality word of a country the table does not know resolves to a country named in the
  same article that it starts with ("Norvanian" -> Norvania), so invented names work too;
- a surname alone resolves to the full name the article used ("Netanyahu" -> Benjamin Netanyahu),
  even where the entity recogniser missed or mislabelled it;
- an office title with "the" ("the president") resolves to the last person the article
  introduced with that title ("U.S. President Donald Trump").

`actor_name` then turns an argument token of the parse into the name of whoever acts: the name
itself, the country behind "Israeli officials", the government behind "Washington said", or the
person a "he" or "she" refers to.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from service.nlp.lexicon import NameTables, name_tables

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: How far back, in tokens, "he" or "she" looks for the person it stands for.
PRONOUN_REACH = 80
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "our", "my"})
LEADING_ARTICLE = ("the ",)
POSSESSIVE_ENDINGS = ("'s", "’s", "'", "’")


@dataclass(frozen=True)
class Mention:
    """One reference to a name: its canonical form and what kind of name it is."""

    canonical: str
    label: str


@dataclass
class NameIndex:
    """The canonical name at each token of a document that is part of a name."""

    by_token: dict[int, Mention] = field(default_factory=dict)
    person_positions: list[int] = field(default_factory=list)
    person_names: list[str] = field(default_factory=list)

    def mention_at(self, index: int) -> Mention | None:
        return self.by_token.get(index)

    def add(self, start: int, end: int, mention: Mention) -> None:
        for index in range(start, end):
            self.by_token[index] = mention
        if mention.label == "PERSON":
            self.person_positions.append(start)
            self.person_names.append(mention.canonical)

    def person_before(self, index: int) -> str | None:
        """The last person named before `index`, within `PRONOUN_REACH` tokens."""
        at = bisect.bisect_left(self.person_positions, index) - 1
        if at < 0 or index - self.person_positions[at] > PRONOUN_REACH:
            return None
        return self.person_names[at]


if not Doc.has_extension("names"):
    Doc.set_extension("names", default=None)


def clean_surface(text: str) -> str:
    """A name as written, without a leading "the", a possessive ending or stray whitespace."""
    name = " ".join(text.split())
    if name.lower().startswith(LEADING_ARTICLE):
        name = name[4:]
    for ending in POSSESSIVE_ENDINGS:
        if name.endswith(ending):
            name = name[: -len(ending)]
            break
    return name.strip(" ,;:\"'“”‘’")


@Language.component("storywatch_names")
def resolve_names(doc: Doc) -> Doc:
    """Set `doc._.names`, the canonical name of every token that refers to a name."""
    doc._.names = index_names(doc, name_tables())
    return doc


def index_names(doc: Doc, tables: NameTables) -> NameIndex:
    entities = [span for span in doc.ents if span.label_ in NAME_LABELS]
    full_names = _full_names(entities, tables)
    # Any proper name may be the country an unknown nationality word comes from: the entity
    # recogniser often labels an invented country as a person or an organisation.
    places = {clean_surface(span.text) for span in entities if span.label_ != "NORP"}
    places |= {token.text for token in doc if token.pos_ == "PROPN" and token.text[:1].isupper()}
    index = NameIndex()
    title_holders: dict[str, str] = {}
    entity_at = {span.start: span for span in entities}
    position = 0
    while position < len(doc):
        span = entity_at.get(position)
        if span is not None:
            start, mention = _entity_mention(span, tables, full_names, places)
            if mention is not None:
                index.add(start, span.end, mention)
                if mention.label == "PERSON":
                    _remember_titles(doc, start, mention.canonical, tables, title_holders)
            position = span.end
            continue
        token = doc[position]
        mention, width = _token_mention(token, tables, full_names, places, title_holders)
        if mention is not None:
            index.add(position, position + width, mention)
            position += width
            continue
        position += 1
    return index


def _full_names(entities: list[Span], tables: NameTables) -> dict[str, str]:
    """Surname -> full name, for every person the article names with two or more words."""
    full_names: dict[str, str] = {}
    for span in entities:
        if span.label_ != "PERSON":
            continue
        words = _without_titles(clean_surface(span.text).split(), tables)
        if len(words) >= 2:
            full_names.setdefault(words[-1], " ".join(words))
    return full_names


def _without_titles(words: list[str], tables: NameTables) -> list[str]:
    """The name after any office title in front of it ("U.N. Coordinator Hana Okafor")."""
    lowered = [word.lower() for word in words]
    last_title = max(
        (i for i, word in enumerate(lowered[:-1]) if word in tables.titles), default=-1
    )
    return words[last_title + 1 :]


def _entity_mention(
    span: Span, tables: NameTables, full_names: dict[str, str], places: set[str]
) -> tuple[int, Mention | None]:
    surface = clean_surface(span.text)
    if not surface:
        return span.start, None
    label = span.label_
    if label == "PERSON" or surface in full_names:
        words = _without_titles(surface.split(), tables)
        name = " ".join(words)
        return span.start, Mention(full_names.get(name, name), "PERSON")
    if label == "NORP" or surface in tables.demonyms:
        country = demonym_country(surface, tables, places)
        return span.start, Mention(country or surface, "NORP")
    return span.start, Mention(tables.aliases.get(surface, surface), label)


def demonym_country(word: str, tables: NameTables, places: set[str]) -> str | None:
    """The country a nationality word stands for: from the table, else a place it starts with."""
    if word in tables.demonyms:
        return tables.demonyms[word]
    singular = word[:-1] if word.endswith("s") else word
    if singular in tables.demonyms:
        return tables.demonyms[singular]
    for place in sorted(places, key=len, reverse=True):
        stem = place.rstrip("aeiou") if len(place) > 4 else place
        if len(stem) >= 4 and singular.startswith(stem) and singular != place:
            return tables.aliases.get(place, place)
    return None


def _token_mention(
    token: Token,
    tables: NameTables,
    full_names: dict[str, str],
    places: set[str],
    title_holders: dict[str, str],
) -> tuple[Mention | None, int]:
    text = clean_surface(token.text)
    if not text or not text[0].isalpha():
        return None, 1
    if text in full_names and text[0].isupper():
        return Mention(full_names[text], "PERSON"), 1
    if text in tables.aliases:
        return Mention(tables.aliases[text], "GPE"), 1
    if text[0].isupper() and token.pos_ in {"ADJ", "PROPN", "NOUN"}:
        country = demonym_country(text, tables, places)
        if country is not None:
            return Mention(country, "NORP"), 1
    previous = token.nbor(-1).lower_ if token.i > 0 else ""
    if previous == "the":
        for width in (3, 2, 1):
            if token.i + width > len(token.doc):
                continue
            title = token.doc[token.i : token.i + width].text.lower()
            if title in title_holders:
                return Mention(title_holders[title], "PERSON"), width
    return None, 1


def _remember_titles(
    doc: Doc, start: int, holder: str, tables: NameTables, title_holders: dict[str, str]
) -> None:
    """Record "president" (and "prime minister", "minister") for the person introduced after it."""
    words: list[str] = []
    position = start - 1
    while position >= 0 and len(words) < 4:
        token = doc[position]
        if not token.text[:1].isalpha() or token.pos_ not in {"PROPN", "NOUN"}:
            break
        words.insert(0, token.lower_)
        position -= 1
    inside = _without_titles_inside(doc, start, tables)
    words += inside
    for width in range(1, len(words) + 1):
        title = " ".join(words[-width:])
        if title in tables.titles:
            title_holders[title] = holder


def _without_titles_inside(doc: Doc, start: int, tables: NameTables) -> list[str]:
    """Title words the entity recogniser put inside the person's span ("President Trump")."""
    words: list[str] = []
    position = start
    while position < len(doc) and doc[position].lower_ in tables.titles:
        words.append(doc[position].lower_)
        position += 1
    return words


def actor_name(token: Token, *, acting: bool = True) -> str | None:
    """The canonical name of whoever `token` refers to as an argument of an event, or None.

    `acting` turns a seat of government that acts ("Washington said") into its government;
    as a place ("travelled to Washington") it stays the city.
    """
    names: NameIndex | None = token.doc._.names
    if names is None:
        return None
    tables = name_tables()
    mention = names.mention_at(token.i)
    if mention is not None:
        if acting and mention.label != "PERSON":
            return tables.seats_of_government.get(mention.canonical, mention.canonical)
        return mention.canonical
    lower = token.lower_
    if lower in PERSON_PRONOUNS:
        return names.person_before(token.i)
    if lower in tables.group_nouns or token.lemma_.lower() in tables.group_nouns:
        for child in token.children:
            if child.dep_ in {"compound", "amod", "poss", "nmod"}:
                named = names.mention_at(child.i)
                if named is not None:
                    return named.canonical
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in {"of", "from", "for"}:
                for object_ in child.children:
                    named = names.mention_at(object_.i)
                    if object_.dep_ == "pobj" and named is not None:
                        return named.canonical
    return None


def place_name(token: Token) -> str | None:
    """The canonical place `token` names, if it names a place."""
    names: NameIndex | None = token.doc._.names
    if names is None:
        return None
    mention = names.mention_at(token.i)
    if mention is None:
        return None
    if mention.label in PLACE_LABELS:
        return mention.canonical
    if mention.label == "ORG" and mention.canonical in name_tables().seats_of_government:
        return mention.canonical
    return None
