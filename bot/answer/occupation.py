"""An OEWS occupation without a profile: its BLS facts and the nearest scored profiles, rather than a guess."""

from __future__ import annotations

from bot.answer.parts import CANDIDATES, Parts
from bot.answer.summary import ExposureSummary
from bot.present.reply import Choice, Reply, ReplyKind, ReplyMeta
from bot.sources.models import Profile

NEAREST_LIMIT = 3
RELATED_WEIGHT = 1.0  # O*NET's first related occupation counts this much; later ones less, in tier order
TITLE_WEIGHT = 1.0  # a profile whose titles share all the occupation's title words counts this much


def nearest_profiles(parts: Parts, soc: str, title: str) -> list[ExposureSummary]:
    """Profiles nearest an occupation without one: O*NET's related occupations (by rank) and title words.

    Not the SOC group: a group holds unlike jobs ("Astronomers" sit beside "Chemists"), while O*NET's
    related occupations and the words of the titles say what the work is like.
    """
    knowledge = parts.knowledge
    wage = knowledge.wages.occupations.get(soc)
    scores: dict[str, float] = {}
    related = knowledge.related.get(soc, [])
    by_soc: dict[str, list[Profile]] = {}
    for profile in knowledge.profiles.values():
        by_soc.setdefault(profile.soc, []).append(profile)
    for rank, other in enumerate(related):
        for p in by_soc.get(other, ()):
            closeness = RELATED_WEIGHT * (1 - rank / len(related))
            scores[p.id] = max(scores.get(p.id, 0.0), closeness)
    similar: dict[str, float] = {}
    for text in dict.fromkeys(t for t in (title, wage.title if wage else "") if t):
        for cand in parts.matcher.match(text, limit=CANDIDATES).candidates:
            pid = cand.target.profile_id
            if pid and knowledge.profiles[pid].soc != soc:
                similar[pid] = max(similar.get(pid, 0.0), TITLE_WEIGHT * cand.score / 100)
    for pid, value in similar.items():
        scores[pid] = scores.get(pid, 0.0) + value
    ranked = sorted(scores, key=lambda pid: (-scores[pid], knowledge.profiles[pid].title))
    return [parts.summaries.get(pid) for pid in ranked[:NEAREST_LIMIT]]


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
