"""The whole profile set checked together: coverage of every OEWS code, O*NET grounding, consistency across files."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from bot.build.onet import ONET_FILE, fingerprint
from bot.score.formulas import score
from bot.sources.load import Knowledge, default_root
from bot.sources.models import Profile, ProfileKind

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
EMBODIED = {"physical-dexterity", "in-person-care", "site-presence", "vehicle-operation"}
HUMAN_CAP = 34  # METHODOLOGY.md rule 3: the part of a task that needs hands, presence or a signature
SAME_TASK_SPREAD = 10
LOWER_RISK_CLAIM = re.compile(
    r"\b(less exposed|lower (?:your )?(?:ai )?(?:risk|exposure)|safer|more resilient|harder to automate)\b", re.I
)
# METHODOLOGY.md's anchored examples: (profile, statement start, score)
ANCHORS = [
    ("nursing-assistant", "Lift, turn and reposition patients", 10),
    ("registered-nurse", "Assess patients at the bedside", 30),
    ("customer-service-representative", "Investigate billing disputes", 50),
    ("software-developer", "Write and test code for well-specified features", 70),
    ("translator", "Translate routine business correspondence", 90),
]


@pytest.fixture(scope="module")
def onet() -> dict[str, object]:
    data: dict[str, object] = json.loads((default_root() / ONET_FILE).read_text(encoding="utf-8"))
    return data


def _occupations(knowledge: Knowledge) -> list[Profile]:
    return [p for p in knowledge.profiles.values() if p.kind is ProfileKind.OCCUPATION]


def test_every_oews_occupation_in_groups_11_to_53_has_an_occupation_profile(knowledge: Knowledge) -> None:
    profiled = {p.soc for p in _occupations(knowledge)}
    missing = [f"{soc} {w.title}" for soc, w in knowledge.wages.occupations.items() if soc not in profiled]
    assert not missing, f"{len(missing)} OEWS occupations have no profile: {missing[:10]}"


def test_at_least_60_role_profiles_beyond_one_per_soc(knowledge: Knowledge) -> None:
    roles = [p for p in knowledge.profiles.values() if p.kind is ProfileKind.ROLE]
    assert len(roles) >= 60, len(roles)
    occupation_ids = {p.id for p in _occupations(knowledge)}
    assert not occupation_ids & {r.id for r in roles}


def test_task_ids_exist_and_belong_to_the_occupation(knowledge: Knowledge, onet: dict[str, object]) -> None:
    tasks: dict[str, list[list[object]]] = onet["tasks"]  # type: ignore[assignment]
    owner = {int(str(row[0])): soc for soc, rows in tasks.items() for row in rows}
    wrong = []
    for p in knowledge.profiles.values():
        for n, task in enumerate(p.tasks):
            for tid in task.onet_tasks:
                if tid not in owner or (p.kind is ProfileKind.OCCUPATION and owner[tid] != p.soc):
                    wrong.append(f"{p.id} tasks.{n}: {tid} ({owner.get(tid, 'no such task')})")
    assert not wrong, wrong[:20]


def test_a_task_without_onet_ids_says_why(knowledge: Knowledge, onet: dict[str, object]) -> None:
    described = set(onet["tasks"])  # type: ignore[arg-type]
    silent = [
        f"{p.id} tasks.{n}"
        for p in _occupations(knowledge)
        if p.soc in described
        for n, t in enumerate(p.tasks)
        if not t.onet_tasks and "o*net" not in t.rationale.casefold()
    ]
    assert not silent, silent[:20]


def test_profiles_with_onet_tasks_are_mostly_grounded(knowledge: Knowledge, onet: dict[str, object]) -> None:
    """An occupation O*NET describes gets most of its time from O*NET-grounded tasks."""
    described = set(onet["tasks"])  # type: ignore[arg-type]
    thin = [
        p.id
        for p in _occupations(knowledge)
        if p.soc in described and sum(t.time_share for t in p.tasks if t.onet_tasks) < 50
    ]
    assert not thin, thin


def test_no_task_statement_copies_an_onet_statement(knowledge: Knowledge, onet: dict[str, object]) -> None:
    tasks: dict[str, list[list[object]]] = onet["tasks"]  # type: ignore[assignment]
    taken = {str(row[2]) for rows in tasks.values() for row in rows} | set(onet["emerging_fingerprints"])  # type: ignore[arg-type]
    copies = [
        f"{p.id}: {t.statement}"
        for p in knowledge.profiles.values()
        for t in p.tasks
        if fingerprint(t.statement) in taken
    ]
    assert not copies, copies[:10]


def test_the_same_onet_task_scores_alike_across_profiles(knowledge: Knowledge) -> None:
    by_task: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for p in knowledge.profiles.values():
        for t in p.tasks:
            for tid in t.onet_tasks:
                by_task[tid][p.id].append(t.exposure)
    spread = []
    for tid, profiles in by_task.items():
        means = {pid: sum(v) / len(v) for pid, v in profiles.items()}
        if len(means) > 1 and max(means.values()) - min(means.values()) > SAME_TASK_SPREAD:
            spread.append(f"{tid}: {sorted(means.items(), key=lambda kv: kv[1])}")
    assert not spread, spread[:20]


def test_a_task_carried_only_by_embodied_capabilities_is_capped(knowledge: Knowledge) -> None:
    over = [
        f"{p.id}: {t.statement} ({t.exposure})"
        for p in knowledge.profiles.values()
        for t in p.tasks
        if set(t.capabilities) <= EMBODIED and t.exposure > HUMAN_CAP
    ]
    assert not over, over[:20]


@pytest.mark.parametrize(("profile_id", "start", "anchor"), ANCHORS)
def test_anchored_examples_keep_their_scores(knowledge: Knowledge, profile_id: str, start: str, anchor: int) -> None:
    tasks = [t for t in knowledge.profiles[profile_id].tasks if t.statement.startswith(start)]
    assert len(tasks) == 1
    assert abs(tasks[0].exposure - anchor) <= 5


def test_a_move_offered_as_lower_risk_is_lower(knowledge: Knowledge) -> None:
    scores = {pid: score(p, knowledge.capabilities) for pid, p in knowledge.profiles.items()}
    wrong = []
    for p in knowledge.profiles.values():
        for move in p.career_moves:
            if LOWER_RISK_CLAIM.search(move.reason):
                here, there = scores[p.id], scores[move.id]
                if not (there.exposure < here.exposure or there.risk < here.risk):
                    wrong.append(f"{p.id} -> {move.id}: {move.reason}")
    assert not wrong, wrong[:20]


def test_career_moves_start_from_onet_related_occupations(knowledge: Knowledge, onet: dict[str, object]) -> None:
    related: dict[str, list[str]] = onet["related"]  # type: ignore[assignment]
    profiled = {p.soc for p in knowledge.profiles.values()}
    unrelated = []
    for p in _occupations(knowledge):
        offered = [soc for soc in related.get(p.soc, []) if soc in profiled]
        targets = {knowledge.profiles[m.id].soc for m in p.career_moves}
        if offered and not targets & set(offered):
            unrelated.append(p.id)
    assert not unrelated, unrelated[:20]


@pytest.mark.skipif(not (SHARED_DATA / "onet-29.3").is_dir(), reason="O*NET extracts sit beside a checkout only")
def test_onet_index_rebuilds_byte_for_byte(tmp_path: Path) -> None:
    from bot.build.onet import build

    (tmp_path / "oews_wages.json").write_bytes((default_root() / "oews_wages.json").read_bytes())
    out = build(SHARED_DATA / "onet-29.3", tmp_path)
    assert out.read_bytes() == (default_root() / ONET_FILE).read_bytes()
