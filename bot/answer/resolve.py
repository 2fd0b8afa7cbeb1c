"""A typed title → the profile it names, or the reply to give instead (a menu of candidates, unknown, BLS facts)."""

from __future__ import annotations

from bot.answer.occupation import occupation
from bot.answer.parts import CANDIDATES, Parts
from bot.present.reply import Choice, Reply, ReplyKind, ReplyMeta
from bot.sources.models import Profile
from bot.understand.matcher import MatchResult, Verdict

UNKNOWN_HINTS = 5


def choices(match: MatchResult) -> tuple[Choice, ...]:
    return tuple(Choice(c.target.ref, c.target.title, c.target.soc, round(c.score, 1)) for c in match.candidates)


def resolve(parts: Parts, title: str) -> Profile | Reply:
    match = parts.matcher.match(title, limit=CANDIDATES)
    best = match.best
    meta = ReplyMeta(query=title, candidates=choices(match))
    if match.verdict is Verdict.CONFIDENT and best is not None:
        if best.target.profile_id:
            return parts.knowledge.profiles[best.target.profile_id]
        return occupation(parts, best.target.soc, title, meta.candidates)
    if match.verdict is Verdict.AMBIGUOUS:
        described = [
            {
                "title": c.target.title,
                "soc": c.target.soc,
                "exposure": parts.summaries.get(c.target.profile_id).exposure if c.target.profile_id else None,
            }
            for c in match.candidates
        ]
        return parts.render(ReplyKind.DISAMBIGUATION, meta, query=title, candidates=described)
    near = parts.matcher.suggest(title)[:UNKNOWN_HINTS]
    return parts.render(ReplyKind.UNKNOWN, meta, query=title, near=near)
