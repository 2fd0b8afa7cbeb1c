"""Reads a rendered template into cards: the marker lines split the markdown into content, cards and fields.

`::content::`, `::card:: <title>`, `::field:: <name>` (or `::inline:: <name>`, or `::detail:: <name>` for a
field the share card also shows), `::footer::` and `::color:: <band>`; every other line belongs to whatever
the last marker opened.
"""

from __future__ import annotations

import re
from typing import Any

from bot.present.reply import Card, Field, Reply, ReplyKind, ReplyMeta

BAND_COLORS = {"low": 0x2ECC71, "moderate": 0xF1C40F, "high": 0xE67E22, "very high": 0xE74C3C, "info": 0x5865F2}
MARKER = re.compile(r"^::(content|card|field|inline|detail|footer|color)::\s?(.*)$")


def parse(kind: ReplyKind, text: str, meta: ReplyMeta) -> Reply:
    content: list[str] = []
    cards: list[Card] = []
    target: list[str] = content
    current: dict[str, Any] | None = None
    fields: list[tuple[str, str, list[str]]] = []
    description: list[str] = []
    footer: list[str] = []

    def close() -> None:
        if current is not None:
            cards.append(
                Card(
                    title=current["title"],
                    description="\n".join(description).strip(),
                    fields=tuple(
                        Field(n, "\n".join(v).strip(), inline=tag == "inline", detail=tag == "detail")
                        for n, tag, v in fields
                    ),
                    footer="\n".join(footer).strip(),
                    color=current.get("color"),
                )
            )

    for line in text.splitlines():
        hit = MARKER.match(line)
        if not hit:
            target.append(line)
            continue
        tag, arg = hit.group(1), hit.group(2).strip()
        if tag == "content":
            target = content
        elif tag == "card":
            close()
            current, fields, description, footer = {"title": arg}, [], [], []
            target = description
        elif tag in ("field", "inline", "detail") and current is not None:
            fields.append((arg, tag, []))
            target = fields[-1][2]
        elif tag == "footer":
            target = footer
        elif tag == "color" and current is not None:
            current["color"] = BAND_COLORS.get(arg, BAND_COLORS["info"])
    close()
    return Reply(kind=kind, content="\n".join(content).strip(), cards=tuple(cards), meta=meta)
