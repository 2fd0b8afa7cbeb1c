"""The community pulse: "Has AI already changed your work?", its four answers, and the figures in words."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

QUESTION = "Has AI already changed your work?"
SHOW_FROM = 20  # a summary shows the pulse only once this many people answered (globally, or in the server)


class Answer(IntEnum):
    NOT_YET = 0
    A_LITTLE = 1
    A_LOT = 2
    COST_ME_WORK = 3

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS = {
    Answer.NOT_YET: "Not yet",
    Answer.A_LITTLE: "A little",
    Answer.A_LOT: "A lot",
    Answer.COST_ME_WORK: "It cost me work",
}


@dataclass(frozen=True, slots=True)
class Counts:
    """How many people gave each answer, in `Answer` order."""

    counts: tuple[int, int, int, int] = (0, 0, 0, 0)

    @classmethod
    def from_rows(cls, rows: dict[int, int]) -> Counts:
        return cls((rows.get(0, 0), rows.get(1, 0), rows.get(2, 0), rows.get(3, 0)))

    @property
    def n(self) -> int:
        return sum(self.counts)

    def share(self, answer: Answer) -> float:
        """Percent of answers, 0 when nobody answered."""
        return 100.0 * self.counts[answer] / self.n if self.n else 0.0

    def line(self) -> str:
        """'Not yet 40% (8) · A little 35% (7) · A lot 15% (3) · It cost me work 10% (2)'."""
        return " · ".join(f"{a.label} {self.share(a):.0f}% ({self.counts[a]:,})" for a in Answer)


@dataclass(frozen=True, slots=True)
class Pulse:
    """A job's answers from everyone, and from one server when the question was asked in one."""

    profile_id: str
    everyone: Counts
    server: Counts | None = None

    def lines(self, minimum: int = 0) -> list[str]:
        """The figures for groups with at least `minimum` answers; an empty list when none qualifies."""
        out = []
        if self.everyone.n >= minimum:
            out.append(f"Everyone (n = {self.everyone.n:,}): {self.everyone.line()}")
        if self.server is not None and self.server.n >= minimum and self.everyone.n >= minimum:
            out.append(f"This server (n = {self.server.n:,}): {self.server.line()}")
        return out
