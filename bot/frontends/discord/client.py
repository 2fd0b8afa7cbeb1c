"""The discord.py bot: wires cogs, persistent components, error handling and logging around the engine."""

from __future__ import annotations

import logging
import time
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.answer.engine import Engine
from bot.frontends.discord import logs
from bot.frontends.discord.actions import FAILED, Actions, say
from bot.frontends.discord.components import OWN_PREFIXES, JobButton, JobSelect

log = logging.getLogger("jobbot")
COOLDOWN_MESSAGE = "Easy there: you can ask again in {seconds:.0f} s."


class JobTree(app_commands.CommandTree[Any]):
    """One error handler for every slash command: a short private message, the traceback in the log."""

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        interaction.extras["started"] = time.perf_counter()
        return True

    async def on_error(self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError, /) -> None:
        name = interaction.command.qualified_name if interaction.command else "?"
        started = float(interaction.extras.get("started", time.perf_counter()))
        if isinstance(error, app_commands.CommandOnCooldown):
            logs.record("command", name, interaction.user.id, interaction.guild_id, started, "cooldown")
            await _quietly(say(interaction, COOLDOWN_MESSAGE.format(seconds=max(1.0, error.retry_after))))
            return
        original = getattr(error, "original", error)
        logs.record(
            "command",
            name,
            interaction.user.id,
            interaction.guild_id,
            started,
            "error",
            detail=type(original).__name__,
            exc_info=True,
        )
        await _quietly(say(interaction, FAILED))


async def _quietly(awaitable: Any) -> None:
    """Telling the user about a failure must not raise a second failure (e.g. an expired token)."""
    try:
        await awaitable
    except discord.HTTPException:
        log.warning("could not deliver an error notice", exc_info=True)


class JobBot(commands.Bot):
    def __init__(
        self,
        engine: Engine,
        *,
        cooldown: tuple[int, float] = (5, 30.0),
        dev_guild_ids: list[int] | None = None,
        sync_on_start: bool = False,
        **options: Any,
    ) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),  # guilds, guild messages and DMs; nothing privileged
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            tree_cls=JobTree,
            chunk_guilds_at_startup=False,
            **options,
        )
        self.engine = engine
        self.actions = Actions(engine)
        self.settings_cooldown = cooldown
        self.dev_guild_ids = dev_guild_ids or []
        self.sync_on_start = sync_on_start
        self._comparisons: dict[int, tuple[str, str]] = {}

    async def setup_hook(self) -> None:
        from bot.frontends.discord.cogs.answers import Answers
        from bot.frontends.discord.cogs.conversation import Conversation

        await self.add_cog(Answers(self))
        await self.add_cog(Conversation(self))
        self.add_dynamic_items(JobButton, JobSelect)
        if self.sync_on_start:
            await self.sync_commands()

    async def sync_commands(self) -> list[int]:
        """Dev guilds get commands instantly; without them the global sync can take up to an hour."""
        if self.dev_guild_ids:
            for guild_id in self.dev_guild_ids:
                guild = discord.Object(id=guild_id)
                self.tree.copy_global_to(guild=guild)
                await self.tree.sync(guild=guild)
            log.info("synced commands", extra={"event": "sync", "detail": f"guilds {self.dev_guild_ids}"})
            return list(self.dev_guild_ids)
        await self.tree.sync()
        log.info("synced commands", extra={"event": "sync", "detail": "global"})
        return []

    async def on_message(self, message: discord.Message, /) -> None:
        """No prefix commands: free text is handled by the Conversation cog's listener."""

    async def on_interaction(self, interaction: discord.Interaction[Any], /) -> None:
        """Answers what no live component claims: modals after a restart and foreign or old custom_ids."""
        data: dict[str, Any] = dict(interaction.data or {})
        custom_id = str(data.get("custom_id", ""))
        if interaction.type is discord.InteractionType.modal_submit and custom_id.startswith("jbm:"):
            await self.actions.modal(interaction)
        elif interaction.type is discord.InteractionType.component and not custom_id.startswith(OWN_PREFIXES):
            await self.actions.expired(interaction)

    async def on_app_command_completion(self, interaction: discord.Interaction[Any], command: Any, /) -> None:
        started = float(interaction.extras.get("started", time.perf_counter()))
        logs.record("command", command.qualified_name, interaction.user.id, interaction.guild_id, started, "ok")

    async def on_ready(self) -> None:
        log.info("ready", extra={"event": "ready", "detail": f"{len(self.guilds)} guilds, shards {self.shard_count}"})

    def remember_comparison(self, thread_id: int, first: str, second: str) -> None:
        self._comparisons[thread_id] = (first, second)

    def comparison_for(self, channel: Any) -> tuple[str, str] | None:
        """The two jobs a comparison thread is about; after a restart they are read back from its name."""
        if not isinstance(channel, discord.Thread):
            return None
        known = self._comparisons.get(channel.id)
        if known is not None:
            return known
        if channel.owner_id != getattr(self.user, "id", None) or " vs " not in channel.name:
            return None
        first, second = channel.name.split(" vs ", 1)
        a, b = self.engine.resolve(first).profile, self.engine.resolve(second).profile
        if a is None or b is None:
            return None
        self._comparisons[channel.id] = (a.id, b.id)
        return a.id, b.id


class ShardedJobBot(JobBot, commands.AutoShardedBot):
    """Runs SHARD_IDS of SHARD_COUNT shards in one process (all of them when SHARD_IDS is unset)."""
