"""The one spaCy pipeline storywatch analyses with: the model plus storywatch's components.

    tokenizer (+ hyphenated trigger words kept whole: "cease-fire")
    [triage: only the sentences that can carry news go on; service.nlp.triage]
    tok2vec, tagger
    storywatch_paragraphs   a line break starts a sentence; a closing quote stays with its own
    parser, attribute_ruler (the model's rules, matched once per kind of token;
                            service.nlp.attribute_rules), lemmatizer, ner
    storywatch_names        canonical names             -> doc._.names
    storywatch_sentiment    a score per sentence        -> doc._.sentence_scores
    storywatch_statements   quotes and reported speech  -> doc._.statements
    storywatch_events       events with status          -> doc._.events

Model components the analysis does not read are disabled (in en_core_web_sm that is `senter`:
the parser already splits sentences).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

# Importing the modules registers their components with spaCy.
from service.nlp import events, names, sentiment, statements  # noqa: F401
from service.nlp.attribute_rules import cache_attribute_rules
from service.nlp.lexicon import trigger_tables
from service.nlp.model import load_pipeline
from service.nlp.triage import add_triage

#: Model components the analysis reads; any other component of the model is disabled.
USED_MODEL_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
STORYWATCH_COMPONENTS = (
    "storywatch_names",
    "storywatch_sentiment",
    "storywatch_statements",
    "storywatch_events",
)


def build_pipeline(model: str, triage: bool = False) -> Language:
    """Load `model` (see `service.nlp.model`) and add storywatch's components to it; with
    `triage`, only the sentences that can carry news are parsed (`service.nlp.triage`)."""
    nlp = load_pipeline(model)
    missing = [name for name in USED_MODEL_COMPONENTS if name not in nlp.component_names]
    if missing:
        raise ValueError(f"spaCy model {model!r} lacks the components {', '.join(missing)}")
    for name in nlp.pipe_names:
        if name not in USED_MODEL_COMPONENTS:
            nlp.disable_pipe(name)
    cache_attribute_rules(nlp)
    _keep_hyphenated_words_whole(nlp)
    nlp.add_pipe("storywatch_paragraphs", before="parser")
    for name in STORYWATCH_COMPONENTS:
        nlp.add_pipe(name)
    if triage:
        add_triage(nlp)
    return nlp


def _keep_hyphenated_words_whole(nlp: Language) -> None:
    """'cease-fire' stays one token, so the tagger and the trigger list see one noun."""
    tokenizer: Tokenizer = nlp.tokenizer
    for word in trigger_tables().hyphenated:
        for form in (word, word.capitalize(), word + "s", word.capitalize() + "s"):
            tokenizer.add_special_case(form, [{ORTH: form}])


@Language.component("storywatch_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A token after a line break starts a sentence; a quote mark before the break does not.

    Wire copy puts each paragraph on its own line, and the parser alone tends to hang a
    paragraph's closing quotation mark on the next paragraph's first sentence.
    """
    for token in doc[1:]:
        if not (token.is_space and "\n" in token.text):
            continue
        if token.i + 1 < len(doc):
            doc[token.i + 1].is_sent_start = True
        token.is_sent_start = False
        if token.i > 1 and doc[token.i - 1].is_punct:
            doc[token.i - 1].is_sent_start = False
    return doc
