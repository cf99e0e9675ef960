"""Statements: quotes and reported speech, each with who said it.

The `storywatch_statements` component finds three shapes in the parse:

- a reporting verb with a subject: "Leavitt said", "Trump ... telling reporters Friday that ..."
  (a participle takes the subject of the clause it hangs from);
- "according to X": the rest of the sentence is what X said;
- a sentence that opens with a quotation mark and names no speaker continues the quote of the
  sentence before it ("Qatar is the key," the official said. "We are hoping ...").

The speaker is a canonical name when the parse names one (a principal); otherwise the words that
describe them ("an official in Netanyahu's office"). Only a principal's statement becomes a
STATEMENT event; see `service.nlp.analysis`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from service.nlp.dates import resolve_when
from service.nlp.lexicon import StatusTables, name_tables, normalise, status_tables
from service.nlp.names import actor_name
from service.nlp.status import clause_tense

QUOTE_MARKS = frozenset({'"', "“", "”", "``", "''", "«", "»"})
#: Who the words of a quote are not: reporters are told, they do not state.
AUDIENCE = frozenset({"reporter", "journalist", "press", "audience", "crowd"})


@dataclass
class FoundStatement:
    """One statement: who said it, what they said (a token range), and where it was found."""

    speaker: str
    principal: bool
    sentence: Span
    content_start: int
    content_end: int
    verb: Token | None
    when: str | None = None

    @property
    def quoted(self) -> bool:
        """The speaker's own words: the sentence carries quotation marks."""
        return any(token.text in QUOTE_MARKS for token in self.sentence)

    @property
    def content(self) -> str:
        doc = self.sentence.doc
        return " ".join(doc[self.content_start : self.content_end].text.split()).strip(' "“”,')


if not Doc.has_extension("statements"):
    Doc.set_extension("statements", default=None)


@Language.component("storywatch_statements", requires=["doc._.names"])
def extract_statements(doc: Doc) -> Doc:
    """Set `doc._.statements`, one per sentence and speaker, in reading order."""
    tables = status_tables()
    published: datetime | None = doc._.published_at
    found: list[FoundStatement] = []
    previous: FoundStatement | None = None
    for sentence in doc.sents:
        in_sentence = statements_in(sentence, published, tables)
        if not in_sentence and previous is not None and _continues_quote(sentence, previous):
            in_sentence = [
                FoundStatement(
                    speaker=previous.speaker,
                    principal=previous.principal,
                    sentence=sentence,
                    content_start=sentence.start,
                    content_end=sentence.end,
                    verb=previous.verb,
                    when=previous.when,
                )
            ]
        found += in_sentence
        previous = in_sentence[-1] if in_sentence else None
    doc._.statements = found
    return doc


def statements_in(
    sentence: Span, published: datetime | None, tables: StatusTables | None = None
) -> list[FoundStatement]:
    """The statements one sentence reports, one per speaker."""
    tables = tables or status_tables()
    by_speaker: dict[str, FoundStatement] = {}
    for token in sentence:
        statement = _reported_speech(token, sentence, published, tables) or _according_to(
            token, sentence
        )
        if statement is None:
            continue
        kept = by_speaker.get(statement.speaker)
        if kept is None:
            by_speaker[statement.speaker] = statement
        elif kept.when is None and statement.when is not None:
            kept.when = statement.when
    return list(by_speaker.values())


def _reported_speech(
    verb: Token, sentence: Span, published: datetime | None, tables: StatusTables
) -> FoundStatement | None:
    if verb.pos_ != "VERB" or normalise(verb.lemma_) not in tables.speech_verbs:
        return None
    if any(child.dep_ == "neg" for child in verb.children):
        return None
    subject = _speaker_token(verb, tables)
    if subject is None or normalise(subject.lemma_) in AUDIENCE:
        return None
    speaker, principal = speaker_of(subject)
    if not speaker:
        return None
    start, end = _content_range(verb, sentence)
    when = None
    if published is not None:
        when = _date_of_speech(verb, published)
    return FoundStatement(speaker, principal, sentence, start, end, verb, when)


