"""How much of a query the words of one occupation's labels cover, taken together.

Label similarity compares the query with one stored title at a time, so a two-word query can tie
between two titles that each share one of its words. An occupation whose many labels use both
words between them is the likelier answer: pooling each occupation's words rewards that.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

SATURATION = 2  # a word in this many of an occupation's labels counts in full; in one, for half


class OccupationVocabulary:
    """Counts are taken lazily, per occupation and per word, the first time a query needs them."""

    def __init__(
        self, labels: Iterable[tuple[str, str]], postings: Callable[[str], Sequence[int]] | None = None
    ) -> None:
        """`labels` are (occupation key, normalised label) pairs; `postings`, when given, lists the labels
        (by position) holding a word, so a word's spread over occupations is counted only when asked."""
        self._labels: dict[str, list[str]] = {}
        self._owners: list[str] = []
        for key, norm in labels:
            self._labels.setdefault(key, []).append(norm)
            self._owners.append(key)
        self._postings = postings
        total = max(len(self._labels), 1)
        self._total = total
        self._unseen_idf = math.log(total + 1)
        self._start()

    def _start(self) -> None:
        """Counts are per occupation and per stored word, so these caches stay bounded by the vocabulary."""
        self._counts: dict[str, dict[str, int]] = {}
        self._spread: dict[str, int] | None = None

    def __getstate__(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if k not in {"_counts", "_spread"}}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._start()

    def _counts_of(self, key: str) -> dict[str, int] | None:
        counts = self._counts.get(key)
        if counts is None:
            labels = self._labels.get(key)
            if labels is None:
                return None
            counts = {}
            for norm in labels:
                for word in set(norm.split()):
                    counts[word] = counts.get(word, 0) + 1
            self._counts[key] = counts
        return counts

    def spread(self, word: str) -> int:
        """How many occupations use this word in any of their labels."""
        if self._postings is not None:
            if self._spread is None:
                self._spread = {}
            n = self._spread.get(word)
            if n is None:
                n = len({self._owners[i] for i in self._postings(word)})
                if n:  # a word no title uses is never a cache key
                    self._spread[word] = n
            return n
        if self._spread is None:
            spread: dict[str, int] = {}
            for labels in self._labels.values():
                for word_ in {w for norm in labels for w in norm.split()}:
                    spread[word_] = spread.get(word_, 0) + 1
            self._spread = spread
        return self._spread.get(word, 0)

    def _idf(self, word: str) -> float:
        """Rarity across occupations: "inspector" says more about the job than "and"."""
        n = self.spread(word)
        return math.log(self._total / n) if n else self._unseen_idf

    def support(self, norm: str, key: str) -> float:
        """0-1: the rarity-weighted share of the query's words that this occupation's labels use."""
        return self.supports(norm, (key,))[key]

    def supports(self, norm: str, keys: Iterable[str]) -> dict[str, float]:
        """`support` for several occupations, weighing the query's words once."""
        words = set(norm.split())
        idf = {w: self._idf(w) for w in words}
        total = sum(idf.values())
        out: dict[str, float] = {}
        for key in keys:
            counts = self._counts_of(key)
            if not total or not counts:
                out[key] = 0.0
                continue
            found = sum(idf[w] * min(1.0, counts[w] / SATURATION) for w in words if w in counts)
            out[key] = found / total
        return out
