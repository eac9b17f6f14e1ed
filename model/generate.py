"""Training rows of our own writing: templates and vocabularies, deterministic for a seed.

Each row is a short text (one or two sentences, sometimes a headline) with its gold
(country, stance) pairs, labeled by the rules of ../shared/eval/README.md. Countries are
drawn from all UN members so the model learns the phrasing, not the names. Russia's
officials appear mostly in the "opposed" rows, as they do in the news, but other states
reject foreign troops too and Russia also says things that carry no stance.

Run: python model/generate.py [--seed N] [--rows N] > rows.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pycountry

_DATA = Path(__file__).resolve().parents[1] / "monitor" / "classify" / "data" / "countries.json"
_SKIP = {"UA", "RU", "VA", "PS", "TW", "XK", "KP"}
_NAME_FIX = {
    "GB": "Britain",
    "US": "the United States",
    "NL": "the Netherlands",
    "CZ": "the Czech Republic",
    "KR": "South Korea",
    "AE": "the United Arab Emirates",
    "PH": "the Philippines",
    "TR": "Turkey",
    "IR": "Iran",
    "SY": "Syria",
    "MD": "Moldova",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TZ": "Tanzania",
    "LA": "Laos",
    "VN": "Vietnam",
    "BN": "Brunei",
    "CD": "the Democratic Republic of the Congo",
    "FM": "Micronesia",
    "DO": "the Dominican Republic",
}


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    demonym: str
    capital: str


def countries() -> list[Country]:
    data = json.loads(_DATA.read_text("utf-8"))["countries"]
    out = []
    for code, entry in sorted(data.items()):
        if code in _SKIP or not entry.get("demonyms") or not entry.get("capitals"):
            continue
        c = pycountry.countries.get(alpha_2=code)
        if c is None:
            continue
        name = _NAME_FIX.get(code) or getattr(c, "common_name", None) or c.name
        if "," in name or "(" in name:
            continue
        out.append(Country(code, name, entry["demonyms"][0], entry["capitals"][0]))
    return out


FIRST = [
    "Anna",
    "Marek",
    "Elena",
    "Lars",
    "Sofia",
    "Tomas",
    "Ines",
    "Pieter",
    "Mira",
    "Jonas",
    "Katrin",
    "Luis",
    "Aiko",
    "Omar",
    "Leila",
    "Nikos",
    "Ivana",
    "Mateo",
    "Freya",
    "Kofi",
    "Priya",
    "Hamid",
    "Sanna",
    "Rui",
    "Dana",
    "Viktor",
    "Olga",
    "Paulo",
    "Karin",
    "Emre",
]
LAST = [
    "Lindqvist",
    "Novak",
    "Moreau",
    "Halvorsen",
    "Costa",
    "Brandt",
    "Kovacs",
    "Ortega",
    "Virtanen",
    "Dumitru",
    "Weber",
    "Janssen",
    "Takeda",
    "Haddad",
    "Petrov",
    "Silva",
    "Nyberg",
    "Horvat",
    "Keller",
    "Mensah",
    "Rao",
    "Farahani",
    "Laine",
    "Duarte",
    "Sorensen",
    "Kral",
    "Baptiste",
    "Ionescu",
    "Meyer",
    "Okafor",
]
STATE_TITLES = [
    "Prime Minister",
    "Defence Minister",
    "Defense Minister",
    "Foreign Minister",
    "President",
    "Chancellor",
    "Foreign Affairs Minister",
]
NONSTATE_TITLES = [
    "opposition leader",
    "presidential candidate",
    "former defence minister",
    "retired general",
    "opposition MP",
    "analyst",
    "far-right party leader",
    "former prime minister",
]
OWN_TITLES = ["prime minister", "defence minister", "foreign minister", "president"]
VOICES = ["analyst", "lawmaker", "senator", "commentator", "retired officer"]
TROOPS = [
    "troops",
    "soldiers",
    "ground troops",
    "peacekeepers",
    "peacekeeping troops",
    "military personnel",
    "a contingent",
    "forces",
    "boots on the ground",
    "a battalion",
    "troops on the ground",
    "personnel",
    "an engineering unit",
    "military forces",
]
DEST = [
    "to Ukraine",
    "in Ukraine",
    "to Ukraine as part of a reassurance force",
    "to a multinational force in Ukraine",
    "to Ukraine after a ceasefire",
    "to help secure a peace deal in Ukraine",
    "to a European-led mission in Ukraine",
    "to Ukrainian territory",
]
SAY = [
    "said",
    "told reporters",
    "said on Tuesday",
    "told journalists",
    "stated",
    "said in a statement",
    "told parliament",
    "said on Monday",
    "wrote on X",
]
CONDS = [
    "if a ceasefire is agreed",
    "once a peace deal is finalised",
    "after a peace agreement is signed",
    "with a US backstop",
    "provided there is a UN mandate",
    "if the fighting stops",
    "as soon as a truce holds",
]
LEADS = [
    "",
    "On Tuesday, ",
    "Speaking in Paris, ",
    "After the meeting of the coalition of the willing, ",
    "In an interview, ",
    "At a press conference, ",
    "Meanwhile, ",
    "Separately, ",
]
CONTEXT = [
    "European leaders met in Paris to discuss security guarantees for Ukraine.",
    "The talks focused on what would happen after a ceasefire.",
    "A coalition of countries is drawing up plans for a force to deter future Russian attacks.",
    "Allies have been debating the make-up of a post-war force.",
    "The question of troops has divided Europe.",
    "Washington has pushed Europe to take the lead on guarantees.",
]
RU_SUBJ = [
    "Russia",
    "Moscow",
    "The Kremlin",
    "Kremlin spokesman Dmitry Peskov",
    "Russian Foreign Minister Sergei Lavrov",
    "Foreign ministry spokeswoman Maria Zakharova",
    "Russian officials",
    "The Russian foreign ministry",
]


class Gen:
    """Draws the parts of a row; every choice goes through one seeded Random."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        self.pool = countries()

    def pick(self, items: list[str]) -> str:
        return self.r.choice(items)

    def country(self, *exclude: Country) -> Country:
        while True:
            c = self.r.choice(self.pool)
            if all(c.code != e.code for e in exclude):
                return c

    def person(self) -> str:
        return f"{self.pick(FIRST)} {self.pick(LAST)}"

    def subj(self, c: Country) -> str:
        """A state speaker for c, in subject position."""
        forms = [
            c.name,
            c.name,
            f"the {c.demonym} government",
            f"{c.demonym} {self.pick(STATE_TITLES)} {self.person()}",
            f"{c.name}'s {self.pick(OWN_TITLES)}",
            f"the {c.demonym} defence ministry",
            f"officials in {c.capital}",
            c.capital,
            f"a spokesperson for the {c.demonym} government",
            f"{c.demonym} officials",
        ]
        return self.pick(forms)

    def nonstate(self, c: Country) -> str:
        forms = [
            f"{c.demonym} {self.pick(NONSTATE_TITLES)} {self.person()}",
            f"{c.name}'s {self.pick(NONSTATE_TITLES)} {self.person()}",
            f"{self.person()}, a {self.pick(NONSTATE_TITLES)} in {c.name},",
            f"a {c.demonym} {self.pick(VOICES)}",
            f"{c.demonym} opposition parties",
            f"the leader of {c.name}'s main opposition party",
        ]
        return self.pick(forms)

    def t(self) -> str:
        return self.pick(TROOPS)

    def d(self) -> str:
        return self.pick(DEST)


