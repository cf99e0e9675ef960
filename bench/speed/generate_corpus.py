"""A generated news corpus for the speed benchmark that anyone can rebuild: no real text.

    python bench/speed/generate_corpus.py /work/speed-data/generated.jsonl [--count 2000]

Each article is 300 to 1,000 words of news-shaped sentences (meetings, strikes, talks,
statements with quotes, figures, background) about made-up people, places and bodies, so the
parser, the entity recogniser and storywatch's rules have the work real news gives them.
The same seed gives the same corpus, byte for byte.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.realnews.article_records import ArticleRecord, make_record, write_jsonl  # noqa: E402

FIRST = [
    "Anna",
    "Marek",
    "Leila",
    "Tomas",
    "Ines",
    "David",
    "Sofia",
    "Karim",
    "Elena",
    "Jonas",
    "Priya",
    "Omar",
    "Clara",
    "Viktor",
    "Hana",
    "Samuel",
    "Noor",
    "Pavel",
    "Rosa",
    "Idris",
]
LAST = [
    "Halvorsen",
    "Okafor",
    "Brandt",
    "Castellan",
    "Dragomir",
    "Ferreira",
    "Gallo",
    "Hartono",
    "Ibarra",
    "Jansen",
    "Kovalenko",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Ostrowski",
    "Petrakis",
    "Quiroga",
    "Rahimi",
    "Sorensen",
    "Takahashi",
]
COUNTRIES = [
    "Korvath",
    "Elbonia",
    "Marendia",
    "Ostrava Republic",
    "Tessaly",
    "Varnland",
    "Quessia",
    "Drovnia",
    "Sabaria",
    "Lureth",
]
CITIES = [
    "Halden",
    "Port Ardis",
    "Velmora",
    "Karsk",
    "Ombria",
    "Trevane",
    "Sulmar",
    "Dunhollow",
    "Brisca",
    "Lorwick",
]
BODIES = [
    "the Northern Trade Council",
    "the Maritime Union",
    "the Regional Security Forum",
    "the Grain Exporters Association",
    "the Federal Audit Office",
    "the Coastal Alliance",
    "the National Rail Company",
    "the Central Bank of {c}",
    "the Ministry of Energy of {c}",
]
ROLES = [
    "foreign minister",
    "prime minister",
    "president",
    "defence minister",
    "union leader",
    "central bank governor",
    "spokesperson",
    "chief negotiator",
    "mayor",
    "trade envoy",
]
TOPICS = [
    "a ceasefire",
    "a trade agreement",
    "grain exports",
    "energy prices",
    "a border dispute",
    "port fees",
    "a prisoner exchange",
    "fishing rights",
    "a rail strike",
    "new sanctions",
]
DAYS = [
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "last week",
    "next month",
    "on Saturday",
    "earlier this year",
    "in March",
]

SENTENCES = [
    "{P}, the {role} of {C}, will meet {Q} in {city} {day} to discuss {topic}.",
    "Talks between {C} and {D} on {topic} resumed in {city} {day}, officials said.",
    "\u201cWe will not accept any deal that ignores our people,\u201d {P} told reporters"
    " in {city}.",
    "{B} said it had suspended {topic} talks after {n} days without progress.",
    "Workers at {B} went on strike {day}, halting services in {city} and {city2}.",
    "At least {n} people were killed when a bridge collapsed near {city}, local police said.",
    "{C} imposed sanctions on {n} companies linked to {D} {day}.",
    "The ceasefire agreed {day} collapsed after fighting broke out again near {city}.",
    "{P} said {C} was ready to sign {topic} if {D} withdrew its troops from {city}.",
    "Prices rose by {n} percent in {city} {day}, the highest increase in a decade.",
    "The summit planned in {city} {day} was cancelled, a spokesperson for {P} confirmed.",
    "{Q}, who has led the negotiations since {year}, is expected to travel to {city} {day}.",
    "Officials in {C} announced a {n}-point plan to cut energy use by the end of the year.",
    "Protesters gathered outside the parliament in {city} {day}, demanding new elections.",
    "Analysts said the agreement could unlock about {n} million dollars in frozen trade.",
    "{B} denied reports that it had paid {n} million dollars to settle the dispute.",
    "The court in {city} ruled {day} that the {topic} deal was lawful.",
    "{P} and {Q} signed the agreement at a ceremony in {city} {day}.",
    "Rescue teams were still searching for {n} missing fishermen off the coast of {C}.",
    "\u201cThis is a step forward, but much work remains,\u201d said {Q}, the {role2} of {D}.",
    "The vote on {topic} is scheduled for {day}, and {n} members are expected to attend.",
    "Negotiators from {C} walked out of the talks in {city}, accusing {D} of bad faith.",
    "Since {year}, exports from {C} to {D} have fallen by about {n} percent.",
    "{B} said its profits had risen to {n} million dollars in the last quarter.",
]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def sentence(rng: random.Random) -> str:
    country, other = rng.sample(COUNTRIES, 2)
    city, city2 = rng.sample(CITIES, 2)
    return rng.choice(SENTENCES).format(
        P=person(rng),
        Q=person(rng),
        C=country,
        D=other,
        city=city,
        city2=city2,
        B=rng.choice(BODIES).format(c=country),
        role=rng.choice(ROLES),
        role2=rng.choice(ROLES),
        topic=rng.choice(TOPICS),
        day=rng.choice(DAYS),
        n=rng.randint(2, 900),
        year=rng.randint(1995, 2024),
    )


def article(rng: random.Random, number: int, first_time: datetime) -> ArticleRecord:
    """One article of 300 to 1,000 words: paragraphs of one to three sentences."""
    goal = rng.randint(300, 900)  # a paragraph adds at most ~90 words
    paragraphs: list[str] = []
    words = 0
    while words < goal:
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(1, 3)))
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    title = sentence(rng).rstrip(".")
    published = first_time + timedelta(minutes=number)
    return make_record(
        f"gen-{number:05d}",
        published,
        title,
        "\n".join(paragraphs),
        "Generated Wire",
        f"https://example.invalid/generated/{number}",
    )


def generated_records(count: int, seed: int) -> list[ArticleRecord]:
    rng = random.Random(seed)
    first_time = datetime(2026, 1, 1, tzinfo=UTC)
    return [article(rng, number, first_time) for number in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    count = write_jsonl(args.out, generated_records(args.count, args.seed))
    print(f"{count} articles written to {args.out}")


if __name__ == "__main__":
    main()
