"""The formulas of METHODOLOGY.md as pure functions: profile in, numbers out; no pay, no prose, no I/O."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from bot.score import methodology as m
from bot.sources.models import Axis, CapabilityCatalog, Profile, Task

TIE_MARGIN = 0.05  # exposures closer than this are the same to one decimal


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


# A summary holds some 35 of these per job and every job's summary is kept: as slotted dataclasses they
# take about a tenth of the memory pydantic models would (pydantic still validates and dumps them in Scores).


@dataclass(frozen=True, slots=True)
class TaskScore:
    index: int
    statement: str
    exposure: int
    time_share: float
    task_class: str
    capabilities: list[str]
    axes: list[str]
    rationale: str


@dataclass(frozen=True, slots=True)
class ClassSplit:
    substitutable: float
    assisted: float
    human: float


@dataclass(frozen=True, slots=True)
class AxisValue:
    axis: str
    exposure: float | None
    time_share: float


@dataclass(frozen=True, slots=True)
class TrendPoint:
    year: int
    exposure: float
    projection: bool


class Scores(Frozen):
    """Every figure METHODOLOGY.md defines for one profile under one time split."""

    exposure: float
    band: str
    risk: float
    risk_band: str
    resilience: float
    resilience_band: str
    split: ClassSplit
    tasks: list[TaskScore]
    most_exposed: list[TaskScore]
    copilot: list[TaskScore]
    resilient: list[TaskScore]
    radar: list[AxisValue]
    trend: list[TrendPoint]


class Gap(Frozen):
    """How a second job's figures differ from a first's; `more_exposed` is "first", "second" or None for a tie."""

    exposure_delta: float
    risk_delta: float
    resilience_delta: float
    more_exposed: str | None


def _weighted(values: Sequence[tuple[float, float]]) -> float:
    total = sum(t for _, t in values)
    return sum(v * t for v, t in values) / total if total else 0.0


def _r1(value: float) -> float:
    return round(value + 0.0, 1)


def _task_scores(tasks: Sequence[Task], shares: Sequence[float]) -> list[TaskScore]:
    return [
        TaskScore(
            index=i,
            statement=t.statement,
            exposure=t.exposure,
            time_share=_r1(share),
            task_class=m.task_class(t.exposure),
            capabilities=list(t.capabilities),
            axes=[a.value for a in t.axes],
            rationale=t.rationale,
        )
        for i, (t, share) in enumerate(zip(tasks, shares, strict=True))
    ]


def trend(tasks: Sequence[Task], shares: Sequence[float], catalog: CapabilityCatalog) -> list[TrendPoint]:
    """Scales each task's 2026 score by its tags' capability timelines, year by year."""
    years = range(m.FIRST_YEAR, m.LAST_YEAR + 1)
    known = catalog.capabilities
    rows = []  # per task, its scaled score in each year (a task is read once, not once per year)
    for task in tasks:
        lines = [known[c].timeline for c in task.capabilities]
        rows.append(
            [min(100.0, task.exposure * (sum(line[year] for line in lines) / len(lines)) / 100) for year in years]
        )
    total = sum(shares)
    points = []
    for k, year in enumerate(years):
        weighted = sum(row[k] * share for row, share in zip(rows, shares, strict=True)) / total if total else 0.0
        points.append(TrendPoint(year=year, exposure=_r1(weighted), projection=year >= catalog.projection_from))
    return points


def _radar(tasks: Sequence[Task], shares: Sequence[float]) -> list[AxisValue]:
    radar = []
    for axis in Axis:
        pairs = [(float(t.exposure), s) for t, s in zip(tasks, shares, strict=True) if axis in t.axes and s > 0]
        share = sum(s for _, s in pairs)
        radar.append(
            AxisValue(axis=axis.value, exposure=_r1(_weighted(pairs)) if pairs else None, time_share=_r1(share))
        )
    return radar


def _exposure(tasks: Sequence[Task], shares: Sequence[float]) -> float:
    return _weighted([(float(t.exposure), s) for t, s in zip(tasks, shares, strict=True)])


def headline_exposure(profile: Profile) -> float:
    """The profile's exposure as `score` reports it, without the rest of its figures."""
    return _r1(_exposure(profile.tasks, [float(t.time_share) for t in profile.tasks]))