Row = tuple[str, list[tuple[str, str]]]


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def finish(text: str) -> str:
    text = cap(text.strip())
    return text if text.endswith((".", "?", '"', "!")) else text + "."


WILLING = [
    "{S} is ready to send {T} {D}",
    "{S} is prepared to deploy {T} {D} {C}",
    "{S} {SAY} it would send {T} {D} {C}",
    "{S} could deploy {T} {D} once a peace deal is finalised",
    "{S} has offered to contribute {T} {D}",
    "{S} will commit {T} {D}, though they would not serve as combat forces",
    "{S} {SAY} it was willing to put {T} {D} {C}",
    "{S} confirmed it would take part in the force with {T} {D}",
    "{S} has pledged {T} {D} {C}",
    "{S} stands ready to send {T} {D}",
    "{S} would contribute air policing and naval mine clearance for Ukraine",
    "{S} {SAY} it intends to deploy {T} {D} {C}",
    "{S} is willing to station {T} {D} {C}",
    "{S} will be among the countries sending {T} {D}",
    "{S} said its {T} would be ready to go {D} {C}",
    "{S} {SAY} it was ready, in principle, to deploy {T} {D} {C}",
    "{S} plans to send {T} {D} {C}",
    "{S} agreed to provide {T} {D} {C}",
    "{S} would be prepared to put British-style boots on the ground {D} {C}",
    "{S} is expected to send {T} {D}, officials said",
]
OPEN = [
    "{S} does not rule out sending {T} {D}",
    "{S} has not ruled out deploying {T} {D}",
    "{S} {SAY} it would not exclude sending {T} {D}",
    "{S} is open to sending {T} {D}",
    "{S} is ready to consider sending {T} {D}",
    "{S} {SAY} it was ready to discuss a possible deployment of {T} {D}",
    "{S} would consider contributing {T} {D} {C}",
    "{S} left the door open to sending {T} {D}",
    "{S} has not entirely ruled out deploying {T} {D}",
    "{S} is considering sending {T} {D}",
    "{S} {SAY} sending {T} {D} was an option it would examine",
    "{S} would not send {T} at the initial stage, but a later deployment is possible",
    "{S} {SAY} nothing could be excluded, including {T} {D}",
    "{S} may be willing to deploy {T} {D} under certain conditions",
    "{S} is exploring whether to contribute {T} {D}",
    "{S} signalled openness to deploying {T} {D}",
]
UNDECIDED = [
    "{S} has yet to decide whether to send {T} {D}",
    "{S} is still assessing whether to contribute {T} {D}",
    "{S} {SAY} the time has not yet come to decide on sending {T} {D}",
    "{S} has yet to decide, but is considering sending {T} {D}",
    "{S} is not prepared to commit {T} {D} at this stage",
    "{S} {SAY} no decision had been taken on sending {T} {D}",
    "{S} {SAY} it was too early to say whether it would send {T} {D}",
    "{S} will decide on {T} {D} once the terms of a ceasefire are clear",
    "{S} failed to commit {T} {D}",
    "{S} has not made up its mind about sending {T} {D}",
    "{S} remains undecided on deploying {T} {D}",
    "{S} {SAY} any decision on {T} {D} would come later",
    "{S} is weighing whether to join a force {D}",
    "{S} declined to commit to sending {T} {D} for now",
    "{S} {SAY} it was premature to talk about {T} {D}",
]
DECLINED = [
    "{S} will not send {T} {D}",
    "{S} ruled out sending {T} {D}",
    "{S} has no plans to send {T} {D}",
    "{S} is not considering sending {T} {D}",
    "{S} {SAY} sending {T} {D} was never an option",
    "{S} {SAY} a deployment of its {T} {D} was not planned",
    "{S} will help Ukraine, but not with {T}",
    "{S} will support the coalition without basing forces in Ukraine",
    "{S} would only station {T} in {NEIGHBOUR}, not {D}",
    "{S} opposes sending its own {T} {D}",
    "{S} is not planning to send {T} {D} for now",
    "{S} {SAY} it would not put {T} {D}",
    "{S} rejected calls to deploy {T} {D}",
    "{S} won't rule out anything, but ruled out boots on the ground {D}",
    "{S} {SAY} there would be no {T} from {NAME} {D}",
    "{S} will take part in planning but will not deploy {T} {D}",
    "{S} has said no to sending {T} {D}",
    "{S} refused to send {T} {D}",
    "{S} {SAY} {NAME} would not take part in any deployment {D}",
    "{S} will provide air defence and funding, but will not send {T} {D}",
    "Sending {T} {D} has been ruled out by {S}",
    "{S} {SAY} it had no intention of deploying {T} {D}",
]
OPPOSED_RU = [
    "{R} {SAY} any deployment of Western troops in Ukraine would be unacceptable",
    "{R} {SAY} foreign troops in Ukraine would become legitimate targets",
    "{R} warned that European peacekeepers in Ukraine would trigger a war with NATO",
    "{R} {SAY} Moscow viewed the idea of NATO troops in Ukraine negatively",
    '"We view it negatively," {R} {SAY} of plans to send European troops to Ukraine',
    "{R} rejected any presence of NATO forces in Ukraine",
    "{R} {SAY} it would never accept foreign peacekeepers in Ukraine",
    "{R} {SAY} the deployment of troops from NATO countries to Ukraine was out of the question",
    "{R} opposes the stationing of any Western soldiers in Ukraine",
    "{R} {SAY} any foreign contingent in Ukraine would be a legitimate target for its army",
    "{R} {SAY} a European force in Ukraine would mean direct confrontation with Russia",
]
OPPOSED_OTHER = [
    "{S} {SAY} sending NATO troops to Ukraine would be a dangerous escalation",
    "{S} opposes any deployment of Western troops in Ukraine",
    "{S} {SAY} foreign troops in Ukraine were unacceptable",
    "{S} rejected the idea of a European force in Ukraine altogether",
]
NONE = [
    "{S} will deploy a brigade to Lithuania to strengthen NATO's eastern flank",
    "{S} sent {T} to Latvia under NATO's forward presence",
    "{S} has {T} serving with UN peacekeepers in Lebanon",
    "{S} announced a new aid package for Ukraine, including a Patriot battery",
    "{S} was part of the 2003 coalition of the willing in Iraq",
    "{S} signed the declaration on security guarantees for Ukraine",
    "{S} supports a US backstop for any peace deal",
    "{S} will provide logistics and intelligence to the coalition",
    "{S} will train Ukrainian soldiers on its own territory",
    "{S} joined the talks in Paris on security guarantees",
    "{S} will help monitor the ceasefire from outside Ukraine",
    "{S} will deploy the new payment software next year",
    "{S}'s coach deployed a new formation in the second half",
    "{S} said it would support the troops that others send to Ukraine",
    "{S} pledged more money for Ukraine's armed forces",
    "{S} condemned the attack on Kyiv",
    "{S} imposed new sanctions on Russian oil",
    "{S} is sending air defence systems to Ukraine",
    "{S} hosted a meeting of defence ministers on Ukraine",
    "{S} said Europe must take more responsibility for its own security",
    "{S} will deploy {T} to Kosovo as part of KFOR",
    "{S} has {T} in the Sinai with the multinational observers",
    "{S} will send {T} to a NATO exercise in Poland",
    "{S} urged allies to agree on security guarantees quickly",
]
NONSTATE = [
    "{N} {SAY} {NAME} should send {T} {D}",
    "{N} called on the government to rule out sending {T} {D}",
    "{N} {SAY} he would never send {T} {D}",
    "{N} {SAY} she was ready to deploy {T} {D} if elected",
    "{N} argued that {NAME} could send {T} {D} {C}",
    "{N} {SAY} sending {T} {D} would be a mistake",
    "A poll found that most people in {NAME} oppose sending {T} {D}",
    "{N} {SAY} {NAME} had no business sending {T} {D}",
]
UKRAINE_ASKS = [
    "Zelensky said Ukraine needs troops from {NAME} and other major powers",
    "Ukraine has asked {NAME} to send {T} after a ceasefire",
    "Kyiv wants {NAME} to commit {T} to a reassurance force",
    "Ukrainian President Volodymyr Zelensky urged {NAME} to deploy {T} {D}",
    "Ukraine's foreign minister said {NAME} should put {T} on the ground",
]
QUESTION = [
    "Asked whether {NAME} would be willing to send {T} {D}, the minister declined to answer",
    "Reporters asked whether {NAME} would send {T} {D}",
    "Will {NAME} send {T} {D}?",
    "It is unclear whether {NAME} would be willing to deploy {T} {D}",
    "The question is whether {NAME} is ready to send {T} {D}",
    "Journalists asked {S} whether {NAME} was prepared to deploy {T} {D}",
    "Analysts wonder whether {NAME} will contribute {T} {D}",
]
QUESTION_ANSWERED = [
    ('Asked whether {NAME} would send {T} {D}, {S} said: "No."', "declined"),
    ('Asked whether {NAME} would send {T} {D}, {S} replied: "We are ready."', "willing"),
    ("Asked if {NAME} would deploy {T} {D}, {S} said it had not been ruled out", "open"),
    ("Asked whether {NAME} would contribute {T}, {S} said no decision had been made", "undecided"),
]
HEADLINES = [
    ("{NAME} rules out sending troops to Ukraine", "declined"),
    ("{NAME} ready to send troops to Ukraine after ceasefire", "willing"),
    ("{NAME} open to deploying peacekeepers in Ukraine", "open"),
    ("{NAME} yet to decide on Ukraine troops", "undecided"),
    ("{NAME} says no to troops in Ukraine", "declined"),
    ("{NAME} will not send soldiers to Ukraine, PM says", "declined"),
    ("{NAME} pledges troops for Ukraine force", "willing"),
    ("{NAME} does not exclude troops for Ukraine", "open"),
]


