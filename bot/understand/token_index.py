"""Word-level title similarity where rare words count more than common ones.

Character-level scorers rate "medical office specialist" close to "office junior" because both
contain "office". Job titles are better compared word by word, weighting each word by how rare it
is among all stored titles (inverse document frequency) and checking the head noun, which is the
last word in English titles ("clinical *director*", "sustainability *manager*").

The index is a handful of arrays (postings in one flat array, a weight and a head word per title),
so a query's arithmetic runs in numpy over every title holding one of its words, with no pruning,
and a compiled index loads as a few buffers instead of some 100,000 Python objects. Misspellings
are looked up in a deletion neighbourhood (every stored word with one letter removed, by hash), so
finding what "techncian" meant opens a few candidates instead of scanning the vocabulary; rapidfuzz
then rates those candidates.
"""

from __future__ import annotations

import math
import zlib
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz

TYPO_MIN_LENGTH = 4  # shorter words are too easy to confuse ("rn" vs "ra")
TYPO_STORED_MIN = 3  # "carr" may mean "car": stored words this long take part in the neighbourhood
TYPO_CUTOFF = 82.0
TYPO_LIMIT = 3
HEAD_WEIGHT = 0.25  # share of the score reserved for agreeing on the head noun
PREFIX_SIMILARITY = 0.9
PREFIX_LIMIT = 30
PREFIX_MIN_LENGTH = 2
SORT_SHARE = 16  # postings shorter in all than 1/16 of the titles are merged by sorting, not by flags
EXPAND_KEY_MAX = 40
EXPAND_CACHE_SIZE = 16384  # query words recur across questions
STATE = ("_vocab", "_idf", "_unknown_idf", "_starts", "_ids", "_weights", "_heads", "_typo_keys", "_typo_words")

IntArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float64]
EMPTY_IDS: IntArray = np.zeros(0, dtype=np.int32)
EMPTY_SCORES: FloatArray = np.zeros(0, dtype=np.float64)


def _key(text: str) -> int:
    """A stable hash (Python's own changes per process, and these keys are stored)."""
    return zlib.crc32(text.encode())


def _neighbourhood(word: str) -> set[int]:
    """The word and every spelling of it with one letter removed: two words one edit apart share one."""
    return {_key(word)} | {_key(word[:i] + word[i + 1 :]) for i in range(len(word))}


