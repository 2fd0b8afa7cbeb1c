"""Renders reply templates into Reply objects; one template per reply kind serves Discord and the terminal.

A template writes markdown split by marker lines: `::content::`, `::card:: <title>`,
`::field:: <name>` (or `::inline:: <name>`), `::footer::` and `::color:: <band>`. User text goes
through the `esc` filter, which also keeps it from ever starting a marker line or pinging anyone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from bot.present.reply import FIELD_VALUE_MAX, Card, Field, Reply

BAND_COLORS = {"low": 0x2ECC71, "moderate": 0xF1C40F, "high": 0xE67E22, "very high": 0xE74C3C, "info": 0x5865F2}
CLASS_SQUARES = {"substitutable": "🟥", "assisted": "🟨", "human": "🟩"}
SPARKS = "▁▂▃▄▅▆▇█"
MARKDOWN_SPECIAL = re.compile(r"([\\*_~`|>#\[\]()])")
MENTIONISH = re.compile(r"@|<(?=[@#:&!])")
ECHO_MAX = 80


def esc(text: object, limit: int = ECHO_MAX) -> str:
    """User text as inert literal: one line, bounded, no markdown, no mention can form."""
    flat = " ".join(str(text).split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    flat = MARKDOWN_SPECIAL.sub(r"\\\1", flat)
    flat = MENTIONISH.sub(lambda m: m.group(0) + "\u200b", flat)
    return flat.replace("::", ":\u200b:")


def num(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.1f}".removesuffix(".0")


def money(value: int | None) -> str:
    return "n/a" if value is None else f"${value:,}"


def hourly(value: float | None) -> str:
    return "n/a" if value is None else f"${value:,.2f}"


def signed(value: float | int | None) -> str:
    if value is None:
        return "n/a"
    text = num(abs(float(value)))
    return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else "±0")


def smoney(value: int | None) -> str:
    if value is None:
        return "n/a"
    return f"+${value:,}" if value > 0 else (f"−${-value:,}" if value < 0 else "$0")


def bar(split: Any, width: int = 20) -> str:
    """Class split as coloured squares; rounding is settled on the largest class so it stays `width` long."""
    shares = {"substitutable": split.substitutable, "assisted": split.assisted, "human": split.human}
    counts = {k: round(v * width / 100) for k, v in shares.items()}
    largest = max(shares, key=lambda k: shares[k])
    counts[largest] += width - sum(counts.values())
    return "".join(CLASS_SQUARES[k] * counts[k] for k in shares)


def spark(values: Sequence[float]) -> str:
    top = max(values) if values else 0
    if top <= 0:
        return SPARKS[0] * len(values)
    return "".join(SPARKS[min(len(SPARKS) - 1, int(v / top * (len(SPARKS) - 1)))] for v in values)


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


MARKER = re.compile(r"^::(content|card|field|inline|footer|color)::\s?(.*)$")


def _parse(kind: str, text: str, data: dict[str, Any]) -> Reply:
    content: list[str] = []
    cards: list[Card] = []
    target: list[str] = content
    current: dict[str, Any] | None = None
    fields: list[tuple[str, bool, list[str]]] = []
    description: list[str] = []
    footer: list[str] = []

    def close() -> None:
        if current is not None:
            cards.append(
                Card(
                    title=current["title"],
                    description="\n".join(description).strip(),
                    fields=tuple(Field(n, "\n".join(v).strip(), i) for n, i, v in fields),
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
        elif tag in ("field", "inline") and current is not None:
            fields.append((arg, tag == "inline", []))
            target = fields[-1][2]
        elif tag == "footer":
            target = footer
        elif tag == "color" and current is not None:
            current["color"] = BAND_COLORS.get(arg, BAND_COLORS["info"])
    close()
    return Reply(kind=kind, content="\n".join(content).strip(), cards=tuple(cards), data=data)


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
            esc=esc, num=num, money=money, smoney=smoney, hourly=hourly, signed=signed, bar=bar, spark=spark, clip=clip
        )
        self.env.globals.update(squares=CLASS_SQUARES)

    def render(self, kind: str, **context: Any) -> Reply:
        data = context.pop("data", {})
        text = self.env.get_template(f"{kind}.md.j2").render(**context)
        return _fit(_parse(kind, text, data))


def _fit(reply: Reply) -> Reply:
    """Safety net only: trims a field that would break Discord's limit; tests assert it never fires."""
    cards = []
    trimmed = False
    for card in reply.cards:
        fields = []
        for f in card.fields:
            if len(f.value) > FIELD_VALUE_MAX:
                trimmed = True
                f = replace(f, value=clip(f.value, FIELD_VALUE_MAX))
            fields.append(f)
        cards.append(replace(card, fields=tuple(fields)))
    if not trimmed:
        return reply
    return replace(reply, cards=tuple(cards), data={**reply.data, "trimmed": True})
