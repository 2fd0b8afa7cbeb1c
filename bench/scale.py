"""A synthetic scale-up of the knowledge for `python -m bench --scale N`, made at run time and never committed.

Copy k (2..N) of every profile, OEWS occupation, projection and O*NET title list gets its own made-up word
in front of each name ("Vobaru Paralegal") and its own SOC codes, so the vocabulary and the profile set grow
about N times without one exact title landing on two jobs. A copy keeps its original's SOC major group, so
families, group names and rankings by field still work; its codes sit in blocks of ten no real code uses,
and `Scaled.origin` maps each back to the real code it copies, for scoring accuracy against real answers.
"""

from __future__ import annotations

import json
import random
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import yaml_rs

from bot.sources.load import (
    LOCAL_DIR,
    NEW_JOBS_FILE,
    ONET_FILE,
    OUTLOOK_FILE,
    TITLES_FILE,
    WAGES_FILE,
    Knowledge,
    load_knowledge,
)
from bot.sources.models import Profile
from bot.understand.normalize import normalize

ID_MAX = 60  # a profile id is a Slug of at most 60 characters, so long ids are cut to fit their copy suffix
SHARED_FILES = ("capabilities.yaml", "faq.yaml", NEW_JOBS_FILE, "METHODOLOGY.md", LOCAL_DIR)
CONSONANTS, VOWELS = "bdfgklmnprtvz", "aeiou"


@dataclass(frozen=True)
class Scaled:
    """The scaled knowledge, and the real SOC code each synthetic one copies."""

    knowledge: Knowledge
    origin: dict[str, str]

    def real(self, soc: str) -> str:
        return self.origin.get(soc, soc)


def copy_id(profile_id: str, k: int) -> str:
    suffix = f"-x{k}"
    return profile_id[: ID_MAX - len(suffix)].rstrip("-") + suffix


def made_up_words(count: int, taken: set[str], seed: int = 2026) -> list[str]:
    """Pronounceable words no stored title uses (consonant-vowel pairs), one per copy."""
    rng = random.Random(seed)
    words: list[str] = []
    while len(words) < count:
        word = "".join(rng.choice(CONSONANTS) + rng.choice(VOWELS) for _ in range(3))
        if word not in taken and normalize(word) == word:
            taken.add(word)
            words.append(word)
    return words


def synthetic_codes(real: Iterable[str], copies: int) -> list[dict[str, str]]:
    """For each copy, a new code per real code in the same major group, from NN-9999 down.

    A block of ten codes (NN-NNN*) holding any real code is skipped whole, and codes ending in 0 (the
    shape of broad groups) are never used, so no synthetic code reads as a real one's group or neighbour.
    """
    real = sorted(real)
    used_blocks = {soc[:6] for soc in real}
    by_group: dict[str, list[str]] = {}
    for soc in real:
        by_group.setdefault(soc[:2], []).append(soc)
    codes: list[dict[str, str]] = [{} for _ in range(copies)]
    for group, socs in by_group.items():
        free = (f"{group}-{i:04d}" for i in range(9999, 0, -1) if i % 10 and f"{group}-{i:04d}"[:6] not in used_blocks)
        for copy in codes:
            for soc in socs:
                code = next(free, None)
                if code is None:
                    raise ValueError(f"SOC major group {group} has no free codes left for {copies + 1} copies")
                copy[soc] = code
    return codes


def _vocabulary_words(knowledge: Knowledge) -> set[str]:
    labels = [label for p in knowledge.profiles.values() for label in (p.title, *p.aliases)]
    labels += [w.title for w in knowledge.wages.occupations.values()]
    labels += [t for titles in knowledge.titles.values() for t in titles]
    return {word for label in labels for word in normalize(label).split()}


