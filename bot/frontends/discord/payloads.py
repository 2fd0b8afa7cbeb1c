"""Core Reply → Discord message payload (plain dicts) and discord.py send arguments; the one serialiser."""

from __future__ import annotations

import io
from typing import Any

import discord

from bot.answer.cards import Picture
from bot.frontends.discord.limits import fit
from bot.present.reply import Reply

NO_MENTIONS: dict[str, list[str]] = {"parse": []}
NO_PINGS = discord.AllowedMentions.none()


def to_payload(reply: Reply, image: str | None = None) -> dict[str, Any]:
    """The message as Discord's API takes it, trimmed to fit its limits.

    With `image` (an attached file's name) the first embed shows that picture, and the fields the
    picture already carries (split, trend, resilient tasks...) are left out: one phone screen of text.
    """
    embeds = []
    for n, card in enumerate(fit(reply).cards):
        embed: dict[str, Any] = {"title": card.title, "type": "rich"}
        if card.description:
            embed["description"] = card.description
        fields = [f for f in card.fields if not (image and f.detail)]
        if fields:
            embed["fields"] = [{"name": f.name, "value": f.value, "inline": f.inline} for f in fields]
        if image and n == 0:
            embed["image"] = {"url": f"attachment://{image}"}
        if card.footer:
            embed["footer"] = {"text": card.footer}
        if card.color is not None:
            embed["color"] = card.color
        embeds.append(embed)
    return {"content": reply.content, "embeds": embeds, "allowed_mentions": NO_MENTIONS}


def message_args(reply: Reply, picture: Picture | None = None) -> dict[str, Any]:
    """discord.py send arguments; a picture is attached as a PNG file and shown in the first embed."""
    image = picture.filename if picture is not None and reply.cards else None
    payload = to_payload(reply, image)
    args: dict[str, Any] = {
        "content": payload["content"] or None,
        "embeds": [discord.Embed.from_dict(e) for e in payload["embeds"]],
        "allowed_mentions": NO_PINGS,
    }
    if picture is not None and image is not None:
        args["files"] = [discord.File(io.BytesIO(picture.png), filename=picture.filename)]
    return args


def notice(text: str) -> dict[str, Any]:
    """A short plain message (errors, cooldowns); never contains user text unescaped."""
    return {"content": text, "allowed_mentions": NO_PINGS}
