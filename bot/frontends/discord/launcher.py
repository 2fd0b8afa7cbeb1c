"""`jobbot run` / `jobbot sync`: read settings, start the bot. Every startup failure is one line and its own code:
2 bad settings, 3 token rejected, 4 intents refused, 5 Discord unreachable, 6 database schema behind."""

from __future__ import annotations

import asyncio
import gc
import logging
import sys
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import aiohttp
import discord
from pydantic import ValidationError

from bot.answer.engine import Engine
from bot.frontends.discord import logs
from bot.frontends.discord.client import JobBot, ShardedJobBot
from bot.frontends.discord.memory import tune_allocator
from bot.frontends.discord.ops import Ops
from bot.frontends.discord.settings import BotSettings
from bot.frontends.health import OpsSettings
from bot.storage.settings import StorageSettings, redacted
from bot.storage.store import SchemaBehind, StorageUnavailable, Store

CONFIG_ERROR = 2
TOKEN_REJECTED = 3
INTENTS_REFUSED = 4
UNREACHABLE = 5
SCHEMA_BEHIND = 6
STARTUP_TIMEOUT = 60.0  # seconds to reach READY before giving up (discord.py itself retries the gateway forever)
TOKEN_CLOSE = 4004
INTENT_CLOSES = (4013, 4014)


class StartupTimeout(Exception):
    """The gateway never said READY."""


def _fail(code: int, reason: str) -> int:
    sys.stderr.write(f"jobbot: {reason}\n")
    return code


def startup_failure(exc: BaseException) -> int | None:
    """The exit code and one line for a failure to start, or None for one that is not about starting."""
    if isinstance(exc, PortTaken):
        return _fail(CONFIG_ERROR, f"configuration error: {exc}")
    if isinstance(exc, discord.LoginFailure):
        return _fail(TOKEN_REJECTED, "Discord rejected the token (DISCORD_TOKEN); check it in the developer portal")
    if isinstance(exc, discord.PrivilegedIntentsRequired):
        return _fail(INTENTS_REFUSED, "Discord refused the gateway intents (close code 4014)")
    if isinstance(exc, discord.ConnectionClosed):
        if exc.code == TOKEN_CLOSE:
            return _fail(TOKEN_REJECTED, "the Discord gateway rejected the token (close code 4004)")
        if exc.code in INTENT_CLOSES:
            return _fail(INTENTS_REFUSED, f"Discord refused the gateway intents (close code {exc.code})")
        return _fail(UNREACHABLE, f"the Discord gateway closed the connection (close code {exc.code})")
    if isinstance(exc, StartupTimeout):
        return _fail(UNREACHABLE, f"could not reach the Discord gateway within {STARTUP_TIMEOUT:g} s")
    if isinstance(exc, discord.GatewayNotFound | aiohttp.ClientError | OSError | TimeoutError):
        return _fail(UNREACHABLE, f"could not reach Discord ({type(exc).__name__})")
    if isinstance(exc, discord.DiscordServerError):
        return _fail(UNREACHABLE, f"Discord answered {exc.status} while starting")
    return None


class PortTaken(Exception):
    """HEALTH_PORT could not be bound."""


async def _serve(bot: JobBot, token: str, startup_timeout: float, ops: Ops | None = None) -> None:
    """Like bot.run(), but a gateway that never becomes ready is a startup failure, not an endless retry.
    With `ops`, /healthz and /metrics are served from before login (unhealthy until READY) to the end."""
    if ops is not None:
        try:
            await ops.start()
        except OSError as exc:
            raise PortTaken(f"cannot serve HEALTH_PORT {ops.settings.health_port} ({exc.strerror or exc})") from exc
    try:
        await _run_bot(bot, token, startup_timeout)
    finally:
        if ops is not None:
            await ops.stop()


async def _run_bot(bot: JobBot, token: str, startup_timeout: float) -> None:
    async with bot:
        await bot.login(token)
        runner = asyncio.create_task(bot.connect(reconnect=True))
        ready = asyncio.create_task(bot.wait_until_ready())
        done, _ = await asyncio.wait({runner, ready}, timeout=startup_timeout, return_when=asyncio.FIRST_COMPLETED)
        if runner in done:
            ready.cancel()
            runner.result()
            return
        if ready not in done:
            runner.cancel()
            ready.cancel()
            raise StartupTimeout
        await runner


log = logging.getLogger("jobbot")


def load_settings() -> BotSettings | None:
    try:
        return BotSettings()  # fields come from the environment
    except (UnicodeDecodeError, OSError) as exc:
        sys.stderr.write(f"jobbot: configuration error: cannot read .env ({type(exc).__name__}); save it as UTF-8\n")
        return None
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']).upper() or 'settings'}: "
            + ("missing (set it in the environment or .env)" if e["type"] == "missing" else e["msg"])
            for e in exc.errors(include_input=False)
        )
        sys.stderr.write(f"jobbot: configuration error: {problems}\n")
        return None