def scale_knowledge(knowledge: Knowledge, n: int) -> Scaled:
    """The knowledge with every profile and occupation copied N times in all (copy 1 is the original)."""
    if n < 1:
        raise ValueError(f"scale must be at least 1, not {n}")
    profiles, origin = dict(knowledge.profiles), dict[str, str]()
    wages, outlook = dict(knowledge.wages.occupations), dict(knowledge.projections.occupations)
    missing, titles, related = list(knowledge.projections.missing), dict(knowledge.titles), dict(knowledge.related)
    words = made_up_words(n - 1, _vocabulary_words(knowledge))
    for k, word, code in zip(range(2, n + 1), words, synthetic_codes(wages, n - 1), strict=True):
        prefix = word.capitalize() + " "
        for p in knowledge.profiles.values():
            copied = _copy_profile(p, k, prefix, code[p.soc])
            profiles[copied.id] = copied
        for soc, wage in knowledge.wages.occupations.items():
            wages[code[soc]] = wage.model_copy(update={"soc": code[soc], "title": prefix + wage.title})
        for soc, row in knowledge.projections.occupations.items():
            outlook[code[soc]] = row.model_copy(update={"title": prefix + row.title})
        missing += [code[soc] for soc in knowledge.projections.missing]
        titles |= {code[soc]: [prefix + t for t in names] for soc, names in knowledge.titles.items()}
        related |= {code[soc]: [code[o] for o in others] for soc, others in knowledge.related.items()}
        origin |= {copy: soc for soc, copy in code.items()}
    if len(profiles) != n * len(knowledge.profiles):
        raise ValueError("two profile ids cut to the same copy id")
    scaled = replace(
        knowledge,
        profiles=profiles,
        wages=knowledge.wages.model_copy(update={"occupations": wages}),
        projections=knowledge.projections.model_copy(update={"occupations": outlook, "missing": missing}),
        titles=titles,
        related=related,
    )
    return Scaled(scaled, origin)


def _copy_profile(profile: Profile, k: int, prefix: str, soc: str) -> Profile:
    moves = [m.model_copy(update={"id": copy_id(m.id, k)}) for m in profile.career_moves]
    return profile.model_copy(
        update={
            "id": copy_id(profile.id, k),
            "title": prefix + profile.title,
            "aliases": [prefix + a for a in profile.aliases],
            "soc": soc,
            "career_moves": moves,
        }
    )


def write_knowledge(scaled: Scaled, dest: Path) -> None:
    """The scaled knowledge as files `load_knowledge(dest)` reads, for a fresh interpreter to start from.

    Files the scale-up does not change are linked, not copied; O*NET's task lists are copied per code."""
    knowledge, source = scaled.knowledge, scaled.knowledge.root
    for name in SHARED_FILES:
        (dest / name).symlink_to(source / name)
    (dest / "profiles").mkdir()
    for p in knowledge.profiles.values():
        text = yaml_rs.dumps(p.model_dump(mode="json", exclude_none=True))
        (dest / "profiles" / f"{p.id}.yaml").write_text(text, encoding="utf-8")
    (dest / WAGES_FILE).write_text(knowledge.wages.model_dump_json(), encoding="utf-8")
    (dest / OUTLOOK_FILE).write_text(knowledge.projections.model_dump_json(), encoding="utf-8")
    vocabulary = json.loads((source / TITLES_FILE).read_text(encoding="utf-8"))
    (dest / TITLES_FILE).write_text(json.dumps(vocabulary | {"titles": knowledge.titles}), encoding="utf-8")
    onet = json.loads((source / ONET_FILE).read_text(encoding="utf-8"))
    tasks = onet["tasks"] | {copy: onet["tasks"][soc] for copy, soc in scaled.origin.items() if soc in onet["tasks"]}
    (dest / ONET_FILE).write_text(json.dumps(onet | {"tasks": tasks, "related": knowledge.related}), encoding="utf-8")


@contextmanager
def scaled_root(n: int, root: Path | None = None) -> Iterator[tuple[Path, Scaled]]:
    """The knowledge directory for scale N (the real one at 1, else a temporary one removed afterwards),
    and the scaled knowledge loaded back from it through the ordinary loader, so every check runs on it."""
    real = load_knowledge(root)
    if n == 1:
        yield real.root, Scaled(real, {})
        return
    scaled = scale_knowledge(real, n)
    folder = Path(tempfile.mkdtemp(prefix=f"jobbot-scale{n}-"))
    try:
        write_knowledge(scaled, folder)
        yield folder, Scaled(load_knowledge(folder), scaled.origin)
    finally:
        shutil.rmtree(folder)


def title_count(knowledge: Knowledge) -> int:
    """Titles the knowledge names jobs by, before the matcher drops repeats and very short ones."""
    profiles = sum(1 + len(p.aliases) for p in knowledge.profiles.values())
    return profiles + len(knowledge.wages.occupations) + sum(map(len, knowledge.titles.values()))
