"""The discord.py bot: wires cogs, persistent components, error handling and logging around the engine."""

from __future__ import annotations

import functools
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.answer.engine import Engine
from bot.frontends.discord import metrics
from bot.frontends.discord.cogs.answers import Answers
from bot.frontends.discord.cogs.community import CommunityCog
from bot.frontends.discord.cogs.conversation import Conversation
from bot.frontends.discord.community import ACTION_ID, FEEDBACK_ID, VOTE_ID, CommunityButton, PulseSelect
from bot.frontends.discord.freshness import SHED_AFTER, Freshness
from bot.frontends.discord.guard import Asked, failed, quietly
from bot.frontends.discord.handlers import Handlers
from bot.frontends.discord.logs import preview
from bot.frontends.discord.respond import say
from bot.frontends.discord.views import BUTTON_ID, MODAL_ID, SELECT_ID, JobButton, JobSelect
from bot.present.reply import Reply, ReplyKind
from bot.storage.store import StorageUnavailable, Store

log = logging.getLogger("jobbot")
COOLDOWN_MESSAGE = "Easy there: you can ask again in {seconds:.0f} s."
COMPARISONS_MAX = 10_000  # comparison threads remembered; older ones are read back from the thread name


def tolerant(event: str, parse: Callable[[Any], None]) -> Callable[[Any], None]:
    """A gateway event discord.py cannot parse is logged once, by type, and dropped; the bot keeps serving."""

    @functools.wraps(parse)
    def parse_or_drop(data: Any) -> None:
        try:
            parse(data)
        except Exception as exc:
            keys = (
                [preview(k, 32) for k in sorted(map(str, data))[:20]] if isinstance(data, dict) else type(data).__name__
            )
            log.warning(
                "dropped a malformed gateway event",
                extra={"event": "malformed", "kind": event, "detail": f"{type(exc).__name__}: {preview(exc)}; {keys}"},
            )
            metrics.error("malformed_event")

    return parse_or_drop


class JobTree(app_commands.CommandTree[Any]):
    """One error handler for every slash command: a short private message, the traceback in the log."""

    def __init__(self, client: Any, **options: Any) -> None:
        super().__init__(client, **options)
        self.freshness = Freshness()

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        """Drops a command that arrived too late to be answered in time (see `freshness`). The deadlines of one
        that is answered still count from its arrival: counted from its creation, a command that arrived 1.5 s
        late would be deferred at once, two requests instead of one, just when the bot is behind."""
        late = self.freshness.lateness(interaction.created_at.timestamp(), time.time())
        interaction.extras.setdefault("started", time.perf_counter())
        if late <= SHED_AFTER:
            return True
        interaction.extras["shed"] = late
        metrics.error("shed")
        name = interaction.command.qualified_name if interaction.command else "?"
        command_asked(interaction, name).record("shed", detail=f"arrived {late:.2f} s late")
        return False

    async def _call(self, interaction: discord.Interaction[Any]) -> None:
        """discord.py swallows some autocomplete failures (an unknown option, a choice that cannot be sent)
        without answering; an autocomplete request always gets a list of choices, empty at worst."""
        try:
            await super()._call(interaction)
        finally:
            if (
                interaction.type is discord.InteractionType.autocomplete
                and not interaction.response.is_done()
                and "shed" not in interaction.extras
            ):
                await quietly(interaction.response.autocomplete([]))

    async def on_error(self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError, /) -> None:
        asked = command_asked(interaction, interaction.command.qualified_name if interaction.command else "?")
        if interaction.type is discord.InteractionType.autocomplete:
            asked.record("error", detail=f"autocomplete: {type(error).__name__}", error=error)
            if not interaction.response.is_done():
                await quietly(interaction.response.autocomplete([]))
            return
        if isinstance(error, app_commands.CommandOnCooldown):
            asked.record("cooldown")
            await quietly(say(interaction, COOLDOWN_MESSAGE.format(seconds=max(1.0, error.retry_after))))
            return
        await failed(asked, getattr(error, "original", error), lambda text: say(interaction, text))


def claimed(interaction: discord.Interaction[Any], custom_id: str, data: dict[str, Any]) -> bool:
    """Whether one of the bot's dynamic items will answer this component. discord.py answers only an id that
    fits an item template *and* is on the clicked message as that kind of component; anything else would
    otherwise go unanswered."""
    kind = data.get("component_type")
    templates = (BUTTON_ID, SELECT_ID, VOTE_ID, ACTION_ID)
    if not any(t.fullmatch(custom_id) for t in templates) or interaction.message is None:
        return False
    for row in interaction.message.components:
        for item in getattr(row, "children", [row]):
            if getattr(item, "custom_id", None) == custom_id and item.type.value == kind:
                return True
    return False


def command_asked(interaction: discord.Interaction[Any], name: str) -> Asked:
    started = float(interaction.extras.get("started", time.perf_counter()))
    return Asked("command", name, interaction.user.id, interaction.guild_id, started)


