"""`jobbot health`: the container's health check, without Discord or a token.

With HEALTH_PORT set it asks the running bot's `/healthz` on loopback (exit 0 when it answers 200);
without it, it checks that the knowledge loads and answers a question (exit 0), so an image can be
checked before it is given a token. Either way it prints one line. Any failure exits 1.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

HEALTHY = 0
UNHEALTHY = 1
PROBE_TIMEOUT = 5.0


class OpsSettings(BaseSettings):
    """HEALTH_PORT (unset: no server) and HEALTH_HOST (127.0.0.1; 0.0.0.0 lets a scraper in another container in)."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    health_port: int | None = Field(default=None, ge=0, le=65535)
    health_host: str = "127.0.0.1"

    @field_validator("health_port", mode="before")
    @classmethod
    def _empty_is_off(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value


def probe(port: int, timeout: float = PROBE_TIMEOUT) -> tuple[int, str]:
    """Asks the bot's /healthz on loopback: (exit code, one line)."""
    url = f"http://127.0.0.1:{port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body = json.loads(response.read() or b"{}")
            return HEALTHY, f"healthy: {_checks(body)}"
    except urllib.error.HTTPError as exc:
        try:
            body = json.loads(exc.read() or b"{}")
        except ValueError:
            body = {}
        return UNHEALTHY, f"unhealthy ({exc.code}): {_checks(body)}"
    except (OSError, ValueError) as exc:
        return UNHEALTHY, f"unhealthy: no answer from {url} ({type(exc).__name__})"


def _checks(body: object) -> str:
    checks = body.get("checks", {}) if isinstance(body, dict) else {}
    if not isinstance(checks, dict) or not checks:
        return "no checks reported"
    parts = []
    for name, result in checks.items():
        ok = isinstance(result, dict) and result.get("ok") is True
        detail = result.get("detail", "") if isinstance(result, dict) else ""
        parts.append(f"{name} {'ok' if ok else 'FAILING'}{f' ({detail})' if detail else ''}")
    return ", ".join(parts)


def offline() -> tuple[int, str]:
    """No port: the knowledge loads and a question gets an answer."""
    from bot.answer.engine import Engine
    from bot.present.reply import ReplyKind
    from bot.sources.load import KnowledgeError

    try:
        engine = Engine()
        reply = engine.job("registered nurse")
    except (KnowledgeError, OSError, ValueError) as exc:
        return UNHEALTHY, f"unhealthy: the knowledge does not load ({type(exc).__name__})"
    if reply.kind is not ReplyKind.SUMMARY:
        return UNHEALTHY, "unhealthy: the knowledge loads but does not answer"
    return (
        HEALTHY,
        f"healthy: knowledge loads ({len(engine.summaries())} profiles); no HEALTH_PORT, so no bot was asked",
    )


def check() -> tuple[int, str]:
    try:
        settings = OpsSettings()
    except (ValueError, OSError) as exc:
        return UNHEALTHY, f"unhealthy: bad HEALTH_PORT/HEALTH_HOST settings ({type(exc).__name__})"
    if settings.health_port:
        return probe(settings.health_port)
    return offline()