class TokenIndex:
    def __init__(self, choices: Sequence[str]) -> None:
        split = [tuple(dict.fromkeys(text.split())) for text in choices]
        counts: dict[str, int] = {}
        for words in split:
            for word in words:
                counts[word] = counts.get(word, 0) + 1
        self._vocab = sorted(counts)
        ids = {w: i for i, w in enumerate(self._vocab)}
        total = len(choices)
        self._idf = np.array([math.log((total + 1) / (counts[w] + 0.5)) for w in self._vocab], dtype=np.float64)
        self._unknown_idf = math.log((total + 1) / 0.5)
        # postings of word i: self._ids[self._starts[i] : self._starts[i + 1]], title positions ascending
        sizes = np.array([counts[w] for w in self._vocab], dtype=np.int64)
        self._starts = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
        filled = self._starts[:-1].copy()
        postings = np.empty(int(self._starts[-1]), dtype=np.int32)
        for title, words in enumerate(split):
            for word in words:
                at = ids[word]
                postings[filled[at]] = title
                filled[at] += 1
        self._ids = postings
        idf = self._idf
        self._weights = np.array([sum(idf[ids[w]] for w in words) for words in split], dtype=np.float64)
        self._heads = np.array([ids[words[-1]] if words else -1 for words in split], dtype=np.int32)
        keys: list[int] = []
        owners: list[int] = []
        for i, word in enumerate(self._vocab):
            if len(word) >= TYPO_STORED_MIN:
                for key in _neighbourhood(word):
                    keys.append(key)
                    owners.append(i)
        order = np.argsort(np.array(keys, dtype=np.int64), kind="stable")
        self._typo_keys = np.array(keys, dtype=np.int64)[order]
        self._typo_words = np.array(owners, dtype=np.int32)[order]
        self._start()

    def _start(self) -> None:
        """What is derived at load rather than stored: the word lookup and the per-word cache."""
        self._word_ids = {w: i for i, w in enumerate(self._vocab)}
        self._cached_expand = lru_cache(maxsize=EXPAND_CACHE_SIZE)(self._expand)

    def __getstate__(self) -> dict[str, object]:
        return {k: self.__dict__[k] for k in STATE}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._start()

    def __len__(self) -> int:
        return len(self._weights)

    def _postings_of(self, word_id: int) -> IntArray:
        return self._ids[self._starts[word_id] : self._starts[word_id + 1]]

    def postings(self, word: str) -> Sequence[int]:
        """Positions of the choices holding this word."""
        at = self._word_ids.get(word)
        return [] if at is None else self._postings_of(at).tolist()

    def cache_size(self) -> int:
        return int(self._cached_expand.cache_info().currsize)

    def expand(self, word: str, prefix: bool = False) -> Mapping[str, float]:
        """Cached per word; a word longer than any stored one is never a cache key (it can only be a typo search)."""
        if len(word) > EXPAND_KEY_MAX:
            return self._expand(word, prefix)
        return self._cached_expand(word, prefix)

    def _expand(self, word: str, prefix: bool = False) -> Mapping[str, float]:
        """Stored words this query word may stand for, with a similarity in 0-1."""
        found: dict[str, float] = {}
        if word in self._word_ids:
            found[word] = 1.0
        if prefix and len(word) >= PREFIX_MIN_LENGTH:  # a half-typed last word: every stored word it begins
            vocab = self._vocab
            at = bisect_left(vocab, word)
            while at < len(vocab) and vocab[at].startswith(word) and len(found) < PREFIX_LIMIT:
                found.setdefault(vocab[at], PREFIX_SIMILARITY)
                at += 1
        if found or len(word) < TYPO_MIN_LENGTH:
            return found
        return self._misspelt(word)

    def _misspelt(self, word: str) -> dict[str, float]:
        """Stored words one letter away (dropped, added, changed or two swapped), rated by rapidfuzz."""
        keys = np.fromiter(_neighbourhood(word), dtype=np.int64)
        lo = np.searchsorted(self._typo_keys, keys, side="left")
        hi = np.searchsorted(self._typo_keys, keys, side="right")
        candidates = {int(w) for a, b in zip(lo.tolist(), hi.tolist(), strict=True) for w in self._typo_words[a:b]}
        rated = []
        for at in candidates:
            stored = self._vocab[at]
            score = fuzz.ratio(word, stored, score_cutoff=TYPO_CUTOFF)
            if score:
                rated.append((-score, stored))
        rated.sort()
        return {stored: -score / 100 for score, stored in rated[:TYPO_LIMIT]}

    def _query_words(self, text: str) -> list[str]:
        """Joins two query words when the pair is one stored word ('bar tender' → 'bartender')."""
        words = text.split()
        out: list[str] = []
        i = 0
        while i < len(words):
            if i + 1 < len(words) and words[i] + words[i + 1] in self._word_ids:
                out.append(words[i] + words[i + 1])
                i += 2
            else:
                out.append(words[i])
                i += 1
        return out

    def _union(self, segments: dict[int, IntArray]) -> tuple[IntArray, dict[int, IntArray]]:
        """The titles holding any of these words, ascending, and where each word's titles sit among them.

        A few short postings are merged by sorting; many or long ones by marking a flag per title,
        which costs one pass over all titles however many postings there are."""
        if len(segments) == 1:
            ((at, only),) = segments.items()
            return only, {at: np.arange(len(only), dtype=np.int32)}
        size = len(self._weights)
        if sum(len(segment) for segment in segments.values()) * SORT_SHARE < size:
            touched = np.unique(np.concatenate(list(segments.values())))
            return touched, {at: np.searchsorted(touched, seg).astype(np.int32) for at, seg in segments.items()}
        mark = np.zeros(size, dtype=np.bool_)
        for segment in segments.values():
            mark[segment] = True
        touched = np.flatnonzero(mark).astype(np.int32)
        where = np.empty(size, dtype=np.int32)
        where[touched] = np.arange(len(touched), dtype=np.int32)
        return touched, {at: where[segment] for at, segment in segments.items()}

    def ranked(
        self, text: str, limit: int | None, prefix_last: bool = False, head: bool = True
    ) -> tuple[IntArray, FloatArray]:
        """Choices holding any of the query's words, best first, as (positions, scores 0-100).

        The score is the F1 of the idf-weighted word overlap: recall over the query's words (each
        counting its best reading), precision over the title's words; a title whose head noun is
        not the query's last word keeps 1 - HEAD_WEIGHT of it.
        """
        words = list(dict.fromkeys(self._query_words(text)))
        if not words:
            return EMPTY_IDS, EMPTY_SCORES
        expansions = [self.expand(w, prefix_last and i == len(words) - 1) for i, w in enumerate(words)]
        word_ids, idf = self._word_ids, self._idf
        query_weight = 0.0
        readings: list[list[tuple[int, float]]] = []  # per query word: (stored word, similarity * idf)
        for expansion in expansions:
            found = [(word_ids[stored], sim) for stored, sim in expansion.items()]
            # a misspelt word weighs what its likeliest reading weighs, not its rarest near miss
            likeliest = max(found, key=lambda item: (item[1], idf[item[0]]), default=None)
            query_weight += float(idf[likeliest[0]]) if likeliest else self._unknown_idf
            readings.append([(at, sim * float(idf[at])) for at, sim in found])
        stored_ids = sorted({at for found in readings for at, _ in found})
        if not stored_ids:
            return EMPTY_IDS, EMPTY_SCORES
        segments = {at: self._postings_of(at) for at in stored_ids}
        touched, positions = self._union(segments)
        # precision: each stored word a title holds counts once, at its best reading of any query word
        best: dict[int, float] = {}
        for found in readings:
            for at, value in found:
                best[at] = max(best.get(at, 0.0), value)
        covered = np.zeros(len(touched), dtype=np.float64)
        for at, value in best.items():
            covered[positions[at]] += value
        # recall: each query word counts its best reading among the title's words
        recall = np.zeros(len(touched), dtype=np.float64)
        for found in readings:
            if len(found) == 1:
                at, value = found[0]
                recall[positions[at]] += value
            elif found:
                row = np.zeros(len(touched), dtype=np.float64)
                for at, value in found:
                    hit = positions[at]
                    row[hit] = np.maximum(row[hit], value)
                recall += row
        recall /= query_weight
        precision = covered / self._weights[touched]
        scores = 200.0 * precision * recall / (precision + recall)
        if head:
            heads = self._heads[touched]
            agrees = np.zeros(len(touched), dtype=np.float64)
            for stored, sim in expansions[-1].items():
                agrees[heads == word_ids[stored]] = sim
            scores *= (1 - HEAD_WEIGHT) + HEAD_WEIGHT * agrees
        if limit is not None and limit < len(scores):
            top = np.argpartition(-scores, limit - 1)[:limit]
            order = top[np.lexsort((top, -scores[top]))]
        else:
            order = np.lexsort((touched, -scores))
        return touched[order], scores[order]

    def scores(
        self, text: str, limit: int | None, prefix_last: bool = False, head: bool = True
    ) -> list[tuple[int, float]]:
        """Best `limit` (or all) choices as (index, score 0-100); see `ranked`."""
        ids, scores = self.ranked(text, limit, prefix_last, head)
        return list(zip(ids.tolist(), scores.tolist(), strict=True))
