"""Clean a page title: strip the site and section names sites join to their headlines."""

from __future__ import annotations

import re

_SEPARATOR = re.compile(r"\s+(?:[|–—·•»:]{1,2}|-{1,2})\s+")
_NON_WORD = re.compile(r"[\W_]+")
_SHORT_AFTER_PIPE = 4  # words; "Headline | Politics | Site" loses both tails


def clean_title(title: str, sites: list[str]) -> str:
    """The headline without the site name (matched against `sites`, names or host names)
    or a short section name after a pipe.

    >>> clean_title("Poland says no - The Daily Planet", ["The Daily Planet"])
    'Poland says no'
    >>> clean_title("Poland says no | World | Planet", [])
    'Poland says no'
    """
    title = " ".join(title.split()).strip(" |–—·•»:-")
    keys = [k for k in (_squash(s.lstrip("@")) for s in sites) if k]
    parts = _SEPARATOR.split(title)
    seps = _SEPARATOR.findall(title)
    while len(parts) > 1 and _is_site(parts[-1], seps[-1], keys):
        parts.pop()
        seps.pop()
    while len(parts) > 1 and _is_site(parts[0], seps[0], keys):
        parts.pop(0)
        seps.pop(0)
    out = parts[0]
    for sep, part in zip(seps, parts[1:], strict=True):
        out += sep + part
    return out


def _squash(text: str) -> str:
    squashed = _NON_WORD.sub("", text.lower())
    return squashed.removeprefix("www") if "." in text else squashed


def _is_site(part: str, sep: str, keys: list[str]) -> bool:
    squashed = _squash(part)
    if len(squashed) >= 4 and any(squashed in k or k in squashed for k in keys):
        return True
    return "|" in sep and len(part.split()) <= _SHORT_AFTER_PIPE
