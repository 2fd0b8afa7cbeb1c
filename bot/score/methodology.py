"""Constants of METHODOLOGY.md v1.0; change them only together with that file and its version."""

from __future__ import annotations

SUBSTITUTABLE_MIN = 75  # task exposure at or above: AI-substitutable
ASSISTED_MIN = 35  # task exposure at or above (and below SUBSTITUTABLE_MIN): AI-assisted

EXPOSURE_BANDS = ((70.0, "very high"), (50.0, "high"), (30.0, "moderate"), (0.0, "low"))
RISK_BANDS = ((50.0, "very high"), (30.0, "high"), (15.0, "moderate"), (0.0, "low"))

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