class Builder:
    def __init__(self, gen: Gen) -> None:
        self.g = gen

    def fill(self, template: str, c: Country, subject: str | None = None) -> str:
        g = self.g
        return (
            template.replace("{S}", subject if subject is not None else g.subj(c))
            .replace("{R}", g.pick(RU_SUBJ))
            .replace("{N}", g.nonstate(c))
            .replace("{NAME}", c.name)
            .replace("{T}", g.t())
            .replace("{D}", g.d())
            .replace("{C}", g.pick(CONDS) if g.r.random() < 0.5 else "")
            .replace("{SAY}", g.pick(SAY))
            .replace("{NEIGHBOUR}", g.pick(["Poland", "Romania", "Slovakia", "Lithuania"]))
            .replace("  ", " ")
            .replace(" ,", ",")
            .replace(" .", ".")
        )

    def decorate(self, text: str, labels: list[tuple[str, str]]) -> Row:
        g = self.g
        if g.r.random() < 0.3:
            head = text.split(" ", 1)[0]
            lowered = head in ("The", "A", "Sending", "Officials") and text[:1].lower() + text[1:]
            text = g.pick(LEADS) + (lowered or text)
        text = finish(text)
        roll = g.r.random()
        if roll < 0.18:
            text = g.pick(CONTEXT) + " " + text
        elif roll < 0.26:
            other = g.country()
            text = finish(f"The remarks came after talks with {other.name}'s leaders") + " " + text
        return text, labels

    def single(self, stance: str, templates: list[str]) -> Row:
        c = self.g.country()
        text = self.fill(self.g.pick(templates), c)
        return self.decorate(text, [(c.code, stance)])

    def opposed(self) -> Row:
        if self.g.r.random() < 0.8:
            text = self.fill(self.g.pick(OPPOSED_RU), self.g.country())
            return self.decorate(text, [("RU", "opposed")])
        return self.single("opposed", OPPOSED_OTHER)

    def none(self, templates: list[str]) -> Row:
        c = self.g.country()
        return self.decorate(self.fill(self.g.pick(templates), c), [])

    def pronoun(self) -> Row:
        """The speaker named in the sentence before; "it"/"his country" in the judged one."""
        g = self.g
        c = g.country()
        stance, templates = g.r.choice(_BY_STANCE)
        official = f"{c.demonym} {g.pick(STATE_TITLES)} {g.person()}"
        first = finish(f"{official} met allies in {g.pick(['Paris', 'London', 'Brussels'])}")
        body = self.fill(g.pick(templates), c, subject="his country")
        text = first + " " + finish(f"He said {body[:1].lower() + body[1:]}")
        return text, [(c.code, stance)]

    def ru_none(self) -> Row:
        text = self.fill(
            self.g.pick(
                [
                    "{R} {SAY} talks with Washington would continue next week",
                    "{R} {SAY} Russian forces had taken two villages in the east",
                    "{R} {SAY} it was ready to discuss a prisoner exchange",
                    "{R} {SAY} Russia would not withdraw its troops from the occupied regions",
                    "{R} deployed additional troops to the Kursk region",
                ]
            ),
            self.g.country(),
        )
        return self.decorate(text, [])

    def third_country_troops(self) -> Row:
        g = self.g
        c = g.pick(["North Korean", "Belarusian", "Iranian"])
        text = f"{c} troops are fighting alongside Russian forces in the Kursk region"
        return self.decorate(text, [])