class JobBot(commands.Bot):
    def __init__(
        self,
        engine: Engine,
        *,
        cooldown: tuple[int, float] = (5, 30.0),
        dev_guild_ids: list[int] | None = None,
        sync_on_start: bool = False,
        store: Store | None = None,
        **options: Any,
    ) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),  # guilds, guild messages and DMs; nothing privileged
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            tree_cls=JobTree,
            chunk_guilds_at_startup=False,
            # no message cache: nothing reads old messages, and 1,000 cached 4,000-character messages cost ~10 MB
            max_messages=options.pop("max_messages", None),
            # installable to servers and to user accounts; usable in servers, DMs with the bot and group DMs
            allowed_installs=app_commands.AppInstallationType(guild=True, user=True),
            allowed_contexts=app_commands.AppCommandContext(guild=True, dm_channel=True, private_channel=True),
            **options,
        )
        self.engine = engine
        self.handlers = Handlers(engine)
        self.settings_cooldown = cooldown
        self.dev_guild_ids = dev_guild_ids or []
        self.sync_on_start = sync_on_start
        self._comparisons: OrderedDict[int, tuple[str, str]] = OrderedDict()
        self.store = store
        self.community = CommunityCog(self, store)

    def _get_state(self, **options: Any) -> Any:
        state = super()._get_state(**options)
        state.parsers = {event: tolerant(event, parse) for event, parse in state.parsers.items()}
        return state

    async def setup_hook(self) -> None:
        await self.add_cog(Answers(self))
        await self.add_cog(Conversation(self))
        await self.add_cog(self.community)
        self.add_dynamic_items(JobButton, JobSelect, PulseSelect, CommunityButton)
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

    async def close(self) -> None:
        await super().close()
        if self.store is not None:
            await self.store.close()

    async def on_message(self, message: discord.Message, /) -> None:
        """No prefix commands: free text is handled by the Conversation cog's listener."""

    async def on_interaction(self, interaction: discord.Interaction[Any], /) -> None:
        """Answers what no live component claims: modals after a restart, and unknown, foreign or old custom_ids."""
        interaction.extras.setdefault("started", time.perf_counter())
        data: dict[str, Any] = dict(interaction.data or {})
        custom_id = str(data.get("custom_id", ""))
        if interaction.type is discord.InteractionType.modal_submit:
            if MODAL_ID.fullmatch(custom_id):
                await self.handlers.modal(interaction)
            elif not FEEDBACK_ID.fullmatch(custom_id):  # feedback forms are the community cog's to answer
                await self.handlers.expired(interaction, "modal")
        elif interaction.type is discord.InteractionType.component and not claimed(interaction, custom_id, data):
            await self.handlers.expired(interaction, "component")

    async def on_app_command_completion(self, interaction: discord.Interaction[Any], command: Any, /) -> None:
        command_asked(interaction, command.qualified_name).record("ok")

    async def on_ready(self) -> None:
        log.info("ready", extra={"event": "ready", "detail": f"{len(self.guilds)} guilds, shards {self.shard_count}"})

    async def with_pulse(self, reply: Reply, guild_id: int | None) -> Reply:
        return await self.community.with_pulse(reply, guild_id)

    def _remember(self, thread_id: int, jobs: tuple[str, str]) -> None:
        """In memory, bounded: the oldest threads are read back from storage or their names when asked."""
        self._comparisons[thread_id] = jobs
        self._comparisons.move_to_end(thread_id)
        while len(self._comparisons) > COMPARISONS_MAX:
            self._comparisons.popitem(last=False)

    async def remember_comparison(self, thread_id: int, first: str, second: str) -> None:
        self._remember(thread_id, (first, second))
        if self.store is not None:
            try:
                await self.store.remember_thread(thread_id, (first, second))
            except StorageUnavailable:
                log.warning("comparison thread not stored", extra={"event": "storage", "detail": str(thread_id)})

    async def comparison_for(self, channel: Any) -> tuple[str, str] | None:
        """The two jobs a comparison thread is about: from memory, then storage, then (old threads) its name."""
        if not isinstance(channel, discord.Thread):
            return None
        known = self._comparisons.get(channel.id)
        if known is not None:
            return known
        stored = None
        if self.store is not None:
            try:
                stored = await self.store.thread_jobs(channel.id)
            except StorageUnavailable:
                stored = None
        if stored is not None and len(stored) == 2 and all(self.engine.summary(pid) for pid in stored):
            self._remember(channel.id, (stored[0], stored[1]))
            return stored[0], stored[1]
        if channel.owner_id != getattr(self.user, "id", None) or " vs " not in channel.name:
            return None
        reply = self.engine.compare(*channel.name.split(" vs ", 1))
        if reply.kind is not ReplyKind.COMPARE:
            return None
        first, second = reply.meta.profile_ids
        await self.remember_comparison(channel.id, first, second)
        return first, second


class ShardedJobBot(JobBot, commands.AutoShardedBot):
    """Runs SHARD_IDS of SHARD_COUNT shards in one process (all of them when SHARD_IDS is unset)."""
