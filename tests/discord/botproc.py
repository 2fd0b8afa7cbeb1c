"""The real bot in its own process, pointed at a stand-in and a database: for restarts, kills and shards.

`python -m tests.discord.botproc BASE GATEWAY DATABASE_URL [SHARD_ID SHARD_COUNT]`
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
TOKEN = "MTIzNDU2Nzg5MDEy.GabcDE.standin-token-for-tests-only-xyz"


def child(base: str, gateway: str, url: str, shard: list[str]) -> None:
    import discord
    import yarl
    from discord.gateway import DiscordWebSocket
    from discord.http import Route

    from bot.answer.engine import Engine
    from bot.frontends.discord.client import JobBot
    from bot.storage.store import Store

    Route.BASE = base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
    options: dict[str, Any] = {}
    if shard:
        options = {"shard_id": int(shard[0]), "shard_count": int(shard[1])}
    engine = Engine()
    gc.collect()
    gc.freeze()  # as the launcher does: the loaded knowledge never becomes garbage
    bot = JobBot(engine, cooldown=(1_000_000, 1.0), guild_ready_timeout=0.05, store=Store(url), **options)

    async def no_delay(shard_id: int | None, *, initial: bool = False) -> None:
        return None

    bot.before_identify_hook = no_delay  # type: ignore[method-assign]
    discord.utils.setup_logging(level=40)
    bot.run(TOKEN, log_handler=None)


@contextlib.asynccontextmanager
async def bot_process(standin: Any, url: str, shard: tuple[int, int] | None = None) -> AsyncIterator[BotProcess]:
    """Starts the bot in a child process and waits until it identified; kills it on the way out."""
    proc = BotProcess(standin, url, shard)
    await proc.start()
    try:
        yield proc
    finally:
        proc.kill()


class BotProcess:
    def __init__(self, standin: Any, url: str, shard: tuple[int, int] | None) -> None:
        self.standin, self.url, self.shard = standin, url, shard
        self.proc: subprocess.Popen[bytes] | None = None

    async def start(self) -> None:
        identified = len(self.standin.identifies)
        args = [
            sys.executable,
            "-m",
            "tests.discord.botproc",
            self.standin.base_url,
            self.standin.gateway_url,
            self.url,
        ]
        if self.shard:
            args += [str(self.shard[0]), str(self.shard[1])]
        self.proc = subprocess.Popen(args, env={**os.environ, "PYTHONPATH": str(REPO)}, cwd=REPO)
        await self.standin.wait_for_identify(identified + 1, timeout=30)
        await asyncio.sleep(0.3)  # READY and GUILD_CREATE handled

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, nothing flushed that was not already committed."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)


if __name__ == "__main__":
    child(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])
