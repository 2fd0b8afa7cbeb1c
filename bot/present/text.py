"""A reply as terminal output: plain text (markdown markers dropped) or the markdown Discord would show."""

from __future__ import annotations

import re

from bot.present.reply import Reply

MARKDOWN_EMPHASIS = re.compile(r"(?<!\\)(\*\*|\*|`)")
MARKDOWN_ESCAPE = re.compile(r"\\([\\*_~`|>#\[\]()])")
UNDERLINE_MAX = 72


def plain(text: str) -> str:
    """Discord markdown → terminal text: emphasis markers dropped, escaped characters shown as typed."""
    return MARKDOWN_ESCAPE.sub(r"\1", MARKDOWN_EMPHASIS.sub("", text))


def to_text(reply: Reply) -> str:
    parts = [reply.content] if reply.content else []
    for card in reply.cards:
        lines = [card.title, "=" * min(len(card.title), UNDERLINE_MAX)]
        if card.description:
            lines += [card.description]
        for f in card.fields:
            lines += ["", f"[{f.name}]", f.value]
        if card.footer:
            lines += ["", f"-- {card.footer}"]
        parts.append("\n".join(lines))
    return plain("\n\n".join(parts).strip()) + "\n"


def to_markdown(reply: Reply) -> str:
    parts = [reply.content] if reply.content else []
    for card in reply.cards:
        block = [f"## {card.title}", card.description]
        block += [f"**{f.name}**\n{f.value}" for f in card.fields]
        if card.footer:
            block.append(f"_{card.footer}_")
        parts.append("\n\n".join(b for b in block if b))
    return "\n\n".join(parts) + "\n"