_BY_STANCE = [
    ("willing", WILLING),
    ("open", OPEN),
    ("undecided", UNDECIDED),
    ("declined", DECLINED),
]
_SIMPLE = {"willing": WILLING, "open": OPEN, "undecided": UNDECIDED, "declined": DECLINED}


def _and(names: list[str]) -> str:
    return ", ".join(names[:-1]) + " and " + names[-1]


def multi(b: Builder) -> Row:
    """Lists, contrasts, respective readings and passive denials with several countries."""
    g = b.g
    kind = g.r.randrange(6)
    a, c = g.country(), g.country()
    c = g.country(a)
    if kind == 0:  # a list sharing one stance
        group = [a, c, g.country(a, c)]
        stance, templates = g.r.choice(_BY_STANCE)
        subject = _and([x.name for x in group])
        body = b.fill(g.pick(templates), group[0], subject=subject)
        body = body.replace(" is ", " are ").replace(" has ", " have ").replace(" does ", " do ")
        return b.decorate(body, [(x.code, stance) for x in group])
    if kind == 1:  # passive denial with a list
        group = [a, c, g.country(a, c)]
        r = g.country(*group)
        text = (
            f"A report that {r.name} and its allies would send {g.t()} {g.d()} "
            f"was later denied in {_and([x.capital for x in group])}"
        )
        return b.decorate(text, [(x.code, "declined") for x in group])
    if kind == 2:  # contrast between two countries
        (s1, t1), (s2, t2) = g.r.sample(_BY_STANCE, 2)
        left = b.fill(g.pick(t1), a)
        right = b.fill(g.pick(t2), c)
        joint = g.pick([", while ", ", whereas ", "; ", ", but "])
        right = right[:1].lower() + right[1:] if right.startswith(("The ", "A ")) else right
        return b.decorate(left + joint + right, [(a.code, s1), (c.code, s2)])
    if kind == 3:  # respective reading
        text = (
            f"{a.name} and {c.name} expressed readiness and potential readiness, respectively, "
            f"to send {g.t()} {g.d()}"
        )
        return b.decorate(text, [(a.code, "willing"), (c.code, "open")])
    if kind == 4:  # one stance, another country only mentioned
        stance, templates = g.r.choice(_BY_STANCE)
        body = b.fill(g.pick(templates), a)
        tail = g.pick(
            [
                f", after a call with {c.name}'s leader",
                f", following talks in {c.capital}",
                f", a position shared by officials who met in {c.capital}",
                f" during a visit to {c.name}",
            ]
        )
        return b.decorate(body + tail, [(a.code, stance)])
    # a state stance and a non-state voice of another country
    stance, templates = g.r.choice(_BY_STANCE)
    body = b.fill(g.pick(templates), a)
    other = b.fill(g.pick(NONSTATE), c)
    return b.decorate(body + ". " + other, [(a.code, stance)])


