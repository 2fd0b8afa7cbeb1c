"""Jinja2 filters: numbers, money, bars and sparklines as replies print them, and `esc` for user text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

CLASS_SQUARES = {"substitutable": "🟥", "assisted": "🟨", "human": "🟩"}
SPARKS = "▁▂▃▄▅▆▇█"
MARKDOWN_SPECIAL = re.compile(r"([\\*_~`|>#\[\]()])")
MENTIONISH = re.compile(r"@|<(?=[@#:&!])")
ECHO_MAX = 80
# Controls, bidi overrides and isolates (U+202A-202E, U+2066-2069), zero-width and other invisible formatting
# characters: none of them is part of a job title, and they can make an echo read as something else.
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
SCHEME = re.compile(r"(?i)([a-z][a-z0-9+.-]*):/+")  # https://, discord://
DOT_IN_NAME = re.compile(r"(?<=\w)\.(?=\w)")  # discord.gg/x, evil.com: a name with a dot can become a link


def visible(text: str) -> str:
    """Drops every character that does not print (controls, bidi overrides, zero-width marks)."""
    return "".join(ch for ch in text if unicodedata.category(ch) not in HIDDEN_CATEGORIES)


def defang(text: str) -> str:
    """No link can form: schemes lose their slashes and dotted names their dots ('discord[.]gg/x')."""
    return DOT_IN_NAME.sub("[.]", SCHEME.sub(r"\1[:]", text))


def esc(text: object, limit: int = ECHO_MAX) -> str:
    """User text as inert literal: one line, bounded, visible characters only, no link, markdown or mention."""
    flat = " ".join(visible(str(text)[: limit * 4]).split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    flat = defang(flat)
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


SHARE_WORDS = (
    (1 / 10, "about a tenth"),
    (1 / 4, "about a quarter"),
    (1 / 3, "about a third"),
    (1 / 2, "about half"),
    (2 / 3, "about two thirds"),
    (3 / 4, "about three quarters"),
    (9 / 10, "about nine tenths"),
)


def share_words(percent: float) -> str:
    """A share of time in plain words: 48 → "about half", 93 → "about nine tenths"."""
    if percent < 5:
        return "almost none"
    if percent > 97:
        return "almost all"
    return min(SHARE_WORDS, key=lambda pair: abs(pair[0] * 100 - percent))[1]


def lower_title(title: str) -> str:
    """A job title inside a sentence: "Registered Nurse" → "registered nurse"; "IT Manager" → "IT manager"."""
    return " ".join(w.lower() if w[:1].isupper() and w[1:].islower() else w for w in title.split())
