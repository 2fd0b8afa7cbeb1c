"""Plain questions: answered when the bot is mentioned in a server or written to in a DM.

Needs no privileged intent: Discord sends message content for DMs and for messages that
mention the bot. In a comparison thread, a follow-up naming another job is answered as a
comparison with the thread's two jobs.
"""

from __future__ import annotations

import contextlib
import re
import time
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.frontends.discord import logs
from bot.frontends.discord.components import reply_args
from bot.frontends.discord.payloads import notice
from bot.present.reply import Reply
from bot.understand.questions import Intent

if TYPE_CHECKING:
    from bot.frontends.discord.client import JobBot

SLOW_DOWN = "You're asking faster than I can keep up. Try again in {seconds:.0f} s."
FAILED = "Sorry, something went wrong on my side. Please try again in a moment."


class Conversation(commands.Cog):
    def __init__(self, bot: JobBot) -> None:
        self.bot = bot
        self.engine = bot.engine
        rate, per = bot.settings_cooldown
        self.cooldowns = commands.CooldownMapping.from_cooldown(rate, per, commands.BucketType.user)

    def _addressed(self, message: discord.Message) -> bool:
        if message.author.bot or self.bot.user is None:
            return False
        if message.guild is None:
            return True
        return self.bot.user in message.mentions

    def _text(self, message: discord.Message) -> str:
        assert self.bot.user is not None
        return re.sub(rf"<@!?{self.bot.user.id}>", " ", message.content).strip()

    def _answer(self, message: discord.Message, text: str) -> Reply:
        context = self.bot.comparison_for(message.channel)
        if context is not None:
            question = self.engine.parse(text)
            if question.intent in (Intent.SUMMARY, Intent.COMPARE) and question.jobs:
                extra = [self.engine.resolve(job).profile for job in question.jobs]
                ids = [*context, *(p.id for p in extra if p is not None)]
                if len(set(ids)) > len(set(context)):
                    return self.engine.compare_many(ids)
            return self.engine.answer_parsed(question)
        return self.engine.answer(text)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if not self._addressed(message):
            return
        started = time.perf_counter()
        guild = message.guild.id if message.guild else None
        retry = self.cooldowns.update_rate_limit(message)
        try:
            if retry:
                await message.reply(**notice(SLOW_DOWN.format(seconds=retry)), mention_author=False)
                logs.record("message", "ask", message.author.id, guild, started, "cooldown")
                return
            reply = self._answer(message, self._text(message))
            await message.reply(mention_author=False, **reply_args(reply))
        except Exception:
            logs.record("message", "ask", message.author.id, guild, started, "error", exc_info=True)
            with contextlib.suppress(discord.HTTPException):
                await message.reply(**notice(FAILED), mention_author=False)
            return
        logs.record("message", "ask", message.author.id, guild, started, "ok", detail=reply.kind)
