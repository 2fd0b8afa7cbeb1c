"""Small, line-preserving edits to profile files (comments, order and quoting stay as written)."""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

ITEM = re.compile(r"^(\s+)-\s+(.*?)\s*$")
MIN_ALIASES = 5  # Profile.aliases needs at least five


def _value(raw: str) -> str:
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"":
        return raw[1:-1]
    return raw


def remove_aliases(path: Path, aliases: Collection[str]) -> list[str]:
    """Deletes these aliases from the file's block list under `aliases:`; returns the ones removed.

    Nothing is removed when fewer than five aliases would remain (the profile would no longer load).
    """
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip() == "aliases:"), None)
    if start is None:
        return []
    end = start + 1
    while end < len(lines) and ITEM.match(lines[end]):
        end += 1
    wanted = {a.casefold() for a in aliases}
    kept: list[tuple[str, str]] = []
    removed: list[tuple[str, str]] = []
    for line in lines[start + 1 : end]:
        hit = ITEM.match(line)
        value = _value(hit.group(2)) if hit else ""
        (removed if value.casefold() in wanted else kept).append((line, value))
    if not removed or len(kept) < MIN_ALIASES:
        return []
    path.write_text("".join([*lines[: start + 1], *(line for line, _ in kept), *lines[end:]]), encoding="utf-8")
    return [value for _, value in removed]
