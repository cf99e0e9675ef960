"""The model's attribute rules, matched once per kind of token instead of once per token.

spaCy's `AttributeRuler` runs every one of its patterns (179 in en_core_web_sm: the tag map and
the exceptions for "'s", "n't", "gonna"...) at every token, and that search is about a tenth of
an article's parse. Almost all those patterns are one token long, and whether a one-token
pattern matches depends only on the values of the attributes the pattern names (TAG, LOWER,
DEP...). So `CachedAttributeRules` asks spaCy's own `Matcher` once per distinct combination of
those values, on the first token that has it, and remembers the answer. The same answer says
whether the token can start one of the longer patterns (the first token of each, asked as a
one-token pattern); those go to a `Matcher` of their own at such tokens only. Longer patterns
with an operator ("OP") have no fixed length, and then that `Matcher` runs over the whole Doc.

The result is exactly the model's: the same matches, in the same order, applied by the ruler's
own rules (tests/unit/nlp/test_attribute_rules.py compares every token attribute). A ruler
whose patterns name an attribute a Doc cannot give as an array matches as spaCy's does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs  # what AttributeRuler itself applies with
from spacy.vocab import Vocab

#: Remembered token kinds before the memory starts again: about 25 MB of Python objects.
#: 1,000 BBC articles bring about 52,000 kinds; a long-running worker keeps meeting new words.
MAX_KINDS = 50_000

Match = tuple[int, int, int, int]
Pattern = list[dict[str, Any]]


def cache_attribute_rules(nlp: Language, name: str = "attribute_ruler") -> None:
    """Put a `CachedAttributeRuler` with the same patterns in place of the pipeline's ruler."""
    model_ruler = nlp.get_pipe(name)
    if isinstance(model_ruler, CachedAttributeRuler) or not isinstance(model_ruler, AttributeRuler):
        return
    ruler = nlp.replace_pipe(name, "storywatch_attribute_ruler")
    assert isinstance(ruler, CachedAttributeRuler)
    ruler.add_patterns(model_ruler.patterns)


@Language.factory("storywatch_attribute_ruler")
def make_cached_attribute_ruler(nlp: Language, name: str) -> CachedAttributeRuler:
    return CachedAttributeRuler(nlp.vocab, name)


class CachedAttributeRuler(AttributeRuler):
    """spaCy's `AttributeRuler`, with the same patterns and exactly the same result, faster.

    The matches come from a `CachedAttributeRules` built on the first Doc (and built again
    after a pattern is added). They are applied as `AttributeRuler.set_annotations` applies
    them, in the same order, without a Span per match.
    """

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler") -> None:
        super().__init__(vocab, name)
        self._cached: CachedAttributeRules | None = None
        self._built = False

    def add(
        self, patterns: Iterable[list[dict[int | str, Any]]], attrs: dict[str, Any], index: int = 0
    ) -> None:
        super().add(patterns, attrs, index)
        self._built = False

    def clear(self) -> None:
        super().clear()
        self._built = False

    def match(self, doc: Doc) -> list[Match]:
        if not self._built:
            self._cached, self._built = CachedAttributeRules.of(self), True
        if self._cached is None:
            return super().match(doc)
        return self._cached.match(doc)

    def set_annotations(self, doc: Doc, matches: list[Match]) -> None:
        for rule, _, start, end in matches:
            index = self.indices[rule]
            at = start + index if index >= 0 else end + index
            if not start <= at < end:
                super().set_annotations(doc, matches)  # raises the ruler's own error
                return
            set_token_attrs(doc[at], self.attrs[rule])


@dataclass(frozen=True, slots=True)
class TokenKind:
    """What the rules say of every token with one combination of the attribute values."""

    rules: tuple[tuple[int, int], ...]  # the one-token rules that match it: (rule, match id)
    starts_longer: bool  # whether it matches the first token of a longer rule


