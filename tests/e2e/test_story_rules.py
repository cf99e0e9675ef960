"""The tracking rules through the real broker and a real worker: one short stream per rule.

Each test sends a handful of short news reports in arrival order and reads every alert the
worker published. It checks the alert the rule must raise and the silence it must keep. The
reports are written so that the extractor reads their lead sentences correctly
(docs/EXTRACTION.md). A later report's events count only from its first three sentences.
Rule 5 (invented names work like real ones) is the `invented-names` case of the forward test.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.e2e.conftest import Stack, read_all_records

pytestmark = pytest.mark.e2e

STORY_NEW = "storywatch.story.new"
EVENT_STATUS_CHANGED = "storywatch.event.status_changed"
STATEMENT_NEW = "storywatch.statement.new"


def report(
    article_id: str, published_at: str, source: str, title: str, text: str
) -> dict[str, Any]:
    """An Article as the contract gives it; `text` is paragraphs, one a line."""
    return {
        "id": article_id,
        "published_at": published_at,
        "source": source,
        "url": f"https://example.com/{article_id}",
        "title": title,
        "text": text,
        "language": "en",
    }


# Rule 1: a syndicated copy of a report, and another outlet's paraphrase of it, add nothing.
NUCLEAR_TALKS_ORIGINAL = report(
    "copy-001-gulfdispatch",
    "2025-07-03T09:00:00Z",
    "Gulf Dispatch",
    "Iran and U.S. to hold nuclear talks in Muscat on Sunday",
    "Iran and the United States will hold a new round of indirect talks on Tehran's nuclear "
    "programme in Muscat on Sunday, Oman's foreign ministry said on Thursday.\n"
    "U.S. envoy Steve Witkoff and Iranian Foreign Minister Abbas Araghchi will lead the two "
    "delegations, with Omani officials carrying messages between them.\n"
    "The two sides held five rounds of talks between April and May before the process was "
    "interrupted by the war in June.\n"
    "Washington wants Iran to give up uranium enrichment, which Tehran says is for peaceful "
    "purposes.",
)
NUCLEAR_TALKS_SYNDICATED = report(
    "copy-002-worlddesk",
    "2025-07-03T10:30:00Z",
    "World Desk Syndication",
    "Oman to host fresh Iran-U.S. nuclear talks",
    "Iran and the United States will hold a new round of indirect talks on Tehran's nuclear "
    "programme in the Omani capital Muscat on Sunday, Oman's foreign ministry said on Thursday.\n"
    "U.S. envoy Steve Witkoff and Iranian Foreign Minister Abbas Araghchi will lead the two "
    "delegations, with Omani officials carrying messages between them.\n"
    "The two sides held five rounds of talks between April and May before the war in June "
    "interrupted the process.\n"
    "Washington wants Iran to give up uranium enrichment, which Tehran says is for peaceful "
    "purposes.",
)
NUCLEAR_TALKS_PARAPHRASE = report(
    "copy-003-capledger",
    "2025-07-03T13:15:00Z",
    "The Capital Ledger",
    "Witkoff and Araghchi to lead delegations at Muscat talks",
    "The United States and Iran will hold another round of indirect nuclear talks in Muscat on "
    "Sunday, according to Oman's foreign ministry.\n"
    "Iranian Foreign Minister Abbas Araghchi and U.S. envoy Steve Witkoff will head the "
    "delegations, and Omani officials will carry messages between the two sides.\n"
    "Iran says its uranium enrichment is for peaceful purposes, and Washington wants it to "
    "stop.",
)

# Rule 2: a meeting's status moves forward with the news, never back on an older report.
MEETING_PLANNED = report(
    "meet-001-jerusalemdesk",
    "2025-07-06T08:00:00Z",
    "Jerusalem Desk",
    "Netanyahu to meet Trump at White House on Monday",
    "Israeli Prime Minister Benjamin Netanyahu will meet U.S. President Donald Trump at the "
    "White House on Monday, his office said on Sunday.\n"
    "The two leaders are expected to discuss the war in Gaza and Iran's nuclear programme.\n"
    "Netanyahu has been to Washington twice since Trump returned to office in January.",
)
MEETING_HELD = report(
    "meet-002-capledger",
    "2025-07-08T06:30:00Z",
    "The Capital Ledger",
    "Trump and Netanyahu meet at White House",
    "Israeli Prime Minister Benjamin Netanyahu and U.S. President Donald Trump met at the White "
    "House on Monday, the White House said.\n"
    "The two leaders spoke for more than an hour in the Oval Office and later had dinner in the "
    "Blue Room.\n"
    "Netanyahu is due to stay in Washington until Thursday.",
)
MEETING_HELD_AGAIN = report(
    "meet-003-worlddesk",
    "2025-07-08T11:00:00Z",
    "World Desk Syndication",
    "Netanyahu and Trump hold talks over dinner in Washington",
    "Donald Trump hosted Benjamin Netanyahu at the White House on Monday, where the two leaders "
    "met over dinner in the Blue Room, an Israeli official said.\n"
    "The official gave no details of what was discussed.",
)

# Rule 3: a principal's quote alerts once, whichever outlet repeats it later.
HOSTAGE_TALKS_OPENED = report(
    "quote-001-levantherald",
    "2025-07-06T07:00:00Z",
    "Levant Herald",
    "Israeli negotiators head to Doha for Gaza truce talks",
    "An Israeli delegation left for Doha on Sunday for indirect talks with Hamas on a ceasefire "
    "in Gaza and the release of hostages, Israeli officials said.\n"
    "Qatari and Egyptian mediators will carry proposals between the two sides, who are not "
    "meeting face to face.\n"
    "Around 50 hostages are still held in Gaza.",
)


def hostage_quote_stream(quote: str, in_part: str) -> list[dict[str, Any]]:
    """The opening report, then Netanyahu's `quote` first reported by one outlet, repeated in
    full by a second and quoted `in_part` by a third, each around other text."""
    return [
        HOSTAGE_TALKS_OPENED,
        report(
            "quote-002-jerusalemdesk",
            "2025-07-06T18:00:00Z",
            "Jerusalem Desk",
            "Netanyahu speaks on hostages as negotiators meet in Doha",
            f'"{quote}," Israeli Prime Minister Benjamin Netanyahu told his cabinet on Sunday, as '
            "negotiators gathered in Doha.\n"
            "Families of the hostages rallied outside his office in Jerusalem.\n"
            "Around 50 hostages are still held in Gaza.",
        ),
        report(
            "quote-003-worlddesk",
            "2025-07-07T08:00:00Z",
            "World Desk Syndication",
            "Hostage families urge negotiators to bring everyone home",
            "Relatives of hostages held in Gaza urged negotiators in Doha on Monday to bring all "
            "of them home.\n"
            f'"{quote}," Israeli Prime Minister Benjamin Netanyahu told ministers on Sunday, in '
            "remarks the families welcomed.\n"
            "Some of the families have camped outside his office in Jerusalem since the spring.",
        ),
        report(
            "quote-004-capledger",
            "2025-07-07T12:00:00Z",
            "The Capital Ledger",
            "Netanyahu holds firm as Doha talks go on",
            f"Israeli Prime Minister Benjamin Netanyahu told his ministers that {in_part}, an "
            "Israeli official said on Monday.\n"
            "Relatives of the hostages have called for an agreement that frees all of them at "
            "once.",
        ),
    ]


# Rule 4: two stories that share one name ("Israel") stay apart, and each follow-up finds its own.
IRAN_TALKS_PLANNED = report(
    "apart-001-gulfdispatch",
    "2025-07-01T09:00:00Z",
    "Gulf Dispatch",
    "Araghchi and Witkoff to meet in Muscat on Sunday",
    "Iranian Foreign Minister Abbas Araghchi and U.S. envoy Steve Witkoff will meet in Muscat on "
    "Sunday for talks on Tehran's nuclear programme, Oman's foreign ministry said on Tuesday.\n"
    "It would be the first meeting between Iran and the United States since the war between "
    "Israel and Iran in June.\n"
    "Israel has warned that it would strike again if Iran resumed enrichment.",
)
GAZA_CEASEFIRE_PROPOSED = report(
    "apart-002-levantherald",
    "2025-07-01T11:00:00Z",
    "Levant Herald",
    "Qatar and Egypt put new Gaza ceasefire proposal to Hamas",
    "Qatari and Egyptian mediators presented Hamas with a new proposal for a ceasefire in Gaza "
    "on Tuesday, an Egyptian official said.\n"
    "The plan calls for a 60-day truce, during which Israel and Hamas would negotiate a "
    "permanent end to the war.\n"
    "Mediators in Cairo and Doha are waiting for the group's answer.",
)
GAZA_CEASEFIRE_IN_EFFECT = report(
    "apart-003-levantherald",
    "2025-07-05T09:00:00Z",
    "Levant Herald",
    "Gaza ceasefire takes effect",
    "A ceasefire between Israel and Hamas took effect in Gaza on Saturday morning, the Qatari "
    "foreign ministry said.\n"
    "Residents of Gaza City reported no air strikes overnight.\n"
    "The truce is due to last 60 days.",
)
IRAN_TALKS_HELD = report(
    "apart-004-gulfdispatch",
    "2025-07-06T19:00:00Z",
    "Gulf Dispatch",
    "Araghchi and Witkoff meet in Muscat",
    "Iranian Foreign Minister Abbas Araghchi and U.S. envoy Steve Witkoff met in Muscat on Sunday "
    "to discuss Tehran's nuclear programme, Iranian state media reported.\n"
    "The two men spoke for about three hours at the residence of Oman's foreign minister.\n"
    "Neither side gave details of what was discussed.",
)

# Rule 5: the same planned-then-held meeting as above, among invented people and places.
SUMMIT_PLANNED = report(
    "norv-001-meridianwire",
    "2025-07-02T10:00:00Z",
    "Meridian Wire",
    "Norvania's Verhaven to meet Kestrel Front leader in Halden",
    "Prime Minister Aldo Verhaven of the republic of Norvania will meet Kestrel Front leader "
    "Mira Solde in the border town of Halden on July 7, his office said on Wednesday.\n"
    "The two leaders are expected to discuss the return of families displaced by the fighting "
    "in the eastern hills.\n"
    "It will be the first meeting between a Norvanian head of government and the rebel "
    "movement since the insurgency began in 2019.",
)
SUMMIT_HELD = report(
    "norv-002-harbourpost",
    "2025-07-08T08:00:00Z",
    "Harbour Post",
    "Verhaven and Solde meet in Halden",
    "Norvanian Prime Minister Aldo Verhaven and Kestrel Front leader Mira Solde met in Halden on "
    "Monday, both sides said.\n"
    "The two leaders spoke for more than four hours in the town hall.\n"
    "Verhaven is due to stay in Halden until Wednesday.",
)


async def alerts_for(stack: Stack, articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every alert the worker has published once it has processed `articles`, sent in this
    order (and assigned in publication order)."""
    await stack.produce_articles(articles)
    await stack.wait_until_idle()
    records = await read_all_records(stack.bootstrap, stack.settings.alerts_topic)
    return [json.loads(record.value) for record in records]


