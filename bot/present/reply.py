"""The reply every answer produces: its kind, its rendered text as cards, and typed metadata for front ends."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.sources.refs import OccupationRef


class ReplyKind(StrEnum):
    """One per template (the value is the template's name), so a front end can tell answers apart."""

    SUMMARY = "summary"
    TASKS = "tasks"
    CAREERS = "careers"
    JOB_FAQ = "job_faq"
    PERSONAL = "personal"
    COMPARE = "compare"
    COMPARE_MANY = "compare_many"
    RANKING = "ranking"
    NEW_JOBS = "new_jobs"
    OCCUPATION = "occupation"
    DISAMBIGUATION = "disambiguation"
    UNKNOWN = "unknown"
    FAQ = "faq"
    FAQ_LIST = "faq_list"
    ASK_JOB = "ask_job"
    HELP = "help"
    ABOUT = "about"
    METHODOLOGY = "methodology"
    PROBLEM = "problem"


@dataclass(frozen=True, slots=True)
class Choice:
    """A job a front end can offer to pick: a matcher candidate with its similarity score (0-100)."""

    ref: OccupationRef
    title: str
    soc: str
    score: float


@dataclass(frozen=True, slots=True)
class ReplyMeta:
    """What front ends need beyond the text: which jobs the reply is about, what was asked, what to offer."""

    query: str = ""
    profile_ids: tuple[str, ...] = ()
    soc: str | None = None
    candidates: tuple[Choice, ...] = ()
    shares: tuple[float, ...] = ()  # a personalised reply's time split over the job's tasks, summing to 100


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    value: str
    inline: bool = False
    detail: bool = False  # shown as text where no picture is; a front end that shows the share card may drop it


@dataclass(frozen=True, slots=True)
class Card:
    title: str
    description: str = ""
    fields: tuple[Field, ...] = ()
    footer: str = ""
    color: int | None = None


@dataclass(frozen=True, slots=True)
class Reply:
    kind: ReplyKind
    content: str = ""
    cards: tuple[Card, ...] = ()
    meta: ReplyMeta = ReplyMeta()
