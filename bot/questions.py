"""Rule-based reading of free-text questions: which answer is wanted and which jobs it names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class Intent(StrEnum):
    SUMMARY = "summary"
    TASKS = "tasks"
    CAREERS = "careers"
    COMPARE = "compare"
    FAQ = "faq"
    HELP = "help"


class Ask(StrEnum):
    """Which per-occupation question the person asked, so the reply can answer it first."""

    REPLACE = "replace"
    SAFE = "safe"
    SCORE = "score"
    GENERAL = "general"
    TASKS = "tasks"
    RISK = "risk"


@dataclass(frozen=True)
class ParsedQuestion:
    intent: Intent
    jobs: tuple[str, ...] = ()
    ask: Ask = Ask.GENERAL
    text: str = ""
    needs_job: bool = field(default=False)


AI = r"(?:ai|a\.i\.|artificial intelligence|chat ?gpt|gpt|llms?|robots?|automation|machines?|claude|gemini)"
MY_JOB = re.compile(
    r"^(?:my|our|your)\s+(?:job|work|role|career|position|field|jobs)$|^(?:me|us|i|mine|my|our|it|this|that)$"
)
MENTION = re.compile(r"<@[!&]?\d+>|<#\d+>")
HELP = re.compile(r"^(?:help|\?|commands|what can you do|how do(?:es)? (?:this|you|it) work|hi|hello|hey|start)\W*$")

COMPARE_PATTERNS = [
    re.compile(
        r"^(?:compare|comparison of|comparing)\s+(?P<a>.+?)\s+(?:and|with|to|vs\.?|versus|against)\s+(?P<b>.+)$"
    ),
    re.compile(r"^(?:what(?:'s| is) the )?difference between\s+(?P<a>.+?)\s+and\s+(?P<b>.+)$"),
    re.compile(
        r"^(?:which is|which one is|what is|who is|is)?\s*(?:safer|more exposed|more at risk|better|riskier)"
        r"(?: from " + AI + r")?[,:]?\s+(?P<a>.+?)\s+or\s+(?P<b>.+)$"
    ),
    re.compile(
        r"^(?:is\s+|are\s+)?(?P<a>.+?)\s+or\s+(?P<b>.+?)\s+(?:safer|more exposed|more at risk|riskier|better)\b.*$"
    ),
    re.compile(r"^(?P<a>.+?)\s+(?:vs\.?|versus|compared (?:to|with)|against)\s+(?P<b>.+)$"),
]
CAREER_PATTERNS = [
    re.compile(
        r"^(?:what )?(?:career moves?|career changes?|career options?|careers?|next steps?|jobs?) for (?:a |an )?(?P<job>.+)$"
    ),
    re.compile(
        r"^what (?:should|can|could) (?:a |an )?(?P<job>.+?) (?:learn|study|do next|switch to|move to|pivot to|do)$"
    ),
    re.compile(r"^(?:what )?skills? (?:for|should) (?:a |an )?(?P<job>.+?)(?: learn| build| have)?$"),
    re.compile(r"^(?:where|what) can (?:a |an )?(?P<job>.+?) (?:go|move|switch)(?: next| to)?$"),
    re.compile(
        r"^how (?:can|do|should|could) (?:a |an )?(?P<job>.+?) (?:reduce|lower|cut|manage) (?:their |my |the )?(?:"
        + AI
        + r" )?(?:career )?risk.*$"
    ),
    re.compile(r"^how (?:can|do|should) (?:a |an )?(?P<job>.+?) (?:stay relevant|future.?proof|adapt|prepare).*$"),
    re.compile(r"^(?:i'?m an? |i am an? )?(?P<job>.+?),? what should i (?:learn|do|study)(?: next)?$"),
]
TASK_PATTERNS = [
    re.compile(r"^which (?P<job>.+?) tasks? (?:are|is) (?:most )?(?:exposed|automatable|at risk|safe|resilient).*$"),
    re.compile(r"^(?:what|which) tasks? (?:of|for|in|does) (?:a |an )?(?P<job>.+?)(?: do)? (?:are|is|get|can|will).*$"),
    re.compile(
        r"^(?:what |which )?(?:tasks?|duties|parts) (?:of|for|in) (?:a |an )?(?P<job>.+?)(?: (?:are|is|can|will) .*)?$"
    ),
    re.compile(r"^(?:task breakdown|breakdown|tasks) (?:for )?(?:a |an )?(?P<job>.+)$"),
    re.compile(r"^what (?:part|parts) of (?:a |an )?(?P<job>.+?)(?:'s)? (?:job|work) .*$"),
]
SUMMARY_PATTERNS: list[tuple[re.Pattern[str], Ask]] = [
    (
        re.compile(
            r"^(?:will|can|could|would|is|are|might|does|do)\s+"
            + AI
            + r"\s+(?:going to\s+)?(?:replace|take over|take|automate|kill|eliminate|steal|end|wipe out|do)\s+(?P<job>.+?)(?:\s+jobs?)?(?:\s+(?:soon|ever|in the future|by \d{4}))?$"
        ),
        Ask.REPLACE,
    ),
    (
        re.compile(
            r"^(?:will|are|is|can|could)\s+(?P<job>.+?)\s+(?:(?:going to|gonna|ever|soon|really)\s+)?(?:be\s+)?(?:replaced|automated|obsolete|taken over|made obsolete)(?:\s+by\s+"
            + AI
            + r")?.*$"
        ),
        Ask.REPLACE,
    ),
    (
        re.compile(
            r"^(?:is|are)\s+(?P<job>.+?)\s+(?:safe|secure|protected|at risk|in danger|future.?proof|doomed)(?:\s+from\s+"
            + AI
            + r")?.*$"
        ),
        Ask.SAFE,
    ),
    (
        re.compile(
            r"^(?:what(?:'s| is)|show(?: me)?|give me)?\s*(?:the\s+)?(?:"
            + AI
            + r"\s+)?(?:exposure|risk|automation risk)(?:\s+score)?\s+(?:for|of)\s+(?:a |an )?(?P<job>.+)$"
        ),
        Ask.SCORE,
    ),
    (
        re.compile(
            r"^how (?:exposed|safe|at risk|vulnerable|automatable) (?:is|are) (?:a |an )?(?P<job>.+?)(?: to "
            + AI
            + r")?$"
        ),
        Ask.SCORE,
    ),
    (re.compile(r"^(?:what(?:'s| is| about)|how about)\s+(?:the future of\s+)?(?:a |an )?(?P<job>.+)$"), Ask.GENERAL),
    (re.compile(r"^(?:future of|outlook for)\s+(?:a |an )?(?P<job>.+)$"), Ask.GENERAL),
    (
        re.compile(
            r"^(?:is|are)\s+(?P<job>.+?)\s+(?:a )?(?:good|bad|smart|dying|dead)\s+(?:career|job|field|choice).*$"
        ),
        Ask.SAFE,
    ),
]
TRAILING = re.compile(
    r"(?:\s+(?:jobs?|careers?|roles?|work|safe|from " + AI + r"|by " + AI + r"|in the (?:age|era) of " + AI + r"|"
    r"now|anymore|soon|today|please|pls|thanks|thank you))+$"
)
FAQ_HINTS = re.compile(
    r"\b(?:exposure|resilience|methodology|rubric|source|sources|data come|data from|trend|projection|"
    r"substitutable|human.critical|assisted|automation risk|job.loss|predict|updated|uk|europe|countries|"
    r"rescore|personali[sz]e|most exposed jobs|least exposed|safest jobs|which jobs)\b"
)


def clean(text: str) -> str:
    """Lowercase, no mentions, no closing punctuation: the form the patterns expect."""
    text = MENTION.sub(" ", text).casefold()
    text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"[?!.]+(?=\s|$)", " ", text)
    return re.sub(r"\s+", " ", text).strip(" ,;:\"'")


def job_phrase(raw: str) -> str:
    """Strips the words around a job name that the patterns cannot see ('jobs', 'from ai', ...)."""
    phrase = TRAILING.sub("", raw.strip(" ,;:\"'"))
    phrase = re.sub(r"^(?:a|an|the|being an?|being|becoming an?|working as an?)\s+", "", phrase)
    return phrase.strip(" ,;:\"'")


def _job(raw: str) -> tuple[str, ...]:
    phrase = job_phrase(raw)
    if not phrase or MY_JOB.match(phrase):
        return ()
    return (phrase,)


def parse(text: str) -> ParsedQuestion:
    """Tries the narrow intents first so a broad pattern never swallows a comparison or a career question."""
    q = clean(text)
    if not q or HELP.match(q):
        return ParsedQuestion(Intent.HELP, text=q)
    for pattern in COMPARE_PATTERNS:
        hit = pattern.match(q)
        if hit:
            a, b = job_phrase(hit["a"]), job_phrase(hit["b"])
            if a and b and not MY_JOB.match(a) and not MY_JOB.match(b):
                return ParsedQuestion(Intent.COMPARE, (a, b), text=q)
    for pattern in CAREER_PATTERNS:
        hit = pattern.match(q)
        if hit:
            jobs = _job(hit["job"])
            return ParsedQuestion(Intent.CAREERS, jobs, Ask.RISK, q, needs_job=not jobs)
    for pattern in TASK_PATTERNS:
        hit = pattern.match(q)
        if hit:
            jobs = _job(hit["job"])
            return ParsedQuestion(Intent.TASKS, jobs, Ask.TASKS, q, needs_job=not jobs)
    specific = [(p, a) for p, a in SUMMARY_PATTERNS if a is not Ask.GENERAL]
    general = [(p, a) for p, a in SUMMARY_PATTERNS if a is Ask.GENERAL]
    for patterns in (specific, general):
        for pattern, ask in patterns:
            hit = pattern.match(q)
            if hit:
                jobs = _job(hit["job"])
                return ParsedQuestion(Intent.SUMMARY, jobs, ask, q, needs_job=not jobs)
        if patterns is specific and FAQ_HINTS.search(q):
            return ParsedQuestion(Intent.FAQ, text=q)
    if re.search(r"\b" + AI + r"\b", q) and re.search(r"\b(?:my|our)\s+(?:job|work|career)\b", q):
        return ParsedQuestion(Intent.SUMMARY, (), Ask.REPLACE, q, needs_job=True)
    if re.match(r"^(?:what|how|why|where|when|who|does|do|is|are|can)\b", q):
        return ParsedQuestion(Intent.FAQ, text=q)
    jobs = _job(q)
    return ParsedQuestion(Intent.SUMMARY, jobs, Ask.GENERAL, q, needs_job=not jobs)
