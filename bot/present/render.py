"""Renders reply templates into Replies; one template per reply kind serves Discord and the terminal.

A template writes markdown split by marker lines (see `markers`). User text goes through the `esc`
filter, which also keeps it from ever starting a marker line or pinging anyone.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from bot.present import filters
from bot.present.markers import parse
from bot.present.reply import Reply, ReplyKind, ReplyMeta


class Renderer:
    def __init__(self) -> None:
        self.env = Environment(
            loader=PackageLoader("bot.present", "templates"),
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

    def render(self, kind: ReplyKind, meta: ReplyMeta, **context: Any) -> Reply:
        text = self.env.get_template(f"{kind.value}.md.j2").render(**context)
        return parse(kind, text, meta)
