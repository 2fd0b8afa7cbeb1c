"""Plain questions: answered when the bot is mentioned in a server or written to in a DM.

Needs no privileged intent: Discord sends message content for DMs and for messages that
mention the bot. In a comparison thread, a follow-up naming another job is answered as a
comparison with the thread's two jobs; in DMs and threads a follow-up ("and dentists?", "what about
the tasks?") refers to the jobs last discussed, kept per channel (bounded).
"""

from __future__ import annotations

import asyncio
import re
import time
from collections import OrderedDict

import discord
from discord.ext import commands

from bot.answer.conversation import Context
from bot.frontends.discord import metrics
from bot.frontends.discord.guard import Asked, guarded, quietly
from bot.frontends.discord.host import Host
from bot.frontends.discord.payloads import notice
from bot.frontends.discord.views import reply_args

CONTEXTS_KEPT = 4096  # conversations remembered (DMs and comparison threads), least recently used dropped first
SLOW_DOWN = "You're asking faster than I can keep up. Try again in {seconds:.0f} s."


class Conversation(commands.Cog):
    def __init__(self, bot: Host) -> None:
        self.bot = bot
        self.engine = bot.engine
        rate, per = bot.settings_cooldown
        self.cooldowns = commands.CooldownMapping.from_cooldown(rate, per, commands.BucketType.user)
        self.contexts: OrderedDict[int, Context] = OrderedDict()

    async def _context(self, message: discord.Message) -> Context | None:
        """What a DM or comparison thread last discussed; None where messages stand alone (server channels)."""
        known = self.contexts.get(message.channel.id)
        if known is not None:
            self.contexts.move_to_end(message.channel.id)
            return known
        compared = await self.bot.comparison_for(message.channel)
        if compared is not None:
            return Context.comparison(compared)
        return Context() if message.guild is None else None

    def _keep(self, channel_id: int, context: Context) -> None:
        self.contexts[channel_id] = context
        self.contexts.move_to_end(channel_id)
        while len(self.contexts) > CONTEXTS_KEPT:
            self.contexts.popitem(last=False)

    def _addressed(self, message: discord.Message) -> bool:
        if message.author.bot or self.bot.user is None:
            return False
        if message.guild is None:
            return True
        return self.bot.user in message.mentions

    def _text(self, message: discord.Message) -> str:
        assert self.bot.user is not None
        return re.sub(rf"<@!?{self.bot.user.id}>", " ", message.content).strip()

    async def _reply(self, message: discord.Message) -> str:
        """Answers the message; returns the reply kind for the log line."""
        text = self._text(message)
        context = await self._context(message)
        # off the event loop: a long or slow question must not hold up every other user's answer
        with metrics.matching():
            turn = await asyncio.to_thread(self.engine.converse, text, context or Context())
        if context is not None:
            self._keep(message.channel.id, turn.context)
        reply = await self.bot.with_pulse(turn.reply, message.guild.id if message.guild else None)
        await message.reply(mention_author=False, **reply_args(reply))
        metrics.answered(reply.kind.value)
        return reply.kind.value

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if not self._addressed(message):
            return
        asked = Asked(
            "message", "ask", message.author.id, message.guild.id if message.guild else None, time.perf_counter()
        )
        retry = self.cooldowns.update_rate_limit(message)
        if retry:
            await quietly(message.reply(**notice(SLOW_DOWN.format(seconds=retry)), mention_author=False))
            asked.record("cooldown")
            return
        await guarded(asked, self._reply(message), lambda text: message.reply(**notice(text), mention_author=False))
