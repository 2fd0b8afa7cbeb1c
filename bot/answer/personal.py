"""Re-scoring a job with the user's own time split: as figures (CLI JSON) or as a reply."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.answer.parts import Parts
from bot.answer.summary import PersonalScore
from bot.present.reply import Reply, ReplyKind, ReplyMeta
from bot.score.formulas import check_split, focus_weights, normalise_weights


@dataclass(frozen=True, slots=True)
class Focus:
    """'These tasks take most of my time' (task indices from 0), as a Discord menu asks it."""

    tasks: tuple[int, ...]


Split = Mapping[int, float] | Focus  # a time share per task index, or the tasks that take most of it


def shares_of(parts: Parts, profile_id: str, split: Split) -> list[float]:
    """The split as time shares over every task; raises ValueError, in words a person can act on,
    for a split that names no real task or no time."""
    profile = parts.knowledge.profiles[profile_id]
    weights: Mapping[int, float]
    if isinstance(split, Focus):
        weights = focus_weights(profile, split.tasks)
    else:
        check_split(split)
        weights = split
    return normalise_weights(profile, weights)


def personal_score(parts: Parts, profile_id: str, split: Split) -> PersonalScore:
    shares = shares_of(parts, profile_id, split)
    return parts.summaries.personal(parts.knowledge.profiles[profile_id], shares)


def personalise(parts: Parts, profile_id: str, split: Split) -> Reply:
    try:
        shares = shares_of(parts, profile_id, split)
    except ValueError as exc:
        return parts.render(ReplyKind.PROBLEM, ReplyMeta(profile_ids=(profile_id,)), message=str(exc))
    result = parts.summaries.personal(parts.knowledge.profiles[profile_id], shares)
    return parts.render(ReplyKind.PERSONAL, ReplyMeta(profile_ids=(profile_id,), shares=tuple(shares)), p=result)
