"""REST routes under /api/v10: recording, fault injection, Discord's limits and error bodies.

Every request is recorded with the status the stand-in answered, so tests assert on what the
bot asked Discord to do and on how Discord would have reacted.
"""

from __future__ import annotations

import json
import math
import mimetypes
import re
import time
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from aiohttp import BodyPartReader, web

from . import limits
from . import payloads as p
from .payloads import JSON
from .world import InteractionRecord

if TYPE_CHECKING:
    from .server import DiscordStandIn

Reply = tuple[int, Any]
Handler = Callable[["RecordedRequest", "re.Match[str]"], Awaitable[Reply]]

DEFAULT_PARSE_CHANNEL = ("users", "roles", "everyone")
DEFAULT_PARSE_WEBHOOK = ("users",)
EDITABLE_FLAGS = (1 << 2) | (1 << 12) | p.FLAG_COMPONENTS_V2
SENDABLE_FLAGS = EDITABLE_FLAGS | p.FLAG_EPHEMERAL
ARCHIVE_DURATIONS = (60, 1440, 4320, 10080)
MAX_STORED_FILE = 1024 * 1024
#: Snowflakes and interaction tokens in a path; Discord buckets by route, not by these values.
PATH_PARAMETER = re.compile(r"/(\d{15,}|aW50[^/]+)")


@dataclass(frozen=True)
class RecordedFile:
    """One uploaded file of a multipart request."""

    field: str
    filename: str | None
    size: int
    content_type: str | None


@dataclass
class RecordedRequest:
    """A REST request the client made and what the stand-in answered."""

    method: str
    path: str
    query: dict[str, str]
    json: Any
    files: list[RecordedFile]
    headers: dict[str, str]
    at: float
    status: int = 0
    response: Any = None
    blobs: list[bytes] = field(default_factory=list, repr=False)

    @property
    def code(self) -> int | None:
        """Discord's JSON error code of the answer, if any."""
        return self.response.get("code") if isinstance(self.response, dict) else None


@dataclass
class Fault:
    """A scripted failure for the next `times` requests matching method and path."""

    method: str
    pattern: re.Pattern[str]
    status: int
    retry_after: float
    times: int
    code: int | None = None
    message: str | None = None
    scope: str = "user"
    is_global: bool = False
    hits: list[RecordedRequest] = field(default_factory=list)

    def matches(self, method: str, path: str) -> bool:
        return self.times > 0 and self.method in ("*", method) and self.pattern.search(path) is not None

    def reply(self) -> tuple[int, JSON, dict[str, str]]:
        if self.status == 429:
            body: JSON = {
                "message": self.message or "You are being rate limited.",
                "retry_after": self.retry_after,
                "global": self.is_global,
                "code": self.code or 0,
            }
            headers = {
                "Retry-After": str(max(1, math.ceil(self.retry_after))),
                "X-RateLimit-Limit": "5",
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": f"{time.time() + self.retry_after:.3f}",
                "X-RateLimit-Reset-After": f"{self.retry_after:.3f}",
                "X-RateLimit-Bucket": "standin-fault",
                "X-RateLimit-Scope": "global" if self.is_global else self.scope,
                # discord.py treats a 429 without Via as a Cloudflare ban and does not retry.
                "Via": "1.1 google",
            }
            if self.is_global:
                headers["X-RateLimit-Global"] = "true"
            return 429, body, headers
        message = self.message or f"{self.status}: {HTTPStatus(self.status).phrase}"
        return self.status, {"message": message, "code": self.code or 0}, {}