def speaker_of(subject: Token) -> tuple[str, bool]:
    """Who `subject` is, and whether that is a principal (named) or an unnamed source.

    "The Crimson Front's political chief, Tomas Reyes" is Tomas Reyes; "a Qatari official" is
    an unnamed source even though the country is named.
    """
    for child in subject.children:
        if child.dep_ == "appos":
            named = actor_name(child)
            if named is not None:
                return named, True
    if subject.lemma_.lower() in name_tables().unnamed_speakers:
        return _description(subject), False
    name = actor_name(subject)
    return (name, True) if name is not None else (_description(subject), False)


def _speaker_token(verb: Token, tables: StatusTables) -> Token | None:
    """The subject of the reporting verb, or of the reporting verb a participle hangs from."""
    node = verb
    for _ in range(3):
        for child in node.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and child.lower_ not in {"it", "that"}:
                return child
        head = node.head
        speech_head = head.pos_ == "VERB" and normalise(head.lemma_) in tables.speech_verbs
        # "Lind rejected the offer, saying ...": a participle on the main verb shares its subject.
        participle_on_main = node.tag_ == "VBG" and head.dep_ == "ROOT"
        if (
            node.dep_ in {"advcl", "conj", "xcomp"}
            and head is not node
            and (speech_head or participle_on_main)
        ):
            node = head
            continue
        return None
    return None


def _according_to(token: Token, sentence: Span) -> FoundStatement | None:
    if token.lemma_.lower() != "accord" or token.dep_ != "prep":
        return None
    for preposition in token.children:
        if preposition.lower_ != "to":
            continue
        for source in preposition.children:
            if source.dep_ != "pobj":
                continue
            speaker, principal = speaker_of(source)
            phrase_end = max(t.i for t in token.subtree) + 1
            rest = sentence.doc[phrase_end : sentence.end]
            if all(t.is_punct or t.is_space for t in rest):
                start, end = sentence.start, token.i
            else:
                start, end = phrase_end, sentence.end
            return FoundStatement(speaker, principal, sentence, start, end, None)
    return None


def _description(token: Token) -> str:
    """The words that describe an unnamed speaker, without clauses about them."""
    skipped = {
        t.i for child in token.children if child.dep_ in {"acl", "relcl"} for t in child.subtree
    }
    words = [t for t in token.subtree if t.i not in skipped and not t.is_punct]
    return "".join(t.text_with_ws for t in words[:8]).strip()


def _content_range(verb: Token, sentence: Span) -> tuple[int, int]:
    """The tokens holding what was said: the reported clause, or the quotation."""
    for child in verb.children:
        if child.dep_ in {"ccomp", "xcomp"}:
            indices = [t.i for t in child.subtree]
            return min(indices), max(indices) + 1
    quoted = _quoted_range(sentence)
    if quoted is not None:
        return quoted
    for child in verb.children:
        if child.dep_ == "dobj":
            indices = [t.i for t in child.subtree]
            return min(indices), max(indices) + 1
    return sentence.start, sentence.end


def _quoted_range(sentence: Span) -> tuple[int, int] | None:
    marks = [token.i for token in sentence if token.text in QUOTE_MARKS]
    if len(marks) >= 2:
        return marks[0] + 1, marks[-1]
    return None


def _date_of_speech(verb: Token, published: datetime) -> str | None:
    tense = clause_tense(verb)
    for child in verb.children:
        candidates = [child]
        if child.dep_ == "prep":
            candidates = [o for o in child.children if o.dep_ == "pobj"]
        for candidate in candidates:
            if candidate.ent_type_ != "DATE":
                continue
            day = resolve_when(_entity_text(candidate), published, tense)
            if day is not None:
                return day
    return None


def _entity_text(token: Token) -> str:
    for entity in token.doc.ents:
        if entity.start <= token.i < entity.end:
            return entity.text
    return token.text


def _continues_quote(sentence: Span, previous: FoundStatement) -> bool:
    """The sentence opens with a quotation mark, or the one before left a quotation open."""
    first = next((t for t in sentence if not t.is_space), None)
    left_open = sum(t.text in QUOTE_MARKS for t in previous.sentence) % 2 == 1
    if first is None or (first.text not in QUOTE_MARKS and not left_open):
        return False
    return previous.sentence.end == sentence.start or all(
        t.is_space for t in sentence.doc[previous.sentence.end : sentence.start]
    )
