"""Display names of countries for the stance board and alerts (ISO 3166-1 alpha-2 in)."""

from __future__ import annotations

import difflib
from functools import lru_cache

import pycountry

# pycountry's short names read like index entries ("Korea, Republic of"); an analyst
# expects the names news use.
_NAMES = {
    "RU": "Russia",
    "VA": "Vatican City",
    "PS": "Palestine",
    "TW": "Taiwan",
    "XK": "Kosovo",
    "CD": "DR Congo",
    "FM": "Micronesia",
    "BN": "Brunei",
}


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """The common English name of a country, or the code itself when unknown.

    >>> country_name("GB"), country_name("KR"), country_name("ZZ")
    ('United Kingdom', 'South Korea', 'ZZ')
    """
    code = code.upper()
    if code in _NAMES:
        return _NAMES[code]
    found = pycountry.countries.get(alpha_2=code)
    if found is None:
        return code
    return str(getattr(found, "common_name", None) or found.name)


class UnknownCountryError(ValueError):
    """A country argument that names no country; `suggestions` are the closest names."""

    def __init__(self, text: str, suggestions: tuple[str, ...]):
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown country {text!r}{hint}")
        self.text = text
        self.suggestions = suggestions


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    """Every name and code (lower case) -> alpha-2 code: pycountry's names, codes and
    common and official names, and the names news use (_NAMES)."""
    index: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("alpha_2", "alpha_3", "name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                index.setdefault(str(value).lower(), c.alpha_2)
    for code, name in _NAMES.items():
        index[name.lower()] = code
        index.setdefault(code.lower(), code)
    for alias, code in _ALIASES.items():
        index.setdefault(alias, code)
    # "Iran, Islamic Republic of" is also found as "Iran".
    for name, code in list(index.items()):
        head = name.partition(",")[0]
        if head != name:
            index.setdefault(head, code)
    return index


# Names in everyday use that pycountry does not list.
_ALIASES = {
    "uk": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "america": "US",
    "turkey": "TR",
    "holland": "NL",
    "czech republic": "CZ",
    "ivory coast": "CI",
    "north korea": "KP",
    "vatican": "VA",
}


def resolve_country(text: str) -> str:
    """The ISO 3166-1 alpha-2 code of a country given by code or name, any case.

    >>> resolve_country("France"), resolve_country("fr"), resolve_country("FRA")
    ('FR', 'FR', 'FR')
    >>> resolve_country("uk"), resolve_country("Turkey")
    ('GB', 'TR')
    >>> try:
    ...     resolve_country("Frnace")
    ... except UnknownCountryError as exc:
    ...     print(exc)
    unknown country 'Frnace'; did you mean France?
    """
    key = " ".join(text.split()).lower()
    found = _index().get(key)
    if found is not None:
        return found
    names = sorted({country_name(code) for code in _index().values()})
    by_lower = {n.lower(): n for n in names}
    close = difflib.get_close_matches(key, list(by_lower), n=3, cutoff=0.6)
    raise UnknownCountryError(text, tuple(by_lower[c] for c in close))
