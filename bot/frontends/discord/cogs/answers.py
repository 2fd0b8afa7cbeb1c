"""Slash commands: each turns its options into one engine call and sends the rendered reply."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.frontends.discord import metrics
from bot.frontends.discord.host import Host
from bot.frontends.discord.payloads import message_args, notice
from bot.frontends.discord.pictures import send_answer
from bot.frontends.discord.respond import compute, say
from bot.present.reply import Reply, ReplyKind
from bot.sources.refs import ProfileRef

log = logging.getLogger("jobbot.compare")
TITLE = "A job title, however you say it: “rn”, “senior backend dev”, “I drive for Uber”"
LOCATION = "A state or metro area for local pay: “Texas”, “Austin”, “San Jose”"
THREAD_NAME_MAX = 100
NO_THREAD = "I can't open a thread here{why}, so here is the detailed breakdown inline."
CONTEXT_MENU = "Will AI replace this job?"  # message context menus take 1-32 characters
NO_JOB_IN_MESSAGE = "That message has no text I can read a job from. Try `/job` with a title."


def _cooldown(interaction: discord.Interaction[Any]) -> app_commands.Cooldown | None:
    bot = cast(Host, interaction.client)
    return app_commands.Cooldown(bot.settings_cooldown[0], bot.settings_cooldown[1])


cooldown = app_commands.checks.dynamic_cooldown(_cooldown, key=lambda i: i.user.id)


class Answers(commands.Cog):
    def __init__(self, bot: Host) -> None:
        self.bot = bot
        self.engine = bot.engine
        self.menu = app_commands.ContextMenu(name=CONTEXT_MENU, callback=self.job_in_message)

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    async def _answer(
        self, interaction: discord.Interaction[Any], work: Callable[[], Reply], *, ephemeral: bool = False
    ) -> Reply:
        """Computes a reply off the event loop, then sends it with its share card when it has one."""
        reply = await compute(interaction, work, ephemeral=ephemeral)
        reply = await self.bot.with_pulse(reply, interaction.guild_id)  # summaries only; others pass through
        await send_answer(interaction, self.engine, reply, ephemeral=ephemeral)
        return reply

    @cooldown
    async def job_in_message(self, interaction: discord.Interaction[Any], message: discord.Message) -> None:
        """The message context menu: answers the job the message names, privately, with a Share button."""
        text = " ".join(message.content.split())[:300]
        if not text:
            await say(interaction, NO_JOB_IN_MESSAGE)
            return
        await self._answer(interaction, lambda: self.engine.answer(text), ephemeral=True)

    async def _titles(self, interaction: discord.Interaction[Any], current: str) -> list[app_commands.Choice[str]]:
        try:
            return [app_commands.Choice(name=s.name, value=s.value) for s in self.engine.suggest_titles(current)]
        except Exception:  # an autocomplete answer is a list of choices or nothing: never a message
            log.exception("autocomplete failed", extra={"event": "autocomplete", "outcome": "error"})
            metrics.error("autocomplete")
            return []

    async def _places(self, interaction: discord.Interaction[Any], current: str) -> list[app_commands.Choice[str]]:
        try:
            return [
                app_commands.Choice(name=p.name[:100], value=p.name[:100]) for p in self.engine.suggest_places(current)
            ]
        except Exception:
            log.exception("autocomplete failed", extra={"event": "autocomplete", "outcome": "error"})
            return []

    async def _questions(self, interaction: discord.Interaction[Any], current: str) -> list[app_commands.Choice[str]]:
        try:
            return [
                app_commands.Choice(name=f.question[:100], value=f.question[:100])
                for f in self.engine.suggest_faqs(current)
            ]
        except Exception:
            log.exception("autocomplete failed", extra={"event": "autocomplete", "outcome": "error"})
            metrics.error("autocomplete")
            return []

    @app_commands.command(name="job", description="Will AI replace this job? Exposure, risk, tasks, pay and moves")
    @app_commands.describe(title=TITLE, location=LOCATION)
    @cooldown
    async def job(
        self,
        interaction: discord.Interaction[Any],
        title: app_commands.Range[str, 1, 200],
        location: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        await self._answer(interaction, lambda: self.engine.job(title, where=location))

    @app_commands.command(name="tasks", description="Task-by-task AI exposure for a job")
    @app_commands.describe(title=TITLE)
    @cooldown
    async def tasks(self, interaction: discord.Interaction[Any], title: app_commands.Range[str, 1, 200]) -> None:
        await self._answer(interaction, lambda: self.engine.job(title, ReplyKind.TASKS))

    @app_commands.command(name="careers", description="Skills worth building and career moves for a job")
    @app_commands.describe(title=TITLE, location=LOCATION)
    @cooldown
    async def careers(
        self,
        interaction: discord.Interaction[Any],
        title: app_commands.Range[str, 1, 200],
        location: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        await self._answer(interaction, lambda: self.engine.job(title, ReplyKind.CAREERS, where=location))

    @app_commands.command(name="faq", description="General questions: what exposure means, where the data comes from…")
    @app_commands.describe(question="Your question, or pick one")
    @cooldown
    async def faq(self, interaction: discord.Interaction[Any], question: app_commands.Range[str, 1, 200]) -> None:
        await self._answer(interaction, lambda: self.engine.faq(question))

    @app_commands.command(name="ask", description="Ask in plain words: “will AI replace paralegals?”")
    @app_commands.describe(question="Any question about jobs and AI")
    @cooldown
    async def ask(self, interaction: discord.Interaction[Any], question: app_commands.Range[str, 1, 300]) -> None:
        await self._answer(interaction, lambda: self.engine.answer(question))

    @app_commands.command(name="methodology", description="How jobbot scores jobs")
    @cooldown
    async def methodology(self, interaction: discord.Interaction[Any]) -> None:
        await self._answer(interaction, lambda: self.engine.page(ReplyKind.METHODOLOGY))

    @app_commands.command(name="about", description="Data sources, release, attribution and version")
    @cooldown
    async def about(self, interaction: discord.Interaction[Any]) -> None:
        await self._answer(interaction, lambda: self.engine.page(ReplyKind.ABOUT))

    @app_commands.command(name="compare", description="Compare two jobs side by side, with a thread for follow-ups")
    @app_commands.describe(first=TITLE, second="The job to compare with", location=LOCATION)
    @cooldown
    async def compare(
        self,
        interaction: discord.Interaction[Any],
        first: app_commands.Range[str, 1, 200],
        second: app_commands.Range[str, 1, 200],
        location: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        reply = await self._answer(interaction, lambda: self.engine.compare(first, second, where=location))
        if reply.kind is not ReplyKind.COMPARE:
            return  # one side was ambiguous or unknown, or both are one job: that reply already says so
        await self._thread(interaction, *reply.meta.profile_ids)

    async def _thread(self, interaction: discord.Interaction[Any], first: str, second: str) -> None:
        """Opens a public thread on the comparison with the breakdown; inline where threads are impossible."""
        details = [self.engine.show(ProfileRef(pid), ReplyKind.TASKS) for pid in (first, second)]
        titles = [s.title for s in map(self.engine.summary, (first, second)) if s is not None]
        name = " vs ".join(titles)[:THREAD_NAME_MAX]
        channel = interaction.channel
        why = ""
        if interaction.guild_id is not None and not interaction.is_guild_integration():
            why = " (I'm installed to your account, not to this server)"
        elif isinstance(channel, discord.TextChannel):
            try:
                message = await interaction.original_response()
                thread = await message.create_thread(name=name, auto_archive_duration=1440)
            except discord.Forbidden:
                why = " (I'm missing the Create Public Threads permission)"
            except discord.HTTPException:
                log.warning("thread creation failed", exc_info=True)
                why = " (Discord refused the thread)"
            else:
                await self.bot.remember_comparison(thread.id, first, second)
                for reply in details:
                    await thread.send(**message_args(reply))
                await thread.send(
                    **notice(
                        "Mention me here with another job (“@jobbot what about pharmacists?”) "
                        "and I'll add it to this comparison."
                    )
                )
                return
        else:
            why = " (threads need a server text channel)"
        await interaction.followup.send(**notice(NO_THREAD.format(why=why)))
        for reply in details:
            await interaction.followup.send(**message_args(reply))

    job.autocomplete("title")(_titles)
    tasks.autocomplete("title")(_titles)
    careers.autocomplete("title")(_titles)
    compare.autocomplete("first")(_titles)
    compare.autocomplete("second")(_titles)
    faq.autocomplete("question")(_questions)
    job.autocomplete("location")(_places)
    careers.autocomplete("location")(_places)
    compare.autocomplete("location")(_places)