def score(profile: Profile, catalog: CapabilityCatalog, shares: Sequence[float] | None = None) -> Scores:
    """Every figure for one profile under a time split (shares sum to 100; the profile's own by default)."""
    tasks = profile.tasks
    if shares is None:
        shares = [float(t.time_share) for t in tasks]
    exposure = _exposure(tasks, shares)
    split = {"substitutable": 0.0, "assisted": 0.0, "human": 0.0}
    risk = 0.0
    for task, share in zip(tasks, shares, strict=True):
        split[m.task_class(task.exposure)] += share
        risk += share * m.substitution(task.exposure) ** 2
    resilience = 0.5 * (100 - exposure) + 0.5 * split["human"]
    scored = _task_scores(tasks, shares)
    active = [s for s in scored if s.time_share > 0]
    size = m.TASK_LIST_SIZE
    most_exposed = sorted(active, key=lambda s: (-s.exposure, -s.time_share, s.index))[:size]
    copilot = sorted(
        (s for s in active if s.task_class == "assisted"),
        key=lambda s: (-s.exposure * s.time_share, -s.time_share, s.index),
    )[:size]
    resilient = sorted(active, key=lambda s: (s.exposure, -s.time_share, s.index))[:size]
    return Scores(
        exposure=_r1(exposure),
        band=m.band(exposure),
        risk=_r1(risk),
        risk_band=m.band(risk, m.RISK_BANDS),
        resilience=_r1(resilience),
        resilience_band=m.band(resilience),
        split=ClassSplit(**{k: _r1(v) for k, v in split.items()}),
        tasks=scored,
        most_exposed=most_exposed,
        copilot=copilot,
        resilient=resilient,
        radar=_radar(tasks, shares),
        trend=trend(tasks, shares, catalog),
    )


def normalise_weights(profile: Profile, weights: Mapping[int, float]) -> list[float]:
    """Turns any non-negative split over task indices into shares summing to 100."""
    count = len(profile.tasks)
    for index, weight in weights.items():
        if not 0 <= index < count:
            raise ValueError(f"task {index + 1} does not exist; this job has tasks 1-{count}")
        if weight < 0:
            raise ValueError("time spent on a task cannot be negative")
    total = sum(weights.values())
    if total <= 0:
        raise ValueError("give some time to at least one task")
    return [100.0 * weights.get(i, 0.0) / total for i in range(count)]


SPLIT_TOLERANCE = 5.0  # percentage points a typed split may miss 100 by (rounding thirds, a forgotten 5 %)


def check_split(weights: Mapping[int, float]) -> None:
    """A split a person typed is in percent: each share 0-100 and the whole near 100, or it is a typo."""
    for index, weight in weights.items():
        if not 0 <= weight <= 100:  # also rejects NaN
            raise ValueError(f"task {index + 1}: {weight:g} is not a share between 0 and 100")
    total = sum(weights.values())
    if abs(total - 100) > SPLIT_TOLERANCE:
        raise ValueError(f"the shares add up to {total:g}; they should add up to 100")


def focus_weights(profile: Profile, focus: Sequence[int]) -> dict[int, float]:
    """The 'these tasks take most of my time' split: chosen tasks weigh FOCUS_WEIGHT times more."""
    chosen = set(focus)
    return {i: task.time_share * (m.FOCUS_WEIGHT if i in chosen else 1.0) for i, task in enumerate(profile.tasks)}


def delta(before: float, after: float) -> float:
    """A change in a figure, rounded as figures are."""
    return _r1(after - before)


def gap(first: Scores, second: Scores) -> Gap:
    """Second minus first; exposures within 0.05 points count as a tie."""
    more = None
    if abs(first.exposure - second.exposure) >= TIE_MARGIN:
        more = "first" if first.exposure > second.exposure else "second"
    return Gap(
        exposure_delta=delta(first.exposure, second.exposure),
        risk_delta=delta(first.risk, second.risk),
        resilience_delta=delta(first.resilience, second.resilience),
        more_exposed=more,
    )


def shared_capabilities(first: Profile, second: Profile) -> list[str]:
    """Capability tags both jobs' tasks lean on, sorted."""
    tags_a = {c for t in first.tasks for c in t.capabilities}
    tags_b = {c for t in second.tasks for c in t.capabilities}
    return sorted(tags_a & tags_b)
