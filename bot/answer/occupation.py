"""An OEWS occupation without a profile: its BLS facts and the nearest scored profiles, rather than a guess."""

from __future__ import annotations

from bot.answer.parts import CANDIDATES, Parts
from bot.answer.summary import ExposureSummary
from bot.present.reply import Choice, Reply, ReplyKind, ReplyMeta
from bot.sources.models import Profile

NEAREST_LIMIT = 3


def nearest_profiles(parts: Parts, soc: str, title: str) -> list[ExposureSummary]:
    """Profiles in the same SOC minor, then major group; failing that, the closest titles."""
    profiles = sorted(parts.knowledge.profiles.values(), key=lambda p: p.soc)
    picked: list[Profile] = []
    for width in (4, 2):
        for p in profiles:
            if p.soc[:width] == soc[:width] and p not in picked:
                picked.append(p)
        if len(picked) >= NEAREST_LIMIT:
            break
    if len(picked) < NEAREST_LIMIT:
        for cand in parts.matcher.match(title, limit=CANDIDATES).candidates:
            near = parts.knowledge.profiles.get(cand.target.profile_id) if cand.target.profile_id else None
            if near is not None and near not in picked:
                picked.append(near)
    return [parts.summaries.get(p.id) for p in picked[:NEAREST_LIMIT]]


def occupation(parts: Parts, soc: str, title: str, candidates: tuple[Choice, ...] = ()) -> Reply:
    """`candidates`: what the title matched, kept for front ends that offer the other readings."""
    wage = parts.facts.pay(soc)
    if wage is None:
        return parts.render(ReplyKind.UNKNOWN, query=title, near=[])
    return parts.render(
        ReplyKind.OCCUPATION,
        ReplyMeta(query=title, soc=soc, candidates=candidates),
        query=title,
        wage=wage,
        near=nearest_profiles(parts, soc, title),
        family=parts.facts.family_name(wage.soc) or "",
    )
