"""Triage: only the sentences that can carry news go through the expensive parse.

The statistical components (tok2vec, tagger, parser, ner) cost about 90% of an article's
analysis, and their cost grows with the tokens they see. Most sentences of a long report carry
no event trigger, no reporting verb and no quotation: background, colour, figures. Triage reads
each sentence with the tokenizer and a rule splitter only, and keeps:

- the first `LEDE_SENTENCES` sentences, which name the story, its cast and its lead;
- any sentence with a quotation mark;
- any sentence with a cue word: a form of an event trigger, a reporting verb, a report noun
  (the word lists of `service/nlp/data/`), or "according".

The kept tokens, in their order and with their spacing, make the Doc the pipeline parses; the
rest is never tagged, parsed or searched for names. A short text (a headline and lede, a wire
brief) is kept whole.

`NewsTriage` stands in for the pipeline's tokenizer (`service.nlp.pipeline`), so `nlp.pipe`
and `nlp.make_doc` both triage and nothing downstream needs to know.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.pipeline import Lemmatizer, Sentencizer
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from service.nlp.lexicon import normalise, status_tables, trigger_tables

#: Sentences always kept from the top of a text: a report's lede names its story.
LEDE_SENTENCES = 3
QUOTE_MARKS = frozenset({'"', "“", "”", "«", "»"})
#: Words that open reported speech without a reporting verb ("according to the ministry").
REPORTING_PHRASES = frozenset({"according"})


def cue_lemmas() -> frozenset[str]:
    """Lemmas whose forms mark a sentence that can carry an event or a statement."""
    triggers = trigger_tables()
    status = status_tables()
    events = {*triggers.verbs, *triggers.nouns, *triggers.modified_nouns}
    return frozenset(events | status.speech_verbs | status.report_nouns)


def inflections(lemma: str) -> set[str]:
    """The regular forms of a verb or noun lemma, generously: a form too many only costs a
    parse, while a form missed can cost an event."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms.add(lemma[:-1] + "ing")
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwyx":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def cue_forms(nlp: Language, lemmas: Iterable[str]) -> frozenset[str]:
    """Every surface form (normalised) of the lemmas: regular inflections, and the irregular
    ones from the pipeline's own lemmatizer exceptions ("met", "fled", "fought")."""
    wanted = set(lemmas)
    forms: set[str] = set(REPORTING_PHRASES)
    for lemma in wanted:
        forms |= inflections(lemma)
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if isinstance(lemmatizer, Lemmatizer):
        exceptions = lemmatizer.lookups.get_table("lemma_exc", {})
        for pos in ("verb", "noun"):
            for form, form_lemmas in exceptions.get(pos, {}).items():
                if any(normalise(lemma) in wanted for lemma in form_lemmas):
                    forms.add(normalise(form))
    return frozenset(forms)


class NewsTriage:
    """A tokenizer that returns only the sentences of a text that can carry news."""

    def __init__(self, tokenizer: Tokenizer, cues: frozenset[str]) -> None:
        self.tokenizer = tokenizer
        self.cues = cues
        self._splitter = Sentencizer()

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        sentences = list(self.sentences(doc))
        kept = [span for index, span in enumerate(sentences) if self._keeps(index, span)]
        if len(kept) == len(sentences):
            return doc
        tokens = [token for span in kept for token in span]
        return Doc(
            doc.vocab,
            words=[token.text for token in tokens],
            spaces=[bool(token.whitespace_) for token in tokens],
        )

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def sentences(self, doc: Doc) -> Iterator[Span]:
        """The rule splitter's sentences, as spans; a line break also ends one (wire
        paragraphs), and white space stays with the sentence before it. The Doc itself is
        left unmarked, so the parser finds its own boundaries."""
        [starts] = self._splitter.predict([doc])
        start = 0
        for token in doc[1:]:
            after_break = doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text
            if not token.is_space and (starts[token.i] or after_break):
                yield doc[start : token.i]
                start = token.i
        if len(doc):
            yield doc[start:]

    def _keeps(self, index: int, sentence: Span) -> bool:
        if index < LEDE_SENTENCES:
            return True
        return any(
            token.text in QUOTE_MARKS or normalise(token.lower_) in self.cues for token in sentence
        )


def add_triage(nlp: Language) -> None:
    """Put `NewsTriage` in front of the pipeline: it wraps the tokenizer the pipeline has."""
    nlp.tokenizer = NewsTriage(nlp.tokenizer, cue_forms(nlp, cue_lemmas()))
