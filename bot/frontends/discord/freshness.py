"""How late an interaction reaches the bot, so work that can no longer be delivered is not started.

Discord drops an interaction that gets no first response within 3 s of its creation, which its id (a
snowflake) records. Behind a backlog (a burst, a slow host) every request waits; answering those already
past hope only makes the next ones later too, until nothing is answered in time. So a slash command that
arrives later than SHED_AFTER is dropped unanswered and counted.

Lateness is the age on arrival minus the smallest age seen in the last WINDOW seconds: the host's clock
may be off from Discord's by a constant amount, and the network adds its share, and neither is backlog.
"""

from __future__ import annotations

from collections import deque

SHED_AFTER = 2.0  # seconds late on arrival: with the answer and its send still to come, Discord's 3 s are gone
WINDOW = 60  # seconds of arrivals the smallest age is taken over


class Freshness:
    def __init__(self, window: int = WINDOW) -> None:
        self.window = window
        self._floors: deque[tuple[int, float]] = deque()  # (second of arrival, smallest age that second)

    def lateness(self, created: float, now: float) -> float:
        """Seconds this arrival is later than the freshest in the window (`created` and `now`: Unix time)."""
        age = now - created
        second = int(now)
        if self._floors and self._floors[-1][0] == second:
            if age < self._floors[-1][1]:
                self._floors[-1] = (second, age)
        else:
            self._floors.append((second, age))
        while self._floors[0][0] <= second - self.window:
            self._floors.popleft()
        return max(0.0, age - min(a for _, a in self._floors))
