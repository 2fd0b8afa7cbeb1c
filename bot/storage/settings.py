"""Where the database is: `DATABASE_URL`, or a SQLite file at `DATABASE_PATH`; read from the environment or `.env`."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_PATH = Path("jobbot.sqlite3")


class StorageSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str | None = None
    database_path: Path = DEFAULT_PATH
    database_timeout: float = Field(default=2.0, gt=0)  # seconds one storage call may take before it gives up

    @property
    def url(self) -> str:
        return async_url(self.database_url) if self.database_url else f"sqlite+aiosqlite:///{self.database_path}"


def async_url(url: str) -> str:
    """'postgresql://…' or 'postgres://…' → asyncpg; 'sqlite:///…' → aiosqlite; explicit drivers are kept."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise ValueError("DATABASE_URL must look like postgresql://user:password@host/db or sqlite:///path")
    driver = {"postgres": "postgresql+asyncpg", "postgresql": "postgresql+asyncpg", "sqlite": "sqlite+aiosqlite"}
    return f"{driver.get(scheme, scheme)}://{rest}"


def redacted(url: str) -> str:
    """The URL without its password, for messages and logs."""
    scheme, sep, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not sep or not at or ":" not in credentials:
        return url
    return f"{scheme}://{credentials.split(':', 1)[0]}:***@{host}"
