"""Answers that name no job: FAQ entries, help, about, methodology, and asking which job was meant."""

from __future__ import annotations

from bot.answer.parts import Parts
from bot.present.reply import Reply, ReplyKind, ReplyMeta
from bot.sources.models import ProfileKind

PAGES = frozenset({ReplyKind.HELP, ReplyKind.ABOUT, ReplyKind.METHODOLOGY})


def faq(parts: Parts, question: str) -> Reply:
    hit = parts.faqs.find(question)
    if hit is None:
        return parts.render(ReplyKind.FAQ_LIST, ReplyMeta(query=question), query=question, faqs=parts.faqs.entries)
    return parts.render(ReplyKind.FAQ, ReplyMeta(query=question), entry=hit.entry)


def page(parts: Parts, kind: ReplyKind) -> Reply:
    if kind not in PAGES:
        raise ValueError(f"{kind} is not a page")
    if kind is ReplyKind.ABOUT:
        knowledge = parts.knowledge
        roles = sum(1 for p in knowledge.profiles.values() if p.kind is ProfileKind.ROLE)
        return parts.render(
            kind,
            profiles=len(knowledge.profiles) - roles,
            roles=roles,
            covered=len({p.soc for p in knowledge.profiles.values() if p.kind is ProfileKind.OCCUPATION}),
            occupations=len(knowledge.wages.occupations),
            wages=knowledge.wages,
            projections=knowledge.projections,
        )
    return parts.render(kind)


def ask_for_job(parts: Parts, question: str) -> Reply:
    return parts.render(ReplyKind.ASK_JOB, ReplyMeta(query=question), query=question)
