"""Story identity: a key derived from the article itself, so tracking partitions by story.

The rule today is deliberately simple: the story is named by its two most mentioned named
entities. Two reports that lead with the same pair join one story, on any worker, with no
global lookup. Its limits (a story whose main actors change splits; unrelated stories with
the same two actors merge) are what the story-tracking issue replaces it for.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from service.schemas import Entity

SIGNATURE_SIZE = 2


def story_signature(entities: Sequence[Entity]) -> tuple[str, ...]:
    """The canonical names that identify the story, in a stable order."""
    ranked = sorted(entities, key=lambda entity: (-entity.mentions, entity.canonical.lower()))
    return tuple(sorted(entity.canonical.lower() for entity in ranked[:SIGNATURE_SIZE]))


def story_id_for(entities: Sequence[Entity], *, fallback: str) -> str:
    """`story-` and 16 hex digits of the signature's hash; `fallback` when nothing is named."""
    signature = story_signature(entities) or (f"article:{fallback}",)
    digest = hashlib.sha256("\x1f".join(signature).encode()).hexdigest()
    return f"story-{digest[:16]}"
