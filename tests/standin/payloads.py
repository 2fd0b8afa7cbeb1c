"""Pure builders for Discord API v10 payloads, shaped the way discord.py 2.7.1 parses them.

Kept free of server state so tests can also build a payload, tweak it, and dispatch it raw.
"""

from __future__ import annotations

import datetime as dt
import itertools
import secrets
import threading
import time
from typing import Any

JSON = dict[str, Any]

DISCORD_EPOCH_MS = 1420070400000
#: Permissions the stand-in grants everyone: everything except administrator (bit 3).
ALL_PERMISSIONS = str(((1 << 50) - 1) & ~(1 << 3))
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024

# Gateway intents the stand-in honours when delivering MESSAGE_CREATE.
INTENT_GUILDS = 1 << 0
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_DIRECT_MESSAGES = 1 << 12
INTENT_MESSAGE_CONTENT = 1 << 15

# Message flags.
FLAG_EPHEMERAL = 1 << 6
FLAG_LOADING = 1 << 7
FLAG_COMPONENTS_V2 = 1 << 15

# Channel types.
GUILD_TEXT = 0
DM = 1
PUBLIC_THREAD = 11
PRIVATE_THREAD = 12
GUILD_FORUM = 15
THREAD_TYPES = (10, PUBLIC_THREAD, PRIVATE_THREAD)


class Snowflakes:
    """Generates increasing, timestamp-based snowflakes so `created_at` looks real."""

    def __init__(self) -> None:
        self._counter = itertools.count()
        self._lock = threading.Lock()
        self._last = 0

    def next(self) -> int:
        with self._lock:
            ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
            value = (ms << 22) | (1 << 17) | (next(self._counter) & 0xFFF)
            self._last = max(value, self._last + 1)
            return self._last


def iso_now() -> str:
    """Current UTC time in Discord's ISO-8601 format."""
    return dt.datetime.now(dt.UTC).isoformat()


def new_token() -> str:
    """An opaque, URL-safe interaction token like Discord's."""
    return "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(48)


def user(user_id: int, username: str, *, bot: bool = False) -> JSON:
    """A user object."""
    data: JSON = {
        "id": str(user_id),
        "username": username,
        "discriminator": "0",
        "global_name": None if bot else username.title(),
        "avatar": None,
        "public_flags": 0,
        "flags": 0,
        "banner": None,
        "accent_color": None,
        "avatar_decoration_data": None,
    }
    if bot:
        data["bot"] = True
    return data


def member(user_payload: JSON | None, *, joined_at: str, roles: list[str] | None = None) -> JSON:
    """A guild member; `flags` is mandatory for discord.py (member.py:331)."""
    data: JSON = {
        "roles": roles or [],
        "joined_at": joined_at,
        "nick": None,
        "avatar": None,
        "banner": None,
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "pending": False,
        "flags": 0,
        "communication_disabled_until": None,
    }
    if user_payload is not None:
        data["user"] = user_payload
    return data


def role_everyone(guild_id: int) -> JSON:
    """The @everyone role, whose id equals the guild id."""
    return {
        "id": str(guild_id),
        "name": "@everyone",
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "icon": None,
        "unicode_emoji": None,
        "position": 0,
        "permissions": ALL_PERMISSIONS,
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }


def guild_channel(channel_id: int, guild_id: int, name: str, *, kind: int, position: int) -> JSON:
    """A text or forum channel."""
    data: JSON = {
        "id": str(channel_id),
        "guild_id": str(guild_id),
        "type": kind,
        "name": name,
        "position": position,
        "permission_overwrites": [],
        "parent_id": None,
        "topic": None,
        "nsfw": False,
        "rate_limit_per_user": 0,
        "last_message_id": None,
        "flags": 0,
    }
    if kind == GUILD_FORUM:
        data.update(
            available_tags=[],
            default_reaction_emoji=None,
            default_sort_order=None,
            default_forum_layout=0,
            default_thread_rate_limit_per_user=0,
        )
    return data


