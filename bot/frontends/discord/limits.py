"""Discord's documented message and embed limits: checking a payload against them, and the trimming safety net."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.present.filters import clip
from bot.present.reply import Reply

CONTENT_MAX = 2000
EMBEDS_MAX = 10
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
EMBED_TOTAL_MAX = 6000


def fit(reply: Reply) -> Reply:
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
    return replace(reply, cards=tuple(cards)) if trimmed else reply


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
