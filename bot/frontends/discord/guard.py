"""The one error wrapper: whatever a user asked, it is logged once, and a failure becomes one polite notice."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import discord

from bot.frontends.discord import logs, metrics
from bot.frontends.discord.respond import ResponseLost

FAILED = "Sorry, something went wrong on my side. Please try again in a moment."
log = logging.getLogger("jobbot")

Notify = Callable[[str], Awaitable[object]]


@dataclass(frozen=True, slots=True)
class Asked:
    """One request as the interaction log records it."""

    kind: str
    name: str
    user: int | None
    guild: int | None
    started: float

    def record(self, outcome: str, detail: str = "", error: BaseException | None = None) -> None:
        logs.record(
            self.kind, self.name, self.user, self.guild, self.started, outcome, detail=detail, exc_info=error or False
        )


async def quietly(awaitable: Awaitable[object]) -> None:
    """Telling the user about a failure must not raise a second failure (e.g. an expired token)."""
    try:
        await awaitable
    except (discord.HTTPException, TimeoutError):  # e.g. the interaction's 3 s are over
        metrics.error("notice_undelivered")
        log.warning("could not deliver a notice", exc_info=True)


async def failed(asked: Asked, error: BaseException, notify: Notify) -> None:
    if isinstance(error, ResponseLost):  # already logged and counted; the interaction is gone
        asked.record("lost")
        return
    metrics.error("exception")
    asked.record("error", detail=type(error).__name__, error=error)
    await quietly(notify(FAILED))


async def guarded(asked: Asked, work: Awaitable[str | None], notify: Notify) -> None:
    """Runs one request's work; `work` returns a detail for the log line (e.g. the reply kind)."""
    try:
        detail = await work
    except Exception as exc:
        await failed(asked, exc, notify)
        return
    asked.record("ok", detail=detail or "")