class CachedAttributeRules:
    """The matches of an `AttributeRuler`, as `AttributeRuler.match` returns them."""

    def __init__(self, ruler: AttributeRuler, keys: list[str], longest: int | None) -> None:
        self.ruler = ruler
        vocab = ruler.vocab
        self.single, self.starters, self.longer = Matcher(vocab), Matcher(vocab), Matcher(vocab)
        self.key_attrs = [IDS[key] for key in keys]
        #: The length of the longest rule when every rule has a fixed length, else None.
        self.longest = longest
        self.kinds: dict[tuple[int, ...], TokenKind] = {}

    @classmethod
    def of(cls, ruler: AttributeRuler) -> CachedAttributeRules | None:
        """The cached form of `ruler`, or None when a pattern's first token names an
        attribute that `Doc.to_array` cannot read."""
        rules = [_rule_patterns(ruler, rule) for rule in range(len(ruler.attrs))]
        longer = [pattern for _, _, rest in rules for pattern in rest]
        fixed = not any("OP" in token for pattern in longer for token in pattern)
        keys = {name for _, one, _ in rules for pattern in one for name in pattern[0]}
        if fixed:
            keys |= {name for pattern in longer for name in pattern[0]}
        if not keys <= IDS.keys():
            return None
        cached = cls(ruler, sorted(keys), max(map(len, longer), default=1) if fixed else None)
        for match_id, one_token, rest in rules:
            if one_token:
                cached.single.add(match_id, one_token)
            if rest:
                cached.longer.add(match_id, rest)
                if fixed:
                    cached.starters.add(match_id, [pattern[:1] for pattern in rest])
        return cached

    def match(self, doc: Doc) -> list[Match]:
        """`AttributeRuler.match(doc)`: (rule, match id, start, end), sorted."""
        matches: list[Match] = []
        starts: list[int] = []
        for start, key in enumerate(self._keys(doc)):
            kind = self.kinds.get(key) or self._learn(doc, start, key)
            matches += [(rule, match_id, start, start + 1) for rule, match_id in kind.rules]
            if kind.starts_longer:
                starts.append(start)
        strings = self.ruler.vocab.strings
        matches += [
            (int(strings[match_id]), match_id, start, end)
            for match_id, start, end in self._longer_matches(doc, starts)
        ]
        matches.sort()
        return matches

    def _keys(self, doc: Doc) -> list[tuple[int, ...]]:
        if not self.key_attrs or len(doc) == 0:
            return [()] * len(doc)
        values: Any = doc.to_array(self.key_attrs)
        return list(map(tuple, numpy.asarray(values).reshape(len(doc), -1).tolist()))

    def _learn(self, doc: Doc, start: int, key: tuple[int, ...]) -> TokenKind:
        """Ask spaCy's Matcher about the token at `start` and remember the answer for `key`."""
        token = doc[start : start + 1]
        strings = self.ruler.vocab.strings
        found = sorted(
            (int(strings[match_id]), match_id)
            for match_id, _, _ in self.single(token, allow_missing=True)
        )
        starts_longer = len(self.starters) > 0 and bool(self.starters(token, allow_missing=True))
        kind = TokenKind(tuple(found), starts_longer or self.longest is None)
        if len(self.kinds) >= MAX_KINDS:
            self.kinds.clear()
        self.kinds[key] = kind
        return kind

    def _longer_matches(self, doc: Doc, starts: list[int]) -> list[tuple[int, int, int]]:
        """The longer rules' matches; each fixed-length rule is tried only where it can start."""
        if self.longest is None:
            return list(self.longer(doc, allow_missing=True))
        found = []
        for start in starts:
            window = doc[start : start + self.longest]
            found += [
                (match_id, start, start + end)
                for match_id, begin, end in self.longer(window, allow_missing=True)
                if begin == 0
            ]
        return found


def _rule_patterns(ruler: AttributeRuler, rule: int) -> tuple[int, list[Pattern], list[Pattern]]:
    """A rule's match id, its one-token patterns, and the rest."""
    match_id = ruler.vocab.strings[str(rule)]
    _, patterns = ruler.matcher.get(match_id)
    # A one-token pattern assigns to its token only if the rule's index is 0 or -1; any other
    # index is left to the longer-pattern Matcher, where the ruler raises its own error.
    if ruler.indices[rule] in (0, -1):
        one_token = [pattern for pattern in patterns if _is_one_token(pattern)]
    else:
        one_token = []
    return match_id, one_token, [pattern for pattern in patterns if pattern not in one_token]


def _is_one_token(pattern: Pattern) -> bool:
    """A pattern that always spans exactly one token (no operator can stretch or skip it)."""
    return len(pattern) == 1 and "OP" not in pattern[0]