def thread(
    thread_id: int,
    *,
    guild_id: int,
    parent_id: int,
    owner_id: int,
    name: str,
    kind: int,
    auto_archive_duration: int,
) -> JSON:
    """A thread channel as returned by the thread-create routes."""
    now = iso_now()
    return {
        "id": str(thread_id),
        "guild_id": str(guild_id),
        "parent_id": str(parent_id),
        "owner_id": str(owner_id),
        "name": name,
        "type": kind,
        "last_message_id": None,
        "message_count": 0,
        "member_count": 1,
        "total_message_sent": 0,
        "rate_limit_per_user": 0,
        "flags": 0,
        "applied_tags": [],
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": auto_archive_duration,
            "archive_timestamp": now,
            "locked": False,
            "invitable": kind != PRIVATE_THREAD,
            "create_timestamp": now,
        },
        "member": {
            "id": str(thread_id),
            "user_id": str(owner_id),
            "join_timestamp": now,
            "flags": 0,
        },
    }


def dm_channel(channel_id: int, recipient: JSON) -> JSON:
    """A DM channel with one recipient."""
    return {"id": str(channel_id), "type": DM, "last_message_id": None, "flags": 0, "recipients": [recipient]}


def message(
    message_id: int,
    channel_id: int,
    author: JSON,
    *,
    content: str = "",
    guild_id: int | None = None,
    embeds: list[JSON] | None = None,
    components: list[JSON] | None = None,
    attachments: list[JSON] | None = None,
    mentions: list[JSON] | None = None,
    mention_roles: list[str] | None = None,
    mention_everyone: bool = False,
    flags: int = 0,
    kind: int = 0,
    tts: bool = False,
) -> JSON:
    """A message object with every field discord.py reads unconditionally."""
    data: JSON = {
        "id": str(message_id),
        "channel_id": str(channel_id),
        "author": author,
        "content": content,
        "timestamp": iso_now(),
        "edited_timestamp": None,
        "tts": tts,
        "mention_everyone": mention_everyone,
        "mentions": mentions or [],
        "mention_roles": mention_roles or [],
        "attachments": attachments or [],
        "embeds": [normalise_embed(e) for e in embeds or []],
        "components": components or [],
        "reactions": [],
        "pinned": False,
        "type": kind,
        "flags": flags,
    }
    if guild_id is not None:
        data["guild_id"] = str(guild_id)
    return data


def normalise_embed(embed: JSON) -> JSON:
    """Discord echoes embeds back with an explicit type."""
    return {"type": "rich", **embed}


def interaction(
    *,
    interaction_id: int,
    application_id: int,
    kind: int,
    data: JSON | None,
    token: str,
    channel: JSON,
    invoker: JSON,
    guild_id: int | None,
    invoker_member: JSON | None = None,
    message_payload: JSON | None = None,
    locale: str = "en-US",
) -> JSON:
    """An INTERACTION_CREATE payload (interactions.py:216-226 lists what is mandatory)."""
    payload: JSON = {
        "id": str(interaction_id),
        "application_id": str(application_id),
        "type": kind,
        "token": token,
        "version": 1,
        "channel_id": channel["id"],
        "channel": channel,
        "locale": locale,
        "app_permissions": ALL_PERMISSIONS,
        "entitlements": [],
        "entitlement_sku_ids": [],
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
    }
    if data is not None:
        payload["data"] = data
    if guild_id is not None:
        payload["guild_id"] = str(guild_id)
        payload["guild"] = {"id": str(guild_id), "locale": "en-US", "features": []}
        payload["guild_locale"] = "en-US"
        payload["member"] = {**(invoker_member or {}), "user": invoker, "permissions": ALL_PERMISSIONS}
        payload["authorizing_integration_owners"] = {"0": str(guild_id)}
        payload["context"] = 0
    else:
        payload["user"] = invoker
        payload["authorizing_integration_owners"] = {"0": "0"}
        payload["context"] = 1
    if message_payload is not None:
        payload["message"] = message_payload
    return payload


def option_type_for(value: object) -> int:
    """Infer an application-command option type from a Python value."""
    if isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return 4
    if isinstance(value, float):
        return 10
    return 3
