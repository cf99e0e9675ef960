"""Specification of story tracking: what is new, what is a repeat, and that state stays bounded."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from service.schemas import Entity
from service.stories.developments import (
    EVENT_NEW,
    EVENT_STATUS_CHANGED,
    SENTIMENT_SHIFT,
    STATEMENT_NEW,
    STORY_NEW,
    TrackingRules,
)
from service.stories.state import MAX_ALERT_IDS, MAX_REPORTS, StoryState
from service.stories.tracking import expired, track
from tests.unit.analyses import make_analysis, make_event, make_statement

RULES = TrackingRules()
JULY = [datetime(2025, 7, day, 12, tzinfo=UTC) for day in range(1, 32)]
PLANNED = make_event("MEETING", "planned", when="2025-07-07")
HELD = make_event("MEETING", "occurred", when="2025-07-07")


def story(**first: object) -> StoryState:
    return track(None, make_analysis(**first), RULES).state  # type: ignore[arg-type]


def report(state: StoryState, number: int, **fields: object) -> list[tuple[str, str | None]]:
    """Track report `number` (its own id and text) and list (kind, new status) it raises."""
    defaults: dict[str, object] = {
        "article_id": f"r-{number}",
        "text_sha256": f"t-{number}",
        "published_at": JULY[number],
    }
    tracked = track(state, make_analysis(**{**defaults, **fields}), RULES)  # type: ignore[arg-type]
    return [(d.kind, d.event.status if d.event else None) for d in tracked.developments]


def test_first_report_raises_only_story_new_and_its_events_become_the_state() -> None:
    tracked = track(None, make_analysis(events=[PLANNED]), RULES)
    assert [d.kind for d in tracked.developments] == [STORY_NEW]
    assert [(e.type, e.status) for e in tracked.state.events] == [("MEETING", "planned")]
    assert tracked.state.sources == 1


def test_the_same_article_delivered_again_changes_nothing() -> None:
    state = story(events=[PLANNED])
    before = StoryState.from_json(state.to_json())
    again = track(state, make_analysis(events=[PLANNED]), RULES)
    assert again.copy and again.developments == []
    assert again.state == before


def test_a_near_copy_under_another_id_raises_nothing_and_counts_a_source() -> None:
    text = "Israeli Prime Minister Benjamin Netanyahu met Donald Trump at the White House " * 3
    state = story(text=text, events=[PLANNED])
    copy = track(
        state,
        make_analysis(
            article_id="copy", text_sha256="other", text="UPDATED: " + text, events=[HELD]
        ),
        RULES,
    )
    assert copy.copy and copy.developments == []
    assert copy.state.sources == 2


def test_paraphrased_copy_raises_nothing() -> None:
    state = story(events=[PLANNED])
    assert report(state, 2, events=[make_event("MEETING", "planned")]) == []
    assert state.sources == 2


def test_planned_meeting_that_took_place_changes_status_once() -> None:
    state = story(events=[PLANNED])
    assert report(state, 8, events=[HELD]) == [(EVENT_STATUS_CHANGED, "occurred")]
    assert report(state, 9, events=[HELD]) == []
    assert state.events[0].history[-1][0] == "occurred"


def test_older_report_never_moves_status_backwards() -> None:
    state = story(events=[PLANNED])
    report(state, 8, events=[HELD])
    assert report(state, 5, events=[PLANNED]) == []
    assert state.events[0].status == "occurred"


def test_an_older_report_of_a_later_status_does_not_override_a_newer_one() -> None:
    state = story(published_at=JULY[10], events=[make_event("CEASEFIRE", "failed", [])])
    assert report(state, 5, events=[make_event("CEASEFIRE", "occurred", [])]) == []


def test_an_event_the_story_never_had_is_new_and_a_hope_alone_is_not() -> None:
    state = story(events=[PLANNED])
    released = make_event("HOSTAGE_RELEASE", "occurred", ["Hamas"])
    hoped = make_event("AGREEMENT", "expected", ["Israel"])
    assert report(state, 3, events=[released, hoped]) == [(EVENT_NEW, "occurred")]


def test_a_different_meeting_of_other_people_is_a_new_event() -> None:
    state = story(events=[PLANNED])
    other = make_event("MEETING", "occurred", ["Ron Dermer", "Marco Rubio"])
    assert report(state, 2, events=[other]) == [(EVENT_NEW, "occurred")]


def test_a_guessed_status_neither_joins_nor_moves_the_story() -> None:
    state = story(events=[PLANNED])
    guessed = make_event("MEETING", "occurred", when="2025-07-07", confidence=0.55)
    assert report(state, 2, events=[guessed]) == []
    assert report(state, 3, events=[HELD]) == [(EVENT_STATUS_CHANGED, "occurred")]


def test_an_event_that_joined_silently_is_announced_as_new_when_it_moves() -> None:
    state = story()
    hoped = make_event("CEASEFIRE", "expected", actors=())
    assert report(state, 2, events=[hoped]) == []
    agreed = make_event("CEASEFIRE", "planned", actors=())
    assert report(state, 3, events=[agreed]) == [(EVENT_NEW, "planned")]
    held = make_event("CEASEFIRE", "occurred", actors=())
    assert report(state, 4, events=[held]) == [(EVENT_STATUS_CHANGED, "occurred")]


def test_an_event_first_heard_of_as_called_off_is_not_news() -> None:
    state = story()
    assert report(state, 2, events=[make_event("ATTACK", "cancelled", ["Israel"])]) == []


def test_two_mentions_of_one_new_event_in_a_report_alert_once() -> None:
    state = story()
    first = make_event("MEETING", "occurred", ["Ilse Marrow"], when="2025-07-08")
    again = make_event("MEETING", "occurred", ["Davor Kessik"])
    assert report(state, 2, events=[first, again]) == [(EVENT_NEW, "occurred")]


def test_events_dated_long_before_the_report_are_background() -> None:
    state = story()
    old = make_event("ATTACK", "occurred", ["Hamas"], when="2023-10-07")
    assert report(state, 3, events=[old]) == []


def test_quote_repeated_by_a_second_outlet_raises_no_statement() -> None:
    quote = "We think within the next week we're going to get a ceasefire"
    state = story()
    said = [make_statement("Donald Trump", quote)]
    assert report(state, 2, statements=said) == [(STATEMENT_NEW, "occurred")]
    trimmed = [
        make_statement("Donald Trump", "within the next week we're going to get a ceasefire")
    ]
    assert report(state, 3, statements=trimmed) == []


def test_one_statement_alert_per_speaker_but_every_quote_is_remembered() -> None:
    state = story()
    three = [
        make_statement("Donald Trump", "That's good news for everybody in the region"),
        make_statement("Donald Trump", "We have to get it done this week"),
        make_statement("Benjamin Netanyahu", "We are close to a deal on the hostages"),
    ]
    assert report(state, 2, statements=three) == [(STATEMENT_NEW, "occurred")] * 2
    again = [make_statement("Donald Trump", "We have to get it done this week")]
    assert report(state, 3, statements=again) == []


def test_what_counts_as_a_statement() -> None:
    state = story()
    quoted = '"The talks were serious and constructive," the ministry said.'
    reported = "The ministry said 41 vessels were waiting at anchor off the port."
    statements = [
        make_statement("Oman", "41 vessels were waiting at anchor off the port", reported),
        make_statement("Amal", "For the first time in months we can sleep", quoted, quoted=True),
    ]
    assert report(state, 2, statements=statements, people=("Amal",)) == []
    assert report(
        state,
        3,
        statements=[make_statement("Oman", "serious and constructive talks", quoted, quoted=True)],
        actors=("Oman",),
    ) == [(STATEMENT_NEW, "occurred")]


def test_an_organisation_saying_in_the_lead_what_it_did_makes_a_statement() -> None:
    state = story()
    lead = "Hamas said on Friday it had accepted the ceasefire proposal of Qatar and Egypt."
    own = make_statement("Hamas", "on Friday it had accepted the ceasefire proposal", lead)
    analysis = make_analysis(article_id="r-2", text_sha256="t-2", published_at=JULY[2])
    analysis.sentences[0].text = lead
    analysis.statements = [own]
    tracked = track(state, analysis, RULES)
    assert [d.kind for d in tracked.developments] == [STATEMENT_NEW]


def test_a_speaker_whose_quote_is_repeated_is_covered_again_not_heard_anew() -> None:
    state = story()
    words = "We have informed the mediators that we accept the proposal"
    known = make_statement("Hamas", words, f'"{words}," Hamas said.', quoted=True)
    assert report(state, 2, statements=[known]) == [(STATEMENT_NEW, "occurred")]
    paraphrase = make_statement(
        "Hamas",
        "it accepts the plan of Qatar and Egypt for a truce",
        f'Hamas said: "{words}."',
        quoted=True,
    )
    assert report(state, 3, statements=[paraphrase, known]) == []


def test_an_updated_article_alerts_only_on_what_it_adds_and_is_not_another_source() -> None:
    state = story(article_id="a-1", text_sha256="v1", events=[PLANNED])
    raised = report(state, 8, article_id="a-1", text_sha256="v2", events=[PLANNED, HELD])
    assert raised == [(EVENT_STATUS_CHANGED, "occurred")]
    assert state.sources == 1


def test_a_tone_shift_needs_a_settled_level_and_a_window_of_reports_that_left_it() -> None:
    state = story(sentiment=0.1, events=[PLANNED])
    outlets = ["Wire A", "Wire B"]
    for number in range(2, 7):
        assert report(state, number, sentiment=0.05, source=outlets[number % 2]) == []
    assert report(state, 7, sentiment=-0.6, source="Wire A") == []  # one report: no trend
    for number in (8, 9):
        assert report(state, number, sentiment=-0.55, source=outlets[number % 2]) == []
    assert report(state, 10, sentiment=-0.6, source="Wire B") == []  # nothing happened
    state.tone.last_news = "2025-07-11T00:00:00Z"  # news in the window: the tone is the story's
    assert report(state, 11, sentiment=-0.6, source="Wire A") == [(SENTIMENT_SHIFT, None)]
    assert report(state, 12, sentiment=0.05, source="Wire B") == []  # the new level holds


def test_the_tone_may_turn_with_the_very_report_that_brings_the_news() -> None:
    state = story(sentiment=0.1, events=[PLANNED])
    for number in range(2, 8):
        assert report(state, number, sentiment=0.05, source=f"Wire {number % 2}") == []
    turned = report(state, 8, sentiment=-0.6, source="Wire A", events=[HELD])
    assert turned == [(EVENT_STATUS_CHANGED, "occurred"), (SENTIMENT_SHIFT, None)]


def test_a_story_expires_after_its_idle_time_of_stream_time() -> None:
    state = story(published_at=JULY[1])
    week = replace(RULES, idle_days=7.0)
    assert not expired(state, JULY[7], week)
    assert expired(state, JULY[9], week)


def test_state_survives_a_round_trip_through_json() -> None:
    state = story(events=[PLANNED], statements=[make_statement("Donald Trump", "a b c d e")])
    state.remember_alert("abc")
    assert StoryState.from_json(state.to_json()) == state


def test_state_stored_by_a_newer_version_still_loads() -> None:
    stored = {**story().to_json(), "field_from_the_future": [1]}
    assert StoryState.from_json(stored).story_id == "story-0000000000000001"


def test_story_state_lists_are_capped() -> None:
    state = story()
    for number in range(MAX_REPORTS + 50):
        state = track(
            state, make_analysis(article_id=f"a{number}", text_sha256=f"t{number}"), RULES
        ).state
    for number in range(MAX_ALERT_IDS + 5):
        state.remember_alert(f"alert-{number}")
    assert len(state.reports) == MAX_REPORTS
    assert len(state.alert_ids) == MAX_ALERT_IDS
    assert state.reports[-1][0] == f"a{MAX_REPORTS + 49}"


def test_a_first_report_that_states_no_development_opens_a_quiet_story() -> None:
    quiet = track(None, make_analysis(), RULES)
    assert quiet.developments == [] and not quiet.state.announced
    assert report(quiet.state, 2, events=[HELD]) == [(EVENT_NEW, "occurred")]
    assert quiet.state.announced


def test_a_quiet_story_is_announced_once_enough_outlets_carry_it() -> None:
    state = track(None, make_analysis(source="Wire A"), RULES).state
    three = replace(RULES, story_sources=3)
    kinds = []
    for number, outlet in enumerate(("Wire B", "Wire C", "Wire D"), start=2):
        analysis = make_analysis(
            article_id=f"r-{number}",
            text_sha256=f"t-{number}",
            published_at=JULY[number],
            source=outlet,
        )
        kinds.append([d.kind for d in track(state, analysis, three).developments])
    assert kinds == [[], [STORY_NEW], []]


@pytest.mark.parametrize("genre", ["opinion", "live", "gallery", "explainer"])
def test_a_page_that_is_not_news_counts_a_source_and_raises_nothing(genre: str) -> None:
    state = story(events=[PLANNED])
    assert report(state, 2, events=[HELD], genre=genre) == []
    assert state.sources == 2
    assert report(state, 3, events=[HELD]) == [(EVENT_STATUS_CHANGED, "occurred")]


@pytest.mark.parametrize(
    ("speaker", "label", "words", "alerts"),
    [
        ("Donald Trump", "PERSON", "We will get the hostages home this week", True),
        ("Hamas", "ORG", "We will get the hostages home this week", True),
        ("Strikes", None, "We will get the hostages home this week", False),  # no named entity
        ("Example Wire", "ORG", "We will get the hostages home this week", False),  # the outlet
        ("Jane Reporter", "PERSON", "Jane Reporter reports for the evening news", False),  # credit
    ],
)
def test_only_principals_named_in_the_report_make_statements(
    speaker: str, label: str | None, words: str, alerts: bool
) -> None:
    state = story(events=[PLANNED])
    quoted = f'"{words}," {speaker} said.'
    analysis = make_analysis(
        article_id="r-2",
        text_sha256="t-2",
        published_at=JULY[2],
        statements=[make_statement(speaker, words, quoted, quoted=True)],
    )
    if label is not None:
        analysis.entities.append(Entity(text=speaker, label=label, canonical=speaker))
    kinds = [d.kind for d in track(state, analysis, RULES).developments]
    assert kinds == ([STATEMENT_NEW] if alerts else [])


def test_a_speaker_known_by_one_name_and_new_to_the_story_is_a_witness() -> None:
    state = story(events=[PLANNED])
    words = "I recognised him by his smile, nothing else"
    witness = make_statement("Olena", words, f'"{words}," said Olena.', quoted=True)
    analysis = make_analysis(
        article_id="r-2", text_sha256="t-2", published_at=JULY[2], statements=[witness]
    )
    analysis.entities.append(Entity(text="Olena", label="ORG", canonical="Olena"))
    assert track(state, analysis, RULES).developments == []


def test_a_later_report_moves_the_story_only_by_the_events_its_headline_tells_of() -> None:
    state = story(events=[PLANNED])
    held = make_event("MEETING", "occurred", when="2025-07-07")
    assert report(state, 3, events=[held], title="Budget row deepens in parliament") == []
    assert [e.status for e in state.events] == ["planned"]
    assert report(state, 4, events=[held], title="Ministers meet in Doha") == [
        (EVENT_STATUS_CHANGED, "occurred")
    ]
