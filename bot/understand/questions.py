"""Rule-based reading of free-text questions: which answer is wanted and which jobs it names."""

from __future__ import annotations

import re
from collections.abc import Callable
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
CLOSING = re.compile(r"(?<![?!.])[?!.]++(?=\s|$)")  # only from a run's first mark: linear on "????...x"
MENTION = re.compile(r"<@[!&]?\d+>|<#\d+>")
HELP = re.compile(
    r"^(?:help|\?|commands|what can you do|how do(?:es)? (?:this|you|it) work|hi|hello|hey|start|"
    r"thanks|thank you|thx|ty|ok|okay|cool|nice|lol|great)\W*$"
)

COMPARE_PATTERNS = [
    re.compile(
        r"^(?:compare|comparison of|comparing)\s+(?P<a>.+?)\s+(?:and|with|to|vs\.?|versus|against)\s+(?P<b>.+)$"
    ),
    re.compile(r"^(?:what(?:'s| is) the )?difference between\s+(?P<a>.+?)\s+and\s+(?P<b>.+)$"),
    re.compile(
        r"^(?:which is|which one is|what is|who is|is)?\s*(?:safer|more exposed|more at risk|better|riskier)"
        r"(?: from " + AI + r")?[,:]?\s+(?P<a>.+?)\s+or\s+(?P<b>.+)$"
    ),
    # The atomic group settles on the first " or ": without it, every later " or " is tried with a fresh scan
    # for the comparative, which is quadratic ("a or a or a or ..." took 19 s at 100,000 characters).
    re.compile(
        r"^(?:is\s+|are\s+)?(?>(?P<a>.+?)\s+or\s+)(?P<b>.+?)\s+(?:safer|more exposed|more at risk|riskier|better)\b.*$"
    ),
    re.compile(r"^(?P<a>.+?)\s+(?:vs\.?|versus|compared (?:to|with)|against)\s+(?P<b>.+)$"),
]
CAREER_PATTERNS = [
    re.compile(
        r"^(?:what )?(?:career moves?|career changes?|career options?|careers?|next steps?|jobs?) for (?:a |an )?(?P<job>.+)$"
    ),
    re.compile(
        r"^what (?:should|can|could) (?:a |an )?(?P<job>.+?) (?:learn|study|do next|do instead|switch to|move to|pivot to|do)$"
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
    r"\s+(?:jobs?|careers?|roles?|safe|from " + AI + r"|by " + AI + r"|in the (?:age|era) of " + AI + r"|"
    r"now|anymore|soon|today|please|pls|thanks|thank you)$"
)
TRAILING_REACH = 64  # longer than any one trailing phrase, so each is found by a bounded search
FAQ_HINTS = re.compile(
    r"\b(?:exposure|resilience|methodology|rubric|source|sources|data come|data from|trend|projection|"
    r"substitutable|human.critical|assisted|automation risk|job.loss|predict|updated|uk|europe|countries|"
    r"rescore|personali[sz]e|most exposed jobs|least exposed|safest jobs|which jobs)\b"
)


SCAFFOLD = frozenset(
    """
    i im i'm am a an the my me we us our you your as is are was were be been being become becoming will would
    could can should shall might may must do does did think ai chatgpt gpt llm llms robot robots automation
    machines replace replaced replacing take taken taking over automate automated affect affected impact kill
    eliminate steal safe safer secure risk risky at worried worry scared afraid concerned about of for to in on
    with from by what whats what's how likely much many tell show give hey hi hello bot jobbot please pls thanks
    thank job jobs career careers field future still really going gonna soon ever dead dying die survive obsolete
    worth so just now there any good bad idea learn getting get into question wondering wonder know want like
    lot years year next era age anymore today honestly guys someone people if
    """.split()
)
PRONOUN_IT = re.compile(r"\b(?:is|will|does|was|would|can|could|should|make|makes|replace|affect)\s+it\b")
REPLACE_WORDS = re.compile(
    r"\b(?:replace[ds]?|replacing|take over|taking over|automate[ds]?|take (?:my|our|their)|steal|eliminate|obsolete)\b"
)
SAFE_WORDS = re.compile(r"\b(?:safe|safer|secure|risk|risky|worried|worry|scared|afraid|survive|dead|dying|future)\b")


def clean(text: str) -> str:
    """Lowercase, no mentions, no closing punctuation: the form the patterns expect."""
    text = MENTION.sub(" ", text).casefold()
    text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    text = CLOSING.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip(" ,;:\"'")


def _strip_trailing(phrase: str) -> str:
    """Drops trailing words one at a time from the end. One pattern `(?:...)+$` searched over the whole phrase
    retries the repetition from every word ("jobs jobs jobs ... x"), which is quadratic."""
    end = len(phrase)
    while hit := TRAILING.search(phrase, max(0, end - TRAILING_REACH), end):
        end = hit.start()
    return phrase[:end]


def job_phrase(raw: str) -> str:
    """Strips the words around a job name that the patterns cannot see ('jobs', 'from ai', ...)."""
    phrase = _strip_trailing(raw.strip(" ,;:\"'"))
    phrase = re.sub(r"^(?:my|our) (?:job|role|work|career) (?:as|is|in)\s+", "", phrase)
    phrase = re.sub(r"^(?:a|an|the|being an?|being|becoming an?|working as an?)\s+", "", phrase)
    return phrase.strip(" ,;:\"'")


def _job(raw: str) -> tuple[str, ...]:
    phrase = job_phrase(raw)
    if not phrase or MY_JOB.match(phrase):
        return ()
    return (phrase,)


def residual(q: str) -> str:
    """What is left of a question once the words that are never part of a job title are gone."""
    q = PRONOUN_IT.sub(" ", q)
    words = [w for w in re.findall(r"[a-z0-9+#&-]+", q) if w not in SCAFFOLD]
    return " ".join(words)


def _ask_from_words(q: str) -> Ask:
    if REPLACE_WORDS.search(q):
        return Ask.REPLACE
    if SAFE_WORDS.search(q):
        return Ask.SAFE
    return Ask.GENERAL


def parse(text: str, is_job: Callable[[str], bool] | None = None) -> ParsedQuestion:
    """Tries the narrow intents first so a broad pattern never swallows a comparison or a career question.

    `is_job` (from the title matcher) lets free phrasing through: when no pattern fits, the words
    left after removing question scaffolding are taken as the job if the matcher recognises them.
    """
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
    for pattern, ask in SUMMARY_PATTERNS:
        hit = pattern.match(q)
        if hit and ask is not Ask.GENERAL:
            jobs = _job(hit["job"])
            if jobs and is_job is not None and not is_job(jobs[0]) and is_job(residual(jobs[0])):
                jobs = (residual(jobs[0]),)
            return ParsedQuestion(Intent.SUMMARY, jobs, ask, q, needs_job=not jobs)
    if FAQ_HINTS.search(q):
        return ParsedQuestion(Intent.FAQ, text=q)
    phrases = [job_phrase(hit["job"]) for p, a in SUMMARY_PATTERNS if a is Ask.GENERAL and (hit := p.match(q))]
    if is_job is None:
        if phrases and phrases[0] and not MY_JOB.match(phrases[0]):
            return ParsedQuestion(Intent.SUMMARY, (phrases[0],), Ask.GENERAL, q)
    else:
        for phrase in [*phrases, residual(q)]:
            if phrase and not MY_JOB.match(phrase) and is_job(phrase):
                return ParsedQuestion(Intent.SUMMARY, (phrase,), _ask_from_words(q), q)
    if re.search(r"\b" + AI + r"\b", q) and re.search(r"\b(?:my|our)\s+(?:job|work|career)\b", q):
        return ParsedQuestion(Intent.SUMMARY, (), Ask.REPLACE, q, needs_job=True)
    if re.match(r"^(?:what|how|why|where|when|who|does|do|is|are|can|should|will)\b", q):
        return ParsedQuestion(Intent.FAQ, text=q)
    jobs = _job(q)
    return ParsedQuestion(Intent.SUMMARY, jobs, Ask.GENERAL, q, needs_job=not jobs)
