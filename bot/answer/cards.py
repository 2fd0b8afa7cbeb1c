"""Share cards for answers: a summary's figures handed to the card renderer, each PNG cached once drawn.

Typical cards are cached per (profile, methodology version, kind); personalised cards depend on the
user's split and are drawn each time. Job cards, one per profile, are also kept on a shelf on disk
beside the compiled cache, so memory holds only the hot ones and a restart draws none again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from bot.answer.compare import comparison
from bot.answer.parts import Parts
from bot.answer.summary import ExposureSummary
from bot.present import cards
from bot.present.cards import AxisPoint, CardKind, CompareFigures, JobFigures, TaskLine, YearPoint
from bot.present.reply import Reply, ReplyKind
from bot.score.formulas import TaskScore
from bot.sources.compiled import Shelf

# PNG bytes kept in memory: about 200 cards of 40 KB. Bounded by bytes, not by count, so a bot asked about
# every profile and many pairs keeps a flat memory (2,048 cards by count were up to 160 MB); job cards are
# on the shelf as well.
CACHE_BYTES = 8 * 1024 * 1024
TASKS_SHOWN = 3
CARD_CODE = ("answer", "present", "score", "facts")  # the packages a card's pixels depend on, with the fonts


PACKAGE = Path(__file__).resolve().parents[1]


def card_code() -> list[Path]:
    return [p for name in CARD_CODE for p in (PACKAGE / name).rglob("*") if p.suffix in (".py", ".ttf")]


@dataclass(frozen=True, slots=True)
class Picture:
    """A rendered card: what a front end attaches."""

    filename: str
    png: bytes


@dataclass(frozen=True, slots=True)
class Card:
    """A reply's card: `ready` when it is already drawn; else `draw()` makes it (off an event loop: it takes
    milliseconds), or gives None when drawing fails to find the reply's profiles."""

    ready: Picture | None
    draw: Callable[[], Picture | None]


def footer(parts: Parts) -> str:
    return (
        f"jobbot · methodology {parts.knowledge.methodology_version} · task scores per METHODOLOGY.md"
        f" · pay: BLS {parts.facts.pay_release}"
    )


def _tasks(tasks: Sequence[TaskScore]) -> tuple[TaskLine, ...]:
    return tuple(TaskLine(t.statement, t.exposure, t.time_share, t.task_class) for t in tasks[:TASKS_SHOWN])


def job_figures(parts: Parts, s: ExposureSummary, typical: ExposureSummary | None = None) -> JobFigures:
    pay = s.pay
    return JobFigures(
        title=s.title,
        subtitle=f"SOC {s.soc} · {s.family_name}",
        exposure=s.exposure,
        band=s.band,
        risk=s.risk,
        risk_band=s.risk_band,
        resilience=s.resilience,
        resilience_band=s.resilience_band,
        split=(s.split.substitutable, s.split.assisted, s.split.human),
        most_exposed=_tasks(s.most_exposed),
        resilient=_tasks(s.resilient),
        radar=tuple(AxisPoint(a.axis, a.exposure) for a in s.radar),
        trend=tuple(YearPoint(p.year, p.exposure, p.projection) for p in s.trend),
        median_annual=pay.median_annual if pay else None,
        median_hourly=pay.median_hourly if pay else None,
        footer=footer(parts),
        typical_exposure=typical.exposure if typical is not None else None,
    )


def verdict(a: ExposureSummary, b: ExposureSummary) -> str:
    if a.exposure == b.exposure:
        return f"{a.title} and {b.title} are equally exposed to AI"
    hi, lo = (a, b) if a.exposure > b.exposure else (b, a)
    return f"{hi.title} is more exposed than {lo.title}: {hi.exposure:g} vs {lo.exposure:g}"


CardKey = tuple[CardKind, tuple[str, ...], str]


