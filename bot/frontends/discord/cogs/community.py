"""Community features on storage: the pulse, saved jobs, feedback and /forget-me.

Everything here degrades to a short notice when the database is down or slow; the answers
themselves never wait on it for long (summaries give the pulse `PULSE_WAIT` seconds, and skip
it for `PULSE_BACKOFF` seconds after a failure).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.answer.personal import Focus
from bot.frontends.discord.community import FEEDBACK_ID, MODAL_PREFIX, FeedbackModal, parse_split
from bot.frontends.discord.guard import Asked, guarded
from bot.frontends.discord.handlers import text_value
from bot.frontends.discord.host import Host
from bot.frontends.discord.limits import limit_problems
from bot.frontends.discord.payloads import to_payload
from bot.frontends.discord.respond import say, send
from bot.present.reply import Field, Reply, ReplyKind
from bot.sources.refs import ProfileRef
from bot.storage.pulse import QUESTION, SHOW_FROM, Answer, Pulse
from bot.storage.store import FeedbackNote, StorageUnavailable, Store

log = logging.getLogger("jobbot.community")
PULSE_WAIT = 1.0
PULSE_BACKOFF = 5.0
PULSE_FIELD = f"{QUESTION} (community pulse)"
UNAVAILABLE = "The community pulse is unavailable right now."
VOTE_UNAVAILABLE = f"{UNAVAILABLE} Your answer wasn't saved; please try again in a minute."
STORAGE_UNAVAILABLE = (
    "I can't reach my storage right now, so nothing was saved or changed. Please try again in a minute."
)
EXPIRED = "This button belongs to an older answer I can't use any more. Ask again with `/job`."
NO_SAVED_JOB = "You haven't saved a job yet. Save one with `/myjob set:<your job title>`."
FEEDBACK_KINDS = {"wrong": "wrong-job", "disagree": "disagree"}


def pulse_text(pulse: Pulse, minimum: int = 0) -> str:
    return "\n".join(pulse.lines(minimum))


class CommunityCog(commands.Cog):
    def __init__(self, bot: Host, store: Store | None) -> None:
        self.bot = bot
        self.engine = bot.engine
        self.store = store
        self._skip_pulse_until = 0.0

    async def _run(self, interaction: discord.Interaction[Any], kind: str, name: str, work: Awaitable[None]) -> None:
        asked = Asked(kind, name, interaction.user.id, interaction.guild_id, time.perf_counter())
        await guarded(asked, work, lambda text: say(interaction, text))

    # ---- the pulse on summaries --------------------------------------------------------------
    async def with_pulse(self, reply: Reply, guild_id: int | None) -> Reply:
        """A job summary with the pulse added once enough people answered, or a note that it is unavailable."""
        if reply.kind is not ReplyKind.SUMMARY or not reply.meta.profile_ids or not reply.cards or self.store is None:
            return reply
        text = UNAVAILABLE
        if time.monotonic() >= self._skip_pulse_until:
            try:
                pulse = await self.store.pulse(reply.meta.profile_ids[0], guild_id, timeout=PULSE_WAIT)
            except StorageUnavailable:
                self._skip_pulse_until = time.monotonic() + PULSE_BACKOFF
            else:
                text = pulse_text(pulse, SHOW_FROM)
        if not text:
            return reply
        first = reply.cards[0]
        card = replace(first, fields=(*first.fields, Field(PULSE_FIELD, text)))
        decorated = replace(reply, cards=(card, *reply.cards[1:]))
        return decorated if not limit_problems(to_payload(decorated)) else reply

    # ---- components --------------------------------------------------------------------------
    async def vote(self, interaction: discord.Interaction[Any], pid: str, values: list[str]) -> None:
        await self._run(interaction, "select", "pulse", self._vote(interaction, pid, values))

    async def _vote(self, interaction: discord.Interaction[Any], pid: str, values: list[str]) -> None:
        profile = self.engine.summary(pid)
        if profile is None or not values or not values[0].isdigit() or int(values[0]) not in set(Answer):
            await say(interaction, EXPIRED)
            return
        if self.store is None:
            await say(interaction, VOTE_UNAVAILABLE)
            return
        answer = Answer(int(values[0]))
        try:
            pulse = await self.store.vote(pid, interaction.user.id, interaction.guild_id, answer)
        except StorageUnavailable:
            await say(interaction, VOTE_UNAVAILABLE)
            return
        self._skip_pulse_until = 0.0
        await say(
            interaction,
            f"Thanks! You answered **{answer.label}** for {profile.title}. You can change it any time.\n"
            f"{QUESTION}\n{pulse_text(pulse)}",
        )

    async def action(self, interaction: discord.Interaction[Any], action: str, pid: str, arg: str) -> None:
        await self._run(interaction, "button", action, self._action(interaction, action, pid, arg))

    async def _action(self, interaction: discord.Interaction[Any], action: str, pid: str, arg: str) -> None:
        profile = self.engine.summary(pid)
        if profile is None:
            await say(interaction, EXPIRED)
        elif action in FEEDBACK_KINDS:
            await interaction.response.send_modal(FeedbackModal(action, pid, arg))
        elif action == "save":
            tasks = tuple(t for t in parse_split(arg) if t < len(profile.tasks))
            if not await self._store_call(
                interaction, lambda s: s.save_job(interaction.user.id, pid, profile.title, tasks)
            ):
                return
            await say(interaction, f"Saved: {profile.title}, with your time split. `/myjob` shows it any time.")

    async def _store_call(
        self, interaction: discord.Interaction[Any], work: Callable[[Store], Awaitable[object]]
    ) -> bool:
        """Runs one storage call; on failure tells the user nothing changed and returns False."""
        if self.store is None:
            await say(interaction, STORAGE_UNAVAILABLE)
            return False
        try:
            await work(self.store)
        except StorageUnavailable:
            await say(interaction, STORAGE_UNAVAILABLE)
            return False
        return True

    # ---- feedback modal ------------------------------------------------------------------------
    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        data: dict[str, Any] = dict(interaction.data or {})
        custom_id = str(data.get("custom_id", ""))
        if interaction.type is not discord.InteractionType.modal_submit or not custom_id.startswith(MODAL_PREFIX):
            return
        await self._run(interaction, "modal", "feedback", self._feedback(interaction, custom_id, data))

    async def _feedback(self, interaction: discord.Interaction[Any], custom_id: str, data: dict[str, Any]) -> None:
        match = FEEDBACK_ID.match(custom_id)
        if match is None or self.engine.summary(match["pid"]) is None:
            await say(interaction, EXPIRED)
            return
        reason = text_value(data).strip()
        if not reason:
            await say(interaction, "Tell me in a few words what is wrong, and I'll pass it on.")
            return
        note = FeedbackNote(
            kind=FEEDBACK_KINDS[match["kind"]],
            query=match["query"] or "",
            profile_id=match["pid"],
            reason=reason,
            user_id=interaction.user.id,
            guild_id=interaction.guild_id,
        )
        if await self._store_call(interaction, lambda s: s.add_feedback(note)):
            await say(interaction, "Thanks: I've passed that on to the maintainers.")

    # ---- slash commands ------------------------------------------------------------------------
    @app_commands.command(name="myjob", description="Your saved job (re-scored with your own split), or save one")
    @app_commands.rename(title="set")
    @app_commands.describe(title="Save this job title as yours")
    async def myjob(
        self, interaction: discord.Interaction[Any], title: app_commands.Range[str, 1, 200] | None = None
    ) -> None:
        if title is not None:
            await self._save_job(interaction, title)
            return
        if self.store is None:
            await say(interaction, STORAGE_UNAVAILABLE)
            return
        try:
            saved = await self.store.saved_job(interaction.user.id)
        except StorageUnavailable:
            await say(interaction, STORAGE_UNAVAILABLE)
            return
        if saved is None or self.engine.summary(saved.profile_id) is None:
            await say(interaction, NO_SAVED_JOB)
            return
        if saved.tasks:
            await send(interaction, self.engine.personalise(saved.profile_id, Focus(saved.tasks)), ephemeral=True)
            return
        reply = self.engine.show(ProfileRef(saved.profile_id), query=saved.query)
        await send(interaction, await self.with_pulse(reply, interaction.guild_id), ephemeral=True)

    async def _save_job(self, interaction: discord.Interaction[Any], title: str) -> None:
        reply = self.engine.job(title)
        if reply.kind is not ReplyKind.SUMMARY or not reply.meta.profile_ids:
            await send(interaction, reply, ephemeral=True)
            await interaction.followup.send(
                "I didn't save anything: use `/myjob set:` with the exact title of your job.", ephemeral=True
            )
            return
        pid = reply.meta.profile_ids[0]
        if not await self._store_call(interaction, lambda s: s.save_job(interaction.user.id, pid, title)):
            return
        reply = replace(reply, content=f"Saved as your job. `/myjob` shows it any time.\n{reply.content}".strip())
        await send(interaction, await self.with_pulse(reply, interaction.guild_id), ephemeral=True)

    @app_commands.command(name="forget-me", description="Delete everything jobbot stores about you")
    async def forget_me(self, interaction: discord.Interaction[Any]) -> None:
        if self.store is None:
            await say(interaction, "I store nothing about you.")
            return
        try:
            gone = await self.store.forget(interaction.user.id)
        except StorageUnavailable:
            await say(interaction, STORAGE_UNAVAILABLE)
            return
        await say(
            interaction,
            "Done: I deleted everything I stored about you "
            f"({gone.votes} pulse answers, {gone.saved_jobs} saved job, {gone.feedback} feedback notes).",
        )
