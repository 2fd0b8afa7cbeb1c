"""The stand-in's view of Discord: users, guilds, channels, messages, commands, interactions.

One store shared by the REST and gateway halves so a message the bot posted over REST can
be clicked later (component interactions carry the stored message, as Discord does).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from . import payloads as p
from .payloads import JSON

USER_MENTION = re.compile(r"<@!?(\d+)>")
ROLE_MENTION = re.compile(r"<@&(\d+)>")


@dataclass(frozen=True)
class ChannelSpec:
    """A guild channel to create at start-up (kind: 0 text, 15 forum)."""

    name: str = "general"
    kind: int = p.GUILD_TEXT


@dataclass(frozen=True)
class GuildSpec:
    """A guild the bot is in; `id` may be fixed so tests can place it on a shard."""

    name: str = "Stand-in Guild"
    channels: Sequence[ChannelSpec] = (ChannelSpec(),)
    members: Sequence[str] = ("tester",)
    id: int | None = None


@dataclass
class Guild:
    """A guild's ids; payloads are built on demand from the world's stores."""

    id: int
    name: str
    owner_id: int
    joined_at: str
    channel_ids: list[int] = field(default_factory=list)
    member_ids: list[int] = field(default_factory=list)


@dataclass
class InteractionRecord:
    """What the stand-in knows about one dispatched interaction and its responses."""

    id: int
    token: str
    kind: int
    payload: JSON
    channel_id: int
    guild_id: int | None
    user_id: int
    created_at: float
    source_message_id: int | None = None
    response_type: int | None = None
    original_message_id: int | None = None
    responses: list[JSON] = field(default_factory=list)
    followup_ids: list[int] = field(default_factory=list)

    @property
    def acknowledged(self) -> bool:
        return self.response_type is not None


class World:
    """In-memory Discord state for one stand-in instance."""

    def __init__(self, guilds: Sequence[GuildSpec], *, bot_name: str) -> None:
        self.ids = p.Snowflakes()
        # New applications share their id with their bot user.
        self.application_id = self.ids.next()
        self.bot_user_id = self.application_id
        self.users: dict[int, JSON] = {self.bot_user_id: p.user(self.bot_user_id, bot_name, bot=True)}
        self.owner_id = self.add_user("owner")
        self.guilds: dict[int, Guild] = {}
        self.members: dict[tuple[int, int], JSON] = {}
        self.channels: dict[int, JSON] = {}
        self.messages: dict[int, JSON] = {}
        self.dm_channels: dict[int, int] = {}
        self.commands: dict[int | None, dict[str, JSON]] = {None: {}}
        self.interactions: dict[int, InteractionRecord] = {}
        self.tokens: dict[str, InteractionRecord] = {}  # the same records by interaction token
        self.modals: list[JSON] = []
        for spec in guilds:
            self._add_guild(spec)

    # ----------------------------------------------------------------- setup
    def add_user(self, name: str, *, bot: bool = False) -> int:
        user_id = self.ids.next()
        self.users[user_id] = p.user(user_id, name, bot=bot)
        return user_id

    def _add_guild(self, spec: GuildSpec) -> None:
        guild_id = spec.id if spec.id is not None else self.ids.next()
        guild = Guild(guild_id, spec.name, self.owner_id, p.iso_now())
        self.guilds[guild_id] = guild
        for position, channel in enumerate(spec.channels):
            channel_id = self.ids.next()
            self.channels[channel_id] = p.guild_channel(
                channel_id, guild_id, channel.name, kind=channel.kind, position=position
            )
            guild.channel_ids.append(channel_id)
        for user_id in (self.bot_user_id, self.owner_id, *(self.add_user(n) for n in spec.members)):
            self.members[(guild_id, user_id)] = p.member(None, joined_at=guild.joined_at)
            guild.member_ids.append(user_id)

    # ------------------------------------------------------------ shortcuts
    @property
    def guild_id(self) -> int:
        return next(iter(self.guilds))

    @property
    def channel_id(self) -> int:
        return self.guilds[self.guild_id].channel_ids[0]

    @property
    def user_id(self) -> int:
        """The first non-owner human member of the first guild: the default invoker."""
        return self.guilds[self.guild_id].member_ids[-1]

    # --------------------------------------------------------------- lookup
    def user(self, user_id: int) -> JSON:
        if user_id not in self.users:
            self.users[user_id] = p.user(user_id, f"user{user_id}")
        return self.users[user_id]

    def member(self, guild_id: int, user_id: int, *, with_user: bool = True) -> JSON:
        base = self.members.get((guild_id, user_id)) or p.member(None, joined_at=p.iso_now())
        return {**base, "user": self.user(user_id)} if with_user else dict(base)

    def guild_of(self, channel_id: int) -> int | None:
        raw = self.channels.get(channel_id, {}).get("guild_id")
        return int(raw) if raw is not None else None

    def dm_channel(self, user_id: int) -> JSON:
        """The bot's DM channel with `user_id`, created once and then reused like Discord does."""
        if user_id not in self.dm_channels:
            channel_id = self.ids.next()
            self.dm_channels[user_id] = channel_id
            self.channels[channel_id] = p.dm_channel(channel_id, self.user(user_id))
        return self.channels[self.dm_channels[user_id]]

    def guild_create(self, guild_id: int) -> JSON:
        """A full GUILD_CREATE payload, threads created so far included."""
        guild = self.guilds[guild_id]
        channels = [self.channels[c] for c in guild.channel_ids]
        threads = [
            c for c in self.channels.values() if c.get("guild_id") == str(guild_id) and c["type"] in p.THREAD_TYPES
        ]
        return {
            "id": str(guild_id),
            "name": guild.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(guild.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "system_channel_id": str(guild.channel_ids[0]) if guild.channel_ids else None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "verification_level": 0,
            "default_message_notifications": 1,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "premium_progress_bar_enabled": False,
            "preferred_locale": "en-US",
            "features": [],
            "roles": [p.role_everyone(guild_id)],
            "emojis": [],
            "stickers": [],
            "channels": channels,
            "threads": threads,
            "members": [self.member(guild_id, u) for u in guild.member_ids],
            "member_count": len(guild.member_ids),
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "joined_at": guild.joined_at,
            "large": False,
            "unavailable": False,
            "lazy": True,
            "max_members": 500000,
            "application_id": None,
            "vanity_url_code": None,
            "incidents_data": None,
        }

    # -------------------------------------------------------------- messages
    def mentions(
        self, content: str, allowed: JSON | None, *, default_parse: Sequence[str], guild_id: int | None
    ) -> tuple[list[JSON], list[str], bool]:
        """Users, roles and @everyone that `allowed_mentions` lets ping, as Discord computes them."""
        parse = list(default_parse) if allowed is None else list(allowed.get("parse") or [])
        allowed_users = {str(u) for u in (allowed or {}).get("users") or []}
        allowed_roles = {str(r) for r in (allowed or {}).get("roles") or []}
        users: list[JSON] = []
        for raw in dict.fromkeys(USER_MENTION.findall(content)):
            if "users" in parse or raw in allowed_users:
                entry = dict(self.user(int(raw)))
                if guild_id is not None and (guild_id, int(raw)) in self.members:
                    entry["member"] = self.member(guild_id, int(raw), with_user=False)
                users.append(entry)
        roles = [r for r in dict.fromkeys(ROLE_MENTION.findall(content)) if "roles" in parse or r in allowed_roles]
        everyone = "everyone" in parse and ("@everyone" in content or "@here" in content)
        return users, roles, everyone

    def find_message_with_component(self, custom_id: str) -> JSON | None:
        """Newest stored message carrying a component with this custom_id."""
        for message in reversed(list(self.messages.values())):
            if _has_custom_id(message.get("components") or [], custom_id):
                return message
        return None

    def find_modal(self, custom_id: str) -> JSON | None:
        for modal in reversed(self.modals):
            if modal.get("custom_id") == custom_id:
                return modal
        return None

    def interaction_by_token(self, token: str) -> InteractionRecord | None:
        """By the index kept beside `interactions` (a scan made every follow-up slower than the last)."""
        return self.tokens.get(token)


def _has_custom_id(components: list[Any], custom_id: str) -> bool:
    for comp in components:
        if not isinstance(comp, dict):
            continue
        if comp.get("custom_id") == custom_id:
            return True
        nested = list(comp.get("components") or [])
        nested += [c for c in (comp.get("component"), comp.get("accessory")) if isinstance(c, dict)]
        if _has_custom_id(nested, custom_id):
            return True
    return False
