"""What each button, menu and modal does: one engine call and one response, logged, never crashing."""

from __future__ import annotations

import time
from collections.abc import Awaitable
from typing import Any, cast

import discord

from bot.answer.engine import Engine
from bot.answer.personal import Focus
from bot.frontends.discord import metrics
from bot.frontends.discord.community import save_split_view
from bot.frontends.discord.guard import Asked, guarded
from bot.frontends.discord.host import Host
from bot.frontends.discord.pictures import picture_for, send_answer
from bot.frontends.discord.respond import say, send
from bot.frontends.discord.views import (
    MODAL_ID,
    CompareModal,
    focus_view,
    parse_focus,
    pick_view,
    reply_args,
    share_view,
)
from bot.present.reply import Choice, ReplyKind
from bot.sources.refs import ProfileRef, parse_ref

EXPIRED = "This button belongs to an older answer I can't use any more. Ask again with `/job`."
PROFILE_BUTTONS = {"tasks": ReplyKind.TASKS, "careers": ReplyKind.CAREERS, "faq": ReplyKind.JOB_FAQ}


class Handlers:
    """Implements `views.Handlers`: the client carries one, and every item it built calls it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    async def _run(self, interaction: discord.Interaction[Any], kind: str, name: str, work: Awaitable[None]) -> None:
        asked = Asked(kind, name, interaction.user.id, interaction.guild_id, time.perf_counter())
        await guarded(asked, work, lambda text: say(interaction, text))

    # ---- buttons ---------------------------------------------------------------------------
    async def button(self, interaction: discord.Interaction[Any], action: str, pid: str, query: str) -> None:
        await self._run(interaction, "button", action, self._button(interaction, action, pid, query))

    async def _button(self, interaction: discord.Interaction[Any], action: str, pid: str, query: str) -> None:
        profile = self.engine.summary(pid)
        if profile is None:
            await say(interaction, EXPIRED)
            return
        if action in PROFILE_BUTTONS:
            await send(interaction, self.engine.show(ProfileRef(pid), PROFILE_BUTTONS[action]), ephemeral=True)
        elif action == "compare":
            await interaction.response.send_modal(CompareModal(pid, profile.title))
        elif action == "share":
            await self._share(interaction, pid, parse_focus(query))
        elif action == "personal":
            await interaction.response.send_message(
                f"Which tasks take most of your time as {profile.title}? I'll re-score with your split.",
                view=focus_view(pid, [t.statement for t in profile.tasks]),
                ephemeral=True,
                allowed_mentions=discord.AllowedMentions.none(),
            )
        elif action == "notmine":
            result = self.engine.match(query or profile.title)
            others = [
                Choice(c.target.ref, c.target.title, c.target.soc, c.score)
                for c in result.candidates
                if c.target.key != pid
            ]
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
            ref = parse_ref(values[0] if values else "")
            if isinstance(ref, ProfileRef) and self.engine.summary(ref.profile_id) is None:
                await say(interaction, EXPIRED)
                return
            reply = await cast(Host, interaction.client).with_pulse(
                self.engine.show(ref, query=query), interaction.guild_id
            )
            args = reply_args(reply, await picture_for(self.engine, reply))
            args["attachments"] = args.pop("files", [])  # an edit replaces the message's files
            args.setdefault("view", None)  # a reply without components clears the menu
            await interaction.response.edit_message(**args)
            metrics.answered(reply.kind.value)
        elif action == "focus":
            profile = self.engine.summary(arg)
            if profile is None:
                await say(interaction, EXPIRED)
                return
            focus = Focus(tuple(int(v) for v in values if v.isdigit() and int(v) < len(profile.tasks)))
            reply = self.engine.personalise(arg, focus)
            if reply.kind is not ReplyKind.PERSONAL:
                await send(interaction, reply, ephemeral=True)
                return
            args = reply_args(reply, await picture_for(self.engine, reply))
            view = share_view(arg, focus)
            offer = save_split_view(arg, focus.tasks)  # "Save as my job", with this split
            if offer is not None:
                for item in offer.children:
                    view.add_item(item)
            await interaction.response.send_message(ephemeral=True, view=view, **args)
            metrics.answered(reply.kind.value)

    async def _share(self, interaction: discord.Interaction[Any], pid: str, focus: Focus | None) -> None:
        """Posts a private answer in the channel for everyone, as its card: the typical job or the user's split."""
        reply = self.engine.show(ProfileRef(pid)) if focus is None else self.engine.personalise(pid, focus)
        await send_answer(interaction, self.engine, reply)

    # ---- modals ------------------------------------------------------------------------------
    async def modal(self, interaction: discord.Interaction[Any]) -> None:
        data: dict[str, Any] = dict(interaction.data or {})
        match = MODAL_ID.match(str(data.get("custom_id", "")))
        name = "compare-modal"
        if match is None:
            await self._run(interaction, "modal", name, say(interaction, EXPIRED))
            return
        await self._run(interaction, "modal", name, self._compare(interaction, match["pid"], text_value(data)))

    async def _compare(self, interaction: discord.Interaction[Any], pid: str, other: str) -> None:
        if self.engine.summary(pid) is None:
            await say(interaction, EXPIRED)
            return
        if not other.strip():
            await say(interaction, "Type a job to compare with, e.g. “dental hygienist”.")
            return
        await send(interaction, self.engine.compare_with(pid, other), ephemeral=True)

    async def expired(self, interaction: discord.Interaction[Any], kind: str = "component") -> None:
        """An id no live item or modal handles (foreign, unknown or from an older version): a polite notice, logged."""
        await self._run(interaction, kind, "expired", say(interaction, EXPIRED))


def text_value(data: dict[str, Any]) -> str:
    """The first text input's value from a modal submission (rows of components)."""
    for row in data.get("components", []):
        for component in row.get("components", []):
            if "value" in component:
                return str(component["value"])
        if "component" in row and "value" in row["component"]:  # label-wrapped inputs
            return str(row["component"]["value"])
    return ""
