"""The benchmark's synthetic scale-up: N times the profiles and titles, still a knowledge the loader accepts."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.scale import copy_id, scale_knowledge, synthetic_codes, write_knowledge
from bot.answer.engine import Engine
from bot.sources.load import Knowledge, load_knowledge


def test_copies_get_fresh_codes_in_their_own_major_group() -> None:
    real = ["51-9199", "51-9198", "11-1011"]
    copies = synthetic_codes(real, 2)
    made = [code for copy in copies for code in copy.values()]
    assert len(set(made)) == len(made) == 6
    assert all(copy[soc][:3] == soc[:3] for copy in copies for soc in real)
    assert not {code[:6] for code in made} & {soc[:6] for soc in real}
    assert not [code for code in made if code.endswith("0")]


def test_copy_ids_fit_the_slug_limit() -> None:
    assert copy_id("paralegal", 3) == "paralegal-x3"
    assert len(copy_id("a" * 58 + "-b", 12)) <= 60


@pytest.fixture(scope="module")
def scaled_twice(knowledge: Knowledge, tmp_path_factory: pytest.TempPathFactory) -> tuple[Knowledge, dict[str, str]]:
    """Scaled in memory, written out and read back by the ordinary loader, which checks every invariant."""
    scaled = scale_knowledge(knowledge, 2)
    folder: Path = tmp_path_factory.mktemp("scale2")
    write_knowledge(scaled, folder)
    return load_knowledge(folder), scaled.origin


def test_scaled_knowledge_has_n_times_everything(
    knowledge: Knowledge, scaled_twice: tuple[Knowledge, dict[str, str]]
) -> None:
    scaled, origin = scaled_twice
    assert len(scaled.profiles) == 2 * len(knowledge.profiles)
    assert len(scaled.wages.occupations) == 2 * len(knowledge.wages.occupations)
    assert sum(map(len, scaled.titles.values())) == 2 * sum(map(len, knowledge.titles.values()))
    labels = [label.casefold() for p in scaled.profiles.values() for label in (p.title, *p.aliases)]
    assert len(set(labels)) == len(labels)
    for p in scaled.profiles.values():
        assert p.soc in scaled.wages.occupations
        assert p.soc in scaled.projections.occupations or p.soc in scaled.projections.missing
        assert all(m.id in scaled.profiles for m in p.career_moves)
    copy = scaled.profiles["paralegal-x2"]
    assert origin[copy.soc] == knowledge.profiles["paralegal"].soc
    assert copy.family == knowledge.profiles["paralegal"].family


def test_an_engine_on_the_scaled_knowledge_answers_about_a_copy(
    scaled_twice: tuple[Knowledge, dict[str, str]],
) -> None:
    scaled, _ = scaled_twice
    engine = Engine(scaled)
    copy = scaled.profiles["paralegal-x2"]
    reply = engine.answer(f"will AI replace {copy.aliases[0]}?")
    assert reply.meta.profile_ids == ("paralegal-x2",)
    assert reply.meta.soc == copy.soc
    assert engine.answer("will AI replace paralegals?").meta.profile_ids == ("paralegal",)
