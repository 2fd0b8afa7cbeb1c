"""One JSON line per record, so interaction logs can be grepped and parsed."""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import Any

FIELDS = ("event", "kind", "command", "user", "guild", "channel", "latency_ms", "outcome", "detail")
log = logging.getLogger("jobbot")


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": round(record.created, 3),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key in FIELDS:
            if key in record.__dict__:
                line[key] = record.__dict__[key]
        if record.exc_info:
            line["traceback"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def configure(level: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines())
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
