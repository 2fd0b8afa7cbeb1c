"""Occupations without a profile get BLS facts and the nearest scored profiles, never an empty guess."""

from __future__ import annotations

import pytest

from bot.answer.occupation import NEAREST_LIMIT, nearest_profiles
from bot.answer.parts import Parts


@pytest.mark.parametrize(
    ("soc", "title", "expected"),
    [
        ("53-3052", "bus driver", {"bus-driver-school", "shuttle-driver-and-chauffeur"}),  # O*NET related, same words
        ("11-9051", "food service manager", {"food-service-supervisor", "chef"}),
        ("29-1229", "physician", {"emergency-medicine-physician", "general-internal-medicine-physician"}),
        ("19-2011", "astronomer", {"physicist", "mathematician"}),  # related occupations, not the SOC group's order
    ],
)
def test_nearest_profiles_are_related_occupations_and_similar_titles(
    parts: Parts, soc: str, title: str, expected: set[str]
) -> None:
    near = nearest_profiles(parts, soc, title)
    assert len(near) == NEAREST_LIMIT
    assert len({s.id for s in near}) == len(near)
    assert expected <= {s.id for s in near}


def test_an_occupation_reply_lists_its_nearest_profiles(parts: Parts) -> None:
    from bot.answer.occupation import occupation

    reply = occupation(parts, "19-2011", "astronomer")
    near = next(f for f in reply.cards[0].fields if f.name.startswith("Closest profiles"))
    assert near.value.count("exposure") == NEAREST_LIMIT
    assert reply.meta.soc == "19-2011"


def test_an_unknown_title_suggests_near_titles(parts: Parts) -> None:
    from bot.answer.jobs import job

    reply = job(parts, "xyzzy nurse")  # no title fits, but autocomplete knows the words
    hints = [f for f in reply.cards[0].fields if f.name == "Did you mean"]
    assert reply.kind == "unknown" and hints and hints[0].value.count("•") >= 1
