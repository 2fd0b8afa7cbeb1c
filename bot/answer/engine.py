"""The one entry point front ends call: text or references in, typed Reply out.

A composition root only: each method hands its work to the builder module for that kind of answer
(jobs, compare, personal, pages, route), which share one set of `Parts`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from bot.answer import compare, jobs, pages, personal, route
from bot.answer.cards import Card, Cards
from bot.answer.conversation import Context, Turn
from bot.answer.local import locate, split_known_place
from bot.answer.parts import Parts
from bot.answer.personal import Split
from bot.answer.summary import ExposureSummary, PersonalScore
from bot.present.render import Renderer
from bot.present.reply import Reply, ReplyKind
from bot.sources.load import Knowledge, default_knowledge
from bot.sources.models import FaqEntry
from bot.sources.refs import OccupationRef
from bot.understand.autocomplete import Suggestion
from bot.understand.matcher import MatchResult
from bot.understand.normalize import cache_sizes as normalize_cache_sizes
from bot.understand.places import Place
from bot.understand.questions import Ask

INPUT_MAX = 1000  # characters of free text read; a job question is a line, and Discord allows 4,000
CUT_NOTE = "Your message was long, so I read only its first {limit:,} characters."


def _noted(reply: Reply) -> Reply:
    note = CUT_NOTE.format(limit=INPUT_MAX)
    return replace(reply, content=f"{note}\n{reply.content}" if reply.content else note)


def bounded(text: str, answer: Callable[[str], Reply]) -> Reply:
    """Answers at most INPUT_MAX characters of `text`, and says so when it had to cut."""
    if len(text) <= INPUT_MAX:
        return answer(text)
    return _noted(answer(text[:INPUT_MAX]))


class Engine:
    def __init__(self, knowledge: Knowledge | None = None) -> None:
        self._parts = Parts(knowledge or default_knowledge())
        self._cards = Cards(self._parts)

    # ---- free text ---------------------------------------------------------------------------
    def answer(self, text: str, context: Context | None = None, where: str | None = None) -> Reply:
        """Free text from a person: parse it, then answer what its intent asks for, for a place if it names one."""
        return self.converse(text, context or Context(), where).reply

    def converse(self, text: str, context: Context, where: str | None = None) -> Turn:
        """Free text in a conversation: a follow-up ("and dentists?") refers to the jobs in `context`.
        The turn carries the reply, what was read from the question, and the context to pass next time.
        A trailing place ("... in Texas"), or `where`, adds pay there."""
        read = text[:INPUT_MAX]
        if where is None:
            read, where = split_known_place(self._parts, read)
        turn = route.converse(self._parts, read, context, locate(self._parts, where))
        return turn if len(text) <= INPUT_MAX else replace(turn, reply=_noted(turn.reply))

    # ---- one job -------------------------------------------------------------------------------
    def job(
        self, title: str, kind: ReplyKind = ReplyKind.SUMMARY, ask: Ask = Ask.GENERAL, where: str | None = None
    ) -> Reply:
        """A typed title's summary, tasks, careers or FAQ; a menu, BLS facts or 'unknown' when it names no profile.

        `where` is a place as typed ("Texas", "Austin"): pay there is shown beside the national figure.
        """
        place = locate(self._parts, where)
        return bounded(title, lambda t: jobs.job(self._parts, t, kind, ask, place))

    def show(
        self, ref: OccupationRef, kind: ReplyKind = ReplyKind.SUMMARY, query: str = "", where: str | None = None
    ) -> Reply:
        """A referenced job's answer, for buttons and pick menus."""
        return jobs.show(self._parts, ref, kind, query, where=locate(self._parts, where))

    def summary(self, profile_id: str) -> ExposureSummary | None:
        """A profile's figures, or None for an id no profile has (e.g. a button from an older version)."""
        if profile_id not in self._parts.knowledge.profiles:
            return None
        return self._parts.summaries.get(profile_id)

    def summaries(self) -> list[ExposureSummary]:
        """Every profile's figures, by id."""
        return [self._parts.summaries.get(pid) for pid in sorted(self._parts.knowledge.profiles)]

    # ---- several jobs ----------------------------------------------------------------------------
    def compare(self, first: str, second: str, where: str | None = None) -> Reply:
        place = locate(self._parts, where)
        return bounded(first, lambda a: bounded(second, lambda b: compare.compare(self._parts, a, b, place)))

    def compare_with(self, profile_id: str, other: str) -> Reply:
        """A known profile against a job the user typed."""
        return bounded(other, lambda t: compare.compare_with(self._parts, profile_id, t))

    # ---- personalised ------------------------------------------------------------------------------
    def personalise(self, profile_id: str, split: Split) -> Reply:
        return personal.personalise(self._parts, profile_id, split)

    def personal_score(self, profile_id: str, split: Split) -> PersonalScore:
        """The re-scored figures; raises ValueError for a split that names no real task or no time."""
        return personal.personal_score(self._parts, profile_id, split)

    # ---- share cards ---------------------------------------------------------------------------------
    def card(self, reply: Reply) -> Card | None:
        """The share card of a job summary, a personalised reply or a comparison; None for other replies.
        Its `ready` picture is there when already drawn (cheap to ask, e.g. on an event loop); else `draw()`
        makes it, in milliseconds. Typical and comparison cards are cached per (profiles, methodology version,
        kind), and job cards also on a shelf on disk."""
        return self._cards.card(reply)

    def precompile(self, *, cards: bool = False) -> list[Path]:
        """Builds now what a first use would otherwise build (autocomplete, template bytecode) and, with `cards`,
        every job's card onto its shelf (for an image built with them); returns the shelf when written."""
        self.suggest_titles("")
        Renderer().compile_all()
        shelf = self._cards.shelve_all() if cards else None
        return [shelf] if shelf is not None else []

    # ---- no job --------------------------------------------------------------------------------------
    def faq(self, question: str) -> Reply:
        return bounded(question, lambda t: pages.faq(self._parts, t))

    def page(self, kind: ReplyKind) -> Reply:
        """Help, about or methodology."""
        return pages.page(self._parts, kind)

    # ---- matching and autocomplete ---------------------------------------------------------------------
    def match(self, title: str) -> MatchResult:
        return self._parts.matcher.match(title)  # reads at most MATCH_KEY_MAX characters

    def suggest_titles(self, prefix: str) -> list[Suggestion]:
        """Autocomplete for job titles; the first call builds the index."""
        return self._parts.matcher.suggest(prefix)

    def suggest_faqs(self, prefix: str) -> list[FaqEntry]:
        return self._parts.faqs.suggest(prefix)

    def cache_sizes(self) -> dict[str, int]:
        """Entries in each bounded cache (match, typo expansion, normalisation, share cards), for monitoring."""
        return {**self._parts.matcher.cache_sizes(), **normalize_cache_sizes(), "cards": self._cards.cache_size()}

    def suggest_places(self, prefix: str) -> list[Place]:
        """Autocomplete for a location: states first, then metropolitan areas by size."""
        return self._parts.places.suggest(prefix)
