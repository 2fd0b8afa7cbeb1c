"""Where the user asked about: the place they named, the area it resolved to, and that area's pay."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.answer.parts import Parts
from bot.facts.local import LocalPay
from bot.understand.places import Place, split_place


@dataclass(frozen=True)
class Where:
    """A place as typed, what it resolved to (None: no such area), and pay there by SOC code."""

    asked: str
    place: Place | None
    pay: dict[str, LocalPay | None] = field(default_factory=dict)


def locate(parts: Parts, asked: str | None, socs: Iterable[str] = ()) -> Where | None:
    if not asked or not asked.strip():
        return None
    place = parts.places.find(asked)
    pay = {soc: parts.local.pay(soc, place.code) for soc in socs} if place else {}
    return Where(asked.strip(), place, pay)


def with_pay(parts: Parts, where: Where | None, socs: Iterable[str]) -> Where | None:
    """The same place with pay for these occupations added."""
    if where is None or where.place is None:
        return where
    code = where.place.code
    return Where(where.asked, where.place, {**where.pay, **{s: parts.local.pay(s, code) for s in socs}})


def split_known_place(parts: Parts, text: str) -> tuple[str, str | None]:
    """Takes a trailing 'in Texas' off a question only when it names a real area, so 'in healthcare' stays."""
    rest, asked = split_place(text)
    if asked is None or not rest.strip() or parts.places.find(asked) is None:
        return text, None
    return rest, asked
