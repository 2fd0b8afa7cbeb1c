"""Renders reply templates into Replies; one template per reply kind serves Discord and the terminal.

A template writes markdown split by marker lines (see `markers`). User text goes through the `esc`
filter, which also keeps it from ever starting a marker line or pinging anyone.
"""

from __future__ import annotations

import contextlib
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from jinja2.bccache import Bucket

from bot.present import filters
from bot.present.markers import parse
from bot.present.reply import Reply, ReplyKind, ReplyMeta
from bot.sources.compiled import cache_dir


class _QuietBytecodeCache(FileSystemBytecodeCache):
    """A directory that cannot be written (a read-only image) only means compiling again next time."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache() -> BytecodeCache | None:
    """Compiling a template costs tens of milliseconds at its first use; jinja keeps the result on disk
    (keyed by the template's source), beside the compiled knowledge."""
    directory = cache_dir()
    if directory is None:
        return None
    try:
        (directory / "templates").mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _QuietBytecodeCache(str(directory / "templates"))


class Renderer:
    def __init__(self) -> None:
        self.env = Environment(
            loader=PackageLoader("bot.present", "templates"),
            bytecode_cache=_bytecode_cache(),
            auto_reload=False,  # templates ship in the package: checking their mtime at every render is waste
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            autoescape=False,
        )
        self.env.filters.update(
            esc=filters.esc,
            num=filters.num,
            money=filters.money,
            smoney=filters.smoney,
            hourly=filters.hourly,
            signed=filters.signed,
            bar=filters.bar,
            spark=filters.spark,
            clip=filters.clip,
            share_words=filters.share_words,
            lower_title=filters.lower_title,
        )
        self.env.globals.update(squares=filters.CLASS_SQUARES)

    def compile_all(self) -> int:
        """Loads every template once (filling the bytecode cache); returns how many there are."""
        names = self.env.list_templates()
        for name in names:
            self.env.get_template(name)
        return len(names)

    def render(self, kind: ReplyKind, meta: ReplyMeta, **context: Any) -> Reply:
        text = self.env.get_template(f"{kind.value}.md.j2").render(**context)
        return parse(kind, text, meta)
