"""A conversation's memory, passed in explicitly: the jobs last discussed, so a follow-up can refer to them.

The engine keeps no state. Front ends hold one `Context` per conversation (a terminal chat, a DM, a
comparison thread), bounded in size, and hand it back with the next message; each `Turn` returns
the reply, what was read from the question (for `jobbot ask --json`) and the context that follows.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.present.reply import Reply, ReplyKind
from bot.sources.refs import OccupationRef, ProfileRef, SocRef

CONTEXT_JOBS = 3  # a comparison thread holds at most three jobs

# What a reply leaves behind as "the jobs we were talking about".
ABOUT_JOBS = frozenset(
    {
        ReplyKind.SUMMARY,
        ReplyKind.TASKS,
        ReplyKind.CAREERS,
        ReplyKind.JOB_FAQ,
        ReplyKind.PERSONAL,
        ReplyKind.COMPARE,
        ReplyKind.COMPARE_MANY,
        ReplyKind.OCCUPATION,
    }
)


@dataclass(frozen=True, slots=True)
class Context:
    refs: tuple[OccupationRef, ...] = ()
    kind: ReplyKind | None = None  # how they were last shown: a follow-up "and dentists?" is answered the same way
    thread: bool = False  # a comparison thread: every job named there joins the comparison

    def after(self, reply: Reply) -> Context:
        """The context once this reply is shown: its jobs, or the same jobs when it named none (an FAQ, help)."""
        if reply.kind not in ABOUT_JOBS:
            return self
        refs: tuple[OccupationRef, ...] = tuple(ProfileRef(pid) for pid in reply.meta.profile_ids)
        if not refs and reply.meta.soc:
            refs = (SocRef(reply.meta.soc),)
        if self.thread and reply.kind not in (ReplyKind.COMPARE, ReplyKind.COMPARE_MANY):
            return self  # a thread stays about its comparison
        return Context(refs[:CONTEXT_JOBS], reply.kind, self.thread) if refs else self

    @staticmethod
    def comparison(profile_ids: tuple[str, ...]) -> Context:
        """A comparison thread's context, from the jobs it compares."""
        return Context(tuple(ProfileRef(pid) for pid in profile_ids[:CONTEXT_JOBS]), ReplyKind.COMPARE, thread=True)


@dataclass(frozen=True, slots=True)
class JobRead:
    """One job the question named (or referred to), as the matcher read it."""

    id: str
    title: str
    soc: str
    profile: bool


@dataclass(frozen=True, slots=True)
class Reading:
    intent: str  # job, tasks, careers, compare, ranking, faq, help, needs_job
    jobs: tuple[JobRead, ...]
    verdict: str | None  # the least certain match among the jobs: confident, ambiguous or unknown


@dataclass(frozen=True, slots=True)
class Turn:
    reply: Reply
    reading: Reading
    context: Context
