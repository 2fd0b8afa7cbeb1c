"""Share cards for Discord replies: drawn off the event loop (the engine caches them), never failing a reply."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from bot.answer.cards import Picture
from bot.answer.engine import Engine
from bot.frontends.discord import metrics
from bot.present.reply import Reply

log = logging.getLogger("jobbot.cards")


async def _drawn(draw: Callable[[], Picture | None]) -> Picture | None:
    """A card, or None when drawing fails: the text answer still goes out."""
    try:
        return await asyncio.to_thread(draw)
    except Exception:
        metrics.error("card")
        log.warning("card rendering failed", exc_info=True)
        return None


async def picture_for(engine: Engine, reply: Reply) -> Picture | None:
    """The card of a job summary, a personalised reply or a comparison; None for other replies."""
    return await _drawn(lambda: engine.picture(reply))
