"""One JSON line per record, so interaction logs can be grepped and parsed.

A line never carries the bot token or an interaction token, and user text only as a bounded `preview`:
exception messages (which may quote what a user typed) are cut to a preview in tracebacks too.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import traceback
import unicodedata
from collections.abc import Iterable
from typing import Any

FIELDS = ("event", "kind", "command", "user", "guild", "channel", "latency_ms", "outcome", "detail")
PREVIEW_MAX = 60  # characters of user text a log line may carry
FIELD_MAX = 400  # characters of any one field (a message, a detail) besides the traceback
TOKEN_IN_URL = re.compile(r"(/(?:webhooks|interactions)/\d+/)[A-Za-z0-9_.\-]{20,}")
log = logging.getLogger("jobbot")


def preview(text: object, limit: int = PREVIEW_MAX) -> str:
    """User text fit for a log line: one line, no control or bidi characters, at most `limit` characters
    plus a count of what was left out, e.g. 'will AI replace…(+940 chars)'."""
    raw = str(text)
    shown = "".join(
        " " if ch in "\r\n\t" else ch for ch in raw[: limit * 2] if unicodedata.category(ch)[0] != "C" or ch in "\r\n\t"
    )
    shown = " ".join(shown.split())
    if len(shown) <= limit and len(raw) <= limit * 2:
        return shown
    return f"{shown[:limit]}…(+{max(0, len(raw) - limit)} chars)"


def _exception_lines(exc: BaseException) -> str:
    """A traceback whose exception messages are previews: frames are code, messages may quote users."""
    chain: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen and len(chain) < 5:
        seen.add(id(current))
        stack = "".join(traceback.format_tb(current.__traceback__))
        chain.append(f"Traceback (most recent call last):\n{stack}{type(current).__qualname__}: {preview(current)}")
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    return "\n\nwhich was raised while handling:\n\n".join(chain)


class JsonLines(logging.Formatter):
    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if len(s) >= 8]

    def _clean(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "[token]")
        return TOKEN_IN_URL.sub(r"\1[token]", text)

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": round(record.created, 3),
            "level": record.levelname,
            "logger": record.name,
            "msg": _bounded(record.getMessage()),
        }
        for key in FIELDS:
            if key in record.__dict__:
                value = record.__dict__[key]
                line[key] = _bounded(value) if isinstance(value, str) else value
        if record.exc_info and record.exc_info[1] is not None:
            line["traceback"] = _exception_lines(record.exc_info[1])
        return self._clean(json.dumps(line, ensure_ascii=False, default=str))


def _bounded(text: str) -> str:
    return text if len(text) <= FIELD_MAX else f"{text[:FIELD_MAX]}…(+{len(text) - FIELD_MAX} chars)"


def configure(level: str, secrets: Iterable[str] = ()) -> None:
    """JSON lines on stderr for every logger; `secrets` (the bot token) never appear in a line."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("discord").setLevel(max(logging.INFO, logging.getLevelName(level)))


def record(
    kind: str,
    command: str,
    user: int | None,
    guild: int | None,
    started: float,
    outcome: str,
    detail: str = "",
    exc_info: bool | BaseException = False,
) -> None:
    """The per-interaction line: what was asked, by whom, how long it took, how it ended."""
    log.log(
        logging.ERROR if outcome == "error" else logging.INFO,
        "interaction",
        extra={
            "event": "interaction",
            "kind": kind,
            "command": command,
            "user": user,
            "guild": guild,
            "latency_ms": round((time.perf_counter() - started) * 1000, 2),
            "outcome": outcome,
            "detail": detail,
        },
        exc_info=exc_info,
    )
