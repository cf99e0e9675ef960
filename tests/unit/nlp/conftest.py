"""One storywatch pipeline (the real en_core_web_sm plus storywatch's components) per session."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from service.nlp.pipeline import build_pipeline

#: Tuesday 1 July 2025, 06:00 UTC: the seed article's publication time.
SEED_PUBLISHED = datetime(2025, 7, 1, 6, tzinfo=UTC)


@pytest.fixture(scope="session")
def nlp() -> Language:
    return build_pipeline("en_core_web_sm")


def parse(nlp: Language, text: str, published: datetime = SEED_PUBLISHED) -> Doc:
    """`text` through the whole pipeline, dated `published`."""
    doc = nlp.make_doc(text)
    doc._.published_at = published
    return nlp(doc)
