"""A profile's full summary: who it is, its scores, and its pay; what the CLI prints as JSON and templates show."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from bot.facts import Facts, Pay
from bot.score.formulas import Frozen, Scores, delta, score
from bot.sources.load import Knowledge
from bot.sources.models import Profile


class Identity(Frozen):
    id: str
    title: str
    soc: str
    family: str
    family_name: str
    summary: str


class ExposureSummary(Scores, Identity):
    """Identity, then the scores, then the sources: the field order is the CLI's JSON order."""

    pay: Pay | None
    pay_release: str
    methodology_version: str


class PersonalScore(Frozen):
    baseline: ExposureSummary
    personal: ExposureSummary
    exposure_delta: float
    risk_delta: float


class Summaries:
    """Summaries by profile id, computed once each: replies about a job and its career moves reuse them."""

    def __init__(self, knowledge: Knowledge, facts: Facts) -> None:
        self._knowledge = knowledge
        self._facts = facts
        self._cached = lru_cache(maxsize=None)(self._typical)

    def get(self, profile_id: str) -> ExposureSummary:
        return self._cached(profile_id)

    def _typical(self, profile_id: str) -> ExposureSummary:
        return self.of(self._knowledge.profiles[profile_id])

    def of(self, profile: Profile, shares: Sequence[float] | None = None) -> ExposureSummary:
        """The summary under a time split (the profile's own by default)."""
        scores = score(profile, self._knowledge.capabilities, shares)
        return ExposureSummary(
            id=profile.id,
            title=profile.title,
            soc=profile.soc,
            family=profile.family,
            family_name=self._facts.family_name(profile.soc) or profile.family,
            summary=profile.summary,
            **dict(scores),
            pay=self._facts.pay(profile.soc),
            pay_release=self._facts.pay_release,
            methodology_version=self._knowledge.methodology_version,
        )

    def personal(self, profile: Profile, shares: Sequence[float]) -> PersonalScore:
        baseline, personal = self.get(profile.id), self.of(profile, shares)
        return PersonalScore(
            baseline=baseline,
            personal=personal,
            exposure_delta=delta(baseline.exposure, personal.exposure),
            risk_delta=delta(baseline.risk, personal.risk),
        )