class ApiError(Exception):
    """Raised by a handler to answer with a Discord error body."""

    def __init__(self, status: int, code: int, message: str, errors: JSON | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.body: JSON = {"message": message, "code": code}
        if errors is not None:
            self.body["errors"] = errors


def form_error(errors: limits.FormErrors) -> ApiError:
    return ApiError(400, 50035, "Invalid Form Body", errors.tree)


def unknown(what: str, code: int) -> ApiError:
    return ApiError(404, code, f"Unknown {what}")


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> web.Response:
    """Content-Type must be exactly application/json for discord.py to parse it (http.py:113)."""
    if body is None:
        return web.Response(status=status, headers=headers)
    all_headers = {"Content-Type": "application/json", **(headers or {})}
    return web.Response(status=status, body=json.dumps(body).encode(), headers=all_headers)


class RestApi:
    """Route table and handlers; state lives in the stand-in's world."""

    def __init__(self, owner: DiscordStandIn) -> None:
        self.owner = owner
        self.world = owner.world
        self.requests: list[RecordedRequest] = []
        self.faults: list[Fault] = []
        self.files: dict[tuple[int, int], bytes] = {}
        self._routes: list[tuple[str, re.Pattern[str], Handler, bool]] = []
        self._add_routes()

    # ------------------------------------------------------------ plumbing
    def _route(self, method: str, pattern: str, handler: Handler, *, auth: bool = True) -> None:
        self._routes.append((method, re.compile(pattern + r"/?"), handler, auth))

    def _add_routes(self) -> None:
        snow, token = r"(\d+)", r"([^/]+)"
        r = self._route
        r("GET", r"/users/@me", self._get_me)
        r("GET", rf"/users/{snow}", self._get_user)
        r("POST", r"/users/@me/channels", self._create_dm)
        r("GET", r"/(?:oauth2/)?applications/@me", self._get_app)
        r("GET", r"/gateway", self._get_gateway, auth=False)
        r("GET", r"/gateway/bot", self._get_gateway_bot)
        for method in ("GET", "PUT", "POST"):
            r(method, rf"/applications/{snow}/commands", self._commands)
            r(method, rf"/applications/{snow}/guilds/{snow}/commands", self._commands)
        r("DELETE", rf"/applications/{snow}/commands/{snow}", self._delete_command)
        r("POST", rf"/interactions/{snow}/{token}/callback", self._callback, auth=False)
        r("POST", rf"/webhooks/{snow}/{token}", self._followup, auth=False)
        for method in ("GET", "PATCH", "DELETE"):
            r(method, rf"/webhooks/{snow}/{token}/messages/(@original|\d+)", self._webhook_message, auth=False)
        r("GET", rf"/channels/{snow}", self._get_channel)
        r("PATCH", rf"/channels/{snow}", self._edit_channel)
        r("DELETE", rf"/channels/{snow}", self._delete_channel)
        r("GET", rf"/channels/{snow}/messages", self._history)
        r("POST", rf"/channels/{snow}/messages", self._send_message)
        for method in ("GET", "PATCH", "DELETE"):
            r(method, rf"/channels/{snow}/messages/{snow}", self._channel_message)
        r("POST", rf"/channels/{snow}/messages/{snow}/threads", self._thread_from_message)
        r("POST", rf"/channels/{snow}/threads", self._thread_without_message)
        r("POST", rf"/channels/{snow}/typing", self._no_content)
        for method in ("PUT", "DELETE"):
            r(method, rf"/channels/{snow}/messages/{snow}/reactions/[^/]+/@me", self._no_content)
            r(method, rf"/channels/{snow}/thread-members/(@me|\d+)", self._no_content)
        r("GET", rf"/guilds/{snow}", self._get_guild)
        r("GET", rf"/guilds/{snow}/members/{snow}", self._get_member)

    async def handle(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        payload, files, blobs = await _read_body(request)
        keep = ("Content-Type", "User-Agent", "X-Audit-Log-Reason")
        headers = {k: v for k, v in request.headers.items() if k in keep}
        rec = RecordedRequest(
            request.method, path, dict(request.query), payload, files, headers, self.owner.now(), blobs=blobs
        )
        extra: dict[str, str] = {}
        try:
            fault = next((f for f in self.faults if f.matches(request.method, path)), None)
            if fault is not None:
                fault.times -= 1
                fault.hits.append(rec)
                status, body, extra = fault.reply()
            else:
                status, body = await self._route_request(request, rec)
        except ApiError as exc:
            status, body = exc.status, exc.body
        rec.status, rec.response = status, body
        self.requests.append(rec)
        self.owner.notify()
        if status < 300:
            extra = {
                "X-RateLimit-Limit": "50",
                "X-RateLimit-Remaining": "49",
                "X-RateLimit-Reset": f"{time.time() + 1:.3f}",
                "X-RateLimit-Reset-After": "1.000",
                "X-RateLimit-Bucket": f"{zlib.crc32((request.method + PATH_PARAMETER.sub('/:id', path)).encode()):08x}",
            }
        return json_response(status, body, extra)

    async def _route_request(self, request: web.Request, rec: RecordedRequest) -> Reply:
        for method, pattern, handler, auth in self._routes:
            match = pattern.fullmatch(rec.path)
            if method != rec.method or match is None:
                continue
            if auth and request.headers.get("Authorization") != f"Bot {self.owner.token}":
                raise ApiError(401, 0, "401: Unauthorized")
            return await handler(rec, match)
        raise ApiError(404, 0, "404: Not Found")

    # ------------------------------------------------------------- helpers
    def _channel(self, channel_id: int) -> JSON:
        channel = self.world.channels.get(channel_id)
        if channel is None:
            raise unknown("Channel", 10003)
        return channel

    def _message(self, message_id: int, channel_id: int | None = None) -> JSON:
        msg = self.world.messages.get(message_id)
        if msg is None or (channel_id is not None and msg["channel_id"] != str(channel_id)):
            raise unknown("Message", 10008)
        return msg

    def _check_message(self, rec: RecordedRequest, prefix: limits.Path = (), *, create: bool) -> JSON:
        body = rec.json if isinstance(rec.json, dict) else {}
        errors = limits.FormErrors()
        limits.check_message(body, errors, prefix)
        if errors:
            raise form_error(errors)
        if create and limits.is_empty_message(body, len(rec.files)):
            raise ApiError(400, 50006, "Cannot send an empty message")
        if sum(f.size for f in rec.files) > p.ATTACHMENT_SIZE_LIMIT:
            raise ApiError(413, 40005, "Request entity too large")
        return body

    def _attachments(self, rec: RecordedRequest, channel_id: int, body: JSON) -> list[JSON]:
        described = {str(a.get("id")): a for a in body.get("attachments") or [] if isinstance(a, dict)}
        result: list[JSON] = []
        for index, (upload, blob) in enumerate(zip(rec.files, rec.blobs, strict=False)):
            meta = described.get(str(index), {})
            attachment_id = self.world.ids.next()
            filename = meta.get("filename") or upload.filename or f"file{index}"
            url = f"{self.owner.http_url}/attachments/{channel_id}/{attachment_id}/{filename}"
            if len(blob) <= MAX_STORED_FILE:
                self.files[(channel_id, attachment_id)] = blob
            result.append(
                {
                    "id": str(attachment_id),
                    "filename": filename,
                    "size": upload.size,
                    "url": url,
                    "proxy_url": url,
                    "content_type": _content_type(upload.content_type, filename),
                    "description": meta.get("description"),
                    "ephemeral": False,
                }
            )
        return result

    def _create_message(
        self,
        rec: RecordedRequest,
        body: JSON,
        channel_id: int,
        *,
        default_parse: tuple[str, ...],
        flags: int = 0,
        kind: int = 0,
        extra: JSON | None = None,
        message_id: int | None = None,
    ) -> JSON:
        world = self.world
        guild_id = world.guild_of(channel_id)
        content = body.get("content") or ""
        users, roles, everyone = world.mentions(
            content, body.get("allowed_mentions"), default_parse=default_parse, guild_id=guild_id
        )
        msg = p.message(
            message_id or world.ids.next(),
            channel_id,
            world.users[world.bot_user_id],
            content=content,
            guild_id=guild_id,
            embeds=body.get("embeds"),
            components=body.get("components"),
            attachments=self._attachments(rec, channel_id, body),
            mentions=users,
            mention_roles=roles,
            mention_everyone=everyone,
            flags=flags | ((body.get("flags") or 0) & SENDABLE_FLAGS),
            kind=kind,
            tts=bool(body.get("tts")),
        )
        reference = body.get("message_reference")
        if isinstance(reference, dict) and reference.get("message_id"):
            referenced = world.messages.get(int(reference["message_id"]))
            msg["type"] = 19
            msg["message_reference"] = {"type": 0, "channel_id": str(channel_id), **reference}
            msg["referenced_message"] = referenced
            allowed = body.get("allowed_mentions") or {}
            author = (referenced or {}).get("author")
            if author and allowed.get("replied_user", True) and author["id"] not in {u["id"] for u in users}:
                msg["mentions"].append(author)
        if extra:
            msg.update(extra)
        world.messages[int(msg["id"])] = msg
        if channel_id in world.channels:
            world.channels[channel_id]["last_message_id"] = msg["id"]
        return msg

    def _edit_message(self, rec: RecordedRequest, msg: JSON, body: JSON, *, default_parse: tuple[str, ...]) -> JSON:
        channel_id = int(msg["channel_id"])
        if "content" in body:
            msg["content"] = body["content"] or ""
            users, roles, everyone = self.world.mentions(
                msg["content"],
                body.get("allowed_mentions"),
                default_parse=default_parse,
                guild_id=self.world.guild_of(channel_id),
            )
            msg.update(mentions=users, mention_roles=roles, mention_everyone=everyone)
        if "embeds" in body:
            msg["embeds"] = [p.normalise_embed(e) for e in body["embeds"] or []]
        if "components" in body:
            msg["components"] = body["components"] or []
        if "attachments" in body or rec.files:
            keep = {str(a.get("id")) for a in body.get("attachments") or [] if isinstance(a, dict)}
            kept = [a for a in msg["attachments"] if a["id"] in keep]
            msg["attachments"] = kept + self._attachments(rec, channel_id, body)
        flags = msg.get("flags", 0) & ~p.FLAG_LOADING
        if body.get("flags") is not None:
            flags = (flags & ~EDITABLE_FLAGS) | (body["flags"] & EDITABLE_FLAGS)
        msg["flags"] = flags
        msg["edited_timestamp"] = p.iso_now()
        return msg

    def _echo(self, event: str, msg: JSON) -> None:
        if self.owner.echo_events and not msg.get("flags", 0) & p.FLAG_EPHEMERAL:
            self.owner.spawn(self.owner.deliver_message(event, msg))

    def _echo_channel(self, event: str, channel: JSON) -> None:
        if self.owner.echo_events:
            guild_id = int(channel["guild_id"]) if channel.get("guild_id") else None
            self.owner.spawn(self.owner.dispatch(event, channel, guild_id=guild_id))

    # ----------------------------------------------------- simple handlers
    async def _no_content(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        return 204, None

    async def _get_me(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        return 200, self.world.users[self.world.bot_user_id] | {"verified": True, "mfa_enabled": False}

    async def _get_user(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        user_id = int(m[1])
        if user_id not in self.world.users:
            raise unknown("User", 10013)
        return 200, self.world.users[user_id]

    async def _get_app(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        world = self.world
        bot = world.users[world.bot_user_id]
        return 200, {
            "id": str(world.application_id),
            "name": bot["username"],
            "description": "",
            "icon": None,
            "bot_public": False,
            "bot_require_code_grant": False,
            "owner": world.users[world.owner_id],
            "team": None,
            "verify_key": "0" * 64,
            "flags": 0,
            "bot": bot,
            "summary": "",
            "interactions_endpoint_url": None,
            "redirect_uris": [],
            "tags": [],
        }

    async def _get_gateway(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        return 200, {"url": self.owner.gateway_url}

    async def _get_gateway_bot(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        return 200, {
            "url": self.owner.gateway_url,
            "shards": self.owner.shard_count,
            "session_start_limit": {
                "total": 1000,
                "remaining": 999,
                "reset_after": 14400000,
                "max_concurrency": self.owner.max_concurrency,
            },
        }

    async def _create_dm(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        recipient = (rec.json or {}).get("recipient_id")
        if recipient is None:
            errors = limits.FormErrors()
            errors.add(("recipient_id",), "BASE_TYPE_REQUIRED", "This field is required")
            raise form_error(errors)
        return 200, self.world.dm_channel(int(recipient))

    async def _get_guild(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        guild_id = int(m[1])
        if guild_id not in self.world.guilds:
            raise unknown("Guild", 10004)
        data = self.world.guild_create(guild_id)
        for key in ("members", "channels", "threads", "voice_states", "presences", "joined_at", "large"):
            data.pop(key, None)
        return 200, data

    async def _get_member(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        guild_id, user_id = int(m[1]), int(m[2])
        if (guild_id, user_id) not in self.world.members:
            raise unknown("Member", 10007)
        return 200, self.world.member(guild_id, user_id)

    # ------------------------------------------------------------ commands
    async def _commands(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        if int(m[1]) != self.world.application_id:
            raise unknown("Application", 10002)
        guild_id = int(m[2]) if m.lastindex and m.lastindex >= 2 else None
        if guild_id is not None and guild_id not in self.world.guilds:
            raise ApiError(403, 50001, "Missing Access")
        store = self.world.commands.setdefault(guild_id, {})
        if rec.method == "GET":
            return 200, list(store.values())
        incoming = rec.json if rec.method == "PUT" else [rec.json]
        if not isinstance(incoming, list):
            raise ApiError(400, 50109, "The request body contains invalid JSON.")
        errors = limits.FormErrors()
        limits.check_commands(incoming, errors)
        if errors:
            raise form_error(errors)
        saved = [self._save_command(store, cmd, guild_id) for cmd in incoming]
        if rec.method == "PUT":
            names = {c["name"] for c in saved}
            for name in [n for n in store if n not in names]:
                del store[name]
            return 200, saved
        return 201, saved[0]

    def _save_command(self, store: dict[str, JSON], cmd: JSON, guild_id: int | None) -> JSON:
        previous = store.get(cmd["name"])
        saved = {
            "type": 1,
            "description": "",  # Discord echoes an empty description for context menus
            "default_member_permissions": None,
            "nsfw": False,
            "contexts": None,
            "integration_types": [0],
            "options": [],
            **cmd,
            "id": previous["id"] if previous else str(self.world.ids.next()),
            "application_id": str(self.world.application_id),
            "version": str(self.world.ids.next()),
        }
        if guild_id is not None:
            saved["guild_id"] = str(guild_id)
        store[cmd["name"]] = saved
        return saved

    async def _delete_command(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        store = self.world.commands.get(None, {})
        for name, cmd in list(store.items()):
            if cmd["id"] == m[2]:
                del store[name]
                return 204, None
        raise unknown("application command", 10063)

    # -------------------------------------------------------- interactions
    async def _callback(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        record = self.world.interactions.get(int(m[1]))
        if record is None or record.token != m[2]:
            raise unknown("interaction", 10062)
        if record.acknowledged:
            raise ApiError(400, 40060, "Interaction has already been acknowledged.")
        if self.owner.now() - record.created_at > self.owner.callback_deadline:
            raise unknown("interaction", 10062)
        body = rec.json if isinstance(rec.json, dict) else {}
        kind = int(body.get("type") or 0)
        raw_data = body.get("data")
        data: JSON = raw_data if isinstance(raw_data, dict) else {}
        self._check_callback(record, kind, data, rec)
        record.response_type = kind
        record.responses.append(body)
        message = self._callback_message(record, kind, data, rec)
        result: JSON = {
            "interaction": {
                "id": str(record.id),
                "type": record.kind,
                "response_message_loading": kind == 5,
                "response_message_ephemeral": bool(message and message["flags"] & p.FLAG_EPHEMERAL),
            },
            "resource": {"type": kind},
        }
        if message is not None:
            result["interaction"]["response_message_id"] = message["id"]
            result["resource"]["message"] = message
        if rec.query.get("with_response", "").lower() not in ("1", "true"):
            return 204, None
        return 200, result

    def _check_callback(self, record: InteractionRecord, kind: int, data: JSON, rec: RecordedRequest) -> None:
        allowed = {2: (4, 5, 9), 3: (4, 5, 6, 7, 9), 4: (8,), 5: (4, 5, 6, 7)}.get(record.kind, ())
        if kind not in allowed:
            errors = limits.FormErrors()
            errors.add(("type",), "INTERACTION_RESPONSE_TYPE_INVALID", "Invalid interaction response type")
            raise form_error(errors)
        if kind in (6, 7) and record.source_message_id is None:
            errors = limits.FormErrors()
            errors.add(("type",), "INTERACTION_RESPONSE_TYPE_INVALID", "Interaction has no message to update")
            raise form_error(errors)
        errors = limits.FormErrors()
        if kind in (4, 7):
            limits.check_message(data, errors, ("data",))
        elif kind == 8:
            limits.check_autocomplete(data, errors)
        elif kind == 9:
            limits.check_modal(data, errors)
        if errors:
            raise form_error(errors)
        if kind == 4 and limits.is_empty_message(data, len(rec.files)):
            raise ApiError(400, 50006, "Cannot send an empty message")

    def _callback_message(self, record: InteractionRecord, kind: int, data: JSON, rec: RecordedRequest) -> JSON | None:
        if kind in (4, 5):
            msg = self._create_message(
                rec,
                data if kind == 4 else {"flags": data.get("flags") or 0},
                record.channel_id,
                default_parse=DEFAULT_PARSE_WEBHOOK,
                flags=p.FLAG_LOADING if kind == 5 else 0,
                kind=20 if record.kind == 2 else 0,
                extra=self._interaction_fields(record),
            )
            record.original_message_id = int(msg["id"])
            self._echo("MESSAGE_CREATE", msg)
            return msg
        if kind in (6, 7) and record.source_message_id is not None:
            msg = self._message(record.source_message_id)
            record.original_message_id = int(msg["id"])
            if kind == 7:
                self._edit_message(rec, msg, data, default_parse=DEFAULT_PARSE_WEBHOOK)
                self._echo("MESSAGE_UPDATE", msg)
            return msg
        if kind == 9:
            self.world.modals.append(data)
        return None

    def _interaction_fields(self, record: InteractionRecord) -> JSON:
        invoker = self.world.user(record.user_id)
        metadata: JSON = {
            "id": str(record.id),
            "type": record.kind,
            "user": invoker,
            "authorizing_integration_owners": record.payload.get("authorizing_integration_owners", {}),
        }
        if record.kind == 2:
            metadata["name"] = (record.payload.get("data") or {}).get("name", "")
        if record.source_message_id is not None:
            metadata["interacted_message_id"] = str(record.source_message_id)
        return {
            "webhook_id": str(self.world.application_id),
            "application_id": str(self.world.application_id),
            "interaction_metadata": metadata,
        }

    def _interaction_for_webhook(self, m: re.Match[str]) -> InteractionRecord:
        record = self.world.interaction_by_token(m[2])
        if record is None or int(m[1]) != self.world.application_id:
            raise unknown("Webhook", 10015)
        if self.owner.now() - record.created_at > self.owner.token_lifetime:
            raise ApiError(401, 50027, "Invalid Webhook Token")
        if not record.acknowledged:
            raise unknown("Webhook", 10015)
        return record

    async def _followup(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        record = self._interaction_for_webhook(m)
        original = self.world.messages.get(record.original_message_id or 0)
        if record.response_type == 5 and original is not None and original["flags"] & p.FLAG_LOADING:
            # Discord turns the first follow-up after a deferral into the deferred message itself.
            body = self._check_message(rec, create=True)
            msg = self._edit_message(rec, original, body, default_parse=DEFAULT_PARSE_WEBHOOK)
            msg["edited_timestamp"] = None
            self._echo("MESSAGE_UPDATE", msg)
        else:
            body = self._check_message(rec, create=True)
            channel_id = int(rec.query.get("thread_id") or record.channel_id)
            msg = self._create_message(
                rec,
                body,
                channel_id,
                default_parse=DEFAULT_PARSE_WEBHOOK,
                extra=self._interaction_fields(record),
            )
            self._echo("MESSAGE_CREATE", msg)
        record.followup_ids.append(int(msg["id"]))
        if rec.query.get("wait", "").lower() in ("1", "true"):
            return 200, msg
        return 204, None

    async def _webhook_message(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        record = self._interaction_for_webhook(m)
        if m[3] == "@original":
            if record.original_message_id is None:
                raise unknown("Message", 10008)
            message_id = record.original_message_id
        else:
            message_id = int(m[3])
            if message_id not in (record.original_message_id, *record.followup_ids):
                raise unknown("Message", 10008)
        msg = self._message(message_id)
        if rec.method == "GET":
            return 200, msg
        if rec.method == "DELETE":
            return self._delete_message(msg)
        body = self._check_message(rec, create=False)
        self._edit_message(rec, msg, body, default_parse=DEFAULT_PARSE_WEBHOOK)
        self._echo("MESSAGE_UPDATE", msg)
        return 200, msg

    # ----------------------------------------------------- channel routes
    async def _get_channel(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        return 200, self._channel(int(m[1]))

    async def _edit_channel(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        channel = self._channel(int(m[1]))
        body = rec.json if isinstance(rec.json, dict) else {}
        if "name" in body:
            errors = limits.FormErrors()
            limits.check_thread_name(body, errors)
            if errors:
                raise form_error(errors)
        for key in ("name", "topic", "rate_limit_per_user", "flags"):
            if key in body:
                channel[key] = body[key]
        metadata = channel.get("thread_metadata")
        if metadata is not None:
            for key in ("archived", "locked", "auto_archive_duration", "invitable"):
                if key in body:
                    metadata[key] = body[key]
        self._echo_channel("THREAD_UPDATE" if metadata is not None else "CHANNEL_UPDATE", channel)
        return 200, channel

    async def _delete_channel(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        channel = self._channel(int(m[1]))
        if channel["type"] not in p.THREAD_TYPES:
            raise ApiError(403, 50013, "Missing Permissions")
        del self.world.channels[int(m[1])]
        self._echo_channel("THREAD_DELETE", channel)
        return 200, channel

    async def _history(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        channel_id = str(self._channel(int(m[1]))["id"])
        limit = min(int(rec.query.get("limit", "50")), 100)
        found = [msg for msg in self.world.messages.values() if msg["channel_id"] == channel_id]
        return 200, list(reversed(found))[:limit]

    async def _send_message(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        channel_id = int(self._channel(int(m[1]))["id"])
        body = self._check_message(rec, create=True)
        msg = self._create_message(rec, body, channel_id, default_parse=DEFAULT_PARSE_CHANNEL)
        self._echo("MESSAGE_CREATE", msg)
        return 200, msg

    async def _channel_message(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        msg = self._message(int(m[2]), int(m[1]))
        if rec.method == "GET":
            return 200, msg
        if msg["author"]["id"] != str(self.world.bot_user_id) and rec.method == "PATCH":
            raise ApiError(403, 50005, "Cannot edit a message authored by another user")
        if rec.method == "DELETE":
            return self._delete_message(msg)
        body = self._check_message(rec, create=False)
        self._edit_message(rec, msg, body, default_parse=DEFAULT_PARSE_CHANNEL)
        self._echo("MESSAGE_UPDATE", msg)
        return 200, msg

    def _delete_message(self, msg: JSON) -> Reply:
        del self.world.messages[int(msg["id"])]
        gone = {"id": msg["id"], "channel_id": msg["channel_id"]}
        if "guild_id" in msg:
            gone["guild_id"] = msg["guild_id"]
        self._echo("MESSAGE_DELETE", gone)
        return 204, None

    # ------------------------------------------------------------- threads
    def _new_thread(self, parent: JSON, thread_id: int, body: JSON, kind: int) -> JSON:
        errors = limits.FormErrors()
        limits.check_thread_name(body, errors)
        duration = body.get("auto_archive_duration", 1440)
        if duration not in ARCHIVE_DURATIONS:
            errors.add(("auto_archive_duration",), "BASE_TYPE_CHOICES", f"Value must be one of {ARCHIVE_DURATIONS}.")
        if errors:
            raise form_error(errors)
        created = p.thread(
            thread_id,
            guild_id=int(parent["guild_id"]),
            parent_id=int(parent["id"]),
            owner_id=self.world.bot_user_id,
            name=body["name"],
            kind=kind,
            auto_archive_duration=duration,
        )
        created["rate_limit_per_user"] = body.get("rate_limit_per_user", 0)
        self.world.channels[thread_id] = created
        self._echo_channel("THREAD_CREATE", {**created, "newly_created": True})
        return created

    async def _thread_from_message(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        parent = self._channel(int(m[1]))
        msg = self._message(int(m[2]), int(m[1]))
        if parent["type"] not in (0, 5):
            raise ApiError(400, 50024, "Cannot execute action on this channel type")
        thread_id = int(msg["id"])  # a message's thread shares the message's id
        if thread_id in self.world.channels:
            raise ApiError(400, 160004, "A thread has already been created for this message")
        created = self._new_thread(parent, thread_id, rec.json or {}, p.PUBLIC_THREAD)
        msg["thread"] = created
        return 201, created

    async def _thread_without_message(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        parent = self._channel(int(m[1]))
        body = rec.json if isinstance(rec.json, dict) else {}
        if parent["type"] in (p.GUILD_FORUM, 16):
            starter = body.get("message")
            errors = limits.FormErrors()
            if not isinstance(starter, dict):
                errors.add(("message",), "BASE_TYPE_REQUIRED", "This field is required")
                raise form_error(errors)
            limits.check_message(starter, errors, ("message",))
            if errors:
                raise form_error(errors)
            thread_id = self.world.ids.next()
            created = self._new_thread(parent, thread_id, body, p.PUBLIC_THREAD)
            first = self._create_message(
                rec, starter, thread_id, default_parse=DEFAULT_PARSE_CHANNEL, message_id=thread_id
            )
            return 201, {**created, "message": first}
        if parent["type"] not in (0, 5):
            raise ApiError(400, 50024, "Cannot execute action on this channel type")
        kind = int(body.get("type") or p.PRIVATE_THREAD)
        return 201, self._new_thread(parent, self.world.ids.next(), body, kind)


def _content_type(sent: str | None, filename: str) -> str | None:
    """As Discord does: a file sent as octet-stream gets the type its name says (discord.py sends them so)."""
    if sent and sent != "application/octet-stream":
        return sent
    return mimetypes.guess_type(filename)[0] or sent


async def _read_body(request: web.Request) -> tuple[Any, list[RecordedFile], list[bytes]]:
    """JSON body, or a multipart body's payload_json plus its files."""
    if not request.can_read_body:
        return None, [], []
    if request.content_type == "multipart/form-data":
        reader = await request.multipart()
        payload: Any = None
        files: list[RecordedFile] = []
        blobs: list[bytes] = []
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader):
                continue
            data = await part.read()
            if part.name == "payload_json":
                payload = json.loads(data)
            else:
                files.append(RecordedFile(part.name or "", part.filename, len(data), part.headers.get("Content-Type")))
                blobs.append(bytes(data))
        return payload, files, blobs
    raw = await request.read()
    if not raw:
        return None, [], []
    try:
        return json.loads(raw), [], []
    except ValueError:
        return raw.decode(errors="replace"), [], []
