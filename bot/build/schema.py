"""Writes the JSON Schema of a profile file, so editors can check and complete profiles as they are typed.

Run `jobbot build-schema`; the output is committed and a test fails when it is stale. Each profile
points at it from its first line (`# yaml-language-server: $schema=../profile.schema.json`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.sources.load import default_root
from bot.sources.models import Profile

SCHEMA_FILE = "profile.schema.json"
SCHEMA_HEADER = f"# yaml-language-server: $schema=../{SCHEMA_FILE}"


def profile_schema() -> dict[str, Any]:
    schema = Profile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def render() -> str:
    return json.dumps(profile_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def build(out: Path | None = None) -> Path:
    out = out or default_root() / SCHEMA_FILE
    out.write_text(render(), encoding="utf-8")
    return out
