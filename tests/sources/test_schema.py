"""The committed profile JSON Schema is what `jobbot build-schema` writes, and every profile points at it."""

from __future__ import annotations

from pathlib import Path

from bot.build.schema import SCHEMA_FILE, SCHEMA_HEADER, render
from bot.sources.load import default_root


def test_committed_schema_is_current() -> None:
    committed = (default_root() / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == render(), "knowledge/profile.schema.json is stale: run `jobbot build-schema`"


def test_every_profile_names_the_schema_on_its_first_line() -> None:
    profiles = sorted((default_root() / "profiles").glob("*.yaml"))
    assert profiles
    missing = [p.name for p in profiles if p.read_text(encoding="utf-8").splitlines()[0] != SCHEMA_HEADER]
    assert not missing, f"add {SCHEMA_HEADER!r} as the first line of {missing}"


def test_schema_documents_every_profile_and_task_field() -> None:
    import json

    schema = json.loads(render())
    for where in (schema, schema["$defs"]["Task"]):
        undocumented = [name for name, field in where["properties"].items() if not field.get("description")]
        assert not undocumented, undocumented
    assert Path(SCHEMA_HEADER.rsplit("=", 1)[1]).name == SCHEMA_FILE
