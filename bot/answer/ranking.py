"""Questions about many jobs: the most or least exposed occupations, optionally within a field."""

from __future__ import annotations

import re

from bot.answer.parts import Parts
from bot.answer.summary import ExposureSummary
from bot.present.reply import Reply, ReplyKind, ReplyMeta
from bot.sources.models import ProfileKind
from bot.understand.questions import Order, Ranking

# Everyday names of fields → SOC major groups (the first two digits of the code).
FIELDS: dict[str, tuple[str, ...]] = {
    "healthcare": ("29", "31"),
    "health care": ("29", "31"),
    "health": ("29", "31"),
    "medicine": ("29", "31"),
    "medical": ("29", "31"),
    "nursing": ("29", "31"),
    "tech": ("15",),
    "technology": ("15",),
    "it": ("15",),
    "software": ("15",),
    "computing": ("15",),
    "computer": ("15",),
    "education": ("25",),
    "teaching": ("25",),
    "schools": ("25",),
    "school": ("25",),
    "law": ("23",),
    "legal": ("23",),
    "finance": ("13",),
    "business": ("13",),
    "accounting": ("13",),
    "office": ("43",),
    "admin": ("43",),
    "administration": ("43",),
    "sales": ("41",),
    "retail": ("41",),
    "construction": ("47",),
    "the trades": ("47", "49"),
    "trades": ("47", "49"),
    "food": ("35",),
    "restaurants": ("35",),
    "restaurant": ("35",),
    "hospitality": ("35",),
    "transport": ("53",),
    "transportation": ("53",),
    "driving": ("53",),
    "logistics": ("53",),
    "arts": ("27",),
    "art": ("27",),
    "media": ("27",),
    "creative": ("27",),
    "design": ("27",),
    "entertainment": ("27",),
    "management": ("11",),
    "science": ("19",),
    "sciences": ("19",),
    "research": ("19",),
    "engineering": ("17",),
    "manufacturing": ("51",),
    "factories": ("51",),
    "production": ("51",),
    "repair": ("49",),
    "maintenance": ("49",),
    "farming": ("45",),
    "agriculture": ("45",),
    "cleaning": ("37",),
    "personal care": ("39",),
    "beauty": ("39",),
    "security": ("33",),
    "police": ("33",),
    "law enforcement": ("33",),
    "social work": ("21",),
    "social services": ("21",),
}


def _field(parts: Parts, words: str) -> tuple[tuple[str, ...], str] | None:
    """The SOC major groups a field's name covers, and its BLS name; a major group's own name works too."""
    words = re.sub(r"^(?:the )", "", words.strip())
    groups = FIELDS.get(words) or FIELDS.get(words.rstrip("s"))
    names = parts.knowledge.wages.major_groups
    if groups is None:
        found = [code[:2] for code, name in names.items() if words and words in name.casefold()]
        groups = tuple(found) or None
    if groups is None:
        return None
    label = " and ".join(names.get(f"{g}-0000", g) for g in groups)
    return groups, label


LOW_EXPOSURE_BELOW = 30.0  # the 'low' exposure band of METHODOLOGY.md


def _figure(s: ExposureSummary, measure: str) -> float:
    if measure == "growth":
        return s.outlook.change_pct if s.outlook else 0.0
    return s.risk if measure == "risk" else s.exposure


def ranking(parts: Parts, asked: Ranking, question: str) -> Reply:
    occupations = [p for p in parts.knowledge.profiles.values() if p.kind is ProfileKind.OCCUPATION]
    field = _field(parts, asked.group) if asked.group else None
    if field is not None:
        occupations = [p for p in occupations if p.soc[:2] in field[0]]
    summaries = [parts.summaries.get(p.id) for p in occupations]
    if asked.measure == "growth":
        summaries = [s for s in summaries if s.outlook is not None]
        if asked.low_exposure:
            summaries = [s for s in summaries if s.exposure < LOW_EXPOSURE_BELOW]
    sign = -1.0 if asked.order is Order.MOST else 1.0
    ordered = sorted(summaries, key=lambda s: (sign * _figure(s, asked.measure), s.title))
    top = ordered[: asked.count]
    return parts.render(
        ReplyKind.RANKING,
        ReplyMeta(query=question, profile_ids=tuple(s.id for s in top)),
        jobs=top,
        total=len(summaries),
        most=asked.order is Order.MOST,
        measure=asked.measure,
        low_exposure=asked.low_exposure,
        group=field[1] if field else "",
        unknown_group=asked.group if asked.group and field is None else "",
    )
