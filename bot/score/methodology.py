"""Constants of METHODOLOGY.md v1.1; change them only together with that file and its version."""

from __future__ import annotations

SUBSTITUTABLE_MIN = 75  # task exposure at or above: AI-substitutable
ASSISTED_MIN = 35  # task exposure at or above (and below SUBSTITUTABLE_MIN): AI-assisted

EXPOSURE_BANDS = ((70.0, "very high"), (50.0, "high"), (30.0, "moderate"), (0.0, "low"))
RISK_BANDS = ((50.0, "very high"), (30.0, "high"), (15.0, "moderate"), (0.0, "low"))

# Ten-year growth descriptors, in points relative to the release's all-occupation growth (METHODOLOGY.md).
DECLINE_BELOW = -1.0  # percent change below this: declining, whatever the average
LITTLE_CHANGE_MAX = 1.0  # from DECLINE_BELOW up to this: little or no change
GROWTH_BANDS = ((4.0, "much faster than average"), (2.0, "faster than average"), (-1.0, "about as fast as average"))

TASK_LIST_SIZE = 3
FOCUS_WEIGHT = 3.0  # weight multiplier for tasks a user says take most of their time

FIRST_YEAR = 2018
CURRENT_YEAR = 2026
LAST_YEAR = 2028


def band(value: float, bands: tuple[tuple[float, str], ...] = EXPOSURE_BANDS) -> str:
    for floor, name in bands:
        if value >= floor:
            return name
    return bands[-1][1]


def task_class(exposure: float) -> str:
    if exposure >= SUBSTITUTABLE_MIN:
        return "substitutable"
    if exposure >= ASSISTED_MIN:
        return "assisted"
    return "human"


def substitution(exposure: float) -> float:
    """Share of a task that counts toward automation risk: nothing below the human-critical line."""
    return min(1.0, max(0.0, (exposure - ASSISTED_MIN) / (100 - ASSISTED_MIN)))


def growth_band(change_pct: float, average_pct: float) -> str:
    """BLS-style wording for a ten-year change, anchored on the release's own average."""
    if change_pct < DECLINE_BELOW:
        return "declining"
    if change_pct <= LITTLE_CHANGE_MAX:
        return "little or no change"
    for above, name in GROWTH_BANDS:
        if change_pct >= average_pct + above:
            return name
    return "slower than average"
