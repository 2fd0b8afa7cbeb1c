"""Typed shapes of the knowledge files; validation here is what makes a bad file fail loudly."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

SOC_PATTERN = r"^\d{2}-\d{4}$"
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
YEARS = tuple(range(2018, 2029))

OneLine = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=300, pattern=r"^[^\n]+$")]
Alias = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=80, pattern=r"^[^\n]+$")]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=60)]
Soc = Annotated[str, StringConstraints(pattern=SOC_PATTERN)]
Count = Annotated[int, Field(strict=True, ge=0)]  # people or dollars: a whole number, never negative
Rate = Annotated[float, Field(strict=True, ge=0)]  # dollars an hour; strict still takes a whole number


class Strict(BaseModel):
    """Unknown keys are typos in hand-edited files, so they are errors."""

    # validators are built at first validation: a start from the compiled cache validates nothing
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Axis(StrEnum):
    COGNITIVE = "cognitive"
    CREATIVE = "creative"
    MANUAL = "manual"
    SOCIAL = "social"
    PROCEDURAL = "procedural"
    JUDGEMENT = "judgement"


class Capability(Strict):
    label: OneLine
    description: OneLine
    timeline: dict[int, float]
    assumptions: str = Field(min_length=20)

    @field_validator("timeline")
    @classmethod
    def _every_year(cls, value: dict[int, float]) -> dict[int, float]:
        missing = [y for y in YEARS if y not in value]
        extra = [y for y in value if y not in YEARS]
        if missing or extra:
            raise ValueError(f"timeline needs exactly the years 2018-2028 (missing {missing}, extra {extra})")
        if value[2026] != 100:
            raise ValueError("timeline must be 100 in 2026, the level task scores are set against")
        if any(not 0 <= v <= 200 for v in value.values()):
            raise ValueError("timeline values must be within 0-200")
        return value


class CapabilityCatalog(Strict):
    version: str
    projection_from: int
    capabilities: dict[Slug, Capability]


class Task(Strict):
    """One canonical task of the job; its exposure and time share drive every figure (METHODOLOGY.md)."""

    statement: OneLine = Field(description="What the worker does, in one line, as replies show it.")
    exposure: int = Field(
        ge=0,
        le=100,
        strict=True,  # `true`, "65" and 65.0 are typos, not scores
        description="How much of the task AI can do today, 0-100, scored with the METHODOLOGY.md rubric.",
    )
    time_share: int = Field(
        gt=0, le=100, strict=True, description="Percent of a typical worker's time; a profile's shares sum to 100."
    )
    capabilities: list[Slug] = Field(
        min_length=1,
        max_length=4,
        description="Tags from capabilities.yaml the score rests on; their timelines give the 2018-2028 trend.",
    )
    axes: list[Axis] = Field(
        min_length=1, max_length=3, description="Kinds of work the task is, for the per-axis exposure breakdown."
    )
    rationale: OneLine = Field(description="Why the task got its score, so a reader can check it.")
    onet_tasks: list[int] = Field(
        default_factory=list,
        max_length=40,
        description="O*NET 29.3 Task IDs this canonical task condenses; empty only where O*NET lists no such task.",
    )

    @field_validator("capabilities", "axes")
    @classmethod
    def _no_repeats(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("entries must not repeat")
        return value


class CareerMove(Strict):
    """A nearby job worth moving toward; the reply shows its figures beside this job's."""

    id: Slug = Field(description="The other profile's id (its file name); it must exist.")
    reason: OneLine = Field(description="Why the move suits someone in this job.")


class Signals(Strict):
    """Optional one-line notes on evidence behind the scores, kept with the profile for reviewers."""

    exposure: OneLine | None = Field(default=None, description="Evidence on how exposed the work is.")
    augmentation: OneLine | None = Field(default=None, description="Evidence on AI assisting rather than replacing.")
    resilience: OneLine | None = Field(default=None, description="Evidence on what keeps the job human.")


class ProfileKind(StrEnum):
    """An occupation is a BLS code of its own; a role is a job people name that BLS counts inside one."""

    OCCUPATION = "occupation"
    ROLE = "role"


