"""Realistic INTERACTION_CREATE and MESSAGE_CREATE payloads built from the world's state.

Option types come from the commands the bot synced, when it did, so user/channel/role
options arrive with `resolved` data the way Discord sends them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from . import payloads as p
from .payloads import JSON
from .world import World

Options = Mapping[str, Any] | Sequence[JSON] | None


class Builders:
    """Payload factories bound to one world."""

    def __init__(self, world: World) -> None:
        self.world = world

    # ---------------------------------------------------------- interactions
    def _base(
        self,
        kind: int,
        data: JSON | None,
        *,
        user_id: int | None,
        guild: bool,
        channel_id: int | None,
        message_payload: JSON | None = None,
    ) -> JSON:
        world = self.world
        user_id = user_id or world.user_id
        if guild:
            channel_id = channel_id or world.channel_id
            guild_id = world.guild_of(channel_id)
            channel = {**world.channels[channel_id], "permissions": p.ALL_PERMISSIONS}
            member = world.member(guild_id, user_id, with_user=False) if guild_id is not None else None
        else:
            channel = world.dm_channel(user_id)
            guild_id, member = None, None
        return p.interaction(
            interaction_id=world.ids.next(),
            application_id=world.application_id,
            kind=kind,
            data=data,
            token=p.new_token(),
            channel=channel,
            invoker=world.user(user_id),
            guild_id=guild_id,
            invoker_member=member,
            message_payload=message_payload,
        )

    def slash_command(
        self,
        name: str,
        options: Options = None,
        *,
        user_id: int | None = None,
        guild: bool = True,
        channel_id: int | None = None,
        focused: str | None = None,
    ) -> JSON:
        """A chat-input command; `name` may be "group sub" or "cmd sub" for subcommands."""
        kind = 4 if focused is not None else 2
        payload = self._base(kind, None, user_id=user_id, guild=guild, channel_id=channel_id)
        guild_id = int(payload["guild_id"]) if "guild_id" in payload else None
        payload["data"] = self._command_data(name, options, guild_id, focused)
        return payload

    def autocomplete(
        self,
        name: str,
        options: Options,
        *,
        focused: str,
        user_id: int | None = None,
        guild: bool = True,
        channel_id: int | None = None,
    ) -> JSON:
        """An autocomplete request: the `focused` option carries what the user typed so far."""
        return self.slash_command(name, options, user_id=user_id, guild=guild, channel_id=channel_id, focused=focused)

    def component(
        self,
        custom_id: str,
        *,
        component_type: int = 2,
        values: Sequence[str] | None = None,
        message_id: int | None = None,
        user_id: int | None = None,
    ) -> JSON:
        """A button click or select choice on a stored message (the newest one with `custom_id`)."""
        message = self._message_for(custom_id, message_id)
        data: JSON = {"custom_id": custom_id, "component_type": component_type}
        if component_type != 2:
            data["values"] = list(values or [])
        return self._base(
            3,
            data,
            user_id=user_id,
            guild="guild_id" in message,
            channel_id=int(message["channel_id"]) if "guild_id" in message else None,
            message_payload=message,
        )

    def modal_submit(
        self,
        custom_id: str,
        values: Mapping[str, str] | None = None,
        *,
        components: list[JSON] | None = None,
        message_id: int | None = None,
        user_id: int | None = None,
        guild: bool = True,
        channel_id: int | None = None,
    ) -> JSON:
        """A modal submission mirroring the layout of the modal the bot sent, when known."""
        if components is None:
            components = self._modal_components(custom_id, dict(values or {}))
        data: JSON = {"custom_id": custom_id, "components": components}
        message = self.world.messages.get(message_id) if message_id else None
        if message is not None:
            guild = "guild_id" in message
            channel_id = int(message["channel_id"]) if guild else None
        return self._base(5, data, user_id=user_id, guild=guild, channel_id=channel_id, message_payload=message)

    # -------------------------------------------------------------- messages
    def message(
        self,
        content: str,
        *,
        user_id: int | None = None,
        dm: bool = False,
        mention_bot: bool = False,
        channel_id: int | None = None,
        reply_to: int | None = None,
    ) -> JSON:
        """A MESSAGE_CREATE payload from a human, in a guild channel or the bot's DM."""
        world = self.world
        user_id = user_id or world.user_id
        if mention_bot:
            content = f"<@{world.bot_user_id}> {content}"
        channel_id = int(world.dm_channel(user_id)["id"]) if dm else channel_id or world.channel_id
        guild_id = world.guild_of(channel_id)
        users, roles, everyone = world.mentions(
            content, None, default_parse=("users", "roles", "everyone"), guild_id=guild_id
        )
        msg = p.message(
            world.ids.next(),
            channel_id,
            world.user(user_id),
            content=content,
            guild_id=guild_id,
            mentions=users,
            mention_roles=roles,
            mention_everyone=everyone,
        )
        if guild_id is not None:
            msg["member"] = world.member(guild_id, user_id, with_user=False)
        if reply_to is not None:
            msg["type"] = 19
            msg["message_reference"] = {"type": 0, "message_id": str(reply_to), "channel_id": str(channel_id)}
            msg["referenced_message"] = world.messages.get(reply_to)
        world.messages[int(msg["id"])] = msg
        return msg

    # --------------------------------------------------------------- helpers
    def _message_for(self, custom_id: str, message_id: int | None) -> JSON:
        world = self.world
        message = world.messages.get(message_id) if message_id else world.find_message_with_component(custom_id)
        if message is None:
            raise LookupError(f"no stored message carries a component with custom_id {custom_id!r}")
        return message

    def _modal_components(self, custom_id: str, values: dict[str, str]) -> list[JSON]:
        modal = self.world.find_modal(custom_id)
        if modal is None:
            return [{"type": 1, "components": [{"type": 4, "custom_id": k, "value": v}]} for k, v in values.items()]
        return [self._submitted(c, values) for c in modal.get("components") or []]

    def _submitted(self, comp: JSON, values: dict[str, str]) -> JSON:
        """A sent modal component as it comes back in the submission (values filled in)."""
        kind = comp.get("type")
        if kind == 1:
            return {"type": 1, "components": [self._submitted(c, values) for c in comp.get("components") or []]}
        if kind == 18 and isinstance(comp.get("component"), dict):
            return {"type": 18, "component": self._submitted(comp["component"], values)}
        custom_id = comp.get("custom_id")
        if kind == 4:
            return {"type": 4, "custom_id": custom_id, "value": values.get(str(custom_id), comp.get("value") or "")}
        submitted: JSON = {"type": kind, "custom_id": custom_id}
        if custom_id in values:
            submitted["values"] = values[str(custom_id)]
        return submitted

    def _command_data(self, name: str, options: Options, guild_id: int | None, focused: str | None) -> JSON:
        world = self.world
        root, *path = name.split()
        command = (world.commands.get(guild_id, {}).get(root) if guild_id else None) or world.commands[None].get(root)
        schema: list[JSON] = list((command or {}).get("options") or [])
        for part in path:
            found = next((o for o in schema if o.get("name") == part), {})
            schema = list(found.get("options") or [])
        resolved: JSON = {}
        nested = self._options(options, schema, guild_id, focused, resolved)
        for depth, part in enumerate(reversed(path)):
            nested = [{"name": part, "type": 1 if depth == 0 else 2, "options": nested}]
        data: JSON = {
            "id": (command or {}).get("id") or str(world.ids.next()),
            "name": root,
            "type": 1,
            "options": nested,
        }
        if command and command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        if resolved:
            data["resolved"] = resolved
        return data

    def _options(
        self, options: Options, schema: list[JSON], guild_id: int | None, focused: str | None, resolved: JSON
    ) -> list[JSON]:
        if options is None:
            return []
        if not isinstance(options, Mapping):
            return [dict(o) for o in options]
        types = {o.get("name"): o.get("type") for o in schema}
        result: list[JSON] = []
        for key, value in options.items():
            kind = types.get(key) or p.option_type_for(value)
            entry: JSON = {"name": key, "type": kind, "value": value}
            if key == focused:
                entry["focused"] = True
            elif kind in (6, 7, 8, 9):
                entry["value"] = str(value)
                self._resolve(kind, int(value), guild_id, resolved)
            result.append(entry)
        return result

    def _resolve(self, kind: int, snowflake: int, guild_id: int | None, resolved: JSON) -> None:
        world = self.world
        if kind in (6, 9) and (kind == 6 or snowflake in world.users):
            resolved.setdefault("users", {})[str(snowflake)] = world.user(snowflake)
            if guild_id is not None and (guild_id, snowflake) in world.members:
                member = world.member(guild_id, snowflake, with_user=False)
                resolved.setdefault("members", {})[str(snowflake)] = {**member, "permissions": p.ALL_PERMISSIONS}
        elif kind == 7:
            channel = world.channels.get(snowflake, {"id": str(snowflake), "type": 0, "name": "unknown"})
            resolved.setdefault("channels", {})[str(snowflake)] = {**channel, "permissions": p.ALL_PERMISSIONS}
        elif guild_id is not None:
            resolved.setdefault("roles", {})[str(snowflake)] = p.role_everyone(guild_id) | {"id": str(snowflake)}
