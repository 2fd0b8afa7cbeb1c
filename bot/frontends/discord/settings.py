"""Bot configuration from the environment or a `.env` file; the token is a secret and never printed."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$")


def _int_list(value: object) -> object:
    """'1, 2,3' (how people write lists in .env files) → [1, 2, 3]."""
    if isinstance(value, str):
        return [int(part) for part in value.replace(" ", "").split(",") if part]
    return value


class BotSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    discord_token: SecretStr
    dev_guild_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    log_level: str = "INFO"
    shard_count: int | None = Field(default=None, ge=1)
    shard_ids: Annotated[list[int] | None, NoDecode] = None
    cooldown_rate: int = Field(default=5, ge=1)
    cooldown_seconds: float = Field(default=30.0, gt=0)

    @field_validator("discord_token")
    @classmethod
    def _token_shape(cls, value: SecretStr) -> SecretStr:
        # The message must not echo the value: pydantic would print the input otherwise.
        if not TOKEN_SHAPE.match(value.get_secret_value().strip()):
            raise ValueError("does not look like a Discord bot token (three dot-separated parts)")
        return SecretStr(value.get_secret_value().strip())

    @field_validator("dev_guild_ids", "shard_ids", mode="before")
    @classmethod
    def _lists(cls, value: object) -> object:
        return _int_list(value)

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return level

    @model_validator(mode="after")
    def _shards(self) -> BotSettings:
        if self.shard_ids is not None:
            if self.shard_count is None:
                raise ValueError("SHARD_IDS needs SHARD_COUNT")
            if any(not 0 <= s < self.shard_count for s in self.shard_ids):
                raise ValueError("every SHARD_IDS entry must be between 0 and SHARD_COUNT - 1")
        return self
