"""Word-level title similarity where rare words count more than common ones.

Character-level scorers rate "medical office specialist" close to "office junior" because both
contain "office". Job titles are better compared word by word, weighting each word by how rare it
is among all stored titles (inverse document frequency) and checking the head noun, which is the
last word in English titles ("clinical *director*", "sustainability *manager*"). rapidfuzz still
does the character work: it finds the stored words a misspelt query word was meant to be.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

TYPO_MIN_LENGTH = 4  # shorter words are too easy to confuse ("rn" vs "ra")
TYPO_CUTOFF = 82.0
HEAD_WEIGHT = 0.25  # share of the score reserved for agreeing on the head noun
PREFIX_SIMILARITY = 0.9
PREFIX_LIMIT = 30
PREFIX_MIN_LENGTH = 2
EXPAND_KEY_MAX = 40
EXPAND_CACHE_SIZE = 16384  # query words recur across questions; the typo search is the slow part
COMMON_POSTINGS = 150  # a word in more stored titles than this is too common to open all of them
PRUNE_MARGIN = 15.0  # a title this far below the best one found is not worth opening
COMMON_OPEN_LIMIT = 120  # and at most this many of a common word's shortest titles are opened


class TokenIndex:
    def __init__(self, choices: Sequence[str]) -> None:
        postings: dict[str, list[int]] = {}
        split = [tuple(dict.fromkeys(text.split())) for text in choices]
        for i, words in enumerate(split):
            for word in words:
                postings.setdefault(word, []).append(i)
        total = len(choices)
        idf = {w: math.log((total + 1) / (len(ids) + 0.5)) for w, ids in postings.items()}
        self._idf = idf
        self._unknown_idf = math.log((total + 1) / 0.5)
        self._postings = postings
        self._common_sets = {w: frozenset(ids) for w, ids in postings.items() if len(ids) > COMMON_POSTINGS}
        self._vocab = sorted(postings)
        weight = idf.__getitem__
        self._weights = [sum(map(weight, words)) for words in split]
        self._heads = [words[-1] if words else "" for words in split]
        self._typo_pools: dict[int, list[str]] = {}
        self._of_length: dict[int, list[str]] = {}
        for word in self._vocab:
            self._of_length.setdefault(len(word), []).append(word)
        self._light: dict[str, list[int]] = {}
        self._cached_expand = lru_cache(maxsize=EXPAND_CACHE_SIZE)(self._expand)

    def postings(self, word: str) -> Sequence[int]:
        """Positions of the choices holding this word."""
        return self._postings.get(word, ())

    def cache_size(self) -> int:
        return int(self._cached_expand.cache_info().currsize)

    def _typo_pool(self, length: int) -> list[str]:
        """Stored words long or short enough to reach the typo cutoff against a word of this length."""
        pool = self._typo_pools.get(length)
        if pool is None:
            # fuzz.ratio >= c needs |a - b| <= (1 - c/100)(a + b): other lengths cannot pass
            slack = 1 - TYPO_CUTOFF / 100
            low, high = length * (1 - slack) / (1 + slack), length * (1 + slack) / (1 - slack)
            pool = [w for n in range(math.ceil(low), math.floor(high) + 1) for w in self._of_length.get(n, ())]
            self._typo_pools[length] = pool
        return pool

    def expand(self, word: str, prefix: bool = False) -> Mapping[str, float]:
        """Cached per word; a word longer than any stored one is never a cache key (it can only be a typo search)."""
        if len(word) > EXPAND_KEY_MAX:
            return self._expand(word, prefix)
        return self._cached_expand(word, prefix)

    def _expand(self, word: str, prefix: bool = False) -> Mapping[str, float]:
        """Stored words this query word may stand for, with a similarity in 0-1."""
        found: dict[str, float] = {}
        if word in self._idf:
            found[word] = 1.0
        if prefix and len(word) >= PREFIX_MIN_LENGTH:  # a half-typed last word: every stored word it begins
            at = bisect_left(self._vocab, word)
            while at < len(self._vocab) and self._vocab[at].startswith(word) and len(found) < PREFIX_LIMIT:
                found.setdefault(self._vocab[at], PREFIX_SIMILARITY)
                at += 1
        if found or len(word) < TYPO_MIN_LENGTH:
            return found
        pool = self._typo_pool(len(word))
        hits = process.extract(word, pool, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF, limit=3)
        return {w: score / 100 for w, score, _ in hits}

    def _query_words(self, text: str) -> list[str]:
        """Joins two query words when the pair is one stored word ('bar tender' → 'bartender')."""
        words = text.split()
        out: list[str] = []
        i = 0
        while i < len(words):
            if i + 1 < len(words) and words[i] + words[i + 1] in self._idf:
                out.append(words[i] + words[i + 1])
                i += 2
            else:
                out.append(words[i])
                i += 1
        return out

    def _gain(
        self,
        stored: str,
        links: list[tuple[int, float]],
        targets: Iterable[int],
        rows: dict[int, list[float]],
        found: dict[int, float],
        width: int,
    ) -> None:
        """Credits one stored word to every target title holding it."""
        idf = self._idf[stored]
        pairs = [(qi, sim * idf) for qi, sim in links]
        best = max(value for _, value in pairs)
        for ci in targets:
            row = rows.get(ci)
            if row is None:
                row = rows[ci] = [0.0] * width
                found[ci] = best
            else:
                found[ci] += best
            for qi, value in pairs:
                if value > row[qi]:
                    row[qi] = value

    def _common_ceiling(
        self, common: list[str], links: dict[str, list[tuple[int, float]]], query_weight: float
    ) -> tuple[float, float]:
        """Recall, and the idf mass it can cover, for a title holding only the query's common words."""
        per_word: dict[int, float] = {}
        mass = 0.0
        for stored in common:
            values = [sim * self._idf[stored] for _, sim in links[stored]]
            mass += max(values)
            for (qi, _), value in zip(links[stored], values, strict=True):
                per_word[qi] = max(per_word.get(qi, 0.0), value)
        return sum(per_word.values()) / query_weight, mass

    def _lightest_first(self, word: str) -> list[int]:
        """A common word's titles, shortest (by idf weight) first: the short ones can score highest."""
        ordered = self._light.get(word)
        if ordered is None:
            ordered = sorted(self._postings[word], key=self._weights.__getitem__)
            self._light[word] = ordered
        return ordered

    def _scored(
        self,
        rows: Mapping[int, list[float]],
        found: Mapping[int, float],
        query_weight: float,
        head_query: Mapping[str, float],
        head: bool,
    ) -> list[tuple[int, float]]:
        """F1 of the idf-weighted overlap, discounted when the head nouns disagree (one loop: it runs per title)."""
        weights, heads = self._weights, self._heads
        keep, lose = 1 - HEAD_WEIGHT, HEAD_WEIGHT
        out = []
        for ci, row in rows.items():
            recall = sum(row) / query_weight
            precision = found[ci] / weights[ci]
            if recall <= 0 or precision <= 0:
                continue
            agrees = head_query.get(heads[ci], 0.0) if head else 1.0
            out.append((ci, 200.0 * precision * recall / (precision + recall) * (keep + lose * agrees)))
        return out

    def scores(
        self, text: str, limit: int | None, prefix_last: bool = False, head: bool = True
    ) -> list[tuple[int, float]]:
        """Best `limit` (or all) choices as (index, score 0-100): F1 of idf-weighted word overlap, head noun checked."""
        words = list(dict.fromkeys(self._query_words(text)))
        if not words:
            return []
        expansions = [self.expand(w, prefix_last and i == len(words) - 1) for i, w in enumerate(words)]
        query_weight = 0.0
        links: dict[str, list[tuple[int, float]]] = {}  # stored word -> the query words it stands for
        for qi, expansion in enumerate(expansions):
            # a misspelt word weighs what its likeliest reading weighs, not its rarest near miss
            likeliest = max(expansion.items(), key=lambda item: (item[1], self._idf[item[0]]), default=None)
            query_weight += self._idf[likeliest[0]] if likeliest else self._unknown_idf
            for stored, sim in expansion.items():
                links.setdefault(stored, []).append((qi, sim))
        # per candidate: for each query word, the best (similarity * idf) among its words ...
        rows: dict[int, list[float]] = {}
        # ... and the idf-weighted similarity of its own words that the query covers
        found: dict[int, float] = {}
        ordered = sorted(links, key=lambda w: len(self._postings[w]))
        rare = [w for w in ordered if len(self._postings[w]) <= COMMON_POSTINGS]
        common = [w for w in ordered if len(self._postings[w]) > COMMON_POSTINGS]
        for stored in rare:
            self._gain(stored, links[stored], self._postings[stored], rows, found, len(words))
        # A very common word ("manager", "nurse") sits in hundreds of titles. It always adds to the titles
        # rarer words found; beyond those it opens only titles short enough to score within PRUNE_MARGIN
        # of the best so far (a title of nothing but common query words has this recall at most).
        head_query = expansions[-1]
        if not common:
            results = self._scored(rows, found, query_weight, head_query, head)
        else:
            scored = dict(self._scored(rows, found, query_weight, head_query, head))
            best = max(scored.values(), default=0.0)
            recall, mass = self._common_ceiling(common, links, query_weight)
            changed: set[int] = set()
            for stored in common:
                known = [ci for ci in rows if ci in self._common_sets[stored]]
                self._gain(stored, links[stored], known, rows, found, len(words))
                changed.update(known)
                opened: list[int] = []
                for ci in self._lightest_first(stored)[:COMMON_OPEN_LIMIT]:
                    if ci in rows:
                        continue
                    precision = min(1.0, mass / self._weights[ci])
                    if 200.0 * precision * recall / (precision + recall) < best - PRUNE_MARGIN:
                        break
                    opened.append(ci)
                if opened:
                    self._gain(stored, links[stored], opened, rows, found, len(words))
                    fresh = self._scored({ci: rows[ci] for ci in opened}, found, query_weight, head_query, head)
                    best = max([best] + [score for _, score in fresh])
                    changed.update(opened)
            # only titles a common word touched need scoring again
            rescored = self._scored({ci: rows[ci] for ci in changed}, found, query_weight, head_query, head)
            scored.update(rescored)
            results = list(scored.items())
        results.sort(key=lambda r: -r[1])
        return results if limit is None else results[:limit]
