"""DiscordStandIn: a loopback Discord (gateway + REST) for end-to-end tests of a discord.py bot.

Binds 127.0.0.1 on a random port and talks to nothing else.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections.abc import Callable, Coroutine, Mapping, Sequence
from types import TracebackType
from typing import Any, TypeVar

from aiohttp import web

from . import payloads as p
from .builders import Builders, Options
from .gateway import INVALID_SESSION, RECONNECT, Gateway, GatewayConnection, GatewayOp, GatewaySession, GatewaySettings
from .payloads import JSON
from .rest import Fault, RecordedRequest, RestApi
from .world import GuildSpec, InteractionRecord, World

_log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_BODY = 64 * 1024 * 1024
#: Conditions may depend on client-side state too, so waits also re-check on this interval.
RECHECK_INTERVAL = 0.02


class DiscordStandIn:
    """A fake Discord that the unmodified discord.py client can log in to and be driven through.

    Tests dispatch gateway events (interactions, messages) and assert on the REST requests
    the bot made, each recorded with the status Discord would have answered.
    """

    def __init__(
        self,
        *,
        token: str = "standin.bot.token",
        bot_name: str = "jobbot",
        guilds: Sequence[GuildSpec] | None = None,
        heartbeat_interval: int = 41250,
        compress: bool = False,
        callback_deadline: float = 3.0,
        token_lifetime: float = 900.0,
        shard_count: int = 1,
        max_concurrency: int = 1,
        echo_events: bool = True,
    ) -> None:
        self.token = token
        self.heartbeat_interval = heartbeat_interval
        self.compress = compress
        self.callback_deadline = callback_deadline
        self.token_lifetime = token_lifetime
        self.shard_count = shard_count
        self.max_concurrency = max_concurrency
        self.echo_events = echo_events
        self.world = World(guilds or [GuildSpec()], bot_name=bot_name)
        self.build = Builders(self.world)
        self.gateway = Gateway(
            self.world,
            token=lambda: self.token,
            settings=lambda: GatewaySettings(self.heartbeat_interval, self.compress),
            on_change=self.notify,
        )
        self.rest = RestApi(self)
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._waiters: list[asyncio.Future[None]] = []
        self._tasks: set[asyncio.Task[Any]] = set()

    # ------------------------------------------------------------ lifecycle
    async def start(self) -> DiscordStandIn:
        app = web.Application(client_max_size=MAX_BODY)
        app.router.add_get("/gateway", self.gateway.handle)
        app.router.add_get("/resume", self.gateway.handle)
        app.router.add_route("*", "/api/v10/{tail:.*}", self.rest.handle)
        app.router.add_get("/attachments/{channel}/{attachment}/{filename}", self._attachment)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        self.gateway.resume_url = self.resume_gateway_url
        return self

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.gateway.close_all()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> DiscordStandIn:
        return await self.start()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    # ------------------------------------------------------------ addresses
    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """What `discord.http.Route.BASE` must be set to."""
        return f"{self.http_url}/api/v10"

    @property
    def gateway_url(self) -> str:
        """What `DiscordWebSocket.DEFAULT_GATEWAY` must be set to (also served by /gateway/bot)."""
        return f"ws://127.0.0.1:{self.port}/gateway"

    @property
    def resume_gateway_url(self) -> str:
        """Sent in READY; a separate path so tests can see resumes land there."""
        return f"ws://127.0.0.1:{self.port}/resume"

    # --------------------------------------------------------- world ids
    @property
    def application_id(self) -> int:
        return self.world.application_id

    @property
    def bot_user_id(self) -> int:
        return self.world.bot_user_id

    @property
    def guild_id(self) -> int:
        return self.world.guild_id

    @property
    def channel_id(self) -> int:
        return self.world.channel_id

    @property
    def user_id(self) -> int:
        return self.world.user_id

    # ------------------------------------------------------------ records
    @property
    def requests(self) -> list[RecordedRequest]:
        return self.rest.requests

    @property
    def connections(self) -> list[GatewayConnection]:
        return self.gateway.connections

    @property
    def sessions(self) -> dict[str, GatewaySession]:
        return self.gateway.sessions

    @property
    def identifies(self) -> list[GatewayOp]:
        return [op for op in self.gateway.ops if op.op == 2]

    @property
    def resumes(self) -> list[GatewayOp]:
        return [op for op in self.gateway.ops if op.op == 6]

    def mark(self) -> int:
        """Index to pass as `since=` so later waits ignore earlier requests."""
        return len(self.rest.requests)

    def requests_matching(self, method: str, path_regex: str, *, since: int = 0) -> list[RecordedRequest]:
        """Recorded requests whose method matches ("*" for any) and whose path `re.search`es."""
        pattern = re.compile(path_regex)
        return [
            r
            for r in self.rest.requests[since:]
            if method.upper() in ("*", r.method) and pattern.search(r.path) is not None
        ]

    # --------------------------------------------------------------- waiting
    def notify(self) -> None:
        """Wake every waiter so it re-checks its condition."""
        waiters, self._waiters = self._waiters, []
        for future in waiters:
            if not future.done():
                future.set_result(None)

    async def wait_until(self, check: Callable[[], T | None], *, timeout: float, what: str) -> T:
        """Return check()'s first truthy value, re-checked on every stand-in event and every 20 ms."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = check()
            if result:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                recent = ", ".join(f"{r.method} {r.path} -> {r.status}" for r in self.requests[-8:])
                raise TimeoutError(f"timed out after {timeout}s waiting for {what}; recent requests: [{recent}]")
            future: asyncio.Future[None] = loop.create_future()
            self._waiters.append(future)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(future, min(remaining, RECHECK_INTERVAL))

    async def wait_for_request(
        self,
        method: str,
        path_regex: str,
        *,
        timeout: float = 5.0,
        since: int = 0,
        status: int | None = None,
        predicate: Callable[[RecordedRequest], bool] | None = None,
    ) -> RecordedRequest:
        """First recorded request (from index `since`) matching method, path, status and predicate."""

        def check() -> RecordedRequest | None:
            for r in self.requests_matching(method, path_regex, since=since):
                if (status is None or r.status == status) and (predicate is None or predicate(r)):
                    return r
            return None

        return await self.wait_until(check, timeout=timeout, what=f"{method} {path_regex}")

    async def wait_for_callback(self, interaction: InteractionRecord, *, timeout: float = 5.0) -> RecordedRequest:
        """The (first) interaction-callback request for this interaction."""
        return await self.wait_for_request("POST", rf"^/interactions/{interaction.id}/[^/]+/callback$", timeout=timeout)

    async def wait_for_identify(self, count: int = 1, *, timeout: float = 5.0) -> GatewayOp:
        return await self._wait_op(lambda: self.identifies, count, timeout, "IDENTIFY")

    async def wait_for_resume(self, count: int = 1, *, timeout: float = 5.0) -> GatewayOp:
        return await self._wait_op(lambda: self.resumes, count, timeout, "RESUME")

    async def _wait_op(self, ops: Callable[[], list[GatewayOp]], count: int, timeout: float, what: str) -> GatewayOp:
        return await self.wait_until(
            lambda: ops()[count - 1] if len(ops()) >= count else None, timeout=timeout, what=f"{what} #{count}"
        )

    # ------------------------------------------------------------- gateway
    async def dispatch(self, event: str, data: JSON, *, guild_id: int | None = None) -> int:
        """Send a DISPATCH to the session owning `guild_id` (or the payload's); returns its seq."""
        if guild_id is None and data.get("guild_id"):
            guild_id = int(data["guild_id"])
        if event == "INTERACTION_CREATE":
            self._register_interaction(data)
        return await self.gateway.dispatch(event, data, guild_id=guild_id)

    async def drop_connection(self, *, code: int | None = None, shard_id: int | None = None) -> int:
        """Cut the live websocket(s): abort TCP (code None) or close with `code`; the client should RESUME."""
        return await self.gateway.drop(code=code, shard_id=shard_id)

    async def send_reconnect(self, *, shard_id: int | None = None) -> int:
        """Op 7 RECONNECT: the client closes and RESUMEs."""
        return await self.gateway.send_op(RECONNECT, None, shard_id=shard_id)

    async def send_invalid_session(self, *, resumable: bool = False, shard_id: int | None = None) -> int:
        """Op 9: with resumable=False the session is forgotten and the client IDENTIFYs again."""
        return await self.gateway.send_op(INVALID_SESSION, resumable, shard_id=shard_id)

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        """Run a background dispatch, cancelled at stop()."""
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            _log.warning("stand-in background dispatch failed: %r", task.exception())

    async def deliver_message(self, event: str, message: JSON) -> JSON | None:
        """Dispatch a message event the way Discord filters it by the session's intents.

        Returns the data delivered (content blanked without the message-content intent, as
        Discord does for guild messages that do not mention the bot) or None if not delivered.
        """
        guild_id = int(message["guild_id"]) if message.get("guild_id") else None
        try:
            session = self.gateway.session_for(guild_id)
        except RuntimeError:
            return None
        needed = p.INTENT_GUILD_MESSAGES if guild_id is not None else p.INTENT_DIRECT_MESSAGES
        if not session.has_intent(needed):
            _log.info("not delivering %s: the session lacks intent %d", event, needed)
            return None
        data = dict(message)
        if guild_id is not None and "author" in data:
            data.setdefault("member", self.world.member(guild_id, int(data["author"]["id"]), with_user=False))
        bot = str(self.bot_user_id)
        exempt = (
            guild_id is None
            or data.get("author", {}).get("id") == bot
            or any(u.get("id") == bot for u in data.get("mentions") or [])
        )
        if not exempt and not session.has_intent(p.INTENT_MESSAGE_CONTENT):
            data.update(content="", embeds=[], attachments=[], components=[])
            data.pop("poll", None)
        await session.dispatch(event, data)
        return data

    # --------------------------------------------------------- interactions
    def _register_interaction(self, payload: JSON) -> InteractionRecord:
        interaction_id = int(payload["id"])
        existing = self.world.interactions.get(interaction_id)
        if existing is not None:
            return existing  # a re-delivered event keeps its original deadline
        user = payload.get("member", {}).get("user") or payload.get("user") or {}
        message = payload.get("message")
        record = InteractionRecord(
            id=interaction_id,
            token=payload["token"],
            kind=int(payload["type"]),
            payload=payload,
            channel_id=int(payload["channel"]["id"]),
            guild_id=int(payload["guild_id"]) if payload.get("guild_id") else None,
            user_id=int(user.get("id", 0)),
            created_at=self.now(),
            source_message_id=int(message["id"]) if message else None,
        )
        self.world.interactions[interaction_id] = record
        self.world.tokens[record.token] = record
        return record

    async def dispatch_interaction(self, payload: JSON) -> InteractionRecord:
        """Dispatch INTERACTION_CREATE; the 3 s callback deadline starts now."""
        record = self._register_interaction(payload)
        await self.dispatch("INTERACTION_CREATE", payload)
        return record

    async def slash_command(
        self,
        name: str,
        options: Options = None,
        *,
        user_id: int | None = None,
        guild: bool = True,
        channel_id: int | None = None,
    ) -> InteractionRecord:
        """A user runs /name (options as {name: value} or raw option dicts)."""
        payload = self.build.slash_command(name, options, user_id=user_id, guild=guild, channel_id=channel_id)
        return await self.dispatch_interaction(payload)

    async def autocomplete(
        self,
        name: str,
        options: Options,
        *,
        focused: str,
        user_id: int | None = None,
        guild: bool = True,
        channel_id: int | None = None,
    ) -> InteractionRecord:
        """A user types into option `focused` of /name."""
        payload = self.build.autocomplete(
            name, options, focused=focused, user_id=user_id, guild=guild, channel_id=channel_id
        )
        return await self.dispatch_interaction(payload)

    async def component(
        self,
        custom_id: str,
        *,
        component_type: int = 2,
        values: Sequence[str] | None = None,
        message_id: int | None = None,
        user_id: int | None = None,
    ) -> InteractionRecord:
        """A user clicks a button / picks from a select on a message the bot sent."""
        payload = self.build.component(
            custom_id, component_type=component_type, values=values, message_id=message_id, user_id=user_id
        )
        return await self.dispatch_interaction(payload)

    async def modal_submit(
        self,
        custom_id: str,
        values: Mapping[str, str] | None = None,
        *,
        components: list[JSON] | None = None,
        message_id: int | None = None,
        user_id: int | None = None,
        guild: bool = True,
        channel_id: int | None = None,
    ) -> InteractionRecord:
        """A user submits the modal `custom_id` with text-input values keyed by custom_id."""
        payload = self.build.modal_submit(
            custom_id,
            values,
            components=components,
            message_id=message_id,
            user_id=user_id,
            guild=guild,
            channel_id=channel_id,
        )
        return await self.dispatch_interaction(payload)

    async def message_create(
        self,
        content: str,
        *,
        user_id: int | None = None,
        dm: bool = False,
        mention_bot: bool = False,
        channel_id: int | None = None,
        reply_to: int | None = None,
    ) -> JSON | None:
        """A user posts a message; returns what was delivered (None if intents filtered it out)."""
        message = self.build.message(
            content, user_id=user_id, dm=dm, mention_bot=mention_bot, channel_id=channel_id, reply_to=reply_to
        )
        return await self.deliver_message("MESSAGE_CREATE", message)

    def interaction(self, interaction_id: int) -> InteractionRecord:
        return self.world.interactions[interaction_id]

    # --------------------------------------------------------------- faults
    def fail_next(
        self,
        method: str,
        path_regex: str,
        *,
        status: int = 429,
        retry_after: float = 0.2,
        times: int = 1,
        code: int | None = None,
        message: str | None = None,
        scope: str = "user",
        is_global: bool = False,
    ) -> Fault:
        """Answer the next `times` matching requests with `status` (429s carry Discord's headers)."""
        fault = Fault(
            method=method.upper(),
            pattern=re.compile(path_regex),
            status=status,
            retry_after=retry_after,
            times=times,
            code=code,
            message=message,
            scope=scope,
            is_global=is_global,
        )
        self.rest.faults.append(fault)
        return fault

    # -------------------------------------------------------------- helpers
    @staticmethod
    def now() -> float:
        return time.monotonic()

    async def _attachment(self, request: web.Request) -> web.Response:
        key = (int(request.match_info["channel"]), int(request.match_info["attachment"]))
        blob = self.rest.files.get(key)
        if blob is None:
            return web.Response(status=404)
        return web.Response(body=blob, content_type="application/octet-stream")
