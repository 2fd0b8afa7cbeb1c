"""The websocket gateway: HELLO, heartbeats, IDENTIFY/READY, RESUME with replay, dispatches.

Sessions outlive connections, like Discord's: events dispatched while the client is away are
numbered and kept, then replayed when it RESUMEs.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import zlib
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from . import payloads as p
from .payloads import JSON
from .world import World

_log = logging.getLogger(__name__)

DISPATCH, HEARTBEAT, IDENTIFY, PRESENCE, RESUME = 0, 1, 2, 3, 6
RECONNECT, REQUEST_MEMBERS, INVALID_SESSION, HELLO, HEARTBEAT_ACK = 7, 8, 9, 10, 11
HISTORY_LIMIT = 1000


@dataclass
class GatewayConnection:
    """One websocket; `compression` is "zlib-stream" when frames are sent compressed."""

    id: int
    ws: web.WebSocketResponse
    request: web.Request
    path: str
    query: dict[str, str]
    compression: str | None
    session: GatewaySession | None = None
    heartbeats: int = 0
    closed: bool = False
    _compressor: Any = None
    _send_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def send(self, frame: JSON) -> bool:
        """Send one frame; False when the socket is already gone (the session keeps it)."""
        raw = json.dumps(frame, separators=(",", ":"))
        async with self._send_lock:
            if self.closed or self.ws.closed:
                return False
            try:
                if self.compression == "zlib-stream":
                    if self._compressor is None:
                        self._compressor = zlib.compressobj()
                    data = self._compressor.compress(raw.encode()) + self._compressor.flush(zlib.Z_SYNC_FLUSH)
                    await self.ws.send_bytes(data)
                else:
                    await self.ws.send_str(raw)
            except (ConnectionError, RuntimeError):
                return False
        return True


@dataclass
class GatewaySession:
    """A gateway session: sequence numbers and the event history used for RESUME replay."""

    session_id: str
    shard: tuple[int, int] | None
    intents: int
    seq: int = 0
    connection: GatewayConnection | None = None
    history: deque[JSON] = field(default_factory=lambda: deque(maxlen=HISTORY_LIMIT))
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def shard_id(self) -> int:
        return self.shard[0] if self.shard else 0

    def has_intent(self, bit: int) -> bool:
        return bool(self.intents & bit)

    async def dispatch(self, event: str, data: JSON) -> int:
        """Number, remember and (if connected) send one event."""
        async with self.lock:
            self.seq += 1
            frame = {"op": DISPATCH, "t": event, "s": self.seq, "d": data}
            self.history.append(frame)
            if self.connection is not None:
                await self.connection.send(frame)
            return self.seq


@dataclass(frozen=True)
class GatewayOp:
    """One frame the client sent, for assertions (identifies, resumes, presence...)."""

    op: int
    data: Any
    connection_id: int
    path: str


class Gateway:
    """Serves the websocket route and owns the sessions."""

    def __init__(
        self,
        world: World,
        *,
        token: Callable[[], str],
        settings: Callable[[], GatewaySettings],
        on_change: Callable[[], None],
    ) -> None:
        self.world = world
        self._token = token
        self._settings = settings
        self._on_change = on_change
        self.connections: list[GatewayConnection] = []
        self.sessions: dict[str, GatewaySession] = {}
        self.ops: list[GatewayOp] = []
        self.resume_url = ""

    # ------------------------------------------------------------- routing
    def active_sessions(self) -> list[GatewaySession]:
        """Newest session per shard, i.e. the ones Discord would deliver events to."""
        newest: dict[int, GatewaySession] = {}
        for session in self.sessions.values():
            newest[session.shard_id] = session
        return list(newest.values())

    def session_for(self, guild_id: int | None) -> GatewaySession:
        sessions = self.active_sessions()
        if not sessions:
            raise RuntimeError("no gateway session: start the client and wait until it is ready first")
        shard_count = max((s.shard[1] for s in sessions if s.shard), default=1)
        shard_id = 0 if guild_id is None else (guild_id >> 22) % shard_count
        for session in sessions:
            if session.shard_id == shard_id:
                return session
        return sessions[0]

    async def dispatch(self, event: str, data: JSON, *, guild_id: int | None = None) -> int:
        return await self.session_for(guild_id).dispatch(event, data)

    # ----------------------------------------------------------- websocket
    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        settings = self._settings()
        ws = web.WebSocketResponse(max_msg_size=0, autoping=True)
        await ws.prepare(request)
        query = dict(request.query)
        wanted = query.get("compress")
        # discord.py asks for zstd-stream when a zstd module is importable; answering in plain
        # text is allowed (it only decompresses binary frames), so only zlib is ever honoured.
        compression = "zlib-stream" if settings.compress and wanted == "zlib-stream" else None
        conn = GatewayConnection(len(self.connections), ws, request, request.path, query, compression)
        self.connections.append(conn)
        try:
            await conn.send(
                {"op": HELLO, "d": {"heartbeat_interval": settings.heartbeat_interval}, "s": None, "t": None}
            )
            async for msg in ws:
                if msg.type is WSMsgType.TEXT:
                    await self._on_frame(conn, json.loads(msg.data))
                elif msg.type is WSMsgType.BINARY:
                    await self._on_frame(conn, json.loads(msg.data.decode()))
        finally:
            conn.closed = True
            if conn.session is not None and conn.session.connection is conn:
                conn.session.connection = None
            self._on_change()
        return ws

    async def _on_frame(self, conn: GatewayConnection, frame: JSON) -> None:
        op, data = int(frame.get("op") or 0), frame.get("d")
        if op != HEARTBEAT:
            self.ops.append(GatewayOp(op, data, conn.id, conn.path))
        if op == HEARTBEAT:
            conn.heartbeats += 1
            await conn.send({"op": HEARTBEAT_ACK, "d": None, "s": None, "t": None})
        elif op == IDENTIFY and isinstance(data, dict):
            await self._identify(conn, data)
        elif op == RESUME and isinstance(data, dict):
            await self._resume(conn, data)
        self._on_change()

    async def _identify(self, conn: GatewayConnection, data: JSON) -> None:
        if data.get("token") != self._token():
            await conn.ws.close(code=4004, message=b"Authentication failed.")
            return
        if "intents" not in data:
            await conn.ws.close(code=4013, message=b"Invalid intent(s).")
            return
        shard_raw = data.get("shard")
        shard = (int(shard_raw[0]), int(shard_raw[1])) if shard_raw else None
        if shard is not None and not 0 <= shard[0] < shard[1]:
            await conn.ws.close(code=4010, message=b"Invalid shard.")
            return
        session = GatewaySession(secrets.token_hex(16), shard, int(data["intents"]))
        self.sessions[session.session_id] = session
        session.connection = conn
        conn.session = session
        world = self.world
        guild_ids = [g for g in world.guilds if shard is None or (g >> 22) % shard[1] == shard[0]]
        ready: JSON = {
            "v": 10,
            "user": world.users[world.bot_user_id] | {"verified": True, "mfa_enabled": False},
            "guilds": [{"id": str(g), "unavailable": True} for g in guild_ids],
            "session_id": session.session_id,
            "session_type": "normal",
            "resume_gateway_url": self.resume_url,
            "application": {"id": str(world.application_id), "flags": 0},
            "private_channels": [],
            "presences": [],
            "relationships": [],
            "user_settings": {},
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": ["local"],
        }
        if shard_raw is not None:
            ready["shard"] = list(shard_raw)
        await session.dispatch("READY", ready)
        if session.has_intent(p.INTENT_GUILDS):
            for guild_id in guild_ids:
                await session.dispatch("GUILD_CREATE", world.guild_create(guild_id))

    async def _resume(self, conn: GatewayConnection, data: JSON) -> None:
        session = self.sessions.get(str(data.get("session_id")))
        if session is None or data.get("token") != self._token():
            await conn.send({"op": INVALID_SESSION, "d": False, "s": None, "t": None})
            return
        last_seen = int(data.get("seq") or 0)
        old = session.connection
        if old is not None and old is not conn:
            # Discord drops the previous socket of a resumed session.
            old.closed = True
            with contextlib.suppress(Exception):
                await old.ws.close(code=4000)
        async with session.lock:
            session.connection = conn
            conn.session = session
            for frame in [f for f in session.history if f["s"] > last_seen]:
                await conn.send(frame)
        await session.dispatch("RESUMED", {"_trace": ["stand-in"]})

    # ----------------------------------------------------- fault injection
    def _live(self, shard_id: int | None) -> list[GatewayConnection]:
        return [
            c
            for c in self.connections
            if not c.closed and c.session is not None and (shard_id is None or c.session.shard_id == shard_id)
        ]

    async def drop(self, *, code: int | None, shard_id: int | None) -> int:
        """Cut live connections: abort the TCP stream (code None) or close with `code`."""
        dropped = self._live(shard_id)
        for conn in dropped:
            conn.closed = True
            if conn.session is not None and conn.session.connection is conn:
                conn.session.connection = None
            if code is None:
                transport = conn.request.transport
                if transport is not None:
                    transport.abort()
            else:
                with contextlib.suppress(Exception):
                    await conn.ws.close(code=code, message=b"stand-in closed the connection")
        return len(dropped)

    async def send_op(self, op: int, data: Any, *, shard_id: int | None) -> int:
        """Send a non-dispatch op (7 reconnect, 9 invalid session, 1 heartbeat request)."""
        targets = self._live(shard_id)
        for conn in targets:
            if op == INVALID_SESSION and data is False and conn.session is not None:
                self.sessions.pop(conn.session.session_id, None)
            await conn.send({"op": op, "d": data, "s": None, "t": None})
        return len(targets)

    async def close_all(self) -> None:
        for conn in self.connections:
            conn.closed = True
            with contextlib.suppress(Exception):
                await conn.ws.close(code=1001, message=b"stand-in stopping")


@dataclass(frozen=True)
class GatewaySettings:
    """Per-connection settings read when a client connects."""

    heartbeat_interval: int
    compress: bool
