"""Free text from a person: parse it, then route to the answer its intent calls for."""

from __future__ import annotations

from collections.abc import Sequence

from bot.answer.compare import compare, compare_many
from bot.answer.jobs import job
from bot.answer.pages import ask_for_job, faq, page
from bot.answer.parts import CANDIDATES, Parts
from bot.answer.resolve import resolve
from bot.present.reply import Reply, ReplyKind
from bot.understand.matcher import Verdict
from bot.understand.questions import Intent, ParsedQuestion, parse

PHRASE_MIN_SCORE = 55.0  # an ambiguous match this good still reads as a job ("social work")
INTENT_KINDS = {Intent.CAREERS: ReplyKind.CAREERS, Intent.TASKS: ReplyKind.TASKS}


def is_job(parts: Parts, phrase: str) -> bool:
    """Whether free words name a job clearly enough to answer for it rather than read them as a question."""
    match = parts.matcher.match(phrase, limit=CANDIDATES)  # same key as resolve(): cached
    if match.verdict is Verdict.CONFIDENT:
        return True
    if match.verdict is not Verdict.AMBIGUOUS or match.best is None or match.best.score < PHRASE_MIN_SCORE:
        return False
    return parts.matcher.names_a_job(phrase)


def read(parts: Parts, text: str) -> ParsedQuestion:
    """The rule-based parser, told which phrases the matcher recognises as jobs."""
    return parse(text, lambda phrase: is_job(parts, phrase))


def route(parts: Parts, q: ParsedQuestion) -> Reply:
    if q.intent is Intent.HELP:
        return page(parts, ReplyKind.HELP)
    if q.intent is Intent.FAQ:
        return faq(parts, q.text)
    if q.needs_job or not q.jobs:
        return ask_for_job(parts, q.text)
    if q.intent is Intent.COMPARE and len(q.jobs) == 2:
        return compare(parts, *q.jobs)
    kind = INTENT_KINDS.get(q.intent)
    if kind is not None:
        return job(parts, q.jobs[0], kind)
    return job(parts, q.jobs[0], ask=q.ask)


def follow_up(parts: Parts, text: str, profile_ids: Sequence[str]) -> Reply:
    """In a comparison thread, a question naming other jobs adds them to the comparison."""
    q = read(parts, text)
    if q.intent in (Intent.SUMMARY, Intent.COMPARE) and q.jobs:
        found = [resolve(parts, title) for title in q.jobs]
        ids = [*profile_ids, *(p.id for p in found if not isinstance(p, Reply))]
        if len(set(ids)) > len(set(profile_ids)):
            return compare_many(parts, ids)
    return route(parts, q)
