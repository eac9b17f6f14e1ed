"""The gazetteer: country names, demonyms, capitals, metonyms, officials and groups.

Built from pycountry (official and short names) and the data files in `data/`; a user
extends it with JSON or TOML files of the same shape (`load_gazetteer(extra_paths=...)`):

    {"countries": {"XX": {"names": [...], "demonyms": [...], "capitals": [...]}},
     "officials": [{"name": "...", "aliases": [...], "country": "XX", "role": "..."}],
     "groups": [{"names": [...], "adjective": "...", "members": ["XX", ...]}]}
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pycountry

from monitor.classify.lexicon import ENGLISH, Lexicon
from monitor.classify.text import fold, tokenize


class Kind(StrEnum):
    COUNTRY = "country"  # a name, short name or metonym: can be a subject
    CAPITAL = "capital"  # a capital: a subject ("Warsaw said") or a place ("in Warsaw")
    DEMONYM = "demonym"  # modifies a noun: "Polish minister", "Canadian troops"
    PERSON = "person"  # an official who speaks for a state
    GROUP = "group"  # "the Baltic states"
    GROUP_ADJ = "group-adjective"  # "Nordic" in "the Nordic and Baltic countries"


@dataclass(frozen=True, slots=True)
class Entry:
    kind: Kind
    countries: tuple[str, ...]
    name: str
    role: str = ""


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Token-sequence lookup of every known name; build it once with `load_gazetteer`."""

    entries: Mapping[tuple[str, ...], Entry]
    lengths: Mapping[str, tuple[int, ...]]  # first token -> candidate lengths, longest first
    countries: frozenset[str]
    host: str = "UA"
    # States whose remarks on troops in Ukraine are about others' troops (the aggressor
    # and the states whose forces fight on its side).
    opposing_side: frozenset[str] = frozenset({"RU", "BY", "KP"})

    def lookup(self, forms: Sequence[str], i: int) -> tuple[int, Entry] | None:
        """The longest entry starting at token `i`, as (length, entry)."""
        available = len(forms) - i
        for length in self.lengths.get(forms[i], ()):
            if length > available:
                continue
            entry = self.entries.get(tuple(forms[i : i + length]))
            if entry is not None:
                return length, entry
        return None


_PRIORITY = {
    Kind.PERSON: 0,
    Kind.GROUP: 1,
    Kind.COUNTRY: 2,
    Kind.CAPITAL: 3,
    Kind.DEMONYM: 4,
    Kind.GROUP_ADJ: 5,
}


def _key(name: str, lexicon: Lexicon) -> tuple[str, ...]:
    folded = fold(name.strip())
    return tokenize(folded, 0, len(folded), lexicon).forms


class _Builder:
    def __init__(self, lexicon: Lexicon) -> None:
        self.entries: dict[tuple[str, ...], Entry] = {}
        self.countries: set[str] = set()
        self.lexicon = lexicon  # names are tokenized as sentences will be

    def add(self, name: str, entry: Entry) -> None:
        name = name.strip()
        head, space, rest = name.partition(" ")
        if space and head.lower() in self.lexicon.definite_articles:
            name = rest  # "the Kremlin" is found after any article
        key = _key(name, self.lexicon)
        if not key:
            return
        old = self.entries.get(key)
        # A name that is both a country name and a demonym ("New Zealand") stays a name.
        if old is None or _PRIORITY[entry.kind] < _PRIORITY[old.kind]:
            self.entries[key] = entry

    def add_country(self, code: str, data: Mapping[str, Any]) -> None:
        code = code.upper()
        self.countries.add(code)
        for name in _strings(data.get("names", ())):
            self.add(name, Entry(Kind.COUNTRY, (code,), name))
        for name in _strings(data.get("metonyms", ())):
            self.add(name, Entry(Kind.COUNTRY, (code,), name))
        for name in _strings(data.get("capitals", ())):
            self.add(name, Entry(Kind.CAPITAL, (code,), name))
        for name in _strings(data.get("demonyms", ())):
            self.add(name, Entry(Kind.DEMONYM, (code,), name))

    def add_official(self, data: Mapping[str, Any]) -> None:
        code = str(data["country"]).upper()
        role = str(data.get("role", "official"))
        name = str(data["name"])
        for alias in [name, *_strings(data.get("aliases", ()))]:
            self.add(alias, Entry(Kind.PERSON, (code,), name, role))

    def add_group(self, data: Mapping[str, Any]) -> None:
        members = tuple(str(c).upper() for c in data["members"])
        label = str(next(iter(data.get("names", ())), data.get("adjective", "")))
        for name in _strings(data.get("names", ())):
            self.add(name, Entry(Kind.GROUP, members, label))
        adjective = data.get("adjective")
        if adjective:
            self.add(str(adjective), Entry(Kind.GROUP_ADJ, members, label))

    def merge(self, doc: Mapping[str, Any]) -> None:
        for code, data in dict(doc.get("countries", {})).items():
            self.add_country(code, data)
        for official in doc.get("officials", ()):
            self.add_official(official)
        for group in doc.get("groups", ()):
            self.add_group(group)

    def build(self) -> Gazetteer:
        lengths: dict[str, set[int]] = {}
        for key in self.entries:
            lengths.setdefault(key[0], set()).add(len(key))
        return Gazetteer(
            entries=MappingProxyType(dict(self.entries)),
            lengths=MappingProxyType(
                {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}
            ),
            countries=frozenset(self.countries),
        )


def _strings(values: Iterable[Any]) -> list[str]:
    return [str(v) for v in values if str(v).strip()]


def _pycountry_names() -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for country in pycountry.countries:
        found = [getattr(country, attr, "") for attr in ("name", "common_name", "official_name")]
        # "Korea, Republic of" and "Holy See (Vatican City State)" are catalogue forms.
        names[country.alpha_2] = [n for n in found if n and "," not in n and "(" not in n]
    return names


def _read(path: Path) -> Mapping[str, Any]:
    raw = path.read_bytes()
    if path.suffix.lower() == ".toml":
        return tomllib.loads(raw.decode("utf-8"))
    loaded: Mapping[str, Any] = json.loads(raw)
    return loaded


def _packaged(name: str) -> Mapping[str, Any]:
    loaded: Mapping[str, Any] = json.loads(
        resources.files("monitor.classify").joinpath("data", name).read_text("utf-8")
    )
    return loaded


def load_gazetteer(extra_paths: Sequence[str | Path] = (), lexicon: Lexicon = ENGLISH) -> Gazetteer:
    """The shipped gazetteer merged with the user's JSON or TOML files, in order, its names
    tokenized with `lexicon`.

    >>> g = load_gazetteer()
    >>> g.lookup(("the", "Kremlin"), 1)[1].countries
    ('RU',)
    """
    builder = _Builder(lexicon)
    hand = _packaged("countries.json")
    for code, names in _pycountry_names().items():
        if code in hand["countries"]:
            builder.add_country(code, {"names": names})
    builder.merge(hand)
    builder.merge(_packaged("officials.json"))
    builder.merge(_packaged("groups.json"))
    for path in extra_paths:
        builder.merge(_read(Path(path)))
    return builder.build()
