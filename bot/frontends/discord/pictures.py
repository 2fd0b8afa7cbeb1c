"""Share cards for Discord replies: drawn off the event loop, never holding up or failing an answer.

A card already drawn goes with the first response. One still to draw follows it: the answer is sent
as text, and the card is edited in when it is ready, so an answer never waits the 10-30 ms a card
takes to draw. Cards are drawn on their own thread, so engine answers never queue behind them, and
when more than BACKLOG_MAX are waiting a new one is skipped (the text answer stands) rather than
arriving minutes late.
"""

from __future__ import annotations

import asyncio
import logging
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
BACKLOG_MAX = 64  # cards waiting to be drawn; past it a card is skipped, not queued
_drawer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jobbot-cards")
_waiting = 0


async def _drawn(draw: Callable[[], Picture | None]) -> Picture | None:
    """A card, or None when drawing fails or too many are waiting: the text answer still goes out."""
    global _waiting
    if _waiting >= BACKLOG_MAX:
        metrics.error("card_skipped")
        return None
    _waiting += 1
    try:
        return await asyncio.get_running_loop().run_in_executor(_drawer, draw)
    except Exception:
        metrics.error("card")
        log.warning("card rendering failed", exc_info=True)
        return None
    finally:
        _waiting -= 1


async def picture_for(engine: Engine, reply: Reply) -> Picture | None:
    """The card of a job summary, a personalised reply or a comparison; None for other replies."""
    if not engine.has_picture(reply):
        return None
    cached = engine.cached_picture(reply)
    return cached if cached is not None else await _drawn(lambda: engine.picture(reply))


def edit_args(reply: Reply, picture: Picture) -> dict[str, Any]:
    """An edit that puts the card into a sent answer: the embed shows it, and the fields it carries go."""
    args = message_args(reply, picture)
    args["attachments"] = args.pop("files", [])
    return args


async def send_answer(
    interaction: discord.Interaction[Any], engine: Engine, reply: Reply, *, ephemeral: bool = False
) -> None:
    """Sends a reply with its card: at once when the card is drawn, else as an edit once it is."""
    picture = engine.cached_picture(reply)
    await send(interaction, reply, ephemeral=ephemeral, picture=picture)
    if picture is not None or not engine.has_picture(reply):
        return
    picture = await _drawn(lambda: engine.picture(reply))
    if picture is None:
        return
    try:
        await interaction.edit_original_response(**edit_args(reply, picture))
    except discord.HTTPException:  # e.g. the message was deleted meanwhile: the text answer stands
        metrics.error("card_undelivered")
        log.warning("card not added to its answer", exc_info=True)
