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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

TYPO_MIN_LENGTH = 4  # shorter words are too easy to confuse ("rn" vs "ra")
TYPO_CUTOFF = 82.0
HEAD_WEIGHT = 0.25  # share of the score reserved for agreeing on the head noun
PREFIX_SIMILARITY = 0.9
PREFIX_LIMIT = 30
PREFIX_MIN_LENGTH = 2
COMMON_POSTINGS = 150  # a word in more stored titles than this is too common to open candidates


@dataclass(frozen=True, slots=True)
class _Choice:
    words: tuple[str, ...]
    weight: float  # sum of idf over its distinct words


class TokenIndex:
    def __init__(self, choices: Sequence[str]) -> None:
        self._choices: list[_Choice] = []
        postings: dict[str, list[int]] = {}
        for i, text in enumerate(choices):
            for word in set(text.split()):
                postings.setdefault(word, []).append(i)
        total = len(choices)
        self._idf = {w: math.log((total + 1) / (len(ids) + 0.5)) for w, ids in postings.items()}
        self._unknown_idf = math.log((total + 1) / 0.5)
        self._postings = postings
        self._common_sets = {w: frozenset(ids) for w, ids in postings.items() if len(ids) > COMMON_POSTINGS}
        self._vocab = sorted(postings)
        for text in choices:
            words = tuple(dict.fromkeys(text.split()))
            self._choices.append(_Choice(words, sum(self._idf[w] for w in words)))

    def _expand(self, word: str, prefix: bool = False) -> dict[str, float]:
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
        hits = process.extract(word, self._vocab, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF, limit=3)
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

    def scores(
        self, text: str, limit: int | None, prefix_last: bool = False, head: bool = True
    ) -> list[tuple[int, float]]:
        """Best `limit` (or all) choices as (index, score 0-100): F1 of idf-weighted word overlap, head noun checked."""
        words = list(dict.fromkeys(self._query_words(text)))
        if not words:
            return []
        expansions = [self._expand(w, prefix_last and i == len(words) - 1) for i, w in enumerate(words)]
        query_weight = 0.0
        for expansion in expansions:
            query_weight += max((self._idf[v] for v in expansion), default=self._unknown_idf)
        # per candidate: for each query word, the best (similarity * idf) among its words
        gained: dict[int, list[float]] = {}
        covered: dict[int, dict[str, float]] = {}
        # Rare words open candidates; a very common word ("manager") only adds to candidates a rarer word
        # already found, unless nothing was found. Titles sharing only a common word score low anyway.
        entries = sorted(
            ((qi, stored, sim) for qi, expansion in enumerate(expansions) for stored, sim in expansion.items()),
            key=lambda e: len(self._postings[e[1]]),
        )
        for qi, stored, sim in entries:
            value = sim * self._idf[stored]
            postings = self._postings[stored]
            if len(postings) > COMMON_POSTINGS and gained:
                common = self._common_sets[stored]
                targets: Iterable[int] = [ci for ci in gained if ci in common]
            else:
                targets = postings
            for ci in targets:
                row = gained.setdefault(ci, [0.0] * len(words))
                if value > row[qi]:
                    row[qi] = value
                hit = covered.setdefault(ci, {})
                hit[stored] = max(hit.get(stored, 0.0), sim)
        head_query = expansions[-1]
        results = []
        for ci, row in gained.items():
            choice = self._choices[ci]
            recall = sum(row) / query_weight
            precision = sum(self._idf[w] * s for w, s in covered[ci].items()) / choice.weight
            if recall <= 0 or precision <= 0:
                continue
            f1 = 2 * precision * recall / (precision + recall)
            agrees = head_query.get(choice.words[-1], 0.0) if head else 1.0
            results.append((ci, 100.0 * f1 * (1 - HEAD_WEIGHT + HEAD_WEIGHT * agrees)))
        results.sort(key=lambda r: -r[1])
        return results if limit is None else results[:limit]
