"""What a term's document frequency is before the stream has said: a prior from general English.

Story identity weighs terms by their rarity in the stream (`StoryIndex.idf`), learned as
reports arrive. Early in a stream that estimate is noise: after two reports every word is
"rare". The prior is the share of general-English documents expected to carry the term, from
word frequencies of the `wordfreq` package (news, books, subtitles, web text): "people" and
"official" are common, "enrichment" and most names are rare. It counts as `PRIOR_DOCUMENTS`
pseudo-reports, so the stream's own frequencies take over within a few hundred reports.
"""

from __future__ import annotations

import math

from wordfreq import word_frequency

#: Pseudo-reports the prior stands for (the stream's reports outweigh it soon after).
PRIOR_DOCUMENTS = 50.0
#: Words of a typical report's text: turns a per-word frequency into a per-report share.
REPORT_WORDS = 200
LANGUAGE = "en"


#: Terms whose prior is kept; past it the memo starts afresh (names keep coming for ever).
MEMO_SIZE = 500_000
_memo: dict[str, float] = {}


def prior_documents(term: str) -> float:
    """`PRIOR_DOCUMENTS` times the expected share of reports carrying `term` (`w:lemma` or
    `n:Name`): the pseudo-reports the prior adds to its document frequency. Memoised in a
    plain dict: this runs for every term of every report."""
    found = _memo.get(term)
    if found is None:
        if len(_memo) >= MEMO_SIZE:
            _memo.clear()
        frequency = word_frequency(term.split(":", 1)[-1], LANGUAGE)
        found = _memo[term] = PRIOR_DOCUMENTS * (1.0 - math.exp(-frequency * REPORT_WORDS))
    return found
