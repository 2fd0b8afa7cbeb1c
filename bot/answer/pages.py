"""Answers that name no job: FAQ entries, help, about, methodology, and asking which job was meant."""

from __future__ import annotations

from bot.answer.parts import Parts
from bot.present.reply import Reply, ReplyKind, ReplyMeta

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
        wages = parts.knowledge.wages
        return parts.render(
            kind, profiles=len(parts.knowledge.profiles), occupations=len(wages.occupations), wages=wages
        )
    return parts.render(kind)


def ask_for_job(parts: Parts, question: str) -> Reply:
    return parts.render(ReplyKind.ASK_JOB, ReplyMeta(query=question), query=question)
