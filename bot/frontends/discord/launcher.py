"""`jobbot run` / `jobbot sync`: read settings, start the bot; a bad configuration is one clear line, exit 2."""

from __future__ import annotations

import asyncio
import gc
import logging
import sys
from datetime import timedelta
from typing import Any

import discord
from pydantic import ValidationError

from bot.answer.engine import Engine
from bot.frontends.discord import logs
from bot.frontends.discord.client import JobBot, ShardedJobBot
from bot.frontends.discord.settings import BotSettings
from bot.storage.settings import StorageSettings, redacted
from bot.storage.store import SchemaBehind, StorageUnavailable, Store

CONFIG_ERROR = 2
log = logging.getLogger("jobbot")


def load_settings() -> BotSettings | None:
    try:
        return BotSettings()  # fields come from the environment
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']).upper() or 'settings'}: "
            + ("missing (set it in the environment or .env)" if e["type"] == "missing" else e["msg"])
            for e in exc.errors(include_input=False)
        )
        sys.stderr.write(f"jobbot: configuration error: {problems}\n")
        return None


THREADS_KEPT = timedelta(days=30)


def open_store() -> Store | None:
    """The bot's store, checked: None (with one line on stderr) when the configuration is bad or the
    schema is behind. An unreachable database is not fatal: answers work, the pulse says it is unavailable."""
    try:
        store = Store.from_settings(StorageSettings())
    except (ValidationError, ValueError) as exc:
        sys.stderr.write(f"jobbot: database configuration error: {exc}\n")
        return None

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
        return None
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


def launch(sync_only: bool = False, sync: bool = False) -> int:
    settings = load_settings()
    if settings is None:
        return CONFIG_ERROR
    logs.configure(settings.log_level)
    store = None if sync_only else open_store()
    if store is None and not sync_only:
        return CONFIG_ERROR
    engine = Engine()
    engine.suggest_titles("")  # builds the autocomplete index now, so the first user to type does not wait
    gc.collect()
    gc.freeze()  # the knowledge lives as long as the process; keep it out of every GC pass
    token = settings.discord_token.get_secret_value()
    bot = build_bot(settings, engine, sync=sync and not sync_only, store=store)
    try:
        if sync_only:
            asyncio.run(_sync_only(bot, token))
        else:
            bot.run(token, log_handler=None)
    except discord.LoginFailure:
        sys.stderr.write("jobbot: Discord rejected the token (DISCORD_TOKEN); check it in the developer portal\n")
        return CONFIG_ERROR
    except KeyboardInterrupt:
        return 0
    return 0
