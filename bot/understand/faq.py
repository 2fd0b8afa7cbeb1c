"""Finds the general FAQ entry a question is asking, from its question text and phrasings."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from bot.sources.models import FaqBank, FaqEntry

FAQ_MIN_SCORE = 62.0
FUNCTION_WORDS = frozenset(
    "a an the is are was be do does did i my me you your it this that what whats how why where when which who "
    "can could should will would to of in on for from and or about mean means job jobs".split()
)


def _content(text: str) -> frozenset[str]:
    return frozenset(w for w in text.split() if w not in FUNCTION_WORDS)


@dataclass(frozen=True, slots=True)
class FaqHit:
    entry: FaqEntry
    score: float


class FaqIndex:
    def __init__(self, bank: FaqBank) -> None:
        self.entries = bank.faqs
        self._choices: list[str] = []
        self._owners: list[FaqEntry] = []
        self._words: list[frozenset[str]] = []
        for entry in bank.faqs:
            for text in (entry.question, *entry.phrasings):
                choice = str(utils.default_process(text))
                self._choices.append(choice)
                self._owners.append(entry)
                self._words.append(_content(choice))

    def find(self, question: str) -> FaqHit | None:
        query = str(utils.default_process(question))
        words = _content(query)
        if not words:
            return None
        hits = process.extract(query, self._choices, scorer=fuzz.WRatio, processor=None, limit=10)
        # a phrasing counts only if it shares a content word: "best job" is not "what is exposure"
        shared = [(float(score), index) for _, score, index in hits if words & self._words[index]]
        if not shared:
            return None
        score, index = max(shared)
        return FaqHit(self._owners[index], score) if score >= FAQ_MIN_SCORE else None

    def suggest(self, prefix: str, limit: int = 25) -> list[FaqEntry]:
        if not prefix.strip():
            return list(self.entries[:limit])
        query = str(utils.default_process(prefix))
        hits = process.extract(query, self._choices, scorer=fuzz.WRatio, processor=None, limit=limit * 3)
        seen: dict[str, FaqEntry] = {}
        for _, _, index in hits:
            entry = self._owners[index]
            seen.setdefault(entry.id, entry)
        return list(seen.values())[:limit]
