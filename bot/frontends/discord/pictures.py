"""Share cards for Discord replies: drawn off the event loop, never holding up or failing an answer.

A card already drawn goes with the first response. One still to draw follows it: the answer is sent
as text, and the card is edited in when it is ready, so an answer never waits the 10-30 ms a card
takes to draw. Cards are drawn on their own thread, so engine answers never queue behind them.

Under overload the answers come first. Drawing holds the interpreter for much of its time, so a card
thread that never rests would starve the event loop; cards may therefore use DRAW_SHARE of the time
(a budget refilled as time passes, up to DRAW_BURST seconds), and past it, or with BACKLOG_MAX cards
already waiting, a new card is skipped: the whole text answer stands, and the skip is counted.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import discord

from bot.answer.cards import Picture
from bot.answer.engine import Engine
from bot.frontends.discord import metrics
from bot.frontends.discord.payloads import message_args
from bot.frontends.discord.respond import send
from bot.present.reply import Reply

log = logging.getLogger("jobbot.cards")
BACKLOG_MAX = 16  # cards waiting to be drawn; past it a card is skipped, not queued
DRAW_SHARE = 0.3  # of the wall-clock time, the most that drawing cards may take over a long run
DRAW_BURST = 1.0  # seconds of drawing that may be spent at once after a quiet spell


class DrawBudget:
    """A token bucket of drawing seconds: refills at `share` per second, holds at most `burst`."""

    def __init__(self, share: float = DRAW_SHARE, burst: float = DRAW_BURST) -> None:
        self.share, self.burst = share, burst
        self._credit = burst
        self._at = time.monotonic()
        self._lock = threading.Lock()

    def _refill(self) -> None:
        now = time.monotonic()
        self._credit = min(self.burst, self._credit + (now - self._at) * self.share)
        self._at = now

    def allows(self) -> bool:
        with self._lock:
            self._refill()
            return self._credit > 0

    def spend(self, seconds: float) -> None:
        with self._lock:
            self._refill()
            self._credit -= seconds


_drawer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jobbot-cards")
_budget = DrawBudget()
_waiting = 0


def _timed(draw: Callable[[], Picture | None]) -> Picture | None:
    """Charges the budget with the drawing thread's CPU time: waiting for the interpreter while answers run is
    not drawing, and charging it would skip cards exactly when answers are busy but not starved."""
    started = time.thread_time()
    try:
        return draw()
    finally:
        _budget.spend(time.thread_time() - started)


async def _drawn(draw: Callable[[], Picture | None]) -> Picture | None:
    """A card, or None when drawing fails or the bot is too busy to draw: the text answer still goes out."""
    global _waiting
    if _waiting >= BACKLOG_MAX or not _budget.allows():
        metrics.error("card_skipped")
        return None
    _waiting += 1
    try:
        return await asyncio.get_running_loop().run_in_executor(_drawer, _timed, draw)
    except Exception:
        metrics.error("card")
        log.warning("card rendering failed", exc_info=True)
        return None
    finally:
        _waiting -= 1


async def picture_for(engine: Engine, reply: Reply) -> Picture | None:
    """The card of a job summary, a personalised reply or a comparison; None for other replies."""
    card = engine.card(reply)
    if card is None:
        return None
    return card.ready or await _drawn(card.draw)


def edit_args(reply: Reply, picture: Picture) -> dict[str, Any]:
    """An edit that puts the card into a sent answer: the embed shows it, and the fields it carries go."""
    args = message_args(reply, picture)
    args["attachments"] = args.pop("files", [])
    return args


async def send_answer(
    interaction: discord.Interaction[Any], engine: Engine, reply: Reply, *, ephemeral: bool = False
) -> None:
    """Sends a reply with its card: at once when the card is drawn, else as an edit once it is."""
    card = engine.card(reply)
    await send(interaction, reply, ephemeral=ephemeral, picture=card.ready if card else None)
    if card is None or card.ready is not None:
        return
    picture = await _drawn(card.draw)
    if picture is None:
        return
    try:
        await interaction.edit_original_response(**edit_args(reply, picture))
    except discord.HTTPException:  # e.g. the message was deleted meanwhile: the text answer stands
        metrics.error("card_undelivered")
        log.warning("card not added to its answer", exc_info=True)
