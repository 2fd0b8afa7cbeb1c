"""Typed shapes of the knowledge files; validation here is what makes a bad file fail loudly."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

SOC_PATTERN = r"^\d{2}-\d{4}$"
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
YEARS = tuple(range(2018, 2029))

OneLine = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=300, pattern=r"^[^\n]+$")]
Alias = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=80, pattern=r"^[^\n]+$")]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=60)]
Soc = Annotated[str, StringConstraints(pattern=SOC_PATTERN)]


class Strict(BaseModel):
    """Unknown keys are typos in hand-edited files, so they are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Axis(StrEnum):
    COGNITIVE = "cognitive"
    CREATIVE = "creative"
    MANUAL = "manual"
    SOCIAL = "social"
    PROCEDURAL = "procedural"
    JUDGEMENT = "judgement"


class Capability(Strict):
    label: OneLine
    description: OneLine
    timeline: dict[int, float]
    assumptions: str = Field(min_length=20)

    @field_validator("timeline")
    @classmethod
    def _every_year(cls, value: dict[int, float]) -> dict[int, float]:
        missing = [y for y in YEARS if y not in value]
        extra = [y for y in value if y not in YEARS]
        if missing or extra:
            raise ValueError(f"timeline needs exactly the years 2018-2028 (missing {missing}, extra {extra})")
        if value[2026] != 100:
            raise ValueError("timeline must be 100 in 2026, the level task scores are set against")
        if any(not 0 <= v <= 200 for v in value.values()):
            raise ValueError("timeline values must be within 0-200")
        return value


class CapabilityCatalog(Strict):
    version: str
    projection_from: int
    capabilities: dict[Slug, Capability]


class Task(Strict):
    statement: OneLine
    exposure: int = Field(ge=0, le=100)
    time_share: int = Field(gt=0, le=100)
    capabilities: list[Slug] = Field(min_length=1, max_length=4)
    axes: list[Axis] = Field(min_length=1, max_length=3)
    rationale: OneLine
    onet_tasks: list[int] = Field(default_factory=list, max_length=40)
    """O*NET 29.3 Task IDs this canonical task condenses; empty only where O*NET lists no such task."""

    @field_validator("capabilities", "axes")
    @classmethod
    def _no_repeats(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("entries must not repeat")
        return value


class CareerMove(Strict):
    id: Slug
    reason: OneLine


class Signals(Strict):
    exposure: OneLine | None = None
    augmentation: OneLine | None = None
    resilience: OneLine | None = None


class Profile(Strict):
    id: Slug
    title: OneLine
    soc: Soc
    family: Soc
    aliases: list[Alias] = Field(min_length=5)
    summary: OneLine
    tasks: list[Task] = Field(min_length=6, max_length=10)
    skills: list[OneLine] = Field(min_length=3)
    career_moves: list[CareerMove] = Field(min_length=3)
    signals: Signals | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        if self.family != f"{self.soc[:2]}-0000":
            raise ValueError(f"family {self.family} is not the major group of SOC {self.soc}")
        total = sum(t.time_share for t in self.tasks)
        if total != 100:
            raise ValueError(f"task time shares sum to {total}, not 100")
        if any(m.id == self.id for m in self.career_moves):
            raise ValueError("a career move cannot point at the profile itself")
        lowered = [a.casefold() for a in self.aliases]
        if len(set(lowered)) != len(lowered):
            raise ValueError("aliases must not repeat")
        return self


class FaqEntry(Strict):
    id: Slug
    question: OneLine
    phrasings: list[OneLine] = Field(min_length=2)
    answer: str = Field(min_length=40, max_length=1800)


class FaqBank(Strict):
    faqs: list[FaqEntry] = Field(min_length=12)


class Wage(Strict):
    """One OEWS national row; None where BLS publishes no number, with the reason kept."""

    soc: Soc
    title: str
    level: str
    employment: int | None
    median_annual: int | None
    p10_annual: int | None
    p90_annual: int | None
    median_hourly: float | None
    p10_hourly: float | None
    p90_hourly: float | None
    notes: list[str] = Field(default_factory=list)


class WageTable(Strict):
    release: str
    release_code: str
    source: str
    notice: str
    major_groups: dict[Soc, str]
    occupations: dict[Soc, Wage]
