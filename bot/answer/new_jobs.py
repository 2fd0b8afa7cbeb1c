"""'What jobs will AI create?': the jobs that exist because of AI, and what BLS expects to grow, with their scores.

The list of AI's own jobs is editorial (knowledge/new_jobs.yaml); every figure beside it is computed:
each job's exposure, and the ten-year outlook of the occupation BLS counts it in.
"""

from __future__ import annotations

from bot.answer.parts import Parts
from bot.answer.summary import ExposureSummary
from bot.present.reply import Reply, ReplyKind, ReplyMeta
from bot.score.methodology import GROWTH_BANDS
from bot.sources.models import ProfileKind

LIST_SIZE = 6
HARD_TO_AUTOMATE_BELOW = 30.0  # exposure under the 'moderate' band (METHODOLOGY.md)


def _growing(parts: Parts) -> list[ExposureSummary]:
    """Occupations by projected growth, fastest first; roles are counted in these, so they are left out."""
    summaries = [
        parts.summaries.get(p.id) for p in parts.knowledge.profiles.values() if p.kind is ProfileKind.OCCUPATION
    ]
    with_outlook = [s for s in summaries if s.outlook is not None]
    return sorted(with_outlook, key=lambda s: (-s.outlook.change_pct if s.outlook else 0.0, s.title))


def new_jobs(parts: Parts, question: str) -> Reply:
    made = [(job.why, parts.summaries.get(job.id)) for job in parts.knowledge.new_jobs.roles]
    growing = _growing(parts)
    much_faster = parts.knowledge.projections.all_occupations_change_pct + GROWTH_BANDS[0][0]
    sheltered = [
        s for s in growing if s.exposure < HARD_TO_AUTOMATE_BELOW and s.outlook and s.outlook.change_pct >= much_faster
    ]
    return parts.render(
        ReplyKind.NEW_JOBS,
        ReplyMeta(query=question, profile_ids=tuple(s.id for _, s in made)),
        made=made,
        fastest=growing[:LIST_SIZE],
        sheltered=sheltered[:LIST_SIZE],
        projections=parts.knowledge.projections,
    )
