"""What the cogs need of the bot that hosts them, so they depend on this and not on the client module."""

from __future__ import annotations

from typing import Any, Protocol

import discord
from discord import app_commands

from bot.answer.engine import Engine
from bot.present.reply import Reply


class Host(Protocol):
    engine: Engine
    settings_cooldown: tuple[int, float]  # (uses, per seconds) for each user

    @property
    def user(self) -> discord.ClientUser | None: ...

    @property
    def tree(self) -> app_commands.CommandTree[Any]: ...

    async def remember_comparison(self, thread_id: int, first: str, second: str) -> None: ...

    async def comparison_for(self, channel: Any) -> tuple[str, str] | None: ...

    async def with_pulse(self, reply: Reply, guild_id: int | None) -> Reply: ...
