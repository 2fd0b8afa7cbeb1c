"""Loads and cross-checks the knowledge files once, so every later step can trust them."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from bot.sources.compiled import CompiledCache, fetch
from bot.sources.models import (
    CapabilityCatalog,
    FaqBank,
    NewJobs,
    OnetRelated,
    Profile,
    ProjectionTable,
    TitleVocabulary,
    WageTable,
)

M = TypeVar("M", bound=BaseModel)

WAGES_FILE = "oews_wages.json"
OUTLOOK_FILE = "bls_projections.json"
LOCAL_DIR = "oews_local"  # one file per state or metro area, read on demand
ONET_FILE = "onet_tasks.json"
TITLES_FILE = "onet_titles.json"
NEW_JOBS_FILE = "new_jobs.yaml"


class KnowledgeError(ValueError):
    """A knowledge file is malformed; the message names the file and the field."""


@dataclass(frozen=True)
class Knowledge:
    profiles: dict[str, Profile]
    capabilities: CapabilityCatalog
    faq: FaqBank
    wages: WageTable
    projections: ProjectionTable
    methodology_version: str
    root: Path
    # O*NET's titles of each OEWS occupation, and its related occupations in tier order
    titles: dict[str, list[str]] = field(default_factory=dict)
    related: dict[str, list[str]] = field(default_factory=dict)
    # the jobs AI itself created, for "what jobs will AI create?" (knowledge/new_jobs.yaml)
    new_jobs: NewJobs = field(default_factory=lambda: NewJobs.model_construct(roles=[]))
    # where what is built from this knowledge is stored; None for knowledge loaded or made without one
    compiled: CompiledCache | None = field(default=None, compare=False, repr=False)

    def by_soc(self, soc: str) -> list[Profile]:
        return [p for p in self.profiles.values() if p.soc == soc]


def default_root() -> Path:
    """Installed wheels carry the data inside the package; a source checkout keeps it at the top."""
    override = os.environ.get("JOBBOT_KNOWLEDGE_DIR")
    if override:
        return Path(override)
    package = Path(__file__).resolve().parents[1]  # bot/
    for candidate in (package / "knowledge", package.parent / "knowledge"):
        if (candidate / "capabilities.yaml").is_file():
            return candidate
    raise KnowledgeError(f"no knowledge directory found in or next to {package}")


def _read_yaml(path: Path) -> Any:
    """yaml-rs: several times faster than PyYAML here, and a key written twice is an error, not a silent overwrite."""
    import yaml_rs  # only when files are read: a start from the compiled cache reads no YAML

    try:
        return yaml_rs.loads(path.read_text(encoding="utf-8"), parse_datetime=False)
    except (OSError, UnicodeDecodeError, yaml_rs.YAMLDecodeError) as exc:
        raise KnowledgeError(f"{path}: cannot read YAML: {exc}") from exc


def _validate(model: type[M], data: Any, path: Path) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(top level)'}: {err['msg']}" for err in exc.errors()
        )
        raise KnowledgeError(f"{path}: {problems}") from exc


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KnowledgeError(f"{path}: cannot read JSON: {exc}") from exc


def _check_projections(projections: ProjectionTable, wages: WageTable, path: Path) -> None:
    """Every OEWS occupation is either projected or listed as missing, so a reply can always say which."""
    unknown = sorted(set(projections.occupations) - set(wages.occupations))
    if unknown:
        raise KnowledgeError(f"{path}: occupations: {unknown[0]} is not an OEWS occupation")
    unaccounted = sorted(set(wages.occupations) - set(projections.occupations) - set(projections.missing))
    if unaccounted:
        raise KnowledgeError(f"{path}: missing: {unaccounted[0]} has no projection and is not listed as missing")


def _methodology_version(root: Path) -> str:
    path = root / "METHODOLOGY.md"
    try:
        first = path.read_text(encoding="utf-8").splitlines()[0]
    except (OSError, IndexError) as exc:
        raise KnowledgeError(f"{path}: missing or empty") from exc
    version = first.rsplit("—", 1)[-1].strip()
    if not version.startswith("v"):
        raise KnowledgeError(f"{path}: first line must end with the version, e.g. '— v1.1'")
    return version


def _cross_check(profiles: dict[str, Profile], catalog: CapabilityCatalog, wages: WageTable, root: Path) -> None:
    known_tags = set(catalog.capabilities)
    for profile in profiles.values():
        where = root / "profiles" / f"{profile.id}.yaml"
        for n, task in enumerate(profile.tasks):
            for tag in task.capabilities:
                if tag not in known_tags:
                    raise KnowledgeError(f"{where}: tasks.{n}.capabilities: unknown tag {tag!r}")
        for n, move in enumerate(profile.career_moves):
            if move.id not in profiles:
                raise KnowledgeError(f"{where}: career_moves.{n}.id: no profile {move.id!r}")
        if profile.soc not in wages.occupations:
            raise KnowledgeError(f"{where}: soc: {profile.soc} is not an OEWS occupation")


def _label_key(text: str) -> str:
    """Case and spacing do not make two labels different: 'Data  Scientist' is 'data scientist'."""
    return " ".join(text.casefold().split())


def _check_labels(profiles: dict[str, Profile], root: Path) -> None:
    """A task written twice counts its time twice; a title or alias on two profiles sends one of them nowhere."""
    owners: dict[str, tuple[str, str]] = {}  # label key -> (profile id, field)
    for profile in profiles.values():
        where = root / "profiles" / f"{profile.id}.yaml"
        statements: dict[str, int] = {}
        for n, task in enumerate(profile.tasks):
            first = statements.setdefault(_label_key(task.statement), n)
            if first != n:
                raise KnowledgeError(f"{where}: tasks.{n}.statement: repeats tasks.{first}.statement")
        labels = [("title", profile.title), *((f"aliases.{n}", a) for n, a in enumerate(profile.aliases))]
        for name, label in labels:
            owner = owners.setdefault(_label_key(label), (profile.id, name))
            if owner == (profile.id, name):
                continue
            other = "" if owner[0] == profile.id else f"{root / 'profiles' / owner[0]}.yaml "
            raise KnowledgeError(f"{where}: {name}: {label!r} is already {other}{owner[1]}")


def _profile_paths(folder: Path) -> list[Path]:
    """Every profile file; one named `.yml` would otherwise be skipped without a word."""
    misnamed = sorted(folder.glob("*.yml"))
    if misnamed:
        raise KnowledgeError(f"{misnamed[0]}: profiles must end in .yaml (rename it to {misnamed[0].stem}.yaml)")
    return sorted(folder.glob("*.yaml"))


def _check_codes(titles: dict[str, list[str]], related: dict[str, list[str]], wages: WageTable, root: Path) -> None:
    """O*NET data is keyed by OEWS codes, so every occupation it names has BLS facts."""
    for name, table in ((TITLES_FILE, {soc: [] for soc in titles}), (ONET_FILE, related)):
        for soc, others in table.items():
            unknown = [code for code in (soc, *others) if code not in wages.occupations]
            if unknown:
                raise KnowledgeError(f"{root / name}: {soc}: {unknown[0]} is not an OEWS occupation")


def load_knowledge(root: Path | None = None) -> Knowledge:
    """Reads every file and fails on the first problem, naming its file and field."""
    root = root or default_root()
    catalog = _validate(CapabilityCatalog, _read_yaml(root / "capabilities.yaml"), root / "capabilities.yaml")
    faq = _validate(FaqBank, _read_yaml(root / "faq.yaml"), root / "faq.yaml")
    new_jobs = _validate(NewJobs, _read_yaml(root / NEW_JOBS_FILE), root / NEW_JOBS_FILE)
    wages = _validate(WageTable, _read_json(root / WAGES_FILE), root / WAGES_FILE)
    projections = _validate(ProjectionTable, _read_json(root / OUTLOOK_FILE), root / OUTLOOK_FILE)
    _check_projections(projections, wages, root / OUTLOOK_FILE)

    profiles: dict[str, Profile] = {}
    for path in _profile_paths(root / "profiles"):
        profile = _validate(Profile, _read_yaml(path), path)
        if profile.id != path.stem:
            raise KnowledgeError(f"{path}: id: {profile.id!r} does not match the file name")
        profiles[profile.id] = profile
    if not profiles:
        raise KnowledgeError(f"{root / 'profiles'}: no profiles found")
    _cross_check(profiles, catalog, wages, root)
    _check_labels(profiles, root)
    for n, job in enumerate(new_jobs.roles):
        if job.id not in profiles:
            raise KnowledgeError(f"{root / NEW_JOBS_FILE}: roles.{n}.id: no profile {job.id!r}")
    titles = _validate(TitleVocabulary, _read_json(root / TITLES_FILE), root / TITLES_FILE)
    related = _validate(OnetRelated, _read_json(root / ONET_FILE), root / ONET_FILE)
    _check_codes(titles.titles, related.related, wages, root)
    return Knowledge(
        profiles,
        catalog,
        faq,
        wages,
        projections,
        _methodology_version(root),
        root,
        titles=titles.titles,
        related=related.related,
        new_jobs=new_jobs,
    )


def compiled_knowledge(root: Path) -> Knowledge:
    """The knowledge at `root`, read from the compiled cache when its files have not changed since it was
    validated, else loaded, validated and stored there; the result carries the cache for what is built on it."""
    compiled = CompiledCache.for_root(root)
    knowledge = fetch(compiled, "knowledge", Knowledge, lambda: load_knowledge(root))
    return replace(knowledge, root=root, compiled=compiled)


@cache
def default_knowledge() -> Knowledge:
    """Process-wide copy for front ends; tests that need other data call load_knowledge, which always
    reads and validates every file."""
    return compiled_knowledge(default_root())


def check_main() -> None:
    """`python -m bot.sources.load` style check used by authors while editing files."""
    knowledge = load_knowledge()
    print(f"ok: {len(knowledge.profiles)} profiles, {len(knowledge.capabilities.capabilities)} capability tags")


if __name__ == "__main__":
    check_main()
