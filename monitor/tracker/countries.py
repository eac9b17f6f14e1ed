"""Display names of countries for the stance board and alerts (ISO 3166-1 alpha-2 in)."""

from __future__ import annotations

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
