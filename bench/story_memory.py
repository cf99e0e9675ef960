"""Stories held, stored state JSON and process RSS while a long stream is tracked: bounded?

python bench/story_memory.py                    # 5,000 articles, 1,000 stories, idle 0.5 days
python bench/story_memory.py --idle-days 100    # contrast: nothing goes idle, held stories grow

The analyses are synthetic, built by hand as tests/unit/analyses.py builds them, without spaCy:
what is measured is the story state, not extraction (bench/analyze_throughput.py times that),
and 5,000 articles take seconds. They go through `InMemoryTracker`, which calls the assignment
and tracking steps the worker's agents call, with the idle expiry and sweep of the settings
(idle time shortened).

Each story has its own invented cast (two people, a place, an organisation) plus one shared
region from a small pool, and 5 reports: a few events whose statuses move on, one or two
distinct quotes, a tone, a unique text. Story i starts i hours into the stream and its reports
come 3 hours apart, so about a dozen stories are in progress at any time and each goes idle
one idle time after its last report: held stories should level off, not grow with the stream.
Idle stories are dropped once per sweep, so the count held is a sawtooth: `held` is right after
a checkpoint's article, `most` the most held since the previous checkpoint. Checkpoints after
the last story has opened are marked `draining` and left out of the summary. Prints figures;
it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.schemas import Analysis, Entity, Event, ScoredSentence, Statement  # noqa: E402
from service.settings import current_settings  # noqa: E402
from service.stories.copies import fingerprint  # noqa: E402
from service.stories.desk import DeskReport, StoryDesk  # noqa: E402
from service.stories.developments import STORY_NEW, TrackingRules  # noqa: E402

STREAM_START = datetime(2025, 7, 1, tzinfo=UTC)
STORY_EVERY = timedelta(hours=1)
#: Between a story's reports; shorter when the idle time is, so no story goes idle mid-way.
REPORT_GAP = timedelta(hours=3)
#: Of the idle time: the longest gap between a story's reports.
MOST_GAP_OF_IDLE = 0.25
CHECKPOINTS = 10
#: Checkpoints the summary compares to say whether the figures levelled off.
TAIL = 3

SYLLABLES = ("ka", "lo", "mer", "vi", "dan", "so", "rel", "ta", "bri", "gon", "ul", "ne", "sha")
SHARED_REGIONS = ("Varnia", "Ostrel", "Kessaly", "Dunmark", "Pellor", "Threnn")
OUTLETS = ("Example Wire", "Northern Post", "Daily Ledger", "Harbour Times", "Meridian News")
#: Event type, its noun, and its statuses over the story's reports (None: not reported).
EVENT_LIVES = (
    ("MEETING", "meeting", ("expected", "planned", "planned", "ongoing", "occurred")),
    ("NEGOTIATION", "talks", ("proposed", "ongoing", "ongoing", "stalled", "failed")),
    ("CEASEFIRE", "ceasefire", (None, None, "proposed", "ongoing", "occurred")),
    ("SANCTION", "sanctions", ("planned", "planned", "occurred", "occurred", "occurred")),
    ("HUMANITARIAN", "aid convoy", (None, "planned", "ongoing", "stalled", "occurred")),
    ("ATTACK", "strike", (None, None, "occurred", "denied", "denied")),
)
STATUS_PHRASES = {
    "expected": "is expected",
    "proposed": "was proposed",
    "planned": "is planned",
    "ongoing": "is under way",
    "stalled": "has stalled",
    "occurred": "took place",
    "failed": "collapsed",
    "cancelled": "was called off",
    "denied": "was denied",
}
QUOTES = (
    "We came here to talk and will not leave without an answer from {org}",
    "Nobody in {place} should wait another week for water and medicine",
    "The proposal on the table is serious but its details still matter",
    "Our forces will respond to any violation by {org} at once",
    "There is no deal until every family is home and every road open",
    "History will judge those who walked away from these negotiations",
    "We have asked for guarantees and expect them in writing by Friday",
    "Today the first convoys crossed into {place} and the shelling stopped",
    "This is a bad day for everyone who believed in the process",
    "We are ready to sign as soon as the other side is ready too",
)
#: A status the extractor is sure of: tracking ignores guessed ones (low confidence).
EVENT_CONFIDENCE = 0.9
#: Article tone of each report: the fourth swings against the story's baseline.
TONES = (0.1, 0.05, -0.1, -0.7, 0.2)


@dataclass(frozen=True)
class Cast:
    """A story's invented names: nobody else's story mentions them."""

    people: tuple[str, str]
    place: str
    org: str
    region: str


def invented(index: int) -> str:
    """A pronounceable name of two syllables or more, a different one for every `index`."""
    # `index` written in bijective base len(SYLLABLES), one syllable a digit, past the
    # one-syllable numbers.
    number, parts = index + len(SYLLABLES) + 1, []
    while number:
        number, digit = divmod(number - 1, len(SYLLABLES))
        parts.append(SYLLABLES[digit])
    return "".join(parts).capitalize()


def cast_of(story: int) -> Cast:
    stem = invented(story)
    return Cast(
        people=(f"Ari {stem}ov", f"Mira {stem}ane"),
        place=f"{stem}burg",
        org=f"{stem} Front",
        region=SHARED_REGIONS[story % len(SHARED_REGIONS)],
    )


def report(story: int, number: int, published_at: datetime) -> Analysis:
    """Report `number` of `story`: its events, statements, tone and a text of its own."""
    cast = cast_of(story)
    first, second = cast.people
    article_id = f"s{story:05d}-r{number}"
    outlet = OUTLETS[(story + number) % len(OUTLETS)]
    lives = [EVENT_LIVES[(story + k) % len(EVENT_LIVES)] for k in range(3)]
    events = []
    for kind, noun, statuses in lives:
        status = statuses[number % len(statuses)]
        if status is None:
            continue
        sentence = (
            f"The {noun} between {first} and {cast.org} {STATUS_PHRASES[status]} "
            f"in {cast.place}, {outlet} reported."
        )
        events.append(
            Event(
                type=kind,
                status=status,
                trigger=noun,
                sentence=sentence,
                actors=[first, cast.org],
                location=cast.place,
                confidence=EVENT_CONFIDENCE,
            )
        )
    statements = []
    for speaker_index in range(1 + number % 2):
        speaker = cast.people[speaker_index]
        quote = QUOTES[(2 * number + speaker_index) % len(QUOTES)].format(
            org=cast.org, place=cast.place
        )
        statements.append(
            Statement(
                speaker=speaker,
                text=quote,
                sentence=f'"{quote}," {speaker} said in {cast.region}.',
                principal=True,
                quoted=True,
                sentiment=TONES[number % len(TONES)],
            )
        )
    tone = TONES[number % len(TONES)]
    sentences = [e.sentence for e in events] + [s.sentence for s in statements]
    text = " ".join([*sentences, f"Filed by {outlet} as {article_id} on day {number}."])
    return Analysis(
        article_id=article_id,
        published_at=published_at,
        lead=sentences[0],
        title=f"Crisis in {cast.place}",
        source=outlet,
        url=f"https://example.org/{article_id}",
        text_sha256=f"sha-{article_id}",
        fingerprint=fingerprint(text),
        terms={
            f"n:{first}": 2.1,
            f"n:{second}": 1.0,
            f"n:{cast.place}": 3.2,
            f"n:{cast.org}": 1.7,
            f"n:{cast.region}": 1.0,
            "w:crisis": 1.5,
        },
        entities=[
            Entity(text=first, label="PERSON", canonical=first, mentions=3),
            Entity(text=second, label="PERSON", canonical=second, mentions=1 + number % 2),
            Entity(text=cast.place, label="GPE", canonical=cast.place, mentions=2),
            Entity(text=cast.org, label="ORG", canonical=cast.org, mentions=2),
            Entity(text=cast.region, label="GPE", canonical=cast.region),
        ],
        events=events,
        statements=statements,
        sentiment=tone,
        sentences=[ScoredSentence(text=s, sentiment=tone) for s in sentences],
    )


def schedule(articles: int, stories: int, idle_days: float) -> list[tuple[datetime, int, int]]:
    """(published_at, story, report number) of `articles` reports, in publication order."""
    per_story = -(-articles // stories)
    gap = min(REPORT_GAP, timedelta(days=idle_days) * MOST_GAP_OF_IDLE)
    return sorted(
        (STREAM_START + story * STORY_EVERY + number * gap, story, number)
        for story in range(stories)
        for number in range(per_story)
    )[:articles]


def stream(planned: list[tuple[datetime, int, int]]) -> Iterator[Analysis]:
    """The planned reports, each built only when it is fed, so the input holds no memory."""
    for published_at, story, number in planned:
        yield report(story, number, published_at)


def rss() -> tuple[int | None, int]:
    """Resident set size now and at its highest, in bytes.

    Both from /proc/self/status on Linux, so they are counted alike; elsewhere the current
    size is unknown and the peak comes from getrusage.
    """
    try:
        lines = Path("/proc/self/status").read_text().splitlines()
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return None, peak if sys.platform == "darwin" else peak * 1024
    sizes = {
        k: int(v.split()[0]) * 1024
        for k, v in (line.split(":", 1) for line in lines)
        if k in ("VmRSS", "VmHWM")
    }
    return sizes["VmRSS"], sizes["VmHWM"]


def mib(size: float | None) -> str:
    return "n/a" if size is None else f"{size / 2**20:.1f}"


def json_bytes(values: list[dict[str, object]]) -> int:
    return sum(len(json.dumps(value)) for value in values)


def spread(label: str, figures: Sequence[float], unit: str = "", scale: float = 1) -> str:
    """`label low..high (spread high - low)`, whole numbers when nothing is scaled."""
    low, high = min(figures) / scale, max(figures) / scale
    places = 0 if scale == 1 else 1
    return (
        f"{label} {low:.{places}f}..{high:.{places}f}{unit} (spread {high - low:.{places}f}{unit})"
    )


def positive(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text} is not above 0; give a positive number of days.")
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--idle-days", type=positive, default=0.5, help="story idle expiry")
    arguments = parser.parse_args()
    if arguments.articles < 1 or arguments.stories < 1:
        parser.error("--articles and --stories must be at least 1.")
    settings = current_settings().model_copy(update={"story_idle_days": arguments.idle_days})
    rules = TrackingRules.from_settings(settings)
    cards: dict[str, Any] = {}
    stories: dict[str, Any] = {}
    desk = StoryDesk(cards, stories, {}, settings)
    planned = schedule(arguments.articles, arguments.stories, rules.idle_days)
    # From this article on no story opens, so the stories held fall as the last ones go idle.
    last_opening = max(fed for fed, (_, _, number) in enumerate(planned, 1) if number == 0)
    every = max(1, len(planned) // CHECKPOINTS)
    print(
        f"{len(planned)} articles over {len({story for _, story, _ in planned})} stories, "
        f"idle expiry {rules.idle_days} days, sweep every {settings.expiry_sweep_days} "
        f"days of stream time; RSS before tracking {mib(rss()[0])} MiB"
    )
    print(
        f"{'articles':>8} {'held':>5} {'most':>5} {'cards':>5} {'state KiB':>9} "
        f"{'cards KiB':>9} {'RSS MiB':>7} {'peak MiB':>8}"
    )
    kinds: Counter[str] = Counter()
    new_story_ids: set[str] = set()
    steady: list[tuple[int, int, int, int | None]] = []
    most_held = 0
    started = time.perf_counter()
    for fed, analysis in enumerate(stream(planned), start=1):
        report = desk.take(analysis, datetime.now(UTC))
        if isinstance(report, DeskReport):
            desk.keep(report)
        for alert in report.alerts if isinstance(report, DeskReport) else []:
            kinds[alert["type"]] += 1
            if alert["type"] == STORY_NEW:
                new_story_ids.add(alert["data"]["story"]["id"])
        most_held = max(most_held, len(stories))
        if fed % every and fed != len(planned):
            continue
        state_bytes = json_bytes(list(stories.values()))
        card_bytes = json_bytes(list(cards.values()))
        now, peak = rss()
        print(
            f"{fed:>8} {len(stories):>5} {most_held:>5} {len(cards):>5} "
            f"{state_bytes / 1024:>9.1f} {card_bytes / 1024:>9.1f} {mib(now):>7} "
            f"{mib(peak):>8}" + ("  draining" if fed > last_opening else "")
        )
        if fed <= last_opening:
            steady.append((len(stories), most_held, state_bytes, now))
        most_held = 0
    elapsed = time.perf_counter() - started
    print(f"{elapsed:.1f} s; alerts: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))
    print(f"story.new raised for {len(new_story_ids)} distinct story ids")
    tail = steady[-TAIL:]
    if not tail:
        print("no checkpoint before the last story opened: too few articles to compare")
        return
    figures = [
        spread("stories held", [held for held, _, _, _ in tail]),
        spread("most held", [most for _, most, _, _ in tail]),
        spread("state", [size for _, _, size, _ in tail], " KiB", 1024),
    ]
    sizes = [now for _, _, _, now in tail if now is not None]
    if sizes:
        figures.append(spread("RSS", sizes, " MiB", 2**20))
    print(f"last {len(tail)} steady checkpoints: " + "; ".join(figures))


if __name__ == "__main__":
    main()