class PngCache:
    """Least recently used pictures within a budget of PNG bytes; safe to share between threads."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.bytes = 0
        self._items: OrderedDict[CardKey, Picture] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def peek(self, key: CardKey) -> Picture | None:
        """The picture if it is cached; never draws."""
        with self._lock:
            picture = self._items.get(key)
            if picture is not None:
                self._items.move_to_end(key)
            return picture

    def get(self, key: CardKey, draw: Callable[[], Picture]) -> Picture:
        picture = self.peek(key)
        if picture is not None:
            return picture
        picture = draw()  # outside the lock: other cards are served meanwhile
        with self._lock:
            if key not in self._items:
                self._items[key] = picture
                self.bytes += len(picture.png)
                while self.bytes > self.budget and len(self._items) > 1:
                    _, dropped = self._items.popitem(last=False)
                    self.bytes -= len(dropped.png)
            return self._items[key]


class Cards:
    """Draws cards for the engine; the cache holds PNG bytes, so a repeat costs a dictionary look-up."""

    def __init__(self, parts: Parts) -> None:
        self._parts = parts
        self._pngs = PngCache(CACHE_BYTES)

    def cache_size(self) -> int:
        return len(self._pngs)

    @cached_property
    def _shelf(self) -> Shelf:
        return Shelf.beside(self._parts.knowledge.compiled, "cards", PACKAGE, card_code())

    def _shelved(self, kind: CardKind, ids: tuple[str, ...]) -> Picture | None:
        """A job card from the shelf (comparisons are too many pairs to keep on disk)."""
        if kind is not CardKind.JOB:
            return None
        png = self._shelf.get(f"{ids[0]}.png")
        return Picture(f"{ids[0]}.png", png) if png is not None else None

    def _cached(self, kind: CardKind, ids: tuple[str, ...], version: str) -> Picture:
        return self._pngs.get((kind, ids, version), lambda: self._shelved(kind, ids) or self._drawn(kind, ids, version))

    def _drawn(self, kind: CardKind, ids: tuple[str, ...], version: str) -> Picture:
        picture = self._draw(kind, ids, version)
        if kind is CardKind.JOB:
            self._shelf.put(picture.filename, picture.png)
        return picture

    def personal(self, profile_id: str, shares: Sequence[float]) -> Picture:
        """The card under the user's own time shares (one per task, as a personalised reply carries them)."""
        result = self._parts.summaries.personal(self._parts.knowledge.profiles[profile_id], shares)
        figures = job_figures(self._parts, result.personal, typical=result.baseline)
        return Picture(f"{profile_id}-personal.png", cards.render(figures))

    def _draw(self, kind: CardKind, ids: tuple[str, ...], version: str) -> Picture:
        summaries = self._parts.summaries
        if kind is CardKind.COMPARE:
            c = comparison(self._parts, ids[0], ids[1])
            figures: cards.Figures = CompareFigures(
                job_figures(self._parts, c.first),
                job_figures(self._parts, c.second),
                verdict(c.first, c.second),
                footer(self._parts),
            )
            return Picture(f"{ids[0]}-vs-{ids[1]}.png", cards.render(figures))
        return Picture(f"{ids[0]}.png", cards.render(job_figures(self._parts, summaries.get(ids[0]))))

    def _key(self, reply: Reply) -> CardKey | None:
        """The cache key of a typical or comparison card; None for replies without one, or a personal card."""
        ids = reply.meta.profile_ids
        if not ids or any(pid not in self._parts.knowledge.profiles for pid in ids):
            return None
        version = self._parts.knowledge.methodology_version
        if reply.kind is ReplyKind.SUMMARY and len(ids) == 1:
            return CardKind.JOB, ids, version
        if reply.kind is ReplyKind.COMPARE and len(ids) == 2:
            return CardKind.COMPARE, ids, version
        return None

    def _personal(self, reply: Reply) -> bool:
        ids = reply.meta.profile_ids
        return (
            reply.kind is ReplyKind.PERSONAL
            and len(ids) == 1
            and bool(reply.meta.shares)
            and ids[0] in self._parts.knowledge.profiles
        )

    def card(self, reply: Reply) -> Card | None:
        """The reply's card, ready when it is in memory or on the shelf; None for a reply without one."""
        if self._personal(reply):
            return Card(None, lambda: self.for_reply(reply))
        key = self._key(reply)
        if key is None:
            return None
        picture = self._pngs.peek(key)
        if picture is None:
            shelved = self._shelved(key[0], key[1])
            if shelved is not None:
                picture = self._pngs.get(key, lambda: shelved)
        return Card(picture, lambda: self._cached(*key))

    def shelve_all(self) -> Path | None:
        """Draws every job card not yet on the shelf (for an image built with them); returns the shelf's
        directory, None when the cache is turned off."""
        if self._shelf.directory is None:
            return None
        for pid in self._parts.knowledge.profiles:
            if f"{pid}.png" not in self._shelf:
                self._drawn(CardKind.JOB, (pid,), self._parts.knowledge.methodology_version)
        return self._shelf.directory

    def for_reply(self, reply: Reply) -> Picture | None:
        """The card that goes with a reply: a job summary's, a personalised one's or a comparison's."""
        if self._personal(reply):
            return self.personal(reply.meta.profile_ids[0], reply.meta.shares)
        key = self._key(reply)
        return self._cached(*key) if key is not None else None