def raised_by(alerts: list[dict[str, Any]], article: dict[str, Any]) -> list[dict[str, Any]]:
    """The alerts whose evidence is this article."""
    return [a for a in alerts if a["data"]["evidence"][0]["article_id"] == article["id"]]


def kinds(alerts: list[dict[str, Any]]) -> list[str]:
    return [alert["type"] for alert in alerts]


@pytest.mark.parametrize(
    "repeat",
    [NUCLEAR_TALKS_SYNDICATED, NUCLEAR_TALKS_PARAPHRASE],
    ids=["syndicated-copy", "paraphrase"],
)
async def test_another_outlets_copy_or_paraphrase_raises_nothing(
    worker_stack: Stack, repeat: dict[str, Any]
) -> None:
    alerts = await alerts_for(worker_stack, [NUCLEAR_TALKS_ORIGINAL, repeat])
    assert kinds(raised_by(alerts, NUCLEAR_TALKS_ORIGINAL)) == [STORY_NEW]
    assert raised_by(alerts, repeat) == []


async def test_older_report_never_moves_status_backwards(worker_stack: Stack) -> None:
    # The day-1 announcement arrives late: after the day-2 report of the meeting itself has
    # been assigned and tracked (a burst would be put back in publication order).
    await alerts_for(worker_stack, [MEETING_HELD])
    alerts = await alerts_for(worker_stack, [MEETING_PLANNED, MEETING_HELD_AGAIN])
    [opened] = raised_by(alerts, MEETING_HELD)
    assert opened["type"] == STORY_NEW
    assert ("MEETING", "occurred") in {(e["type"], e["status"]) for e in opened["data"]["events"]}
    assert raised_by(alerts, MEETING_PLANNED) == []
    # Had the late announcement set the meeting back to planned, this would move it again.
    assert raised_by(alerts, MEETING_HELD_AGAIN) == []
    assert EVENT_STATUS_CHANGED not in kinds(alerts)


