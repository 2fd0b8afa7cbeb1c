"""Fuzzy title matching over profile titles, aliases and every OEWS title, with an honest verdict."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property, lru_cache

from bot.sources.load import Knowledge
from bot.sources.refs import OccupationRef, ProfileRef, SocRef
from bot.understand.autocomplete import Autocomplete, Entry, Suggestion
from bot.understand.normalize import normalize
from bot.understand.occupation_vocabulary import OccupationVocabulary
from bot.understand.token_index import TokenIndex

TARGET_POOL = 15  # distinct occupations per query variant kept as candidates (one may own dozens of close labels)
SUPPORT_WEIGHT = 30.0  # how far an occupation whose vocabulary covers the whole query moves up the ranking
CONFIDENT_SCORE = 85.0
CONFIDENT_MARGIN = 5.0
AMBIGUOUS_SCORE = 45.0
CANDIDATE_LIMIT = 5
SUGGESTION_LIMIT = 25
FUZZY_MIN_LENGTH = 5
MATCH_CACHE_SIZE = 4096
MATCH_KEY_MAX = 200
PAREN = re.compile(r"\(([^()]*)\)")  # innermost brackets: "((((..." costs one scan, not one per bracket
EXCEPT = re.compile(r",?\s+except\b.*$", re.IGNORECASE)


def match_key(text: str) -> str:
    """What a match depends on: case and spacing do not, and the matcher reads at most MATCH_KEY_MAX characters."""
    return " ".join(text[: MATCH_KEY_MAX * 2].split())[:MATCH_KEY_MAX].casefold()


class Verdict(StrEnum):
    CONFIDENT = "confident"
    AMBIGUOUS = "ambiguous"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Target:
    """What a title can resolve to: a full profile, or an OEWS occupation with BLS facts only."""

    ref: OccupationRef
    title: str
    soc: str
    key: str = field(init=False)  # ref.key, kept as a field: ranking reads it for every scored label

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", self.ref.key)

    @property
    def profile_id(self) -> str | None:
        return self.ref.profile_id


@dataclass(frozen=True, slots=True)
class Candidate:
    target: Target
    score: float  # 0-100 similarity of the query to the best stored label of this target
    via: str  # the stored title or alias that matched
    support: float = 0.0  # 0-1 share of the query's words found across all of this target's labels

    @property
    def rank_key(self) -> float:
        return self.score + SUPPORT_WEIGHT * self.support


@dataclass(frozen=True, slots=True)
class MatchResult:
    query: str
    verdict: Verdict
    candidates: tuple[Candidate, ...]

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


class TitleMatcher:
    """Built once per knowledge load: exact lookups first, then word-level scoring of normalised titles."""

    def __init__(self, knowledge: Knowledge) -> None:
        self._targets: dict[str, Target] = {}
        self._choices: list[str] = []
        self._owners: list[Target] = []
        self._labels: list[str] = []
        self._exact: dict[str, Target] = {}
        profiled_socs: dict[str, Target] = {}
        for profile in knowledge.profiles.values():
            target = Target(ProfileRef(profile.id), profile.title, profile.soc)
            self._targets[target.key] = target
            profiled_socs.setdefault(profile.soc, target)
            for label in (profile.title, *profile.aliases):
                self._add(label, target, exact=True)
        for soc, wage in knowledge.wages.occupations.items():
            target = profiled_socs.get(soc) or Target(SocRef(soc), wage.title, soc)
            self._targets.setdefault(target.key, target)
            self._add(wage.title, target, exact=False)
            short = EXCEPT.sub("", wage.title)
            if short != wage.title:
                self._add(short, target, exact=False)
        self._index = TokenIndex(self._choices)
        owned = zip((owner.key for owner in self._owners), self._choices, strict=True)
        self._vocabulary = OccupationVocabulary(owned)
        self._cached_match = lru_cache(maxsize=MATCH_CACHE_SIZE)(self._match)
        self._knowledge = knowledge

    @cached_property
    def autocomplete(self) -> Autocomplete:
        """Built on first use: the CLI never needs it, and the Discord bot builds it before connecting."""
        knowledge = self._knowledge
        entries = [
            Entry(label, profile.title, profile.id)
            for profile in knowledge.profiles.values()
            for label in (profile.title, *profile.aliases)
        ]
        by_size = sorted(
            knowledge.profiles.values(),
            key=lambda p: -(knowledge.wages.occupations[p.soc].employment or 0),
        )
        return Autocomplete(entries, [p.title for p in by_size])

    def _add(self, label: str, target: Target, exact: bool) -> None:
        norm = normalize(label)
        if not norm:
            return
        if exact:
            self._exact.setdefault(norm, target)
        if len(norm) < FUZZY_MIN_LENGTH:
            return  # "ma", "co": fuzzy partial matching would find them inside every other title
        self._choices.append(norm)
        self._owners.append(target)
        self._labels.append(label)

    def target(self, key: str) -> Target | None:
        return self._targets.get(key)

    def _variants(self, text: str) -> list[str]:
        """A title like 'Chief Technical Officer (CTO)' is tried without and inside the brackets."""
        inner = PAREN.findall(text)
        variants = [PAREN.sub(" ", text), *inner] if inner else [text]
        seen: list[str] = []
        for v in variants:
            n = normalize(v)
            if n and n not in seen:
                seen.append(n)
        return seen

    def cache_sizes(self) -> dict[str, int]:
        """Entries held by the match and typo caches (both bounded), for monitoring."""
        return {"match": self._cached_match.cache_info().currsize, "expand": self._index.cache_size()}

    def match(self, text: str, limit: int = CANDIDATE_LIMIT) -> MatchResult:
        """Cached: one answer often asks about the same phrase twice (is it a job? then resolve it)."""
        return self._cached_match(match_key(text), limit)

    def _match(self, text: str, limit: int) -> MatchResult:
        best: dict[str, Candidate] = {}
        variants = self._variants(text)
        for norm in variants:
            exact = self._exact.get(norm)
            if exact is not None:
                self._keep(best, Candidate(exact, 100.0, norm))
            seen: set[str] = set()
            for index, score in self._index.scores(norm, limit=None):
                owner = self._owners[index]
                if owner.key not in seen:
                    seen.add(owner.key)
                    self._keep(best, Candidate(owner, score, self._labels[index]))
                    if len(seen) == TARGET_POOL:
                        break
        keys = list(best)
        per_variant = [self._vocabulary.supports(n, keys) for n in variants]
        supported = [
            Candidate(c.target, c.score, c.via, max(support[key] for support in per_variant)) for key, c in best.items()
        ]
        ranked = sorted(supported, key=lambda c: (-c.rank_key, -c.score, c.target.profile_id is None, c.target.title))
        return MatchResult(text, self._verdict(ranked), tuple(ranked[:limit]))

    @staticmethod
    def _keep(best: dict[str, Candidate], candidate: Candidate) -> None:
        current = best.get(candidate.target.key)
        if current is None or candidate.score > current.score:
            best[candidate.target.key] = candidate

    @staticmethod
    def _verdict(ranked: list[Candidate]) -> Verdict:
        """Confidence rests on label similarity: the leader must also be clearly the closest label."""
        if not ranked or ranked[0].score < AMBIGUOUS_SCORE:
            return Verdict.UNKNOWN
        top = ranked[0].score
        runner_up = max((c.score for c in ranked[1:]), default=0.0)
        if top >= 100.0 or (top >= CONFIDENT_SCORE and top - runner_up >= CONFIDENT_MARGIN):
            return Verdict.CONFIDENT
        return Verdict.AMBIGUOUS

    def suggest(self, prefix: str, limit: int = SUGGESTION_LIMIT) -> list[Suggestion]:
        """Autocomplete over profile titles and aliases (only jobs with a full answer are offered)."""
        return self.autocomplete.suggest(prefix, limit)