class Profile(Strict):
    """One occupation or role jobbot scores: a file in knowledge/profiles/ named after its id."""

    id: Slug = Field(description="Lower-case slug; must equal the file name, and is what buttons and menus carry.")
    kind: ProfileKind = Field(
        default=ProfileKind.OCCUPATION,
        description="`role` for a job BLS has no code for; its `soc` is then the stand-in occupation it is counted in.",
    )
    title: OneLine = Field(description="The occupation's common title, as replies head it.")
    soc: Soc = Field(
        description="US SOC 2018 code (NN-NNNN); must be an OEWS occupation, which supplies pay and outlook. "
        "For a role, the occupation BLS counts it in (its stand-in)."
    )
    family: Soc = Field(description="The SOC major group (NN-0000) of `soc`; stated so files group at a glance.")
    aliases: list[Alias] = Field(
        min_length=5, description="Other ways people name the job; the matcher treats each as an exact title."
    )
    summary: OneLine = Field(description="What the job is, in one line.")
    tasks: list[Task] = Field(
        min_length=6,
        max_length=10,
        description="The job's canonical tasks: enough to cover its time, few to read.",
    )
    skills: list[OneLine] = Field(min_length=3, description="Skills worth building to lower this job's exposure.")
    career_moves: list[CareerMove] = Field(min_length=3, description="Nearby jobs, compared in the careers reply.")
    signals: Signals | None = Field(default=None, description="Optional evidence notes; not shown in replies.")

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        if self.family != f"{self.soc[:2]}-0000":
            raise ValueError(f"family {self.family} is not the major group of SOC {self.soc}")
        total = sum(t.time_share for t in self.tasks)
        if total != 100:
            raise ValueError(f"task time shares sum to {total}, not 100")
        if any(m.id == self.id for m in self.career_moves):
            raise ValueError("a career move cannot point at the profile itself")
        lowered = [a.casefold() for a in self.aliases]
        if len(set(lowered)) != len(lowered):
            raise ValueError("aliases must not repeat")
        return self


class FaqEntry(Strict):
    id: Slug
    question: OneLine
    phrasings: list[OneLine] = Field(min_length=2)
    answer: str = Field(min_length=40, max_length=1800)


class FaqBank(Strict):
    faqs: list[FaqEntry] = Field(min_length=12)


class Wage(Strict):
    """One OEWS national row; None where BLS publishes no number, with the reason kept."""

    soc: Soc
    title: str
    level: str
    employment: Count | None
    median_annual: Count | None
    p10_annual: Count | None
    p90_annual: Count | None
    median_hourly: Rate | None
    p10_hourly: Rate | None
    p90_hourly: Rate | None
    notes: list[str] = Field(default_factory=list)


class WageTable(Strict):
    release: str
    release_code: str
    source: str
    notice: str
    major_groups: dict[Soc, str]
    occupations: dict[Soc, Wage]


class Projection(Strict):
    """One occupation's BLS Employment Projections row, in people rather than the published thousands."""

    title: str = Field(description="BLS's own title for the projected occupation.")
    employment_2024: int = Field(ge=0, description="Employment in the base year.")
    employment_2034: int = Field(ge=0, description="Projected employment ten years on.")
    change_pct: float = Field(description="Percent change of employment over the decade, as BLS publishes it.")
    annual_openings: int = Field(ge=0, description="Average openings a year from growth and from workers leaving.")
    typical_education: str = Field(description="Typical education needed to enter, in BLS's words.")
    work_experience: str = Field(description="Work experience in a related occupation usually needed, in BLS's words.")
    typical_training: str = Field(description="On-the-job training usually needed, in BLS's words.")


class ProjectionTable(Strict):
    """The compiled `bls_projections.json`; `missing` names OEWS codes the release does not project."""

    release: str
    base_year: int
    projection_year: int
    source: str
    notice: str
    all_occupations_change_pct: float = Field(description="Growth of total employment, the average descriptors use.")
    code_map: dict[Soc, Soc]
    not_in_oews: list[str]
    missing: list[Soc]
    occupations: dict[Soc, Projection]


class TitleVocabulary(Strict):
    """The compiled `onet_titles.json`: every O*NET title of each OEWS occupation (see bot/build/onet.py)."""

    release: str
    attribution: str
    titles: dict[Soc, list[str]]


class OnetRelated(BaseModel):
    """The part of `onet_tasks.json` read at run time: O*NET's related occupations, in tier order."""

    model_config = ConfigDict(extra="ignore", frozen=True, defer_build=True)
    release: str
    related: dict[Soc, list[Soc]]


class NewJob(Strict):
    id: Slug = Field(description="A profile whose job exists because of AI itself.")
    why: OneLine = Field(description="What the job does for AI, in one line.")


class NewJobs(Strict):
    """`new_jobs.yaml`: the editorial list behind "what jobs will AI create?"; every figure shown is computed."""

    roles: list[NewJob] = Field(min_length=5)
