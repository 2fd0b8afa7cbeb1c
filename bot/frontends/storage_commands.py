"""`jobbot db upgrade|status`, `jobbot pulse TITLE` and `jobbot feedback export`: the storage side of the CLI.

Imported only when one of these commands runs, so the other commands never load SQLAlchemy.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TextIO, TypeVar

from pydantic import ValidationError

from bot.answer.engine import Engine
from bot.present.reply import ReplyKind
from bot.present.text import to_text
from bot.storage.pulse import QUESTION
from bot.storage.settings import StorageSettings, redacted
from bot.storage.store import SchemaBehind, StorageUnavailable, Store

T = TypeVar("T")
FAILED = 1


class StorageCommandError(Exception):
    """A storage command could not do its work; the message says why in one line."""


def _with_store(work: Callable[[Store], Awaitable[T]], settings: StorageSettings | None = None) -> T:
    logging.getLogger("jobbot.storage").setLevel(logging.ERROR)  # a failure is reported once, below
    try:
        settings = settings or StorageSettings()
        store = Store.from_settings(settings)
    except (ValidationError, ValueError) as exc:
        raise StorageCommandError(f"database configuration error: {exc}") from exc

    async def run() -> T:
        try:
            return await work(store)
        finally:
            await store.close()

    try:
        return asyncio.run(run())
    except StorageUnavailable as exc:
        raise StorageCommandError(f"cannot reach the database at {redacted(store.url)}: {exc}") from exc
    except SchemaBehind as exc:
        raise StorageCommandError(f"{exc}: run `jobbot db upgrade` first") from exc


async def _checked(store: Store, work: Callable[[], Awaitable[T]]) -> T:
    await store.require_schema()
    return await work()


def run(args: argparse.Namespace, out: TextIO) -> int:
    if args.command == "db":
        return _db(args.action, out)
    if args.command == "pulse":
        return _pulse(" ".join(args.title), args.guild, args.json, out)
    return _export(args.output, out)


def _db(action: str, out: TextIO) -> int:
    if action == "upgrade":
        before, after = _with_store(lambda store: store.upgrade())
        where = redacted(_url())
        if before == after:
            out.write(f"{where}: already at {after}\n")
        else:
            out.write(f"{where}: migrated from {before or 'empty'} to {after}\n")
        return 0
    status = _with_store(lambda store: store.schema_status())
    out.write(f"{redacted(_url())}: {status.describe()}\n")
    return 0 if status.current_is_head else FAILED


def _url() -> str:
    return StorageSettings().url


def _pulse(title: str, guild: int | None, as_json: bool, out: TextIO) -> int:
    engine = Engine()
    reply = engine.job(title)
    if reply.kind is not ReplyKind.SUMMARY or not reply.meta.profile_ids:
        out.write(to_text(reply))
        return 0
    pid = reply.meta.profile_ids[0]
    summary = engine.summary(pid)
    name = summary.title if summary else pid
    pulse = _with_store(lambda store: _checked(store, lambda: store.pulse(pid, guild)))
    if as_json:
        groups = {"everyone": pulse.everyone} | ({"server": pulse.server} if pulse.server is not None else {})
        record = {
            "id": pid,
            "title": name,
            "question": QUESTION,
            **{
                key: {"n": c.n, "counts": dict(zip(ANSWER_KEYS, c.counts, strict=True)), "shares": _shares(c)}
                for key, c in groups.items()
            },
        }
        out.write(json.dumps(record, indent=2) + "\n")
        return 0
    out.write(f"{QUESTION} {name}\n")
    lines = pulse.lines() if pulse.everyone.n else ["nobody has answered yet"]
    out.writelines(f"  {line}\n" for line in lines)
    return 0


ANSWER_KEYS = ("not_yet", "a_little", "a_lot", "cost_me_work")


def _shares(counts: Any) -> dict[str, float]:
    return {key: round(counts.share(i), 1) for i, key in enumerate(ANSWER_KEYS)}


def _export(output: Path | None, out: TextIO) -> int:
    notes = _with_store(lambda store: _checked(store, store.feedback_notes))
    lines = [
        json.dumps(
            {
                "created_at": n.created_at.isoformat() if n.created_at else None,
                "kind": n.kind,
                "query": n.query,
                "profile_id": n.profile_id,
                "reason": n.reason,
                "guild_id": n.guild_id,
            },
            ensure_ascii=False,
        )
        + "\n"
        for n in notes
    ]
    if output is None:
        out.writelines(lines)
    else:
        output.write_text("".join(lines), encoding="utf-8")
        out.write(f"wrote {len(lines)} feedback notes to {output}\n")
    return 0
