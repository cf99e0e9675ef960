"""How urgent a development is: the first matching rule of `data/severity.json`.

A ceasefire agreed or collapsed, hostages freed and an attack with deaths are `high`; other
things that happened or fell through are `medium`; plans, expectations and statements are
`low`; a new story is `info` until its developments say more.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

SEVERITIES = ("info", "low", "medium", "high")


@dataclass(frozen=True)
class SeverityRule:
    """One row of the table; an empty tuple means "any"."""

    severity: str
    kinds: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    deaths: bool = False


@dataclass(frozen=True)
class SeverityTable:
    rules: tuple[SeverityRule, ...]
    death_words: frozenset[str]


@lru_cache(maxsize=1)
def severity_table() -> SeverityTable:
    """The rules shipped in `service/stories/data/severity.json`, read once."""
    text = resources.files("service.stories").joinpath("data/severity.json").read_text()
    raw: dict[str, Any] = json.loads(text)
    rules = tuple(
        SeverityRule(
            severity=row["severity"],
            kinds=tuple(row.get("kinds", ())),
            types=tuple(row.get("types", ())),
            statuses=tuple(row.get("statuses", ())),
            deaths=bool(row.get("deaths", False)),
        )
        for row in raw["rules"]
    )
    for rule in rules:
        if rule.severity not in SEVERITIES:
            raise ValueError(f"severity.json: unknown severity {rule.severity!r}")
    return SeverityTable(rules, frozenset(raw["death_words"]))


def severity_of(kind: str, event_type: str | None, status: str | None, sentence: str) -> str:
    """The severity of a development of `kind` about an event (or none) shown by `sentence`."""
    table = severity_table()
    words = set(re.findall(r"[a-z]+", sentence.lower()))
    for rule in table.rules:
        if rule.kinds and kind not in rule.kinds:
            continue
        if rule.types and event_type not in rule.types:
            continue
        if rule.statuses and status not in rule.statuses:
            continue
        if rule.deaths and not words & table.death_words:
            continue
        return rule.severity
    return "low"
