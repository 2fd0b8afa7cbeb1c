"""What each button, menu and modal does: one engine call and one response, logged, never crashing."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Awaitable
from typing import Any

import discord

from bot.answer.engine import Engine
from bot.frontends.discord import logs
from bot.frontends.discord.components import MODAL_ID, CompareModal, focus_view, pick_view, reply_args
from bot.frontends.discord.payloads import notice
from bot.present.reply import Reply

EXPIRED = "This button belongs to an older answer I can't use any more. Ask again with `/job`."
FAILED = "Sorry, something went wrong on my side. Please try again in a moment."


async def _respond(interaction: discord.Interaction[Any], ephemeral: bool, args: dict[str, Any]) -> None:
    """The first response to an interaction, or a follow-up once it has one."""
    if interaction.response.is_done():
        await interaction.followup.send(ephemeral=ephemeral, **args)
    else:
        await interaction.response.send_message(ephemeral=ephemeral, **args)


async def send(interaction: discord.Interaction[Any], reply: Reply, *, ephemeral: bool = False) -> None:
    """Answers an interaction with a rendered reply and its components."""
    await _respond(interaction, ephemeral, reply_args(reply))


async def say(interaction: discord.Interaction[Any], text: str) -> None:
    """A short private notice: expired buttons, cooldowns, errors."""
    await _respond(interaction, True, notice(text))


class Actions:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    async def _run(self, interaction: discord.Interaction[Any], kind: str, name: str, work: Awaitable[None]) -> None:
        started = time.perf_counter()
        guild = interaction.guild_id
        try:
            await work
        except Exception:
            logs.record(kind, name, interaction.user.id, guild, started, "error", exc_info=True)
            with contextlib.suppress(discord.HTTPException):
                await say(interaction, FAILED)
            return
        logs.record(kind, name, interaction.user.id, guild, started, "ok")

    # ---- buttons ---------------------------------------------------------------------------
    async def button(self, interaction: discord.Interaction[Any], action: str, pid: str, query: str) -> None:
        await self._run(interaction, "button", action, self._button(interaction, action, pid, query))

    async def _button(self, interaction: discord.Interaction[Any], action: str, pid: str, query: str) -> None:
        profile = self.engine.profile(pid)
        if profile is None:
            await say(interaction, EXPIRED)
            return
        if action in ("tasks", "careers"):
            await send(interaction, self.engine.profile_reply(pid, action), ephemeral=True)
        elif action == "faq":
            await send(interaction, self.engine.profile_reply(pid, "job_faq"), ephemeral=True)
        elif action == "compare":
            await interaction.response.send_modal(CompareModal(pid, profile.title))
        elif action == "personal":
            await interaction.response.send_message(
                f"Which tasks take most of your time as {profile.title}? I'll re-score with your split.",
                view=focus_view(pid, [t.statement for t in profile.tasks]),
                ephemeral=True,
                allowed_mentions=discord.AllowedMentions.none(),
            )
        elif action == "notmine":
            result = self.engine.match(query or profile.title)
            others = [c for c in self.engine.candidates(result) if c["key"] != pid]
            view = pick_view(others, query)
            if view is None:
                await say(interaction, "I have no other jobs that match. Try `/job` with a different title.")
                return
            await interaction.response.send_message(
                "Which of these is your job?",
                view=view,
                ephemeral=True,
                allowed_mentions=discord.AllowedMentions.none(),
            )

    # ---- menus -----------------------------------------------------------------------------
    async def select(
        self, interaction: discord.Interaction[Any], action: str, arg: str, query: str, values: list[str]
    ) -> None:
        await self._run(interaction, "select", action, self._select(interaction, action, arg, query, values))

    async def _select(
        self, interaction: discord.Interaction[Any], action: str, arg: str, query: str, values: list[str]
    ) -> None:
        if action == "pick":
            key = values[0] if values else ""
            if not (key.startswith("soc:") or self.engine.profile(key)):
                await say(interaction, EXPIRED)
                return
            args = reply_args(self.engine.by_key(key, query))
            args.setdefault("view", None)  # a reply without components clears the menu
            await interaction.response.edit_message(**args)
        elif action == "focus":
            profile = self.engine.profile(arg)
            if profile is None:
                await say(interaction, EXPIRED)
                return
            focus = [int(v) for v in values if v.isdigit() and int(v) < len(profile.tasks)]
            await send(interaction, self.engine.personalise_focus(arg, focus), ephemeral=True)

    # ---- modals ------------------------------------------------------------------------------
    async def modal(self, interaction: discord.Interaction[Any]) -> None:
        data: dict[str, Any] = dict(interaction.data or {})
        match = MODAL_ID.match(str(data.get("custom_id", "")))
        name = "compare-modal"
        if match is None:
            await self._run(interaction, "modal", name, say(interaction, EXPIRED))
            return
        await self._run(interaction, "modal", name, self._compare(interaction, match["pid"], _text_value(data)))

    async def _compare(self, interaction: discord.Interaction[Any], pid: str, other: str) -> None:
        if self.engine.profile(pid) is None:
            await say(interaction, EXPIRED)
            return
        if not other.strip():
            await say(interaction, "Type a job to compare with, e.g. “dental hygienist”.")
            return
        await send(interaction, self.engine.compare_with(pid, other), ephemeral=True)

    async def expired(self, interaction: discord.Interaction[Any]) -> None:
        await self._run(interaction, "component", "expired", say(interaction, EXPIRED))


def _text_value(data: dict[str, Any]) -> str:
    """The first text input's value from a modal submission (rows of components)."""
    for row in data.get("components", []):
        for component in row.get("components", []):
            if "value" in component:
                return str(component["value"])
        if "component" in row and "value" in row["component"]:  # label-wrapped inputs
            return str(row["component"]["value"])
    return ""
