"""Point discord.py at a stand-in and run a client against it, restoring everything after.

Only the library's base URLs change: REST `Route.BASE` and the default gateway; the resume
URL comes from the stand-in's READY and AutoShardedClient reads its URL from /gateway/bot.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from typing import Any, TypeVar

import discord
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

from .server import DiscordStandIn

ClientT = TypeVar("ClientT", bound=discord.Client)


@contextlib.contextmanager
def point_discord_at(standin: DiscordStandIn) -> Iterator[None]:
    """Redirect discord.py's REST base and default gateway to the stand-in, then restore them."""
    old_base, old_gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    Route.BASE = standin.base_url
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(standin.gateway_url)
    try:
        yield
    finally:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = old_base, old_gateway


@contextlib.asynccontextmanager
async def running_standin(**options: Any) -> AsyncIterator[DiscordStandIn]:
    """Start a stand-in (options as for DiscordStandIn) with discord.py pointed at it."""
    standin = DiscordStandIn(**options)
    await standin.start()
    try:
        with point_discord_at(standin):
            yield standin
    finally:
        await standin.stop()


async def _no_identify_delay(shard_id: int | None, *, initial: bool = False) -> None:
    """discord.py sleeps 5 s before every non-initial IDENTIFY; tests must not."""


@contextlib.asynccontextmanager
async def run_client(
    client: ClientT,
    standin: DiscordStandIn,
    *,
    ready_timeout: float = 10.0,
    fast_identify: bool = True,
) -> AsyncIterator[ClientT]:
    """Log `client` in to the stand-in, wait for on_ready, and close it cleanly afterwards.

    Set a low `guild_ready_timeout` on the client: on_ready waits that long after the last
    GUILD_CREATE. `fast_identify` removes the 5 s re-IDENTIFY sleep from this instance.
    """
    if fast_identify:
        client.before_identify_hook = _no_identify_delay  # type: ignore[method-assign]
    runner = asyncio.create_task(client.start(standin.token), name="standin-client")
    ready = asyncio.create_task(client.wait_until_ready(), name="standin-client-ready")
    try:
        done, _ = await asyncio.wait({runner, ready}, timeout=ready_timeout, return_when=asyncio.FIRST_COMPLETED)
        if runner in done:
            runner.result()  # re-raise the login/connect failure
            raise RuntimeError("client stopped before it became ready")
        if ready not in done:
            raise TimeoutError(f"client not ready within {ready_timeout}s")
        yield client
    finally:
        ready.cancel()
        await client.close()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await asyncio.wait_for(runner, timeout=5.0)
