"""The formulas of METHODOLOGY.md as pure functions: profile in, typed summary out, no I/O."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pydantic import BaseModel, ConfigDict

from bot.score import methodology as m
from bot.sources.load import Knowledge
from bot.sources.models import Axis, CapabilityCatalog, Profile, Task, Wage


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class TaskScore(Frozen):
    index: int
    statement: str
    exposure: int
    time_share: float
    task_class: str
    capabilities: list[str]
    axes: list[str]
    rationale: str


class ClassSplit(Frozen):
    substitutable: float
    assisted: float
    human: float


class AxisValue(Frozen):
    axis: str
    exposure: float | None
    time_share: float


class TrendPoint(Frozen):
    year: int
    exposure: float
    projection: bool


class ExposureSummary(Frozen):
    id: str
    title: str
    soc: str
    family: str
    family_name: str
    summary: str
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
    pay: Wage | None
    pay_release: str
    methodology_version: str


class PersonalScore(Frozen):
    baseline: ExposureSummary
    personal: ExposureSummary
    exposure_delta: float
    risk_delta: float


class Comparison(Frozen):
    first: ExposureSummary
    second: ExposureSummary
    exposure_delta: float
    risk_delta: float
    resilience_delta: float
    shared_capabilities: list[str]
    more_exposed: str | None
    reasons: list[str]
    pay_delta: int | None


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
    points = []
    for year in range(m.FIRST_YEAR, m.LAST_YEAR + 1):
        values = []
        for task, share in zip(tasks, shares, strict=True):
            level = sum(catalog.capabilities[c].timeline[year] for c in task.capabilities) / len(task.capabilities)
            values.append((min(100.0, task.exposure * level / 100), share))
        points.append(
            TrendPoint(year=year, exposure=_r1(_weighted(values)), projection=year >= catalog.projection_from)
        )
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


def summarise_with_shares(profile: Profile, knowledge: Knowledge, shares: Sequence[float]) -> ExposureSummary:
    """Every figure for one profile under a given time split (shares sum to 100)."""
    tasks = profile.tasks
    exposure = _weighted([(float(t.exposure), s) for t, s in zip(tasks, shares, strict=True)])
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
    wage = knowledge.wages.occupations.get(profile.soc)
    return ExposureSummary(
        id=profile.id,
        title=profile.title,
        soc=profile.soc,
        family=profile.family,
        family_name=knowledge.wages.major_groups.get(profile.family, profile.family),
        summary=profile.summary,
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
        trend=trend(tasks, shares, knowledge.capabilities),
        pay=wage,
        pay_release=knowledge.wages.release,
        methodology_version=knowledge.methodology_version,
    )


def summarise(profile: Profile, knowledge: Knowledge) -> ExposureSummary:
    return summarise_with_shares(profile, knowledge, [float(t.time_share) for t in profile.tasks])


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


def focus_weights(profile: Profile, focus: Sequence[int]) -> dict[int, float]:
    """The 'these tasks take most of my time' split: chosen tasks weigh FOCUS_WEIGHT times more."""
    chosen = set(focus)
    return {i: task.time_share * (m.FOCUS_WEIGHT if i in chosen else 1.0) for i, task in enumerate(profile.tasks)}


def personalise(profile: Profile, knowledge: Knowledge, weights: Mapping[int, float]) -> PersonalScore:
    baseline = summarise(profile, knowledge)
    personal = summarise_with_shares(profile, knowledge, normalise_weights(profile, weights))
    return PersonalScore(
        baseline=baseline,
        personal=personal,
        exposure_delta=_r1(personal.exposure - baseline.exposure),
        risk_delta=_r1(personal.risk - baseline.risk),
    )


def _gap_reasons(hi: ExposureSummary, lo: ExposureSummary) -> list[str]:
    """The class shares that differ, then the task that drives the more exposed job's score."""
    classes = (("substitutable", "AI-substitutable"), ("assisted", "AI-assisted"), ("human", "human-critical"))
    reasons = []
    for name, label in classes:
        mine, theirs = getattr(hi.split, name), getattr(lo.split, name)
        if mine != theirs:
            reasons.append(f"{label} work: {mine:g}% of {hi.title}'s time vs {theirs:g}% for {lo.title}.")
    if hi.most_exposed:
        top = hi.most_exposed[0]
        reasons.append(f"Most exposed {hi.title} task: {top.statement} ({top.exposure}/100).")
    return [r[0].upper() + r[1:] for r in reasons]


def compare(first: Profile, second: Profile, knowledge: Knowledge) -> Comparison:
    a, b = summarise(first, knowledge), summarise(second, knowledge)
    tags_a = {c for t in first.tasks for c in t.capabilities}
    tags_b = {c for t in second.tasks for c in t.capabilities}
    shared = sorted(tags_a & tags_b)
    labels = [knowledge.capabilities.capabilities[c].label for c in shared]
    if abs(a.exposure - b.exposure) < 0.05:
        more, reasons = None, ["Both jobs have the same time-weighted exposure."]
    else:
        hi, lo = (a, b) if a.exposure > b.exposure else (b, a)
        more, reasons = hi.id, _gap_reasons(hi, lo)
    pay_a = a.pay.median_annual if a.pay else None
    pay_b = b.pay.median_annual if b.pay else None
    return Comparison(
        first=a,
        second=b,
        exposure_delta=_r1(b.exposure - a.exposure),
        risk_delta=_r1(b.risk - a.risk),
        resilience_delta=_r1(b.resilience - a.resilience),
        shared_capabilities=labels,
        more_exposed=more,
        reasons=reasons,
        pay_delta=pay_b - pay_a if pay_a is not None and pay_b is not None else None,
    )
