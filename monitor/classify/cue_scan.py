"""Which cue patterns can match a sentence at all, found by one scan for their heads.

Each cue pattern is read once (its parsed form) for the literal strings one of which
every match of it starts with: "rules? out|ruled out|..." starts with "rule", "ruled" ...
One regex over all those heads, tried at every offset of a sentence, tells which patterns
can match there; the others are not run (most sentences hold one or two of the sixteen
kinds). A pattern whose heads cannot be read (a match can start with any word) is always
run, so the cues found are exactly those of running every pattern.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from typing import Any

from monitor.classify.cue_kinds import CuePattern

# (prefix, complete): complete while the prefix is all of what the items so far match,
# so what follows them extends it
_Partial = tuple[str, bool]
_WORD_START = r"(?<![\w-])"  # how the lexicon's cue patterns begin
_HEAD_CHARS = 10  # heads are cut to this length (a smaller finder, a faster start)
_LIMIT = 512  # prefixes of a pattern past which they are not extended (they stay valid)

try:  # the parser of `re` (private; without it every pattern is simply always run)
    _sre: Any = importlib.import_module("re._parser")
    _c: Any = importlib.import_module("re._constants")
    _REPEATS = tuple(
        getattr(_c, name)
        for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
        if hasattr(_c, name)
    )
except (ImportError, AttributeError):  # pragma: no cover - another Python's internals
    _sre = None


def heads(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Literal strings such that every match of `pattern` starts with one of them (none
    the start of another); None when some match could start with anything.

    >>> sorted(heads(re.compile(r"(?<!\\w)(?:rules? out|ruled out|no plans?)")))
    ['no plan', 'rule']
    """
    if _sre is None or pattern.flags & re.IGNORECASE:
        return None
    try:
        parsed = _sre.parse(pattern.pattern, pattern.flags)
        found = _sequence(list(parsed))
    except Exception:  # an unreadable pattern is run every time
        return None
    prefixes = {p for p, _ in found}
    if "" in prefixes:
        return None
    kept: list[str] = []
    for p in sorted(prefixes, key=lambda x: (len(x), x)):
        if not any(p.startswith(k) for k in kept):  # where p starts, k does
            kept.append(p)
    return frozenset(kept)


def _at_word_start(pattern: re.Pattern[str]) -> bool:
    """Whether every match of the pattern starts where _WORD_START holds (its parsed form
    begins with that assertion, outside any alternation)."""
    if _sre is None or pattern.flags & re.ASCII:  # its \w would not be the finder's
        return False
    try:
        first = list(_sre.parse(pattern.pattern, pattern.flags))[:1]
        lead = list(_sre.parse(_WORD_START))
    except Exception:  # unreadable: looked for everywhere
        return False
    return repr(first) == repr(lead)


def _sequence(items: Sequence[tuple[Any, Any]]) -> set[_Partial]:
    out: set[_Partial] = {("", True)}
    for op, av in items:
        if not any(complete for _, complete in out):
            break
        step = _item(op, av)
        extended: set[_Partial] = set()
        for p, complete in out:
            if complete:
                # a head's start is a head too: heads stop at _HEAD_CHARS
                extended.update(
                    (p + q, c) if len(p + q) < _HEAD_CHARS else ((p + q)[:_HEAD_CHARS], False)
                    for q, c in step
                )
            else:
                extended.add((p, False))
        if len(extended) > _LIMIT:
            return {(p, False) for p, _ in extended}  # valid, only not extended further
        out = extended
    return out


def _item(op: Any, av: Any) -> set[_Partial]:
    """What one parsed item can start with."""
    if op is _c.LITERAL:
        return {(chr(av), True)}
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        return {("", False)} if add_flags & re.IGNORECASE else _sequence(list(sub))
    if op is _c.BRANCH:
        out: set[_Partial] = set()
        for branch in av[1]:
            out |= _sequence(list(branch))
        return out
    if op is _c.ASSERT and av[0] == 1:
        # a lookahead: the text goes on with what it matches, though the match does
        # not take it ("is" before " sending"); nothing is appended after it
        return {(p, False) for p, _ in _sequence(list(av[1]))}
    if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
        return {("", True)}  # zero width: a match goes on with what follows
    if op is _c.IN and len(av) <= 8 and all(o is _c.LITERAL for o, _ in av):
        return {(chr(ch), True) for _, ch in av}
    if op in _REPEATS:
        low, high, sub = av
        once = {(p, c and high == 1) for p, c in _sequence(list(sub))}
        return (once | {("", True)}) if low == 0 else once
    return {("", False)}


class CueScan:
    """For one tuple of cue patterns: which of them can match a text."""

    def __init__(self, patterns: Sequence[CuePattern]) -> None:
        per_pattern = [heads(p.pattern) for p in patterns]
        self.always = frozenset(n for n, h in enumerate(per_pattern) if h is None)
        of_head: dict[str, set[int]] = {}
        for n, hs in enumerate(per_pattern):
            for h in hs or ():
                of_head.setdefault(h, set()).add(n)
        members = sorted(of_head)
        # every head -> the patterns that have a head it starts with (the scan reports
        # the longest head at an offset; shorter ones there are its prefixes)
        self.owners: dict[str, frozenset[int]] = {
            m: frozenset(n for k in range(1, len(m) + 1) for n in of_head.get(m[:k], ()))
            for m in members
        }
        # patterns that all start at a word's start are only looked for there (twice as
        # fast as at every offset)
        lead = _WORD_START if all(_at_word_start(p.pattern) for p in patterns) else ""
        self.finder = re.compile(lead + "(?=(" + _trie(members) + "))") if members else None

    def candidates(self, text: str) -> set[int]:
        """Indexes of the patterns that can match `text`."""
        found = set(self.always)
        if self.finder is not None:
            owners = self.owners
            for head in self.finder.findall(text):
                found |= owners[head]
        return found


def _trie(words: list[str]) -> str:
    """One regex for a set of literals, nested by shared prefixes; at an offset it takes
    the longest literal that starts there."""
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


# cue patterns (by id, kept alive with their scan) -> the scan
_SCANS: dict[int, tuple[Sequence[CuePattern], CueScan]] = {}


def cue_scan(patterns: Sequence[CuePattern]) -> CueScan:
    """The scan for a lexicon's cue patterns, built once."""
    cached = _SCANS.get(id(patterns))
    if cached is not None:
        return cached[1]
    scan = CueScan(patterns)
    _SCANS[id(patterns)] = (patterns, scan)
    return scan
