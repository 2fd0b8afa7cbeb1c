"""Core Reply → Discord message payload (plain dicts) and discord.py send arguments; the one serialiser."""

from __future__ import annotations

from typing import Any

import discord

from bot.frontends.discord.limits import fit
from bot.present.reply import Reply

NO_MENTIONS: dict[str, list[str]] = {"parse": []}
NO_PINGS = discord.AllowedMentions.none()


def to_payload(reply: Reply) -> dict[str, Any]:
    """The message as Discord's API takes it, trimmed to fit its limits."""
    embeds = []
    for card in fit(reply).cards:
        embed: dict[str, Any] = {"title": card.title, "type": "rich"}
        if card.description:
            embed["description"] = card.description
        if card.fields:
            embed["fields"] = [{"name": f.name, "value": f.value, "inline": f.inline} for f in card.fields]
        if card.footer:
            embed["footer"] = {"text": card.footer}
        if card.color is not None:
            embed["color"] = card.color
        embeds.append(embed)
    return {"content": reply.content, "embeds": embeds, "allowed_mentions": NO_MENTIONS}


def message_args(reply: Reply) -> dict[str, Any]:
    payload = to_payload(reply)
    return {
        "content": payload["content"] or None,
        "embeds": [discord.Embed.from_dict(e) for e in payload["embeds"]],
        "allowed_mentions": NO_PINGS,
    }


def notice(text: str) -> dict[str, Any]:
    """A short plain message (errors, cooldowns); never contains user text unescaped."""
    return {"content": text, "allowed_mentions": NO_PINGS}
