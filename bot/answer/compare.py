"""Side-by-side answers: two jobs (typed or known), or up to three in a comparison thread's follow-up."""

from __future__ import annotations

from collections.abc import Sequence

from bot.answer.jobs import profile_reply
from bot.answer.local import Where, with_pay
from bot.answer.parts import Parts
from bot.answer.resolve import resolve
from bot.answer.summary import ExposureSummary
from bot.present.reply import Reply, ReplyKind, ReplyMeta
from bot.score.formulas import Frozen, Scores, gap, shared_capabilities

MANY_MAX = 3
CLASS_LABELS = (("substitutable", "AI-substitutable"), ("assisted", "AI-assisted"), ("human", "human-critical"))
SAME_EXPOSURE = "Both jobs have the same time-weighted exposure."


class Comparison(Frozen):
    first: ExposureSummary
    second: ExposureSummary
    exposure_delta: float
    risk_delta: float
    resilience_delta: float
    shared_capabilities: list[str]
    more_exposed: str | None
    reasons: list[str]
    pay_delta: int | None


def gap_reasons(hi_title: str, hi: Scores, lo_title: str, lo: Scores) -> list[str]:
    """Why one job is more exposed: the class shares that differ, then the task that drives its score."""
    reasons = []
    for name, label in CLASS_LABELS:
        mine, theirs = getattr(hi.split, name), getattr(lo.split, name)
        if mine != theirs:
            reasons.append(f"{label} work: {mine:g}% of {hi_title}'s time vs {theirs:g}% for {lo_title}.")
    if hi.most_exposed:
        top = hi.most_exposed[0]
        reasons.append(f"Most exposed {hi_title} task: {top.statement} ({top.exposure}/100).")
    return [r[0].upper() + r[1:] for r in reasons]


def comparison(parts: Parts, first_id: str, second_id: str) -> Comparison:
    profiles = parts.knowledge.profiles
    a, b = parts.summaries.get(first_id), parts.summaries.get(second_id)
    g = gap(a, b)
    reasons = [SAME_EXPOSURE]
    if g.more_exposed is not None:
        hi, lo = (a, b) if g.more_exposed == "first" else (b, a)
        reasons = gap_reasons(hi.title, hi, lo.title, lo)
    catalog = parts.knowledge.capabilities.capabilities
    pay_a = a.pay.median_annual if a.pay else None
    pay_b = b.pay.median_annual if b.pay else None
    return Comparison(
        first=a,
        second=b,
        exposure_delta=g.exposure_delta,
        risk_delta=g.risk_delta,
        resilience_delta=g.resilience_delta,
        shared_capabilities=[catalog[c].label for c in shared_capabilities(profiles[first_id], profiles[second_id])],
        more_exposed={"first": a.id, "second": b.id}.get(g.more_exposed or ""),
        reasons=reasons,
        pay_delta=pay_b - pay_a if pay_a is not None and pay_b is not None else None,
    )


def compare_ids(parts: Parts, first_id: str, second_id: str, where: Where | None = None) -> Reply:
    if first_id == second_id:
        return profile_reply(parts, first_id, where=where)
    profiles = parts.knowledge.profiles
    return parts.render(
        ReplyKind.COMPARE,
        ReplyMeta(profile_ids=(first_id, second_id)),
        c=comparison(parts, first_id, second_id),
        where=with_pay(parts, where, [profiles[first_id].soc, profiles[second_id].soc]),
    )


def compare(parts: Parts, first: str, second: str, where: Where | None = None) -> Reply:
    a, b = resolve(parts, first), resolve(parts, second)
    if isinstance(a, Reply):
        return a
    if isinstance(b, Reply):
        return b
    return compare_ids(parts, a.id, b.id, where)


def compare_with(parts: Parts, profile_id: str, other: str) -> Reply:
    """A known profile against a job typed by the user."""
    found = resolve(parts, other)
    if isinstance(found, Reply):
        return found
    return compare_ids(parts, profile_id, found.id)


def compare_many(parts: Parts, profile_ids: Sequence[str]) -> Reply:
    """Side by side for up to three jobs: a comparison thread's follow-up about another job."""
    known = [pid for pid in dict.fromkeys(profile_ids) if pid in parts.knowledge.profiles][:MANY_MAX]
    return parts.render(
        ReplyKind.COMPARE_MANY,
        ReplyMeta(profile_ids=tuple(known)),
        jobs=[parts.summaries.get(pid) for pid in known],
    )
