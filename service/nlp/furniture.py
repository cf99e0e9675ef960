"""Page furniture out of an article before analysis: credits, bylines, newsletter boxes.

Scraped pages and feeds carry text that is about the page, not the news: photo credits
("Photo: Jane Doe/Agency"), bylines, "Updated 10:52", "Sign up to our newsletter", cookie
and share prompts, "Read more". Parsed as news, a credit becomes a name ("Agency" an actor),
a newsletter box an event. Removing it before parsing means it becomes neither a name nor a
word of the story. The shapes live in `data/furniture.json`; none names an outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from service.nlp.lexicon import read_data

#: A line longer than this is prose: line rules only drop lines up to this many characters,
#: so a long paragraph that merely mentions "newsletter" is never lost.
MAX_FURNITURE_LINE = 240


@dataclass(frozen=True)
class FurnitureRules:
    """Compiled line rules (drop the line) and inline rules (drop the match)."""

    lines: tuple[re.Pattern[str], ...]
    inline: tuple[re.Pattern[str], ...]


@cache
def furniture_rules() -> FurnitureRules:
    """The rules of `data/furniture.json`, compiled once per process."""
    document = read_data("furniture.json")
    return FurnitureRules(
        lines=tuple(re.compile(p, re.IGNORECASE) for p in document["lines"]),
        inline=tuple(re.compile(p, re.IGNORECASE) for p in document["inline"]),
    )


def is_furniture(line: str, rules: FurnitureRules | None = None) -> bool:
    """True if the whole line is page furniture."""
    rules = rules or furniture_rules()
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_FURNITURE_LINE:
        return False
    return any(pattern.search(stripped) for pattern in rules.lines)


def without_furniture(text: str) -> str:
    """The text with furniture lines dropped and inline furniture cut; line breaks kept.

    The result is empty only if every line was furniture; callers that need text fall back
    to the original then (an article that is all furniture is still an article).
    """
    rules = furniture_rules()
    kept = []
    for line in text.split("\n"):
        if is_furniture(line, rules):
            continue
        for pattern in rules.inline:
            line = pattern.sub("", line)
        kept.append(line.rstrip())
    return "\n".join(kept).strip()
