"""Autocomplete for a half-typed job title: sorted word suffixes answer a prefix in O(log n)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from bot.understand.normalize import normalize
from bot.understand.token_index import TokenIndex

FUZZY_FROM = 3  # characters typed before misspellings are considered
FUZZY_MIN_SCORE = 60.0
SCAN_LIMIT = 600


@dataclass(frozen=True, slots=True)
class Suggestion:
    name: str  # what the user sees: "RN → Registered Nurse"
    value: str  # what is sent back: the profile title, which matches exactly


@dataclass(frozen=True, slots=True)
class Entry:
    label: str
    title: str
    key: str


class Autocomplete:
    def __init__(self, entries: Sequence[Entry], popular: Sequence[str]) -> None:
        """`entries` are profile titles and aliases; `popular` orders titles for an empty prefix."""
        self._entries = list(entries)
        self._popular = list(popular)
        norms = [normalize(e.label) for e in self._entries]
        suffixes: list[tuple[str, int, int]] = []
        for i, norm in enumerate(norms):
            words = norm.split()
            for start in range(len(words)):
                suffixes.append((" ".join(words[start:]), start, i))
        suffixes.sort()
        self._suffixes = suffixes
        self._keys = [s[0] for s in suffixes]
        self._fuzzy = TokenIndex([n or "-" for n in norms])

    def _pick(self, hits: list[tuple[int, int]], limit: int) -> list[Suggestion]:
        picked: dict[str, Suggestion] = {}
        for _, i in hits:
            entry = self._entries[i]
            if entry.key in picked:
                continue
            name = entry.title if entry.label == entry.title else f"{entry.label} → {entry.title}"
            picked[entry.key] = Suggestion(name=name[:100], value=entry.title[:100])
            if len(picked) >= limit:
                break
        return list(picked.values())

    def suggest(self, prefix: str, limit: int) -> list[Suggestion]:
        norm = normalize(prefix) if prefix.strip() else ""
        if not norm:
            return [Suggestion(t[:100], t[:100]) for t in self._popular[:limit]]
        hits: list[tuple[int, int]] = []
        at = bisect_left(self._keys, norm)
        end = min(len(self._keys), at + SCAN_LIMIT)  # a one-letter prefix matches thousands; rank a bounded slice
        while at < end and self._keys[at].startswith(norm):
            _, start, i = self._suffixes[at]
            is_alias = self._entries[i].label != self._entries[i].title
            # rank: matches at the first word, then titles before aliases, then shorter labels
            hits.append((2 * (start > 0) + is_alias, i))
            at += 1
        hits.sort(key=lambda h: (h[0], len(self._entries[h[1]].label)))
        found = self._pick(hits, limit)
        if len(found) < limit and len(norm) >= FUZZY_FROM:
            seen = {s.value for s in found}
            scored = self._fuzzy.scores(norm, limit=limit * 2, prefix_last=True, head=False)
            more = [(0, i) for i, score in scored if score >= FUZZY_MIN_SCORE]
            found += [s for s in self._pick(more, limit) if s.value not in seen][: limit - len(found)]
        return found
