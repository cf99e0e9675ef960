"""Property: whatever bytes arrive, decoding returns an Article or a Rejection and never raises."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from service.ingest import Rejection, decode_article
from service.schemas import Article

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
article_like = st.fixed_dictionaries(
    {},
    optional={
        "id": st.text(max_size=300) | json_values,
        "published_at": st.sampled_from(["2025-07-01T06:00:00Z", "2025-07-01", ""]) | json_values,
        "text": st.text(max_size=50) | json_values,
        "language": st.sampled_from(["en", "EN", "en-US", "fr", ""]) | json_values,
        "title": st.text(max_size=20) | json_values,
    },
)


@given(st.binary(max_size=2_000))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    assert isinstance(decode_article(raw), Article | Rejection)


@settings(max_examples=300)
@given(st.one_of(json_values, article_like))
def test_arbitrary_json_never_raises(document: object) -> None:
    decoded = decode_article(json.dumps(document).encode())
    assert isinstance(decoded, Article | Rejection)
    if isinstance(decoded, Rejection):
        assert decoded.kind and decoded.detail
        assert decoded.headers()["error.kind"] == decoded.kind.encode()
