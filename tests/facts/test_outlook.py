"""BLS Employment Projections: compiled faithfully, described by METHODOLOGY.md's rule, shown where people decide."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answer.engine import Engine
from bot.frontends.cli import list_records
from bot.present.reply import ReplyKind
from bot.score.methodology import growth_band
from bot.sources.load import OUTLOOK_FILE, Knowledge, KnowledgeError, default_root, load_knowledge

SOURCE = (
    Path(__file__).resolve().parents[3] / "shared" / "data" / "bls-projections-2024-34" / "occupation_projections.json"
)


@pytest.mark.parametrize(
    ("soc", "change", "openings", "education"),
    [
        ("15-1252", 15.8, 115_200, "Bachelor's degree"),  # software developers, as BLS publishes them
        ("15-2051", 33.5, None, "Bachelor's degree"),  # data scientists
        ("41-2011", -9.9, None, "No formal educational credential"),  # cashiers
    ],
)
def test_published_figures_survive_the_compile(
    knowledge: Knowledge, soc: str, change: float, openings: int | None, education: str
) -> None:
    row = knowledge.projections.occupations[soc]
    assert row.change_pct == change
    assert row.typical_education == education
    if openings is not None:
        assert row.annual_openings == openings


def test_every_oews_occupation_is_projected_or_listed_as_missing(knowledge: Knowledge) -> None:
    table = knowledge.projections
    assert set(table.occupations) | set(table.missing) == set(knowledge.wages.occupations)
    assert table.all_occupations_change_pct == 3.1  # BLS: total employment +3.1 % over 2024-34


@pytest.mark.skipif(not SOURCE.is_file(), reason="the projections extract sits beside a checkout only")
def test_the_compile_rebuilds_byte_for_byte(tmp_path: Path) -> None:
    from bot.build.projections import build

    (tmp_path / "oews_wages.json").write_bytes((default_root() / "oews_wages.json").read_bytes())
    assert build(SOURCE, tmp_path).read_bytes() == (default_root() / OUTLOOK_FILE).read_bytes()


@pytest.mark.parametrize(
    ("change", "band"),
    [
        (-9.9, "declining"),
        (-1.1, "declining"),
        (-1.0, "little or no change"),
        (1.0, "little or no change"),
        (1.5, "slower than average"),
        (2.1, "about as fast as average"),
        (5.0, "about as fast as average"),
        (5.1, "faster than average"),
        (7.0, "faster than average"),
        (7.1, "much faster than average"),
        (33.5, "much faster than average"),
    ],
)
def test_growth_descriptors_follow_the_methodology_table(change: float, band: str) -> None:
    assert growth_band(change, 3.1) == band


def test_summary_shows_the_outlook_line(engine: Engine) -> None:
    reply = engine.job("software developer")
    field = next(f for card in reply.cards for f in card.fields if f.name.startswith("Outlook"))
    assert "+15.8%" in field.value and "much faster than average" in field.value
    assert "115,200 openings a year" in field.value and "bachelor's degree" in field.value


def test_career_moves_show_the_targets_outlook_and_entry_education(engine: Engine, knowledge: Knowledge) -> None:
    reply = engine.job("cashier", kind=ReplyKind.CAREERS)
    text = "\n".join(f.value for card in reply.cards for f in card.fields)
    for move in knowledge.profiles["cashier"].career_moves:
        row = knowledge.projections.occupations[knowledge.profiles[move.id].soc]
        assert f"{row.change_pct:+.1f}%" in text
        assert row.typical_education.lower() in text


def test_comparison_shows_both_outlooks(engine: Engine) -> None:
    text = "\n".join(f.value for card in engine.compare("dentist", "dental hygienist").cards for f in card.fields)
    assert "+4.1% to 2034" in text and "+7.0% to 2034" in text


def test_json_outputs_carry_the_outlook(engine: Engine) -> None:
    summary = engine.summary("cashier")
    assert summary is not None and summary.outlook is not None
    assert json.loads(summary.model_dump_json())["outlook"]["change_pct"] == -9.9
    record = next(r for r in list_records(engine) if r["id"] == "cashier")
    assert record["outlook_change_pct"] == -9.9 and record["outlook_growth"] == "declining"


def test_a_job_without_a_projection_says_so(tmp_path: Path, knowledge: Knowledge) -> None:
    root = tmp_path / "knowledge"
    import shutil

    shutil.copytree(default_root(), root)
    data = json.loads((root / OUTLOOK_FILE).read_text())
    del data["occupations"]["41-2011"]
    (root / OUTLOOK_FILE).write_text(json.dumps(data))
    with pytest.raises(KnowledgeError, match="41-2011 has no projection"):
        load_knowledge(root)
    data["missing"].append("41-2011")
    (root / OUTLOOK_FILE).write_text(json.dumps(data))
    reply = Engine(load_knowledge(root)).job("cashier")
    field = next(f for card in reply.cards for f in card.fields if f.name.startswith("Outlook"))
    assert "publish no projection" in field.value
