"""Answering an interaction: a rendered reply with its components, or a short private notice.

Discord drops a first response that comes later than 3 s after the interaction. So the engine runs in a
thread (one slow answer does not hold up the others), an answer still running after DEFER_AFTER is
deferred first, and the first response is retried on a short schedule that fits the deadline, where
discord.py's own backoff (1 s, then 3 s) would miss it after two 5xx answers in a row.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from bot.answer.cards import Picture
from bot.frontends.discord import metrics
from bot.frontends.discord.payloads import notice
from bot.frontends.discord.views import reply_args
from bot.present.reply import Reply

DEFER_AFTER = 1.5  # seconds an answer may take before the interaction is deferred
RESPOND_BY = 2.6  # seconds after arrival by which a first response must have been sent
ATTEMPT_TIMEOUT = 0.8  # one try of the first response; discord.py's retry sleeps are cut short here
ALREADY_ACKNOWLEDGED = 40060
UNKNOWN_INTERACTION = 10062  # Discord's answer once an interaction's 3 s are over
log = logging.getLogger("jobbot")


class ResponseLost(Exception):
    """The interaction's first response could not be sent in time: Discord has dropped the interaction, so
    there is nobody left to tell. Logged once (by `_lost`), without a traceback or a notice, since under
    overload a traceback and a doomed notice per lost request would only deepen the overload."""


def _started(interaction: discord.Interaction[Any]) -> float:
    return float(interaction.extras.setdefault("started", time.perf_counter()))


async def first_response(interaction: discord.Interaction[Any], attempt: Callable[[], Awaitable[object]]) -> None:
    """Sends an interaction's first response, retrying 5xx answers and slow tries until the deadline."""
    deadline = _started(interaction) + RESPOND_BY
    if time.perf_counter() >= deadline:  # overloaded: Discord refuses it now, so do not add a request to the pile
        _lost(interaction, "deadline passed before the first try", 0)
        raise ResponseLost
    tries = 0
    while True:
        remaining = deadline - time.perf_counter()
        try:
            await asyncio.wait_for(attempt(), timeout=max(0.05, min(ATTEMPT_TIMEOUT, remaining)))
            return
        except discord.HTTPException as exc:
            if exc.code == ALREADY_ACKNOWLEDGED and tries:
                return  # a try that timed out on our side did reach Discord
            if exc.status < 500 or remaining <= ATTEMPT_TIMEOUT:
                _lost(interaction, f"{exc.status} {exc.code}", tries)
                if exc.status < 500 and exc.code != UNKNOWN_INTERACTION:
                    raise  # refused for what was sent: a bug worth its traceback
                raise ResponseLost from exc
        except TimeoutError as exc:
            if remaining <= ATTEMPT_TIMEOUT:
                _lost(interaction, "timeout", tries)
                raise ResponseLost from exc
        tries += 1
        await asyncio.sleep(min(0.1 * 2**tries, max(0.0, deadline - time.perf_counter() - 0.3)))


def _lost(interaction: discord.Interaction[Any], why: str, tries: int) -> None:
    metrics.error("lost_response")
    log.error(
        "first response failed",
        extra={
            "event": "respond",
            "outcome": "lost",
            "detail": f"interaction {interaction.id}: {why}, {tries} retried",
        },
    )


async def compute(
    interaction: discord.Interaction[Any], work: Callable[[], Reply], *, ephemeral: bool = False
) -> Reply:
    """Runs an engine call off the event loop; defers the interaction when the call takes longer than DEFER_AFTER.

    Only a call that has started is deferred. One still waiting for a worker means the bot is behind: a
    deferral then would add a request and commit it to the work anyway, so instead the call is dropped if it
    starts after the answer could no longer be sent, which lets the queue drain."""
    deadline = _started(interaction) + RESPOND_BY
    began = threading.Event()

    def timed() -> Reply:
        if time.perf_counter() >= deadline and not interaction.response.is_done():
            _lost(interaction, "waited for a worker past the deadline", 0)
            raise ResponseLost
        began.set()
        with metrics.matching():
            return work()

    future = asyncio.get_running_loop().run_in_executor(None, timed)
    done, _ = await asyncio.wait({future}, timeout=max(0.0, _started(interaction) + DEFER_AFTER - time.perf_counter()))
    if not done and began.is_set() and not interaction.response.is_done():
        await first_response(interaction, lambda: interaction.response.defer(thinking=True, ephemeral=ephemeral))
    return await future


async def _respond(interaction: discord.Interaction[Any], ephemeral: bool, args: dict[str, Any]) -> None:
    """The first response to an interaction, or a follow-up once it has one."""
    if interaction.response.is_done():
        await interaction.followup.send(ephemeral=ephemeral, **args)
    else:
        await first_response(interaction, lambda: interaction.response.send_message(ephemeral=ephemeral, **args))


async def send(
    interaction: discord.Interaction[Any], reply: Reply, *, ephemeral: bool = False, picture: Picture | None = None
) -> None:
    """Answers an interaction with a rendered reply, its picture and its components (Share on a private one)."""
    await _respond(interaction, ephemeral, reply_args(reply, picture, share=ephemeral))
    metrics.answered(reply.kind.value)


async def answer(interaction: discord.Interaction[Any], work: Callable[[], Reply], *, ephemeral: bool = False) -> Reply:
    """Computes a reply off the event loop (deferring when slow) and sends it; returns it for the caller."""
    reply = await compute(interaction, work, ephemeral=ephemeral)
    await send(interaction, reply, ephemeral=ephemeral)
    return reply


async def say(interaction: discord.Interaction[Any], text: str) -> None:
    """A short private notice: expired buttons, cooldowns, errors."""
    await _respond(interaction, True, notice(text))
