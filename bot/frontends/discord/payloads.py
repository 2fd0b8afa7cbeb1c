"""Core Reply → discord.py send arguments; the one place Discord objects are built from reply dicts."""

from __future__ import annotations

from typing import Any

import discord

from bot.present.reply import Reply

NO_PINGS = discord.AllowedMentions.none()


def message_args(reply: Reply) -> dict[str, Any]:
    payload = reply.to_discord()
    return {
        "content": payload["content"] or None,
        "embeds": [discord.Embed.from_dict(e) for e in payload["embeds"]],
        "allowed_mentions": NO_PINGS,
    }


def notice(text: str) -> dict[str, Any]:
    """A short plain message (errors, cooldowns); never contains user text unescaped."""
    return {"content": text, "allowed_mentions": NO_PINGS}