THREADS_KEPT = timedelta(days=30)


def open_store() -> Store | int:
    """The bot's store, checked; else the exit code (after one line on stderr) for bad database settings
    or a schema that is behind. An unreachable database is not fatal: answers work, the pulse says it is
    unavailable."""
    try:
        store = Store.from_settings(StorageSettings())
    except (ValidationError, ValueError) as exc:
        sys.stderr.write(f"jobbot: database configuration error: {exc}\n")
        return CONFIG_ERROR

    async def check() -> None:
        try:
            await store.require_schema()
            await store.prune_threads(THREADS_KEPT)
        finally:
            await store.engine.dispose()  # the bot's own event loop opens fresh connections

    try:
        asyncio.run(check())
    except SchemaBehind as exc:
        sys.stderr.write(f"jobbot: {exc} ({redacted(store.url)}); run `jobbot db upgrade` first\n")
        return SCHEMA_BEHIND
    except StorageUnavailable as exc:
        log.warning(
            "database unreachable at start; the pulse is unavailable until it is back", extra={"detail": str(exc)}
        )
    return store


def build_bot(settings: BotSettings, engine: Engine, sync: bool, store: Store | None = None) -> JobBot:
    options: dict[str, Any] = {
        "cooldown": (settings.cooldown_rate, settings.cooldown_seconds),
        "dev_guild_ids": settings.dev_guild_ids,
        "sync_on_start": sync,
        "store": store,
    }
    if settings.shard_count is not None:
        return ShardedJobBot(engine, shard_count=settings.shard_count, shard_ids=settings.shard_ids, **options)
    return JobBot(engine, **options)


async def _sync_only(bot: JobBot, token: str) -> None:
    async with bot:
        await bot.login(token)
        await bot.sync_commands()


def load_ops_settings() -> OpsSettings | None:
    try:
        return OpsSettings()
    except (UnicodeDecodeError, OSError, ValidationError) as exc:
        sys.stderr.write(f"jobbot: configuration error: HEALTH_PORT/HEALTH_HOST ({type(exc).__name__})\n")
        return None


def storage_check(store: Store) -> Callable[[], Awaitable[tuple[bool, str]]]:
    """Healthy while the database answers within its timeout; answers keep working when it does not."""

    async def check() -> tuple[bool, str]:
        try:
            status = await store.schema_status()
        except StorageUnavailable:
            return False, "database unreachable"
        return status.current_is_head, "database ok" if status.current_is_head else "database schema behind"

    return check


def build_ops(settings: OpsSettings, bot: JobBot, engine: Engine, store: Store | None = None) -> Ops | None:
    """The health and metrics server when HEALTH_PORT is set, with a storage check when a store is configured."""
    if settings.health_port is None:
        return None
    ops = Ops(settings, bot, engine)
    if store is not None:
        ops.checks["storage"] = storage_check(store)
    return ops


def launch(sync_only: bool = False, sync: bool = False, shards: int | None = None) -> int:
    """Runs the bot in this process; `shards` (from `run --shards`) runs that many, all here, whatever
    SHARD_COUNT / SHARD_IDS say."""
    settings = load_settings()
    if settings is not None and shards is not None:
        settings = settings.model_copy(update={"shard_count": shards, "shard_ids": None})
    ops_settings = load_ops_settings() if settings is not None else None
    if settings is None or ops_settings is None:
        return CONFIG_ERROR
    token = settings.discord_token.get_secret_value()
    logs.configure(settings.log_level, secrets=[token])
    tune_allocator()
    store = None if sync_only else open_store()
    if isinstance(store, int):
        return store
    engine = Engine()
    engine.suggest_titles("")  # builds the autocomplete index now, so the first user to type does not wait
    gc.collect()
    gc.freeze()  # the knowledge lives as long as the process; keep it out of every GC pass
    bot = build_bot(settings, engine, sync=sync and not sync_only, store=store)
    ops = build_ops(ops_settings, bot, engine, store)
    try:
        if sync_only:
            asyncio.run(_sync_only(bot, token))
        else:
            asyncio.run(_serve(bot, token, STARTUP_TIMEOUT, ops))
    except KeyboardInterrupt:
        return 0
    except Exception as exc:
        code = startup_failure(exc)
        if code is None and not bot.is_ready():  # e.g. discord.py's first gateway connect failing inside its retry
            code = _fail(UNREACHABLE, f"could not connect to the Discord gateway ({type(exc).__name__})")
        if code is None:
            raise
        return code
    return 0