def generate(seed: int, rows: int) -> list[dict[str, object]]:
    g = Gen(seed)
    b = Builder(g)
    makers: list[tuple[float, Callable[[], Row]]] = [
        (0.11, lambda: b.single("willing", WILLING)),
        (0.10, lambda: b.single("open", OPEN)),
        (0.09, lambda: b.single("undecided", UNDECIDED)),
        (0.12, lambda: b.single("declined", DECLINED)),
        (0.08, b.opposed),
        (0.10, lambda: b.none(NONE)),
        (0.05, lambda: b.none(NONSTATE)),
        (0.04, lambda: b.none(UKRAINE_ASKS)),
        (0.04, lambda: b.none(QUESTION)),
        (0.03, lambda: _answered(b)),
        (0.03, lambda: _headline(b)),
        (0.04, b.pronoun),
        (0.02, b.ru_none),
        (0.01, b.third_country_troops),
        (0.14, lambda: multi(b)),
    ]
    weights = [w for w, _ in makers]
    out = []
    for i in range(rows):
        make = g.r.choices([m for _, m in makers], weights)[0]
        text, labels = make()
        out.append(
            {
                "id": f"g{i:05d}",
                "text": text,
                "labels": [{"actor": a, "stance": s} for a, s in labels],
            }
        )
    return out


def _answered(b: Builder) -> Row:
    c = b.g.country()
    template, stance = b.g.r.choice(QUESTION_ANSWERED)
    return b.decorate(b.fill(template, c), [(c.code, stance)])


def _headline(b: Builder) -> Row:
    c = b.g.country()
    template, stance = b.g.r.choice(HEADLINES)
    return b.fill(template, c), [(c.code, stance)]


def digest(rows: list[dict[str, object]]) -> str:
    h = hashlib.sha256()
    for row in rows:
        h.update(json.dumps(row, sort_keys=True).encode())
    return h.hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--rows", type=int, default=3000)
    args = parser.parse_args()
    for row in generate(args.seed, args.rows):
        sys.stdout.write(json.dumps(row) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
