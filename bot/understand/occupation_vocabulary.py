"""How much of a query the words of one occupation's labels cover, taken together.

Label similarity compares the query with one stored title at a time, so a two-word query can tie
between two titles that each share one of its words. An occupation whose many labels use both
words between them is the likelier answer: pooling each occupation's words rewards that.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

SATURATION = 2  # a word in this many of an occupation's labels counts in full; in one, for half


class OccupationVocabulary:
    def __init__(self, labels: Iterable[tuple[str, str]]) -> None:
        """`labels` are (occupation key, normalised label) pairs."""
        self._counts: dict[str, dict[str, int]] = {}
        for key, norm in labels:
            counts = self._counts.setdefault(key, {})
            for word in set(norm.split()):
                counts[word] = counts.get(word, 0) + 1
        spread: dict[str, int] = {}
        for counts in self._counts.values():
            for word in counts:
                spread[word] = spread.get(word, 0) + 1
        total = max(len(self._counts), 1)
        # weighting by rarity across occupations: "inspector" says more about the job than "and"
        self._idf = {word: math.log(total / n) for word, n in spread.items()}
        self._unseen_idf = math.log(total + 1)

    def support(self, norm: str, key: str) -> float:
        """0-1: the rarity-weighted share of the query's words that this occupation's labels use."""
        return self.supports(norm, (key,))[key]

    def supports(self, norm: str, keys: Iterable[str]) -> dict[str, float]:
        """`support` for several occupations, weighing the query's words once."""
        words = set(norm.split())
        total = sum(self._idf.get(w, self._unseen_idf) for w in words)
        out: dict[str, float] = {}
        for key in keys:
            counts = self._counts.get(key)
            if not total or not counts:
                out[key] = 0.0
                continue
            found = sum(self._idf[w] * min(1.0, counts[w] / SATURATION) for w in words if w in counts)
            out[key] = found / total
        return out