@pytest.mark.parametrize(
    ("planned", "held", "leaders"),
    [
        (MEETING_PLANNED, MEETING_HELD, {"Benjamin Netanyahu", "Donald Trump"}),
        (SUMMIT_PLANNED, SUMMIT_HELD, {"Aldo Verhaven", "Mira Solde"}),
    ],
    ids=["real-names", "invented-names"],
)
async def test_planned_meeting_that_takes_place_changes_status_forward(
    worker_stack: Stack, planned: dict[str, Any], held: dict[str, Any], leaders: set[str]
) -> None:
    alerts = await alerts_for(worker_stack, [planned, held])
    [opened] = raised_by(alerts, planned)
    assert opened["type"] == STORY_NEW
    [changed] = [a for a in raised_by(alerts, held) if a["type"] == EVENT_STATUS_CHANGED]
    assert changed["subject"] == opened["subject"]
    event = changed["data"]["event"]
    assert (event["type"], event["previous_status"], event["status"]) == (
        "MEETING",
        "planned",
        "occurred",
    )
    assert leaders <= set(event["actors"])
    assert STORY_NEW not in kinds(raised_by(alerts, held))


# One quote carries an event ("any deal", read as an AGREEMENT), which must not stand in for
# the statement; the other carries none.
@pytest.mark.parametrize(
    ("quote", "in_part"),
    [
        pytest.param(
            "We will not accept any deal that leaves hostages behind",
            'Israel would "not accept any deal that leaves hostages behind"',
            id="deal-quote",
        ),
        pytest.param(
            "Every one of our hostages must come home",
            '"every one of our hostages must come home"',
            id="hostages-quote",
        ),
    ],
)
async def test_quote_repeated_by_another_outlet_raises_no_statement(
    worker_stack: Stack, quote: str, in_part: str
) -> None:
    opened, first, in_full, partly = hostage_quote_stream(quote, in_part)
    alerts = await alerts_for(worker_stack, [opened, first, in_full, partly])
    assert kinds(raised_by(alerts, opened)) == [STORY_NEW]
    [quoted] = [a for a in raised_by(alerts, first) if a["type"] == STATEMENT_NEW]
    assert quoted["data"]["event"]["speaker"] == "Benjamin Netanyahu"
    assert quote in quoted["data"]["evidence"][0]["sentence"]
    assert STATEMENT_NEW not in kinds(raised_by(alerts, in_full))
    assert STATEMENT_NEW not in kinds(raised_by(alerts, partly))


async def test_stories_sharing_one_name_stay_apart(worker_stack: Stack) -> None:
    alerts = await alerts_for(
        worker_stack,
        [IRAN_TALKS_PLANNED, GAZA_CEASEFIRE_PROPOSED, GAZA_CEASEFIRE_IN_EFFECT, IRAN_TALKS_HELD],
    )
    [iran] = raised_by(alerts, IRAN_TALKS_PLANNED)
    [gaza] = raised_by(alerts, GAZA_CEASEFIRE_PROPOSED)
    assert (iran["type"], gaza["type"]) == (STORY_NEW, STORY_NEW)
    assert iran["subject"] != gaza["subject"]
    assert iran["data"]["story"]["id"] == iran["subject"]
    # Each follow-up moves an event of its own story, and touches no other.
    for follow_up, story in [(GAZA_CEASEFIRE_IN_EFFECT, gaza), (IRAN_TALKS_HELD, iran)]:
        raised = raised_by(alerts, follow_up)
        assert EVENT_STATUS_CHANGED in kinds(raised), follow_up["id"]
        assert {a["subject"] for a in raised} == {story["subject"]}, follow_up["id"]
