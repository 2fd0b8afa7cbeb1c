"""Free text from a person: parse it, resolve what it refers to, then route to the answer its intent calls for."""

from __future__ import annotations

from collections.abc import Sequence

from bot.answer.compare import compare, compare_many, compare_with
from bot.answer.conversation import Context, JobRead, Reading, Turn
from bot.answer.jobs import job, show
from bot.answer.local import Where
from bot.answer.new_jobs import new_jobs
from bot.answer.pages import ask_for_job, faq, page
from bot.answer.parts import CANDIDATES, Parts
from bot.answer.ranking import ranking
from bot.answer.resolve import resolve
from bot.present.reply import Reply, ReplyKind
from bot.sources.refs import SOC_PREFIX, OccupationRef, ProfileRef
from bot.understand.matcher import Verdict
from bot.understand.questions import Intent, ParsedQuestion, parse

PHRASE_MIN_SCORE = 55.0  # an ambiguous match this good still reads as a job ("social work")
INTENT_KINDS = {Intent.CAREERS: ReplyKind.CAREERS, Intent.TASKS: ReplyKind.TASKS}
KIND_INTENTS = {ReplyKind.TASKS: Intent.TASKS, ReplyKind.CAREERS: Intent.CAREERS}
COMPARING = frozenset({ReplyKind.COMPARE, ReplyKind.COMPARE_MANY})
VERDICT_ORDER = (Verdict.UNKNOWN.value, Verdict.AMBIGUOUS.value, Verdict.CONFIDENT.value)


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


def route(parts: Parts, q: ParsedQuestion, where: Where | None = None) -> Reply:
    if q.intent is Intent.HELP:
        return page(parts, ReplyKind.HELP)
    if q.intent is Intent.FAQ:
        return faq(parts, q.text)
    if q.intent is Intent.NEW_JOBS:
        return new_jobs(parts, q.text)
    if q.intent is Intent.RANKING and q.ranking is not None:
        return ranking(parts, q.ranking, q.text)
    if q.needs_job or not q.jobs:
        return ask_for_job(parts, q.text)
    if q.intent is Intent.COMPARE and len(q.jobs) == 2:
        return compare(parts, *q.jobs, where=where)
    kind = INTENT_KINDS.get(q.intent)
    if kind is not None:
        return job(parts, q.jobs[0], kind, where=where)
    return job(parts, q.jobs[0], ask=q.ask, where=where)


def _profile_ids(refs: Sequence[OccupationRef]) -> list[str]:
    return [r.profile_id for r in refs if isinstance(r, ProfileRef)]


def with_context(parts: Parts, q: ParsedQuestion, context: Context) -> Reply | None:
    """The answer to a follow-up about the jobs in `context`, or None when the question stands alone."""
    if not context.refs or not q.refers:
        return None
    first = context.refs[0]
    if q.intent is Intent.COMPARE and len(q.jobs) == 1:
        ids = _profile_ids(context.refs)
        return compare_with(parts, ids[0], q.jobs[0]) if ids else job(parts, q.jobs[0])
    if not q.jobs and q.intent in (Intent.TASKS, Intent.CAREERS, Intent.SUMMARY):
        kind = INTENT_KINDS.get(q.intent, ReplyKind.SUMMARY)
        if len(context.refs) > 1 and q.intent is Intent.SUMMARY and context.kind in COMPARING:
            return compare_many(parts, _profile_ids(context.refs))
        return show(parts, first, kind, ask=q.ask)
    if q.intent is Intent.SUMMARY and q.jobs and q.refers:
        if context.kind in COMPARING:
            found = resolve(parts, q.jobs[0])
            if isinstance(found, Reply):
                return found
            return compare_many(parts, [*_profile_ids(context.refs), found.id])
        kind = context.kind if context.kind in KIND_INTENTS else ReplyKind.SUMMARY
        return job(parts, q.jobs[0], kind)
    return None


def _intent(q: ParsedQuestion, reply: Reply) -> str:
    if reply.kind is ReplyKind.ASK_JOB:
        return "needs_job"
    if q.intent is Intent.SUMMARY:
        return "job"
    if q.intent is Intent.FAQ and reply.kind is ReplyKind.FAQ_LIST:
        return "faq"
    return q.intent.value


def _job_read(parts: Parts, key: str) -> JobRead | None:
    target = parts.matcher.target(key)
    if target is None:
        return None
    return JobRead(target.key, target.title, target.soc, target.profile_id is not None)


def _reading(parts: Parts, q: ParsedQuestion, reply: Reply) -> Reading:
    """The jobs the answer is about, in the order asked; for a menu or 'unknown', what the words matched."""
    verdicts = [parts.matcher.match(p, limit=CANDIDATES).verdict.value for p in q.jobs]
    if q.intent in (Intent.RANKING, Intent.NEW_JOBS, Intent.FAQ, Intent.HELP):
        return Reading(_intent(q, reply), (), None)
    keys: list[str] = list(reply.meta.profile_ids)
    if not keys and reply.kind is ReplyKind.OCCUPATION and reply.meta.soc:
        keys = [SOC_PREFIX + reply.meta.soc]
    if not keys:
        bests = [parts.matcher.match(p, limit=CANDIDATES).best for p in q.jobs]
        keys = [b.target.key for b in bests if b is not None]
    elif len(keys) > len(q.jobs):
        verdicts.append(Verdict.CONFIDENT.value)  # a job the conversation referred to
    jobs = tuple(j for j in (_job_read(parts, k) for k in keys) if j is not None)
    verdict = min(verdicts, key=VERDICT_ORDER.index) if verdicts else None
    return Reading(_intent(q, reply), jobs, verdict)


def _joins_thread(parts: Parts, q: ParsedQuestion, context: Context) -> Reply | None:
    """In a comparison thread, a question naming other jobs adds them to the comparison."""
    if not context.thread or q.intent not in (Intent.SUMMARY, Intent.COMPARE) or not q.jobs:
        return None
    ids = _profile_ids(context.refs)
    found = [resolve(parts, title) for title in q.jobs]
    more = [*ids, *(p.id for p in found if not isinstance(p, Reply))]
    return compare_many(parts, more) if len(set(more)) > len(set(ids)) else None


def converse(parts: Parts, text: str, context: Context, where: Where | None = None) -> Turn:
    q = read(parts, text)
    reply = _joins_thread(parts, q, context) or with_context(parts, q, context) or route(parts, q, where)
    return Turn(reply, _reading(parts, q, reply), context.after(reply))
