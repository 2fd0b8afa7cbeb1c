"""Finds the general FAQ entry a question is asking, from its question text and phrasings."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from bot.models import FaqBank, FaqEntry

FAQ_MIN_SCORE = 62.0


@dataclass(frozen=True, slots=True)
class FaqHit:
    entry: FaqEntry
    score: float


class FaqIndex:
    def __init__(self, bank: FaqBank) -> None:
        self.entries = bank.faqs
        self._choices: list[str] = []
        self._owners: list[FaqEntry] = []
        for entry in bank.faqs:
            for text in (entry.question, *entry.phrasings):
                self._choices.append(str(utils.default_process(text)))
                self._owners.append(entry)

    def find(self, question: str) -> FaqHit | None:
        query = str(utils.default_process(question))
        if not query:
            return None
        hit = process.extractOne(
            query, self._choices, scorer=fuzz.token_set_ratio, processor=None, score_cutoff=FAQ_MIN_SCORE
        )
        if hit is None:
            return None
        # token_set_ratio rewards short subsets; weigh it with the plain ratio to prefer whole-question matches
        scored = process.extract(query, self._choices, scorer=fuzz.WRatio, processor=None, limit=5)
        best_index, best_score = hit[2], float(hit[1])
        for _, score, index in scored:
            if float(score) > best_score:
                best_index, best_score = index, float(score)
        return FaqHit(self._owners[best_index], best_score)

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
