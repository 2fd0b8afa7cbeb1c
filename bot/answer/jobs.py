"""Answers about one job: its summary, tasks, career moves or FAQ, by typed title or by reference."""

from __future__ import annotations

from bot.answer.local import Where, with_pay
from bot.answer.occupation import occupation
from bot.answer.parts import Parts
from bot.answer.resolve import resolve
from bot.present.reply import Reply, ReplyKind, ReplyMeta
from bot.sources.refs import OccupationRef, SocRef
from bot.understand.questions import Ask

JOB_KINDS = frozenset({ReplyKind.SUMMARY, ReplyKind.TASKS, ReplyKind.CAREERS, ReplyKind.JOB_FAQ})


def profile_reply(
    parts: Parts,
    profile_id: str,
    kind: ReplyKind = ReplyKind.SUMMARY,
    query: str = "",
    ask: Ask = Ask.GENERAL,
    where: Where | None = None,
) -> Reply:
    if kind not in JOB_KINDS:
        raise ValueError(f"{kind} is not an answer about one job")
    profile = parts.knowledge.profiles.get(profile_id)
    if profile is None:
        return parts.render(ReplyKind.UNKNOWN, query=query or profile_id, near=[])
    summaries = parts.summaries
    # the careers answer shows each move's pay and outlook; the others only its title and exposure
    figures = summaries.get if kind is ReplyKind.CAREERS else summaries.headline
    moves = [(move, figures(move.id)) for move in profile.career_moves]
    socs = [profile.soc]
    if kind is ReplyKind.CAREERS:
        socs += [parts.knowledge.profiles[move.id].soc for move in profile.career_moves]
    return parts.render(
        kind,
        ReplyMeta(query=query, profile_ids=(profile_id,), soc=profile.soc),
        s=summaries.get(profile_id),
        profile=profile,
        moves=moves,
        ask=ask,
        where=with_pay(parts, where, socs),
    )


def job(
    parts: Parts,
    title: str,
    kind: ReplyKind = ReplyKind.SUMMARY,
    ask: Ask = Ask.GENERAL,
    where: Where | None = None,
) -> Reply:
    found = resolve(parts, title)
    if isinstance(found, Reply):
        return found
    return profile_reply(parts, found.id, kind, query=title, ask=ask, where=where)


def show(
    parts: Parts,
    ref: OccupationRef,
    kind: ReplyKind = ReplyKind.SUMMARY,
    query: str = "",
    ask: Ask = Ask.GENERAL,
    where: Where | None = None,
) -> Reply:
    """A referenced job's answer (pick menus, buttons, follow-ups): BLS facts for an occupation without a profile."""
    if isinstance(ref, SocRef):
        return occupation(parts, ref.soc, query or ref.soc)
    return profile_reply(parts, ref.profile_id, kind, query=query, ask=ask, where=where)
