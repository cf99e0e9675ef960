"""Hand-labelled articles: each sentence with the events a careful reader finds in it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Expected:
    type: str  # a contract event type
    status: str  # a contract status
    who: tuple[str, ...] = ()  # canonical names that must be among the event's actors or targets
    when: str | None = None  # ISO date when the sentence pins one down, else None (= not checked)
    speaker: str | None = None  # for STATEMENT only: the canonical speaker


@dataclass(frozen=True)
class Sentence:
    text: str
    expected: tuple[Expected, ...] = ()  # empty tuple = the right answer is "no event"
    note: str = ""  # what the sentence exercises (negation, passive, ...)


@dataclass(frozen=True)
class LabelledArticle:
    id: str
    published_at: str  # ISO 8601 UTC, e.g. "2025-03-11T08:00:00Z"
    sentences: tuple[Sentence, ...]


ARTICLES: tuple[LabelledArticle, ...] = (
    LabelledArticle(
        id="norvania-doha-talks",
        published_at="2025-07-01T08:00:00Z",
        sentences=(
            Sentence(
                text=(
                    "Negotiators for the Norvanian government and the Crimson Front rebel group "
                    "are holding indirect talks in Doha, in the most serious attempt yet to end a "
                    "two-year conflict in the country's mountainous north, where government forces"
                    " and rebels hold rival stretches of the main highway."
                ),
                expected=(Expected("NEGOTIATION", "ongoing", who=("Norvania", "Crimson Front")),),
                note=(
                    "progressive present = ongoing; demonym -> country; leading 'the' dropped; "
                    "long sentence"
                ),
            ),
            Sentence(
                text=(
                    "Norvanian President Ilse Varga said on Monday that she expected a ceasefire "
                    "to be agreed within days."
                ),
                expected=(
                    Expected(
                        "STATEMENT",
                        "occurred",
                        who=("Ilse Varga",),
                        when="2025-06-30",
                        speaker="Ilse Varga",
                    ),
                    Expected("CEASEFIRE", "expected"),
                ),
                note=(
                    "reported speech by a named principal: STATEMENT + predicted ceasefire; past "
                    "weekday"
                ),
            ),
            Sentence(
                text=(
                    "The Crimson Front's political chief, Tomas Reyes, told reporters that the "
                    "group had put forward a proposal for a 30-day truce across the northern "
                    "provinces."
                ),
                expected=(
                    Expected("STATEMENT", "occurred", who=("Tomas Reyes",), speaker="Tomas Reyes"),
                    Expected("CEASEFIRE", "proposed", who=("Crimson Front",)),
                ),
                note="appositive title + name; 'put forward a proposal' = proposed",
            ),
            Sentence(
                text=(
                    "The Norvanian government rejected the rebel proposal on Tuesday because it "
                    "did not require fighters to withdraw from the city of Karsk."
                ),
                expected=(Expected("CEASEFIRE", "failed", who=("Norvania",), when="2025-07-01"),),
                note=(
                    "rejected truce proposal = failed; negated hypothetical withdrawal is not an "
                    "event"
                ),
            ),
            Sentence(
                text=(
                    "Karsk, a river port of about 400,000 people, has been held by the rebels "
                    "since early 2023."
                ),
                note="background description, no event",
            ),
            Sentence(
                text=(
                    "Qatar's foreign ministry said mediators would meet both delegations "
                    "separately on Thursday."
                ),
                expected=(
                    Expected("STATEMENT", "occurred", who=("Qatar",), speaker="Qatar"),
                    Expected("MEETING", "planned", when="2025-07-03"),
                ),
                note="ministry of a named state speaks for the state; future weekday",
            ),
            Sentence(
                text=(
                    "A previous round of talks in Cairo collapsed in March after Norvanian "
                    "aircraft bombed a crowded market in Karsk."
                ),
                expected=(
                    Expected("NEGOTIATION", "failed"),
                    Expected("ATTACK", "occurred", who=("Norvania",)),
                ),
                note="two different events; 'collapsed' = failed; month only, so no date",
            ),
            Sentence(
                text=(
                    "Diplomats said the two sides remained deadlocked over the future of Karsk, "
                    "which both regard as essential to any lasting settlement."
                ),
                expected=(Expected("NEGOTIATION", "stalled"),),
                note="unnamed source: no STATEMENT; 'deadlocked' = stalled",
            ),
            Sentence(
                text=(
                    "Reyes said the Crimson Front had not launched any attacks on army positions "
                    "since the talks began, dismissing reports of fresh fighting near the border "
                    "over the weekend."
                ),
                expected=(
                    Expected("STATEMENT", "occurred", who=("Tomas Reyes",), speaker="Tomas Reyes"),
                    Expected("ATTACK", "denied", who=("Crimson Front",)),
                ),
                note="negation + dismissal = denied; surname resolves to full name; long sentence",
            ),
            Sentence(
                text=(
                    "The U.S. State Department said Washington hoped the talks would produce a "
                    "lasting peace agreement before the end of the month."
                ),
                expected=(
                    Expected(
                        "STATEMENT", "occurred", who=("United States",), speaker="United States"
                    ),
                    Expected("AGREEMENT", "expected"),
                ),
                note="'U.S.'/'Washington' -> United States; 'hoped' = expected",
            ),
            Sentence(
                text=(
                    "A ceasefire brokered by Egypt last year was violated within hours of taking "
                    "effect."
                ),
                expected=(Expected("CEASEFIRE", "failed"),),
                note="passive; 'violated' = failed (final status wins over 'taking effect')",
            ),
            Sentence(
                text=(
                    "Northern Norvania is home to most of the country's copper mines and roughly a"
                    " third of its population."
                ),
                note="colour, no event",
            ),
            Sentence(
                text=(
                    "The delegations are due to return to their capitals on Saturday for "
                    "consultations, a Qatari official said."
                ),
                expected=(Expected("TRAVEL", "planned", when="2025-07-05"),),
                note="'due to' = planned; unnamed source, no STATEMENT",
            ),
        ),
    ),
    LabelledArticle(
        id="hostage-exchange-cairo",
        published_at="2025-07-09T06:30:00Z",
        sentences=(
            Sentence(
                text=(
                    "Hamas has accepted an Egyptian proposal for a phased exchange of hostages and"
                    " prisoners, a senior official of the group said on Wednesday."
                ),
                expected=(Expected("NEGOTIATION", "occurred", who=("Hamas",)),),
                note=(
                    "acceptance of a proposal = NEGOTIATION occurred; unnamed official, no "
                    "STATEMENT"
                ),
            ),
            Sentence(
                text=(
                    "Under the plan, Hamas would free 12 Israeli hostages in three stages in "
                    "exchange for about 300 Palestinian prisoners held in Israeli jails."
                ),
                expected=(Expected("HOSTAGE_RELEASE", "proposed", who=("Hamas",)),),
                note="conditional terms of a plan = proposed",
            ),
            Sentence(
                text=(
                    "Israel's security cabinet is scheduled to vote on the proposal on Thursday "
                    "evening, an Israeli official said."
                ),
                expected=(Expected("DECISION", "planned", who=("Israel",), when="2025-07-10"),),
                note="possessive country -> actor; 'scheduled to' = planned; future weekday",
            ),
            Sentence(
                text=(
                    "Mediators from Qatar and Egypt, with backing from the United States, have "
                    "been shuttling between the two sides for weeks in an effort to bridge gaps "
                    "over the sequencing of the releases and the guarantees each side is "
                    "demanding."
                ),
                expected=(Expected("NEGOTIATION", "ongoing", who=("Qatar", "Egypt")),),
                note="perfect progressive = ongoing; long sentence",
            ),
            Sentence(
                text=(
                    "An earlier framework agreed in May broke down after the first exchange was "
                    "postponed twice amid disputes over the names on the prisoner lists."
                ),
                expected=(
                    Expected("AGREEMENT", "failed"),
                    Expected("HOSTAGE_RELEASE", "cancelled"),
                ),
                note="two events; 'broke down' = failed; passive 'was postponed' = cancelled",
            ),
            Sentence(
                text=(
                    "Israel's military on Tuesday denied reports that troops had begun pulling "
                    "back from positions along the border fence."
                ),
                expected=(
                    Expected(
                        "STATEMENT",
                        "occurred",
                        who=("Israel",),
                        when="2025-07-08",
                        speaker="Israel",
                    ),
                    Expected("MILITARY", "denied"),
                ),
                note=(
                    "named military speaks for the state; 'on Tuesday' dates the denial, not the "
                    "pullback"
                ),
            ),
            Sentence(
                text=(
                    "Hamas said in a statement that Israeli air strikes on Tuesday night had hit "
                    "two residential buildings in the south of the territory."
                ),
                expected=(
                    Expected("STATEMENT", "occurred", who=("Hamas",), speaker="Hamas"),
                    Expected("ATTACK", "occurred", who=("Israel",), when="2025-07-08"),
                ),
                note="organisation as speaker; reported attack with past weekday",
            ),
            Sentence(
                text=(
                    "Thousands of people rallied in Tel Aviv on Saturday night to urge the "
                    "government to accept a deal that would bring the remaining hostages home."
                ),
                expected=(Expected("PROTEST", "occurred", when="2025-07-05"),),
                note="rally = PROTEST; the hoped-for deal/release is the rally's aim, not labelled",
            ),
            Sentence(
                text=(
                    "The remaining hostages are believed to be held in several locations across "
                    "the territory."
                ),
                note="background, no event",
            ),
            Sentence(
                text=(
                    "The United States is pushing for the first releases to take place before the "
                    "end of the month, according to two officials familiar with the talks."
                ),
                expected=(Expected("HOSTAGE_RELEASE", "expected"),),
                note="'pushing for' = expected; unnamed sources",
            ),
            Sentence(
                text=(
                    "Qatar said on Wednesday that the talks had stalled for much of June because "
                    "of disagreements over security guarantees."
                ),
                expected=(
                    Expected(
                        "STATEMENT", "occurred", who=("Qatar",), when="2025-07-09", speaker="Qatar"
                    ),
                    Expected("NEGOTIATION", "stalled"),
                ),
                note="reported speech; 'stalled'; same-day weekday",
            ),
            Sentence(
                text=(
                    "Egypt will host the next round of talks in Cairo on Sunday, an Egyptian "
                    "security source said."
                ),
                expected=(Expected("NEGOTIATION", "planned", who=("Egypt",), when="2025-07-13"),),
                note="'will' = planned; future weekday; unnamed source",
            ),
        ),
    ),
    LabelledArticle(
        id="kestavia-sanctions",
        published_at="2025-07-17T14:15:00Z",
        sentences=(
            Sentence(
                text=(
                    "The United States on Wednesday imposed sanctions on Kestavian Prime Minister "
                    "Dariusz Holm and 14 senior officials over human rights abuses."
                ),
                expected=(
                    Expected(
                        "SANCTION",
                        "occurred",
                        who=("United States", "Dariusz Holm"),
                        when="2025-07-16",
                    ),
                ),
                note="actor and target; past weekday",
            ),
            Sentence(
                text=(
                    "The measures, which freeze any assets the officials hold under U.S. "
                    "jurisdiction and bar American companies from doing business with them, were "
                    "announced by the U.S. Treasury after weeks of pressure from lawmakers of both"
                    " parties."
                ),
                expected=(Expected("SANCTION", "occurred", who=("United States",)),),
                note=(
                    "passive with 'by' agent; relative clause describes the measures; long sentence"
                ),
            ),
            Sentence(
                text=(
                    "The European Union is expected to follow with its own sanctions next week, "
                    "three diplomats in Brussels said."
                ),
                expected=(Expected("SANCTION", "expected", who=("European Union",)),),
                note="'is expected to' = expected; 'next week' gives no date",
            ),
            Sentence(
                text=(
                    "Kestavian Foreign Minister Lena Marsh called the sanctions 'an act of "
                    "economic war' and warned that her government would cut off natural gas "
                    "supplies to any neighbour that joined them."
                ),
                expected=(
                    Expected("STATEMENT", "occurred", who=("Lena Marsh",), speaker="Lena Marsh"),
                    Expected("THREAT", "occurred", who=("Lena Marsh",)),
                ),
                note=(
                    "quote + warning: STATEMENT + THREAT; threatened gas cut-off is not a separate"
                    " event"
                ),
            ),
            Sentence(
                text="Holm has denied ordering security forces to open fire on protesters.",
                expected=(
                    Expected(
                        "STATEMENT", "occurred", who=("Dariusz Holm",), speaker="Dariusz Holm"
                    ),
                    Expected("ATTACK", "denied", who=("Dariusz Holm",)),
                ),
                note="denial by a named principal: STATEMENT + denied event; surname",
            ),
            Sentence(
                text=(
                    "Security forces shot dead at least 60 protesters in Varena in March, "
                    "according to rights groups."
                ),
                expected=(Expected("ATTACK", "occurred"),),
                note=(
                    "killing = ATTACK (casualties not double-labelled HUMANITARIAN); unnamed source"
                ),
            ),
            Sentence(
                text=(
                    "Opposition leaders said they would hold a mass rally in central Varena on "
                    "Saturday."
                ),
                expected=(Expected("PROTEST", "planned", when="2025-07-19"),),
                note="future weekday; unnamed speakers",
            ),
            Sentence(
                text=(
                    "Varena, a city of 1.2 million people on the Tessel River, was once a popular "
                    "destination for European tourists."
                ),
                note="colour, no event",
            ),
            Sentence(
                text=(
                    "Kestavia's state news agency reported that the government had offered to free"
                    " 200 detained protesters if the opposition called off the rally."
                ),
                expected=(Expected("HOSTAGE_RELEASE", "proposed"),),
                note=(
                    "'offered' = proposed; conditional 'called off' is not a cancellation; media "
                    "not a principal"
                ),
            ),
            Sentence(
                text=(
                    "Neighbouring Drovnia, which buys most of its gas from Kestavia, refused to "
                    "join the sanctions, saying they would hurt ordinary Kestavians more than "
                    "their leaders."
                ),
                expected=(
                    Expected("STATEMENT", "occurred", who=("Drovnia",), speaker="Drovnia"),
                    Expected("SANCTION", "failed", who=("Drovnia",)),
                ),
                note="'refused to' = failed; named state's reported speech",
            ),
            Sentence(
                text=(
                    "The U.S. Senate is due to vote next week on a bill that would extend the "
                    "sanctions to Kestavia's state energy company."
                ),
                expected=(
                    Expected("DECISION", "planned"),
                    Expected("SANCTION", "proposed"),
                ),
                note="two events: scheduled vote + sanctions proposed in a bill",
            ),
            Sentence(
                text=(
                    "Analysts have long described Kestavia's economy as heavily dependent on "
                    "energy exports."
                ),
                note="eventless assessment by unnamed people",
            ),
        ),
    ),
    LabelledArticle(
        id="belmora-court-protests",
        published_at="2025-07-25T11:00:00Z",
        sentences=(
            Sentence(
                text=(
                    "Belmora's Constitutional Court on Thursday upheld a law allowing President "
                    "Aurel Dancu to seek a third term, rejecting a challenge brought by a "
                    "coalition of opposition parties."
                ),
                expected=(Expected("DECISION", "occurred", when="2025-07-24"),),
                note="court ruling; 'rejecting' here is the ruling itself, not a failed event",
            ),
            Sentence(
                text=(
                    "Tens of thousands of people marched through the capital, Tarsk, on Thursday "
                    "evening in protest at the ruling, the largest demonstration the country has "
                    "seen in nearly a decade."
                ),
                expected=(Expected("PROTEST", "occurred", when="2025-07-24"),),
                note="past weekday",
            ),
            Sentence(
                text=(
                    "Hundreds of protesters were still camped outside the court building on Friday"
                    " morning, despite heavy rain."
                ),
                expected=(Expected("PROTEST", "ongoing", when="2025-07-25"),),
                note="'still camped' = ongoing; same-day weekday",
            ),
            Sentence(
                text=(
                    "Opposition leader Katya Lind told the crowd that her supporters would stay on"
                    " the streets until the president stepped down."
                ),
                expected=(
                    Expected("STATEMENT", "occurred", who=("Katya Lind",), speaker="Katya Lind"),
                    Expected("PROTEST", "planned"),
                ),
                note="reported speech; resignation is only a condition, not labelled",
            ),
            Sentence(
                text=(
                    "The General Workers' Union, which represents about 300,000 public sector "
                    "employees including teachers, nurses and railway staff, said it would begin "
                    "an open-ended nationwide strike on Monday in support of the protesters."
                ),
                expected=(
                    Expected(
                        "STATEMENT",
                        "occurred",
                        who=("General Workers' Union",),
                        speaker="General Workers' Union",
                    ),
                    Expected(
                        "PROTEST", "planned", who=("General Workers' Union",), when="2025-07-28"
                    ),
                ),
                note="strike action = PROTEST; subordinate clause; future weekday; long sentence",
            ),
            Sentence(
                text=(
                    "In a televised address on Friday, Dancu appealed for calm and offered to meet"
                    " opposition leaders at the presidential palace next week."
                ),
                expected=(
                    Expected(
                        "STATEMENT",
                        "occurred",
                        who=("Aurel Dancu",),
                        when="2025-07-25",
                        speaker="Aurel Dancu",
                    ),
                    Expected("MEETING", "proposed", who=("Aurel Dancu",)),
                ),
                note="'offered to meet' = MEETING proposed",
            ),
            Sentence(
                text=(
                    "Lind rejected the offer within hours, saying there was nothing to discuss "
                    "until the court's ruling was overturned."
                ),
                expected=(
                    Expected("STATEMENT", "occurred", who=("Katya Lind",), speaker="Katya Lind"),
                    Expected("MEETING", "failed", who=("Katya Lind",)),
                ),
                note="'rejected' = failed; hypothetical overturning not labelled",
            ),
            Sentence(
                text=(
                    "The National Assembly is expected to vote next month on a constitutional "
                    "amendment that would restore the two-term limit, although Dancu's governing "
                    "party holds a comfortable majority in the chamber."
                ),
                expected=(Expected("DECISION", "expected"),),
                note="'is expected to' vote; long sentence with concessive clause",
            ),
            Sentence(
                text=(
                    "Government officials denied reports that army units had been deployed to "
                    "guard ministries in Tarsk overnight."
                ),
                expected=(Expected("MILITARY", "denied"),),
                note="passive + 'denied reports'; unnamed officials, no STATEMENT",
            ),
            Sentence(
                text=(
                    "The United States postponed a visit to Tarsk by a congressional delegation "
                    "that had been scheduled for next week because of the unrest."
                ),
                expected=(Expected("TRAVEL", "cancelled", who=("United States",)),),
                note="'postponed' = cancelled; 'had been scheduled' is not a second event",
            ),
            Sentence(
                text=(
                    "The union's last general strike, in 2019, shut down ports and railways across"
                    " the country for nine days."
                ),
                expected=(Expected("PROTEST", "occurred", who=("General Workers' Union",)),),
                note="historical strike; 'the union' must resolve to the union named earlier",
            ),
            Sentence(
                text=(
                    "Tarsk, a city of baroque churches and wide boulevards, has a population of "
                    "about 1.8 million."
                ),
                note="colour, no event",
            ),
            Sentence(
                text=(
                    "Opinion polls suggest Dancu remains the most popular politician in the "
                    "country, with an approval rating of about 45 percent."
                ),
                note="no event",
            ),
        ),
    ),
    LabelledArticle(
        id="drovnia-valdoria-border",
        published_at="2025-08-04T07:45:00Z",
        sentences=(
            Sentence(
                text=(
                    "Drovnia has deployed thousands of troops and dozens of tanks to its border "
                    "with Valdoria, according to satellite images released on Sunday, raising "
                    "fears of a new conflict between the two former allies."
                ),
                expected=(Expected("MILITARY", "occurred", who=("Drovnia",)),),
                note=(
                    "present perfect = occurred; 'Sunday' dates the images, not the deployment; "
                    "long sentence"
                ),
            ),
            Sentence(
                text=(
                    "Drovnian Defence Minister Petra Halloran said on Monday that the deployment "
                    "was part of routine exercises and denied that Drovnia was preparing an attack"
                    " on Valdoria."
                ),
                expected=(
                    Expected(
                        "STATEMENT",
                        "occurred",
                        who=("Petra Halloran",),
                        when="2025-08-04",
                        speaker="Petra Halloran",
                    ),
                    Expected("ATTACK", "denied", who=("Drovnia", "Valdoria")),
                ),
                note="reported speech + denial",
            ),
            Sentence(
                text=(
                    "Valdorian President Marek Stoyan ordered the mobilisation of 20,000 "
                    "reservists late on Sunday, hours after the images were published."
                ),
                expected=(
                    Expected("MILITARY", "occurred", who=("Marek Stoyan",), when="2025-08-03"),
                ),
                note="mobilisation; past weekday",
            ),
            Sentence(
                text=(
                    "Stoyan warned that Valdoria would respond with force to any violation of its "
                    "territory."
                ),
                expected=(
                    Expected(
                        "STATEMENT", "occurred", who=("Marek Stoyan",), speaker="Marek Stoyan"
                    ),
                    Expected("THREAT", "occurred", who=("Marek Stoyan",)),
                ),
                note="warning = THREAT; conditional use of force not labelled separately",
            ),
            Sentence(
                text=(
                    "Overnight, artillery shells struck two villages on the Valdorian side of the "
                    "frontier, killing a farmer and wounding three children, local officials said."
                ),
                expected=(Expected("ATTACK", "occurred"),),
                note="shelling; unnamed source; 'overnight' gives no checked date",
            ),
            Sentence(
                text=(
                    "It was not clear who had fired the shells, and the Drovnian military did not "
                    "respond to a request for comment."
                ),
                note="negation, boilerplate, no event",
            ),
            Sentence(
                text=(
                    "The United Nations Security Council is scheduled to hold an emergency meeting"
                    " on the crisis on Wednesday at Valdoria's request."
                ),
                expected=(Expected("MEETING", "planned", when="2025-08-06"),),
                note="'scheduled to' = planned; future weekday",
            ),
            Sentence(
                text=(
                    "The United States has offered to mediate between Drovnia and Valdoria, a "
                    "State Department official said on Monday."
                ),
                expected=(
                    Expected(
                        "NEGOTIATION", "proposed", who=("United States", "Drovnia", "Valdoria")
                    ),
                ),
                note="offer of mediation = proposed; 'between X and Y'; unnamed official",
            ),
            Sentence(
                text=(
                    "A meeting between Halloran and her Valdorian counterpart that had been "
                    "scheduled for this Friday in Geneva has been called off after Drovnia refused"
                    " to pull its forces back from the frontier, two diplomats said."
                ),
                expected=(
                    Expected("MEETING", "cancelled", who=("Petra Halloran",), when="2025-08-08"),
                    Expected("MILITARY", "failed", who=("Drovnia",)),
                ),
                note="two events; 'called off' = cancelled; 'refused to' = failed; long sentence",
            ),
            Sentence(
                text=(
                    "Drovnia's parliament voted on Saturday to raise military spending by 15 "
                    "percent next year."
                ),
                expected=(Expected("DECISION", "occurred", who=("Drovnia",), when="2025-08-02"),),
                note="parliament vote; past weekday",
            ),
            Sentence(
                text=(
                    "The Kessel valley, which straddles the frontier, holds some of the "
                    "continent's largest lithium deposits."
                ),
                note="colour, no event",
            ),
            Sentence(
                text=(
                    "Valdorian authorities evacuated about 5,000 residents from border villages on"
                    " Monday, the interior ministry said."
                ),
                expected=(
                    Expected("HUMANITARIAN", "occurred", who=("Valdoria",), when="2025-08-04"),
                ),
                note="evacuation; same-day weekday; unnamed ministry, no STATEMENT",
            ),
            Sentence(
                text=(
                    "Stoyan is due to travel to Brussels on Thursday to seek support from European"
                    " leaders."
                ),
                expected=(Expected("TRAVEL", "planned", who=("Marek Stoyan",), when="2025-08-07"),),
                note="'due to' = planned; future weekday",
            ),
        ),
    ),
    LabelledArticle(
        id="tembara-aid-convoys",
        published_at="2025-08-09T09:20:00Z",
        sentences=(
            Sentence(
                text=(
                    "Two United Nations aid convoys carrying food and medicine were attacked by "
                    "Sable Brigades fighters near the town of Ruvu in eastern Tembara on Friday, "
                    "killing one of the drivers."
                ),
                expected=(
                    Expected("ATTACK", "occurred", who=("Sable Brigades",), when="2025-08-08"),
                ),
                note="passive with 'by' agent; past weekday",
            ),
            Sentence(
                text=(
                    "U.N. Humanitarian Coordinator Hana Okafor said deliveries to Ashkar province "
                    "had been suspended until further notice."
                ),
                expected=(
                    Expected("STATEMENT", "occurred", who=("Hana Okafor",), speaker="Hana Okafor"),
                    Expected("HUMANITARIAN", "cancelled"),
                ),
                note="suspended until further notice = cancelled; passive",
            ),
            Sentence(
                text=(
                    "More than 300,000 people in Ashkar province are facing famine, according to "
                    "the World Food Programme."
                ),
                expected=(
                    Expected(
                        "STATEMENT",
                        "occurred",
                        who=("World Food Programme",),
                        speaker="World Food Programme",
                    ),
                    Expected("HUMANITARIAN", "ongoing"),
                ),
                note="'according to' a named organisation = STATEMENT; progressive = ongoing",
            ),
            Sentence(
                text=(
                    "The Sable Brigades denied that their fighters had attacked the convoys, "
                    "blaming criminal gangs operating in the area."
                ),
                expected=(
                    Expected(
                        "STATEMENT", "occurred", who=("Sable Brigades",), speaker="Sable Brigades"
                    ),
                    Expected("ATTACK", "denied", who=("Sable Brigades",)),
                ),
                note="denial by a named group",
            ),
            Sentence(
                text=(
                    "The Tembaran government said it would open a humanitarian corridor from the "
                    "Red Sea port of Kallam to Ruvu on Monday so that trucks can reach the "
                    "worst-affected districts before the rainy season cuts off most roads."
                ),
                expected=(
                    Expected("STATEMENT", "occurred", who=("Tembara",), speaker="Tembara"),
                    Expected("HUMANITARIAN", "planned", who=("Tembara",), when="2025-08-11"),
                ),
                note="future weekday; purpose and temporal clauses; long sentence",
            ),
            Sentence(
                text=(
                    "Aid agencies said the corridor alone would not be enough and called for a "
                    "nationwide ceasefire."
                ),
                expected=(Expected("CEASEFIRE", "expected"),),
                note="'called for' = expected; negation; unnamed speakers",
            ),
            Sentence(
                text=(
                    "The Sable Brigades have rejected repeated calls for a truce, saying the army "
                    "must first withdraw from the provincial capital."
                ),
                expected=(
                    Expected(
                        "STATEMENT", "occurred", who=("Sable Brigades",), speaker="Sable Brigades"
                    ),
                    Expected("CEASEFIRE", "failed", who=("Sable Brigades",)),
                ),
                note="'rejected' = failed; demanded withdrawal is a condition, not labelled",
            ),
            Sentence(
                text=(
                    "Separate talks between the army and the Brigades over control of the Ruvu "
                    "airstrip have been stuck since May."
                ),
                expected=(Expected("NEGOTIATION", "stalled", who=("Sable Brigades",)),),
                note="'stuck' = stalled; short form 'the Brigades'",
            ),
            Sentence(
                text=(
                    "Okafor is scheduled to travel to Ruvu on Tuesday to assess the situation, her"
                    " office said."
                ),
                expected=(Expected("TRAVEL", "planned", who=("Hana Okafor",), when="2025-08-12"),),
                note="future weekday; unnamed office, no STATEMENT",
            ),
            Sentence(
                text=(
                    "About 40,000 people have been evacuated from camps around Ruvu over the past "
                    "month, aid workers said."
                ),
                expected=(Expected("HUMANITARIAN", "occurred"),),
                note="passive evacuation",
            ),
            Sentence(
                text=(
                    "Ruvu lies on a dusty plain about 200 km north of the capital and was once an "
                    "important market town for cattle herders."
                ),
                note="colour, no event",
            ),
            Sentence(
                text=(
                    "The Tembaran army has not carried out any air strikes in the province since "
                    "June, a military spokesman said, contradicting accounts from residents."
                ),
                expected=(Expected("ATTACK", "denied", who=("Tembara",)),),
                note="'has not' + event verb = denied; unnamed spokesman",
            ),
            Sentence(
                text=(
                    "Donors have pledged $250 million in emergency aid for Tembara this year, but "
                    "less than a fifth of the money has been delivered, according to U.N. data."
                ),
                expected=(Expected("HUMANITARIAN", "occurred"),),
                note="aid pledge; data is not a STATEMENT",
            ),
        ),
    ),
    LabelledArticle(
        id="ilvar-water-treaty",
        published_at="2025-08-17T16:00:00Z",
        sentences=(
            Sentence(
                text=(
                    "Norvanian President Ilse Varga and Marestian Prime Minister Jonas Ferreira "
                    "will meet in Cairo on Tuesday to sign a treaty on sharing the waters of the "
                    "Ilvar River, Egyptian officials said on Sunday."
                ),
                expected=(
                    Expected(
                        "MEETING",
                        "planned",
                        who=("Ilse Varga", "Jonas Ferreira"),
                        when="2025-08-19",
                    ),
                    Expected(
                        "AGREEMENT",
                        "planned",
                        who=("Ilse Varga", "Jonas Ferreira"),
                        when="2025-08-19",
                    ),
                ),
                note="two events; future weekday; unnamed source",
            ),
            Sentence(
                text=(
                    "The text was negotiated over 18 months in talks mediated by Egypt and the "
                    "United Nations."
                ),
                expected=(Expected("NEGOTIATION", "occurred", who=("Egypt", "United Nations")),),
                note="passive; mediators as 'by' agents",
            ),
            Sentence(
                text=(
                    "Ferreira arrived in the Egyptian capital on Saturday with a delegation of "
                    "about 40 officials."
                ),
                expected=(
                    Expected("TRAVEL", "occurred", who=("Jonas Ferreira",), when="2025-08-16"),
                ),
                note="past weekday; 'Egyptian capital' is a place, not an actor",
            ),
            Sentence(
                text="Varga is expected to fly to Cairo on Monday, her spokeswoman said.",
                expected=(Expected("TRAVEL", "expected", who=("Ilse Varga",), when="2025-08-18"),),
                note="'is expected to' = expected; future weekday; unnamed spokeswoman",
            ),
            Sentence(
                text=(
                    "The Ilvar rises in the Norvanian highlands and flows for some 900 km through "
                    "Marestia before reaching the sea."
                ),
                note="geography, no event",
            ),
            Sentence(
                text=(
                    "Farmers in southern Marestia have staged repeated protests over water "
                    "shortages in recent years, blocking highways with their tractors."
                ),
                expected=(Expected("PROTEST", "occurred"),),
                note="present perfect = occurred",
            ),
            Sentence(
                text=(
                    "Marestian opposition parties have called for the treaty to be put to a "
                    "referendum, arguing that Ferreira made too many concessions to secure it."
                ),
                expected=(Expected("DECISION", "expected"),),
                note="'called for' a vote = expected",
            ),
            Sentence(
                text=(
                    "The treaty text was approved by Marestia's parliament on Thursday by 212 "
                    "votes to 41."
                ),
                expected=(Expected("DECISION", "occurred", who=("Marestia",), when="2025-08-14"),),
                note="passive with possessive agent; past weekday",
            ),
            Sentence(
                text=(
                    "A previous summit between the two leaders, which had been scheduled for March"
                    " in Geneva, was postponed after Norvanian troops crossed into a disputed "
                    "stretch of the river valley."
                ),
                expected=(
                    Expected("MEETING", "cancelled"),
                    Expected("MILITARY", "occurred", who=("Norvania",)),
                ),
                note="two events; passive 'was postponed' = cancelled",
            ),
            Sentence(
                text=(
                    "Norvania withdrew the troops in May under pressure from Egypt and the United "
                    "States."
                ),
                expected=(Expected("MILITARY", "occurred", who=("Norvania",)),),
                note="withdrawal; pressure is not a separate event",
            ),
            Sentence(
                text=(
                    "Varga and Ferreira have not met in person since the dispute flared two years "
                    "ago."
                ),
                expected=(Expected("MEETING", "denied", who=("Ilse Varga", "Jonas Ferreira")),),
                note="'have not met' = denied",
            ),
            Sentence(
                text=(
                    "On Sunday, the two countries' foreign ministers were still deadlocked over "
                    "the wording of a clause on dam inspections, a Marestian diplomat said."
                ),
                expected=(Expected("NEGOTIATION", "stalled", when="2025-08-17"),),
                note="'deadlocked' = stalled; same-day weekday; unnamed diplomat",
            ),
            Sentence(
                text=(
                    "Egypt dismissed reports that Ferreira had threatened to walk out of the "
                    "talks, saying the atmosphere had been constructive."
                ),
                expected=(
                    Expected("STATEMENT", "occurred", who=("Egypt",), speaker="Egypt"),
                    Expected("THREAT", "denied", who=("Jonas Ferreira",)),
                ),
                note="'dismissed reports' = denied",
            ),
            Sentence(
                text=(
                    "Negotiations on a separate agreement covering cross-border trade are "
                    "continuing, officials in both capitals said."
                ),
                expected=(Expected("NEGOTIATION", "ongoing"),),
                note="'are continuing' = ongoing; the agreement is only the talks' subject",
            ),
            Sentence(
                text=(
                    "The United States will send a deputy secretary of state to Cairo to represent"
                    " Washington at the ceremony."
                ),
                expected=(Expected("TRAVEL", "planned", who=("United States",)),),
                note="'will' = planned",
            ),
        ),
    ),
)
