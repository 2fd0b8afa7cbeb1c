"""Fuzzy title matching over profile titles, aliases and every OEWS title, with an honest verdict."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property, lru_cache

from bot.sources.compiled import fetch
from bot.sources.load import Knowledge
from bot.sources.models import ProfileKind
from bot.sources.refs import OccupationRef, ProfileRef, SocRef
from bot.understand.autocomplete import Autocomplete, Entry, Suggestion
from bot.understand.normalize import normalize
from bot.understand.occupation_vocabulary import OccupationVocabulary
from bot.understand.token_index import TokenIndex

POOL_SLICE = 256  # labels ranked before the rest are: enough to find TARGET_POOL occupations almost always
TARGET_POOL = 15  # distinct occupations per query variant kept as candidates (one may own dozens of close labels)
SUPPORT_WEIGHT = 30.0  # how far an occupation whose vocabulary covers the whole query moves up the ranking
PRIOR_WEIGHT = 1.0  # ranking points per tenfold employment: breaks near-ties towards the commoner occupation
CONFIDENT_SCORE = 85.0
CONFIDENT_MARGIN = 5.0
GENERIC_SPREAD = 20  # a one-word title used by this many occupations' labels ("manager") names no one job
AMBIGUOUS_SCORE = 45.0
CANDIDATE_LIMIT = 5
SUGGESTION_LIMIT = 25
FUZZY_MIN_LENGTH = 5
MATCH_CACHE_SIZE = 4096
MATCH_KEY_MAX = 200
PAREN = re.compile(r"\(([^()]*)\)")  # innermost brackets: "((((..." costs one scan, not one per bracket
EXCEPT = re.compile(r",?\s+except\b.*$", re.IGNORECASE)
# not part of a compiled index; `_named` only builds autocomplete, which has its own entry (unpickled and then
# dropped, it would leave some 7 MB of holes in the heap of every process that starts from the cache)
UNSTORED = frozenset({"_cached_match", "_knowledge", "autocomplete", "_named"})


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
    via: str  # the stored title or alias that matched, normalised
    support: float = 0.0  # 0-1 share of the query's words found across all of this target's labels
    exact: int = 0  # 3: an exact title only this job has; 2: the winner of a shared exact title; 1: another owner

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
    """Built once per knowledge load: exact lookups first, then word-level scoring of normalised titles.

    The vocabulary has two sources. Official titles (every O*NET title and the BLS title of each OEWS
    occupation) belong to the occupation's profile, or to the occupation itself while it has none.
    Profile titles and aliases add the everyday names O*NET lacks, and the names of roles (a role is
    counted in an occupation but answered on its own). An exact official title wins over an alias that
    names a job of another occupation: "court reporter" is the court reporter, not a journalist.
    """

    def __init__(self, knowledge: Knowledge) -> None:
        self._targets: dict[str, Target] = {}
        self._choices: list[str] = []
        self._owners: list[Target] = []
        # profile titles and aliases (label, title, key, normalised): normalised once for matching and autocomplete
        # (plain tuples: a compiled index reads tuples several times faster than dataclass instances)
        self._named: list[tuple[str, str, str, str]] = []
        self._stored: set[tuple[str, str]] = set()
        self._exact: dict[str, Target] = {}  # profile titles and aliases
        # O*NET and BLS titles and their occupation; the few titles of several occupations list them all
        self._official: dict[str, Target] = {}
        self._official_many: dict[str, list[Target]] = {}
        # several occupation profiles in one OEWS code (translator, interpreter): the query's words pick one
        self._shared: dict[str, list[Target]] = {}
        by_soc: dict[str, list[Target]] = {}
        for profile in knowledge.profiles.values():
            target = Target(ProfileRef(profile.id), profile.title, profile.soc)
            self._targets[target.key] = target
            if profile.kind is ProfileKind.OCCUPATION:
                by_soc.setdefault(profile.soc, []).append(target)
            for label in (profile.title, *profile.aliases):
                self._add(label, target)
        for soc, wage in knowledge.wages.occupations.items():
            owners = by_soc.get(soc, [])
            target = owners[0] if len(owners) == 1 else Target(SocRef(soc), wage.title, soc)
            if len(owners) > 1:
                self._shared[soc] = owners
            self._targets.setdefault(target.key, target)
            self._add_official((wage.title, EXCEPT.sub("", wage.title), *knowledge.titles.get(soc, ())), target)
        # "All Other" occupations: O*NET gives them titles that also name a specific occupation
        self._catch_all = frozenset(s for s, w in knowledge.wages.occupations.items() if "all other" in w.title.lower())
        # BLS's own name of an occupation ("Tapers") names that occupation even where O*NET reuses the words
        self._bls_names = {normalize(w.title): soc for soc, w in knowledge.wages.occupations.items()}
        self._index = TokenIndex(self._choices)
        self._heads = frozenset(norm.rsplit(" ", 1)[-1] for norm in (*self._choices, *self._exact))
        owned = zip((owner.key for owner in self._owners), self._choices, strict=True)
        self._vocabulary = OccupationVocabulary(owned, self._index.postings)
        self._knowledge = knowledge
        self._start()
        # how many people work in each occupation: among equally good similar titles, the commoner job is likelier
        # (not among exact titles: there the profile a person wrote, then O*NET's order, decide)
        self._prior = {
            soc: PRIOR_WEIGHT * math.log10(max(wage.employment or 0, 10))
            for soc, wage in knowledge.wages.occupations.items()
        }
        del self._stored

    @classmethod
    def for_knowledge(cls, knowledge: Knowledge) -> TitleMatcher:
        """Read from the knowledge's compiled cache when it holds one, else built (and stored there)."""
        matcher = fetch(knowledge.compiled, "matcher", cls, lambda: cls(knowledge))
        matcher._knowledge = knowledge
        return matcher

    def _start(self) -> None:
        self._cached_match = lru_cache(maxsize=MATCH_CACHE_SIZE)(self._match)

    def __getstate__(self) -> dict[str, object]:
        """The built index only: caches restart empty, and the knowledge is attached by `for_knowledge`."""
        return {k: v for k, v in self.__dict__.items() if k not in UNSTORED}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._named = []
        self._start()

    @cached_property
    def autocomplete(self) -> Autocomplete:
        """Built on first use: the CLI never needs it, and the Discord bot builds it before connecting."""
        knowledge = self._knowledge

        def build() -> Autocomplete:
            by_size = sorted(
                knowledge.profiles.values(),
                key=lambda p: -(knowledge.wages.occupations[p.soc].employment or 0),
            )
            named = self._named or self._profile_names(knowledge)
            return Autocomplete([Entry(*n) for n in named], [p.title for p in by_size])

        built = fetch(knowledge.compiled, "autocomplete", Autocomplete, build)
        self._named = []  # only ever needed to build it
        return built

    def _profile_names(self, knowledge: Knowledge) -> list[tuple[str, str, str, str]]:
        """`_named` again, for a matcher read from the cache whose autocomplete entry is missing."""
        named = []
        for profile in knowledge.profiles.values():
            target = self._targets[ProfileRef(profile.id).key]
            named += [
                (label, target.title, target.key, n)
                for label in (profile.title, *profile.aliases)
                if (n := normalize(label))
            ]
        return named

    def _add(self, label: str, target: Target) -> None:
        """A profile's title or alias: an exact name of the profile, a label to score, and a suggestion."""
        norm = normalize(label)
        if not norm:
            return
        self._named.append((label, target.title, target.key, norm))
        self._exact.setdefault(norm, target)
        if len(norm) < FUZZY_MIN_LENGTH or (norm, target.key) in self._stored:
            return  # "ma", "co": fuzzy partial matching would find them inside every other title
        self._stored.add((norm, target.key))
        self._choices.append(norm)
        self._owners.append(target)

    def _add_official(self, labels: Iterable[str], target: Target) -> None:
        """`_add` for one occupation's official titles, in one loop: loading runs it for some 60,000 titles."""
        key, official, many, stored = target.key, self._official, self._official_many, self._stored
        choices, owners = self._choices, self._owners
        seen: set[str] = set()
        for label in labels:
            norm = normalize(label)
            if not norm or norm in seen:
                continue
            seen.add(norm)
            owner = official.setdefault(norm, target)
            if owner is not target:
                owned = many.setdefault(norm, [owner])
                if owned[-1] is not target:
                    owned.append(target)
            if len(norm) >= FUZZY_MIN_LENGTH and (norm, key) not in stored:
                stored.add((norm, key))
                choices.append(norm)
                owners.append(target)

    def names_a_job(self, text: str) -> bool:
        """Whether the words end as job titles do: on a noun some stored title ends on ("weather" does not)."""
        norm = normalize(text)
        return bool(norm) and norm.rsplit(" ", 1)[-1] in self._heads

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

    def _exact_tiers(self, norm: str) -> dict[str, int]:
        """Exact titles: a profile's own name wins where O*NET agrees on its occupation (or has no such
        title); an official title wins over an alias O*NET files under another occupation."""
        tiers: dict[str, int] = {}
        many = self._official_many.get(norm)
        one = self._official.get(norm)
        official = many if many is not None else [one] if one is not None else []
        socs = {t.soc for t in official}
        alias = self._exact.get(norm)
        alias_agrees = alias is not None and (not official or alias.soc in socs)
        # a title O*NET gives several occupations is shared, unless a profile names one of them with it
        shared = len(socs) > 1 and not (alias_agrees and alias is not None)
        win = 2 if shared else 3
        for target in official:
            tiers[target.key] = 1 if alias_agrees else win
        if alias is not None:
            tiers[alias.key] = win if alias_agrees else 1
        named = self._bls_names.get(norm)
        if shared and named is not None and not alias_agrees:
            for target in official:
                tiers[target.key] = 3 if target.soc == named else 2
        return tiers

    def _settle(self, candidate: Candidate, variants: list[str]) -> Candidate:
        """An occupation shared by several profiles answers as the profile its words fit best."""
        owners = self._shared.get(candidate.target.soc)
        if owners is None or candidate.target.profile_id is not None:
            return candidate
        fits = [max(self._vocabulary.supports(n, [o.key])[o.key] for n in variants) for o in owners]
        chosen = owners[fits.index(max(fits))]
        return Candidate(chosen, candidate.score, candidate.via, candidate.support, candidate.exact)

    def _match(self, text: str, limit: int) -> MatchResult:
        best: dict[str, Candidate] = {}
        variants = self._variants(text)
        tiers: dict[str, int] = {}
        for norm in variants:
            for key, tier in self._exact_tiers(norm).items():
                if tier > tiers.get(key, 0):
                    tiers[key] = tier
                self._keep(best, Candidate(self._targets[key], 100.0, norm))
            self._pool(norm, best)
        keys = list(best)
        per_variant = [self._vocabulary.supports(n, keys) for n in variants]
        settled: dict[str, Candidate] = {}
        for key, c in best.items():
            support = max(support[key] for support in per_variant)
            candidate = self._settle(Candidate(c.target, c.score, c.via, support, tiers.get(key, 0)), variants)
            self._keep(settled, candidate)
        ranked = sorted(
            settled.values(),
            key=lambda c: (
                -c.exact,
                c.exact > 0 and c.target.soc in self._catch_all,  # a title shared with a specific job is that job
                -(c.rank_key + (0.0 if c.exact else self._prior.get(c.target.soc, 0.0))),
                -c.score,
                c.target.profile_id is None,
                -self._prior.get(c.target.soc, 0.0),
                c.target.title,
            ),
        )
        return MatchResult(text, self._verdict(ranked), tuple(ranked[:limit]))

    def _pool(self, norm: str, best: dict[str, Candidate]) -> None:
        """The best label of each of the TARGET_POOL closest occupations; one occupation may own dozens of
        close labels, so a first slice of the ranking usually suffices and the whole of it rarely."""
        seen: set[str] = set()
        limit: int | None = POOL_SLICE
        while True:
            ids, scores = self._index.ranked(norm, limit)
            for index, score in zip(ids.tolist(), scores.tolist(), strict=True):
                owner = self._owners[index]
                if owner.key not in seen:
                    seen.add(owner.key)
                    self._keep(best, Candidate(owner, score, self._choices[index]))
                    if len(seen) == TARGET_POOL:
                        return
            if limit is None or len(ids) < limit:
                return
            seen.clear()
            limit = None

    @staticmethod
    def _keep(best: dict[str, Candidate], candidate: Candidate) -> None:
        current = best.get(candidate.target.key)
        if current is None or (candidate.exact, candidate.score) > (current.exact, current.score):
            best[candidate.target.key] = candidate

    def _verdict(self, ranked: list[Candidate]) -> Verdict:
        """Confidence rests on label similarity: the leader must also be clearly the closest label.

        An exact title is confident when only one job wins it (one O*NET gives several occupations is
        ambiguous) and it is not a bare word the labels of many occupations use ("manager", "owner")
        that no profile claims: O*NET lists such a word under one occupation, but it names none.
        """
        if not ranked or ranked[0].score < AMBIGUOUS_SCORE:
            return Verdict.UNKNOWN
        top = ranked[0]
        if top.exact:
            if sum(c.exact == 3 for c in ranked) != 1 or self._generic(top):
                return Verdict.AMBIGUOUS
            return Verdict.CONFIDENT
        runner_up = max((c.score for c in ranked[1:]), default=0.0)
        if top.score >= CONFIDENT_SCORE and top.score - runner_up >= CONFIDENT_MARGIN:
            return Verdict.CONFIDENT
        return Verdict.AMBIGUOUS

    def _generic(self, exact: Candidate) -> bool:
        """A one-word official title no profile claims, used by the labels of many occupations."""
        norm = normalize(exact.via)
        if " " in norm or norm in self._exact:
            return False
        return self._vocabulary.spread(norm) >= GENERIC_SPREAD

    def suggest(self, prefix: str, limit: int = SUGGESTION_LIMIT) -> list[Suggestion]:
        """Autocomplete over profile titles and aliases (only jobs with a full answer are offered)."""
        return self.autocomplete.suggest(prefix, limit)
