"""The one entry point front ends call: text or references in, typed Reply out.

A composition root only: each method hands its work to the builder module for that kind of answer
(jobs, compare, personal, pages, route), which share one set of `Parts`.
"""

from __future__ import annotations

from bot.answer import compare, jobs, pages, personal, route
from bot.answer.conversation import Context, Turn
from bot.answer.parts import Parts
from bot.answer.personal import Split
from bot.answer.summary import ExposureSummary, PersonalScore
from bot.present.reply import Reply, ReplyKind
from bot.sources.load import Knowledge, default_knowledge
from bot.sources.models import FaqEntry
from bot.sources.refs import OccupationRef
from bot.understand.autocomplete import Suggestion
from bot.understand.matcher import MatchResult
from bot.understand.questions import Ask


class Engine:
    def __init__(self, knowledge: Knowledge | None = None) -> None:
        self._parts = Parts(knowledge or default_knowledge())

    # ---- free text ---------------------------------------------------------------------------
    def answer(self, text: str, context: Context | None = None) -> Reply:
        """Free text from a person: parse it, then answer what its intent asks for."""
        return self.converse(text, context or Context()).reply

    def converse(self, text: str, context: Context) -> Turn:
        """Free text in a conversation: a follow-up ("and dentists?") refers to the jobs in `context`.
        The turn carries the reply, what was read from the question, and the context to pass next time."""
        return route.converse(self._parts, text, context)

    # ---- one job -------------------------------------------------------------------------------
    def job(self, title: str, kind: ReplyKind = ReplyKind.SUMMARY, ask: Ask = Ask.GENERAL) -> Reply:
        """A typed title's summary, tasks, careers or FAQ; a menu, BLS facts or 'unknown' when it names no profile."""
        return jobs.job(self._parts, title, kind, ask)

    def show(self, ref: OccupationRef, kind: ReplyKind = ReplyKind.SUMMARY, query: str = "") -> Reply:
        """A referenced job's answer, for buttons and pick menus."""
        return jobs.show(self._parts, ref, kind, query)

    def summary(self, profile_id: str) -> ExposureSummary | None:
        """A profile's figures, or None for an id no profile has (e.g. a button from an older version)."""
        if profile_id not in self._parts.knowledge.profiles:
            return None
        return self._parts.summaries.get(profile_id)

    def summaries(self) -> list[ExposureSummary]:
        """Every profile's figures, by id."""
        return [self._parts.summaries.get(pid) for pid in sorted(self._parts.knowledge.profiles)]

    # ---- several jobs ----------------------------------------------------------------------------
    def compare(self, first: str, second: str) -> Reply:
        return compare.compare(self._parts, first, second)

    def compare_with(self, profile_id: str, other: str) -> Reply:
        """A known profile against a job the user typed."""
        return compare.compare_with(self._parts, profile_id, other)

    # ---- personalised ------------------------------------------------------------------------------
    def personalise(self, profile_id: str, split: Split) -> Reply:
        return personal.personalise(self._parts, profile_id, split)

    def personal_score(self, profile_id: str, split: Split) -> PersonalScore:
        """The re-scored figures; raises ValueError for a split that names no real task or no time."""
        return personal.personal_score(self._parts, profile_id, split)

    # ---- no job --------------------------------------------------------------------------------------
    def faq(self, question: str) -> Reply:
        return pages.faq(self._parts, question)

    def page(self, kind: ReplyKind) -> Reply:
        """Help, about or methodology."""
        return pages.page(self._parts, kind)

    # ---- matching and autocomplete ---------------------------------------------------------------------
    def match(self, title: str) -> MatchResult:
        return self._parts.matcher.match(title)

    def suggest_titles(self, prefix: str) -> list[Suggestion]:
        """Autocomplete for job titles; the first call builds the index."""
        return self._parts.matcher.suggest(prefix)

    def suggest_faqs(self, prefix: str) -> list[FaqEntry]:
        return self._parts.faqs.suggest(prefix)
