"""The one entry point front ends call: text in, rendered Reply out (text → match → profile → summary → template)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.present.render import Renderer
from bot.present.reply import Reply
from bot.score import formulas as scoring
from bot.score.formulas import ExposureSummary
from bot.sources.load import Knowledge, default_knowledge
from bot.sources.models import Profile
from bot.understand.autocomplete import Suggestion
from bot.understand.faq import FaqIndex
from bot.understand.matcher import Candidate, MatchResult, TitleMatcher, Verdict
from bot.understand.questions import Ask, Intent, ParsedQuestion, parse

NEAREST_LIMIT = 3
DISAMBIGUATION_LIMIT = 8
PHRASE_MIN_SCORE = 55.0  # an ambiguous match this good still reads as a job ("social work")
EXAMPLES = ("will AI replace paralegals?", "rn", "dentist vs dental hygienist", "career moves for cashiers")


@dataclass(frozen=True)
class Resolved:
    """A title resolved to a profile, or the reply to give instead (disambiguation, unknown, BLS-only)."""

    profile: Profile | None
    reply: Reply | None
    match: MatchResult


class Engine:
    def __init__(self, knowledge: Knowledge | None = None) -> None:
        self.knowledge = knowledge or default_knowledge()
        self.matcher = TitleMatcher(self.knowledge)
        self.faqs = FaqIndex(self.knowledge.faq)
        self.renderer = Renderer()
        self._summaries = lru_cache(maxsize=None)(self._summarise)

    # ---- lookups -------------------------------------------------------------------------
    def profile(self, profile_id: str) -> Profile | None:
        return self.knowledge.profiles.get(profile_id)

    def _summarise(self, profile_id: str) -> ExposureSummary:
        return scoring.summarise(self.knowledge.profiles[profile_id], self.knowledge)

    def summary(self, profile_id: str) -> ExposureSummary:
        return self._summaries(profile_id)

    def match(self, title: str) -> MatchResult:
        return self.matcher.match(title)

    def suggest(self, prefix: str) -> list[Suggestion]:
        return self.matcher.suggest(prefix)

    def _common(self) -> dict[str, Any]:
        return {
            "version": self.knowledge.methodology_version,
            "release": self.knowledge.wages.release,
            "examples": EXAMPLES,
        }

    def candidates(self, match: MatchResult) -> list[dict[str, Any]]:
        return [
            {
                "key": c.target.key,
                "id": c.target.profile_id,
                "title": c.target.title,
                "soc": c.target.soc,
                "score": round(c.score, 1),
            }
            for c in match.candidates
        ]

    def nearest_profiles(self, soc: str, title: str) -> list[ExposureSummary]:
        """Profiles in the same SOC minor, then major group; failing that, the closest titles."""
        profiles = list(self.knowledge.profiles.values())
        picked: list[Profile] = []
        for width in (4, 2):
            for p in sorted(profiles, key=lambda p: p.soc):
                if p.soc[:width] == soc[:width] and p not in picked:
                    picked.append(p)
            if len(picked) >= NEAREST_LIMIT:
                break
        if len(picked) < NEAREST_LIMIT:
            for cand in self.matcher.match(title, limit=DISAMBIGUATION_LIMIT).candidates:
                near = self.profile(cand.target.profile_id) if cand.target.profile_id else None
                if near is not None and near not in picked:
                    picked.append(near)
        return [self.summary(p.id) for p in picked[:NEAREST_LIMIT]]

    def resolve(self, title: str) -> Resolved:
        match = self.matcher.match(title, limit=DISAMBIGUATION_LIMIT)
        best = match.best
        data = {"query": title, "candidates": self.candidates(match)}
        if match.verdict is Verdict.CONFIDENT and best is not None:
            if best.target.profile_id:
                return Resolved(self.knowledge.profiles[best.target.profile_id], None, match)
            return Resolved(None, self.occupation(best.target.soc, title, data), match)
        if match.verdict is Verdict.AMBIGUOUS:
            reply = self.renderer.render(
                "disambiguation",
                query=title,
                candidates=self._described(match.candidates),
                data=data,
                **self._common(),
            )
            return Resolved(None, reply, match)
        near = self.matcher.suggest(title)[:5]
        reply = self.renderer.render("unknown", query=title, near=near, data=data, **self._common())
        return Resolved(None, reply, match)

    def _described(self, candidates: Sequence[Candidate]) -> list[dict[str, Any]]:
        out = []
        for c in candidates:
            pid = c.target.profile_id
            out.append(
                {
                    "title": c.target.title,
                    "soc": c.target.soc,
                    "exposure": self.summary(pid).exposure if pid else None,
                }
            )
        return out

    def occupation(self, soc: str, title: str, data: dict[str, Any] | None = None) -> Reply:
        """BLS facts and the nearest scored profiles for an occupation that has no profile."""
        wage = self.knowledge.wages.occupations.get(soc)
        if wage is None:
            return self.renderer.render("unknown", query=title, near=[], data={}, **self._common())
        near = self.nearest_profiles(soc, title)
        return self.renderer.render(
            "occupation",
            query=title,
            wage=wage,
            near=near,
            family=self.knowledge.wages.major_groups.get(f"{wage.soc[:2]}-0000", ""),
            data=data,
            **self._common(),
        )

    # ---- replies -------------------------------------------------------------------------
    def _with_profile(self, title: str, kind: str, **extra: Any) -> Reply:
        resolved = self.resolve(title)
        if resolved.profile is None:
            assert resolved.reply is not None
            return resolved.reply
        return self.profile_reply(resolved.profile.id, kind, query=title, **extra)

    def profile_reply(self, profile_id: str, kind: str, query: str = "", **extra: Any) -> Reply:
        """Renders one reply kind for a known profile id (Discord buttons call this directly)."""
        profile = self.knowledge.profiles.get(profile_id)
        if profile is None:
            return self.renderer.render("unknown", query=query or profile_id, near=[], data={}, **self._common())
        summary = self.summary(profile_id)
        moves = [(move, self.summary(move.id)) for move in profile.career_moves]
        data = {"profile_id": profile_id, "query": query}
        return self.renderer.render(
            kind,
            s=summary,
            profile=profile,
            moves=moves,
            data=data,
            ask=extra.pop("ask", Ask.GENERAL),
            **extra,
            **self._common(),
        )

    def by_key(self, key: str, query: str = "") -> Reply:
        """A matcher target key (profile id or 'soc:NN-NNNN') → its answer; used by pick menus."""
        if key.startswith("soc:"):
            return self.occupation(key[4:], query or key[4:])
        return self.profile_reply(key, "summary", query=query)

    def job(self, title: str, ask: Ask = Ask.GENERAL) -> Reply:
        return self._with_profile(title, "summary", ask=ask)

    def tasks(self, title: str) -> Reply:
        return self._with_profile(title, "tasks")

    def careers(self, title: str) -> Reply:
        return self._with_profile(title, "careers")

    def compare(self, first: str, second: str) -> Reply:
        a, b = self.resolve(first), self.resolve(second)
        for side in (a, b):
            if side.profile is None:
                assert side.reply is not None
                return side.reply
        assert a.profile is not None and b.profile is not None
        return self.compare_ids(a.profile.id, b.profile.id)

    def compare_with(self, profile_id: str, other: str) -> Reply:
        """Compares a known profile with a job typed by the user."""
        resolved = self.resolve(other)
        if resolved.profile is None:
            assert resolved.reply is not None
            return resolved.reply
        return self.compare_ids(profile_id, resolved.profile.id)

    def compare_many(self, profile_ids: Sequence[str]) -> Reply:
        """Side by side for up to three jobs: a comparison thread's follow-up about another job."""
        summaries = [self.summary(pid) for pid in dict.fromkeys(profile_ids) if pid in self.knowledge.profiles]
        return self.renderer.render(
            "compare_many", jobs=summaries[:3], data={"profile_ids": [s.id for s in summaries[:3]]}, **self._common()
        )

    def compare_ids(self, first_id: str, second_id: str) -> Reply:
        first, second = self.knowledge.profiles[first_id], self.knowledge.profiles[second_id]
        if first_id == second_id:
            return self.profile_reply(first_id, "summary")
        comparison = scoring.compare(first, second, self.knowledge)
        return self.renderer.render(
            "compare", c=comparison, data={"profile_ids": [first_id, second_id]}, **self._common()
        )

    def personal_score(self, profile_id: str, weights: Mapping[int, float]) -> scoring.PersonalScore:
        return scoring.personalise(self.knowledge.profiles[profile_id], self.knowledge, weights)

    def personalise(self, profile_id: str, weights: Mapping[int, float]) -> Reply:
        try:
            result = self.personal_score(profile_id, weights)
        except ValueError as exc:
            return self.renderer.render("problem", message=str(exc), data={"profile_id": profile_id}, **self._common())
        return self.renderer.render("personal", p=result, data={"profile_id": profile_id}, **self._common())

    def personalise_focus(self, profile_id: str, focus: Sequence[int]) -> Reply:
        return self.personalise(profile_id, scoring.focus_weights(self.knowledge.profiles[profile_id], focus))

    def faq(self, question: str) -> Reply:
        hit = self.faqs.find(question)
        if hit is None:
            return self.renderer.render(
                "faq_list", query=question, faqs=self.faqs.entries, data={"query": question}, **self._common()
            )
        return self.renderer.render("faq", entry=hit.entry, data={"faq_id": hit.entry.id}, **self._common())

    def help(self) -> Reply:
        return self.renderer.render("help", data={}, **self._common())

    def about(self) -> Reply:
        wages = self.knowledge.wages
        return self.renderer.render(
            "about",
            profiles=len(self.knowledge.profiles),
            occupations=len(wages.occupations),
            wages=wages,
            data={},
            **self._common(),
        )

    def methodology(self) -> Reply:
        return self.renderer.render("methodology", data={}, **self._common())

    def ask_for_job(self, question: str) -> Reply:
        return self.renderer.render("ask_job", query=question, data={}, **self._common())

    def is_job(self, phrase: str) -> bool:
        """Whether free words name a job clearly enough to answer for it rather than read them as a question."""
        match = self.matcher.match(phrase, limit=DISAMBIGUATION_LIMIT)  # same key as resolve(): cached
        if match.verdict is Verdict.CONFIDENT:
            return True
        return match.verdict is Verdict.AMBIGUOUS and match.best is not None and match.best.score >= PHRASE_MIN_SCORE

    def parse(self, text: str) -> ParsedQuestion:
        """The rule-based parser, told which phrases the matcher recognises as jobs."""
        return parse(text, self.is_job)

    def answer(self, text: str) -> Reply:
        """Free text from a person: parse it, then route to the reply its intent calls for."""
        return self.answer_parsed(self.parse(text))

    def answer_parsed(self, q: ParsedQuestion) -> Reply:
        if q.intent is Intent.HELP:
            return self.help()
        if q.intent is Intent.FAQ:
            return self.faq(q.text)
        if q.needs_job or not q.jobs:
            return self.ask_for_job(q.text)
        if q.intent is Intent.COMPARE and len(q.jobs) == 2:
            return self.compare(*q.jobs)
        if q.intent is Intent.CAREERS:
            return self.careers(q.jobs[0])
        if q.intent is Intent.TASKS:
            return self.tasks(q.jobs[0])
        return self.job(q.jobs[0], ask=q.ask)
