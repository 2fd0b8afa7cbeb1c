"""A profile's full summary: who it is, its scores, and its pay; what the CLI prints as JSON and templates show."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.facts import Facts, Pay
from bot.score.formulas import Frozen, Scores, delta, headline_exposure, score
from bot.score.methodology import growth_band
from bot.sources.load import Knowledge
from bot.sources.models import Profile, ProfileKind


class Identity(Frozen):
    id: str
    kind: ProfileKind
    title: str
    soc: str
    occupation: str  # BLS's title for `soc`: the stand-in whose figures a role shows
    family: str
    family_name: str
    summary: str


class Outlook(Frozen):
    """BLS's ten-year projection for the occupation, with the growth descriptor METHODOLOGY.md defines."""

    release: str
    base_year: int
    projection_year: int
    employment_start: int
    employment_end: int
    change_pct: float
    growth: str
    average_change_pct: float
    annual_openings: int
    typical_education: str


class ExposureSummary(Scores, Identity):
    """Identity, then the scores, then the sources: the field order is the CLI's JSON order."""

    pay: Pay | None
    pay_release: str
    outlook: Outlook | None
    methodology_version: str


class PersonalScore(Frozen):
    baseline: ExposureSummary
    personal: ExposureSummary
    exposure_delta: float
    risk_delta: float


@dataclass(frozen=True, slots=True)
class Headline:
    """What a list of other jobs shows of each (a summary's career moves): cheap enough to make for any job."""

    id: str
    title: str
    exposure: float


class Summaries:
    """Summaries by profile id, computed once each: replies about a job and its career moves reuse them."""

    def __init__(self, knowledge: Knowledge, facts: Facts) -> None:
        self._knowledge = knowledge
        self._facts = facts
        self._cached = lru_cache(maxsize=None)(self._typical)
        self._headlines: dict[str, Headline] = {}

    def get(self, profile_id: str) -> ExposureSummary:
        return self._cached(profile_id)

    def headline(self, profile_id: str) -> Headline:
        """A job's title and exposure without computing its whole summary (one per job: bounded)."""
        found = self._headlines.get(profile_id)
        if found is None:
            profile = self._knowledge.profiles[profile_id]
            found = self._headlines[profile_id] = Headline(profile.id, profile.title, headline_exposure(profile))
        return found

    def _typical(self, profile_id: str) -> ExposureSummary:
        return self.of(self._knowledge.profiles[profile_id])

    def of(self, profile: Profile, shares: Sequence[float] | None = None) -> ExposureSummary:
        """The summary under a time split (the profile's own by default)."""
        scores = score(profile, self._knowledge.capabilities, shares)
        return ExposureSummary(
            id=profile.id,
            kind=profile.kind,
            title=profile.title,
            soc=profile.soc,
            occupation=self._facts.occupation_title(profile.soc) or profile.soc,
            family=profile.family,
            family_name=self._facts.family_name(profile.soc) or profile.family,
            summary=profile.summary,
            **dict(scores),
            pay=self._facts.pay(profile.soc),
            pay_release=self._facts.pay_release,
            outlook=self._outlook(profile.soc),
            methodology_version=self._knowledge.methodology_version,
        )

    def _outlook(self, soc: str) -> Outlook | None:
        row, table = self._facts.projection(soc), self._facts.projections
        if row is None:
            return None
        return Outlook(
            release=table.release,
            base_year=table.base_year,
            projection_year=table.projection_year,
            employment_start=row.employment_2024,
            employment_end=row.employment_2034,
            change_pct=row.change_pct,
            growth=growth_band(row.change_pct, table.all_occupations_change_pct),
            average_change_pct=table.all_occupations_change_pct,
            annual_openings=row.annual_openings,
            typical_education=row.typical_education,
        )

    def personal(self, profile: Profile, shares: Sequence[float]) -> PersonalScore:
        baseline, personal = self.get(profile.id), self.of(profile, shares)
        return PersonalScore(
            baseline=baseline,
            personal=personal,
            exposure_delta=delta(baseline.exposure, personal.exposure),
            risk_delta=delta(baseline.risk, personal.risk),
        )
