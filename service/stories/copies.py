"""Near-duplicate articles: MinHash fingerprints of word shingles (datasketch).

A syndicated copy under another headline, a re-publication with a new first line, or a wire
story trimmed by one outlet share most of their three-word shingles; a paraphrase by another
outlet shares few. The fingerprint estimates the Jaccard similarity of two articles' shingle
sets from 64 numbers each, so a story can hold the fingerprints of its recent reports at a
fixed cost and compare a new report with all of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from datasketch import MinHash

SHINGLE_WORDS = 3
FINGERPRINT_SIZE = 64
#: Fixed, so fingerprints computed by any worker, in any process, compare (datasketch 2.x
#: hashes; pinned in pyproject.toml because 1.x hashed differently).
FINGERPRINT_SEED = 20250701
_WORD = re.compile(r"[^\W_]+")


def shingles(text: str) -> set[bytes]:
    """The article's overlapping three-word sequences, lower-cased, punctuation dropped."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode()
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def fingerprint(text: str) -> list[int]:
    """The MinHash of the text's shingles, as plain ints for JSON."""
    sketch = MinHash(num_perm=FINGERPRINT_SIZE, seed=FINGERPRINT_SEED)
    sketch.update_batch(list(shingles(text)))
    return [int(value) for value in sketch.hashvalues]


def similarity(one: Sequence[int], other: Sequence[int]) -> float:
    """Estimated Jaccard similarity of two fingerprints' shingle sets, 0..1."""
    if len(one) != len(other) or not one:
        return 0.0
    return float(np.count_nonzero(np.asarray(one) == np.asarray(other))) / len(one)
