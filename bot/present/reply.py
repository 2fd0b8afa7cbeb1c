"""A rendered answer and its two outputs: a Discord message payload (plain dicts) and terminal text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# Discord's documented message and embed limits.
CONTENT_MAX = 2000
EMBEDS_MAX = 10
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
EMBED_TOTAL_MAX = 6000

NO_MENTIONS: dict[str, list[str]] = {"parse": []}
MARKDOWN_EMPHASIS = re.compile(r"(?<!\\)(\*\*|\*|`)")
MARKDOWN_ESCAPE = re.compile(r"\\([\\*_~`|>#\[\]()])")


def plain(text: str) -> str:
    """Discord markdown → terminal text: emphasis markers dropped, escaped characters shown as typed."""
    return MARKDOWN_ESCAPE.sub(r"\1", MARKDOWN_EMPHASIS.sub("", text))


@dataclass(frozen=True)
class Field:
    name: str
    value: str
    inline: bool = False


@dataclass(frozen=True)
class Card:
    title: str
    description: str = ""
    fields: tuple[Field, ...] = ()
    footer: str = ""
    color: int | None = None


@dataclass(frozen=True)
class Reply:
    kind: str
    content: str = ""
    cards: tuple[Card, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)

    def to_discord(self) -> dict[str, Any]:
        embeds = []
        for card in self.cards:
            embed: dict[str, Any] = {"title": card.title, "type": "rich"}
            if card.description:
                embed["description"] = card.description
            if card.fields:
                embed["fields"] = [{"name": f.name, "value": f.value, "inline": f.inline} for f in card.fields]
            if card.footer:
                embed["footer"] = {"text": card.footer}
            if card.color is not None:
                embed["color"] = card.color
            embeds.append(embed)
        return {"content": self.content, "embeds": embeds, "allowed_mentions": NO_MENTIONS}

    def to_text(self) -> str:
        parts = [self.content] if self.content else []
        for card in self.cards:
            lines = [card.title, "=" * min(len(card.title), 72)]
            if card.description:
                lines += [card.description]
            for f in card.fields:
                lines += ["", f"[{f.name}]", f.value]
            if card.footer:
                lines += ["", f"-- {card.footer}"]
            parts.append("\n".join(lines))
        return plain("\n\n".join(parts).strip()) + "\n"


def limit_problems(payload: dict[str, Any]) -> list[str]:
    """Everything Discord would reject with 400 / 50035; an empty list means the payload fits."""
    problems = []
    content = payload.get("content") or ""
    if len(content) > CONTENT_MAX:
        problems.append(f"content has {len(content)} characters (max {CONTENT_MAX})")
    embeds = payload.get("embeds") or []
    if len(embeds) > EMBEDS_MAX:
        problems.append(f"{len(embeds)} embeds (max {EMBEDS_MAX})")
    total = 0
    for n, embed in enumerate(embeds):
        checks = [
            ("title", embed.get("title") or "", TITLE_MAX),
            ("description", embed.get("description") or "", DESCRIPTION_MAX),
        ]
        footer = (embed.get("footer") or {}).get("text") or ""
        checks.append(("footer", footer, FOOTER_MAX))
        fields = embed.get("fields") or []
        if len(fields) > FIELDS_MAX:
            problems.append(f"embed {n}: {len(fields)} fields (max {FIELDS_MAX})")
        for i, f in enumerate(fields):
            checks.append((f"field {i} name", f["name"], FIELD_NAME_MAX))
            checks.append((f"field {i} value", f["value"], FIELD_VALUE_MAX))
            if not f["name"].strip() or not f["value"].strip():
                problems.append(f"embed {n}: field {i} has an empty name or value")
        for what, text, limit in checks:
            if len(text) > limit:
                problems.append(f"embed {n}: {what} has {len(text)} characters (max {limit})")
            total += len(text)
    if total > EMBED_TOTAL_MAX:
        problems.append(f"embeds hold {total} characters together (max {EMBED_TOTAL_MAX})")
    return problems
