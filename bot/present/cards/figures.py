"""What a share card shows, as plain values: the answer layer fills these from a summary, the card draws them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class CardKind(StrEnum):
    JOB = "job"
    PERSONAL = "personal"
    COMPARE = "compare"


@dataclass(frozen=True, slots=True)
class TaskLine:
    statement: str
    exposure: int
    time_share: float
    task_class: str  # substitutable, assisted or human


@dataclass(frozen=True, slots=True)
class AxisPoint:
    axis: str
    exposure: float | None  # None: no task of the job sits on this axis


@dataclass(frozen=True, slots=True)
class YearPoint:
    year: int
    exposure: float
    projection: bool


@dataclass(frozen=True, slots=True)
class JobFigures:
    """One job's card, typical or under the user's own time split (`typical_exposure` set then)."""

    title: str
    subtitle: str
    exposure: float
    band: str
    risk: float
    risk_band: str
    resilience: float
    resilience_band: str
    split: tuple[float, float, float]  # percent of time: AI-substitutable, AI-assisted, human-critical
    most_exposed: tuple[TaskLine, ...]
    resilient: tuple[TaskLine, ...]
    radar: tuple[AxisPoint, ...]
    trend: tuple[YearPoint, ...]
    median_annual: int | None
    median_hourly: float | None
    footer: str
    typical_exposure: float | None = None

    @property
    def personal(self) -> bool:
        return self.typical_exposure is not None


@dataclass(frozen=True, slots=True)
class CompareFigures:
    first: JobFigures
    second: JobFigures
    verdict: str
    footer: str


Figures = JobFigures | CompareFigures
