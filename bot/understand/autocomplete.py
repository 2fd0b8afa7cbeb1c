"""Autocomplete for a half-typed job title: sorted word suffixes answer a prefix in O(log n).

A prefix that begins many suffixes ("s", "ma", "sales") would mean ranking hundreds of them per
keystroke, so the best SUGGESTION_LIMIT for every such prefix are ranked once, when the index is
built, and a keystroke reads them from a table; any other prefix ranks fewer than CROWDED entries.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.understand.normalize import normalize
from bot.understand.token_index import TokenIndex

FUZZY_FROM = 3  # characters typed before misspellings are considered
FUZZY_MIN_SCORE = 60.0
CROWDED = 64  # a prefix beginning more suffixes than this is answered from the precomputed table
UNRANKED = 1 << 30
TABLE_LIMIT = 25  # suggestions kept per precomputed prefix: Discord shows at most 25


@dataclass(frozen=True, slots=True)
class Suggestion:
    name: str  # what the user sees: "RN → Registered Nurse"
    value: str  # what is sent back: the profile title, which matches exactly


@dataclass(frozen=True, slots=True)
class Entry:
    label: str
    title: str
    key: str
    norm: str  # the label normalised as the matcher stores it: one vocabulary for both


class Autocomplete:
    def __init__(self, entries: Sequence[Entry], popular: Sequence[str]) -> None:
        """`entries` are profile titles and aliases; `popular` orders titles for an empty prefix."""
        # plain tuples (label, title, key): a compiled index reads them far faster than dataclasses
        self._entries = [(e.label, e.title, e.key) for e in entries]
        self._popular = list(popular)
        self._size_rank = {title: n for n, title in enumerate(self._popular)}
        suffixes: list[tuple[str, int, int]] = []
        for i, entry in enumerate(entries):
            words = entry.norm.split()
            for start in range(len(words)):
                suffixes.append((" ".join(words[start:]), start, i))
        suffixes.sort()
        # three parallel columns rather than some 90,000 tuples: a third of the memory
        self._keys = [key for key, _, _ in suffixes]
        self._later = bytes(min(start, 1) for _, start, _ in suffixes)  # 1: the match is not at the first word
        self._owner = array("i", (i for _, _, i in suffixes))
        self._table = self._crowded_prefixes()
        self._fuzzy = TokenIndex([e.norm or "-" for e in entries])

    def _rank(self, at: int) -> tuple[int, int, int, str]:
        """Matches at the first word, then titles before aliases, then commoner jobs, then shorter labels."""
        i = self._owner[at]
        label, title, _ = self._entries[i]
        return 2 * self._later[at] + (label != title), self._size_rank.get(title, UNRANKED), len(label), self._keys[at]

    def _crowded_prefixes(self) -> dict[str, tuple[int, ...]]:
        """For every prefix beginning more than CROWDED suffixes, its best entries (ranked over all of them)."""
        crowded: set[str] = set()
        groups = [(0, len(self._keys))]
        length = 1
        while groups:
            larger = []
            for lo, hi in groups:
                at = lo
                while at < hi:
                    if len(self._keys[at]) < length:  # a whole key shorter than the prefix: no group
                        at += 1
                        continue
                    prefix = self._keys[at][:length]
                    end = bisect_left(self._keys, prefix + "\uffff", at, hi)
                    if end - at > CROWDED:
                        crowded.add(prefix)
                        larger.append((at, end))
                    at = end
            groups, length = larger, length + 1
        table: dict[str, list[int]] = {}
        taken: dict[str, set[str]] = {}
        for at in sorted(range(len(self._keys)), key=self._rank):
            key, i = self._keys[at], self._owner[at]
            for n in range(1, len(key) + 1):
                prefix = key[:n]
                if prefix not in crowded:
                    break
                picked = table.setdefault(prefix, [])
                seen = taken.setdefault(prefix, set())
                profile = self._entries[i][2]
                if len(picked) < TABLE_LIMIT and profile not in seen:
                    seen.add(profile)
                    picked.append(i)
        return {prefix: tuple(found) for prefix, found in table.items()}

    def _pick(self, hits: Iterable[int], limit: int) -> list[Suggestion]:
        picked: dict[str, Suggestion] = {}
        for i in hits:
            label, title, key = self._entries[i]
            if key in picked:
                continue
            name = title if label == title else f"{label} → {title}"
            picked[key] = Suggestion(name=name[:100], value=title[:100])
            if len(picked) >= limit:
                break
        return list(picked.values())

    def _prefixed(self, norm: str, limit: int) -> list[Suggestion]:
        table = self._table.get(norm)
        if table is not None and limit <= TABLE_LIMIT:
            return self._pick(table, limit)
        at = bisect_left(self._keys, norm)
        end = bisect_left(self._keys, norm + "\uffff", at)
        return self._pick((self._owner[h] for h in sorted(range(at, end), key=self._rank)), limit)

    def suggest(self, prefix: str, limit: int) -> list[Suggestion]:
        norm = normalize(prefix) if prefix.strip() else ""
        if not norm:
            return [Suggestion(t[:100], t[:100]) for t in self._popular[:limit]]
        found = self._prefixed(norm, limit)
        if len(found) < limit and len(norm) >= FUZZY_FROM:
            seen = {s.value for s in found}
            scored = self._fuzzy.scores(norm, limit=limit * 2, prefix_last=True, head=False)
            more = [i for i, score in scored if score >= FUZZY_MIN_SCORE]
            found += [s for s in self._pick(more, limit) if s.value not in seen][: limit - len(found)]
        return found
