"""Answering an interaction: a rendered reply with its components, or a short private notice."""

from __future__ import annotations

from typing import Any

import discord

from bot.answer.cards import Picture
from bot.frontends.discord.payloads import notice
from bot.frontends.discord.views import reply_args
from bot.present.reply import Reply


async def _respond(interaction: discord.Interaction[Any], ephemeral: bool, args: dict[str, Any]) -> None:
    """The first response to an interaction, or a follow-up once it has one."""
    if interaction.response.is_done():
        await interaction.followup.send(ephemeral=ephemeral, **args)
    else:
        await interaction.response.send_message(ephemeral=ephemeral, **args)


async def send(
    interaction: discord.Interaction[Any], reply: Reply, *, ephemeral: bool = False, picture: Picture | None = None
) -> None:
    """Answers an interaction with a rendered reply, its picture and its components (Share on a private one)."""
    await _respond(interaction, ephemeral, reply_args(reply, picture, share=ephemeral))


async def say(interaction: discord.Interaction[Any], text: str) -> None:
    """A short private notice: expired buttons, cooldowns, errors."""
    await _respond(interaction, True, notice(text))
