"""Rule-based reading of free-text questions: which answer is wanted and which jobs it names."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from bot.understand.phrasing import plain


class Intent(StrEnum):
    SUMMARY = "summary"
    TASKS = "tasks"
    CAREERS = "careers"
    COMPARE = "compare"
    RANKING = "ranking"
    NEW_JOBS = "new_jobs"
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


class Order(StrEnum):
    MOST = "most"  # most exposed / highest risk first
    LEAST = "least"


@dataclass(frozen=True, slots=True)
class Ranking:
    """'top 10 jobs most at risk', 'safest jobs in healthcare': which end, which figure, how many, where."""

    order: Order
    measure: str  # "exposure", "risk" or "growth" (BLS's ten-year outlook)
    count: int
    group: str = ""  # the words naming a field ("healthcare"), matched to SOC major groups by the answer
    low_exposure: bool = False  # "fast-growing jobs with low exposure": growth among the less exposed only


@dataclass(frozen=True)
class ParsedQuestion:
    intent: Intent
    jobs: tuple[str, ...] = ()
    ask: Ask = Ask.GENERAL
    text: str = ""
    needs_job: bool = field(default=False)
    refers: bool = False  # a follow-up: "and dentists?", "what about the tasks?", "compare it with nurses"
    ranking: Ranking | None = None


PARSE_MAX = 4000  # characters: Discord's own limit for a message
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

BETTER = (
    r"(?:safer|more exposed|less exposed|more at risk|less at risk|riskier|better|worse|more secure|more future.?proof|"
    r"more likely to be (?:replaced|automated)|less likely to be (?:replaced|automated)|more automatable|more replaceable)"
)
COMPARE_PATTERNS = [
    re.compile(
        r"^(?:is |are )?(?:an? )?(?>(?P<a>.+?)\s+or\s+)(?:an? )?(?P<b>.+?)[,:]?\s+(?:which|who|what)(?: one| job)?(?: is| are| will be| would be| gets?)?\s+(?:the )?"
        + BETTER
        + r"\b.*$"
    ),
    re.compile(
        r"^(?:is|are|would|will)\s+(?:an? )?(?P<a>.+?)\s+(?:be\s+)?" + BETTER + r"\s+than\s+(?:an? )?(?P<b>.+)$"
    ),
    re.compile(r"^should i (?:be|become|study|go into|pick|choose) (?:an? )?(?P<a>.+?)\s+or\s+(?:an? )?(?P<b>.+)$"),
    re.compile(
        r"^(?:which|who) is " + BETTER + r"(?: from " + AI + r")?[,:]?\s+(?:an? )?(?P<a>.+?)\s+or\s+(?:an? )?(?P<b>.+)$"
    ),
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
# "what jobs will AI create", "which new jobs grow with AI", "jobs created by AI": jobs AI brings, not one job
NEW_JOBS = re.compile(
    r"\b(?:(?:jobs?|careers?|roles?|work|positions?) (?:will|does|did|is|are|can|could|might|would) "
    + AI
    + r" (?:create|make|bring|open(?: up)?|generate|add)|(?:new )?(?:jobs?|careers?|roles?) (?:created|made|brought|opened)"
    r" (?:by|because of|thanks to) "
    + AI
    + r"|new (?:jobs?|careers?|roles?) (?:with|from|in|because of|thanks to|that grow with|growing with|around) "
    + AI
    + r"|(?:jobs?|careers?|roles?) (?:that )?grows? (?:with|because of|thanks to) "
    + AI
    + r"|will "
    + AI
    + r" create (?:any |new |more )?(?:jobs?|careers?|roles?))"
)
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


RANK_SUBJECT = re.compile(r"\b(?:jobs|careers|occupations|professions|roles|fields|work|ones|job|career)\b")
SAFEST = re.compile(
    r"\b(?:safest|least (?:exposed|at risk|automatable|replaceable|likely to be (?:replaced|automated|taken))|"
    r"most (?:secure|resilient|future.?proof|ai.?proof|safe|human)|lowest (?:automation )?(?:risk|exposure)|"
    r"ai.?proof|future.?proof|hardest (?:to|for "
    + AI
    + r" to) (?:replace|automate)|safe from "
    + AI
    + r"|best|won'?t be replaced|"
    r"(?:will not|never) be (?:replaced|automated)|can(?:'t| ?not) (?:replace|automate))\b"
)
RISKIEST = re.compile(
    r"\b(?:most (?:exposed|at risk|automatable|replaceable|likely to (?:be (?:replaced|automated|taken)|go|disappear)|vulnerable|endangered|threatened)|"
    r"riskiest|highest (?:automation )?(?:risk|exposure)|least safe|easiest (?:to|for "
    + AI
    + r" to) (?:replace|automate)|"
    r"first to go|(?:replace|automate|take|kill)d? first|worst|will (?:replace|take|automate|kill)|at risk|in danger|disappear|exposed)\b"
)
RANK_COUNT = re.compile(r"\b(?:top|the|list|name|give me|show me)?\s*(?P<n>\d{1,2})\b")
RANK_GROUP = re.compile(
    r"\b(?:in|within|among|for) (?:the |a |an )?(?P<group>[a-z][a-z &/-]+?)(?: jobs| careers| field| fields| sector| industry| work| roles)?$"
)
FOLLOW = re.compile(
    r"^(?:and|ok and|okay and|so|now)?\s*(?:what about|how about|same for|and for|same question for|what of)\s+(?P<rest>.+)$|^and\s+(?P<and>.+)$"
)
COMPARE_IT = re.compile(
    r"^(?:compare|comparing|and compare) (?:it|that|this|them|this job|that job|this one|that one)?\s*(?:with|to|against|vs\.?|and)\s+(?P<b>.+)$|"
    r"^how (?:does|do) (?:it|that|this job|that job|they) compare (?:with|to|against)\s+(?P<c>.+)$|"
    r"^(?:vs\.?|versus)\s+(?P<d>.+)$"
)
TASK_WORDS = re.compile(
    r"^(?:the |its |their |his |her |my )?(?:tasks?|task breakdown|breakdown|duties|parts of (?:it|the job))$"
)
CAREER_WORDS = re.compile(
    r"^(?:the |its |their )?(?:career moves?|careers?|career options|skills|next steps?|what (?:should|can) (?:they|i|he|she) (?:do|learn)(?: instead| next)?)$"
)
PRONOUN_JOB = re.compile(r"\b(?:it|that|this job|that job|them|they|this one|that one|its|their)\b")
I_AM = re.compile(
    r"(?:^|\s)(?:i am|i work as|as|being)\s+(?:an?\s+)(?P<job>[a-z][a-z0-9 &/+#-]*?)(?=$|,|\s+(?:and|so|should|will|is|am|what|how|do|can|does|in|at|for|from|with|on|part|full|every|too|also|but)\b)"
)


GROWING = re.compile(
    r"\b(?:fast(?:est)?[- ]growing|growing (?:the )?fastest|grow(?:s|ing)? (?:the )?(?:fastest|most)|"
    r"most growth|highest growth|in demand|most demand)\b"
)
LOW_EXPOSURE = re.compile(r"\b(?:low|little|less|least|lowest) (?:ai )?(?:exposure|exposed|risk)\b|\bsafe(?:st)?\b")


def _ranking(q: str) -> Ranking | None:
    if not RANK_SUBJECT.search(q) or re.search(r"\b(?:my|our) (?:job|career|work)\b", q):
        return None
    growing = GROWING.search(q)
    if growing and re.search(r"\b(?:jobs|careers|occupations|professions|roles|fields)\b", q):
        count = RANK_COUNT.search(q)
        n = max(1, min(int(count["n"]), 25)) if count and count["n"] else 10
        return Ranking(Order.MOST, "growth", n, low_exposure=bool(LOW_EXPOSURE.search(q)))
    if not re.search(
        r"\b(?:which|what|top|list|rank|ranking|most|least|safest|riskiest|highest|lowest|best|worst|name)\b", q
    ):
        return None
    plural = re.search(
        r"\b(?:jobs|careers|occupations|professions|roles|fields|ones)\b|\btop\b|\b(?:which|what) (?:job|career)\b", q
    )
    if not plural:
        return None
    safest, riskiest = SAFEST.search(q), RISKIEST.search(q)
    if not safest and not riskiest:
        return None
    order = Order.LEAST if safest and (not riskiest or safest.start() < riskiest.start()) else Order.MOST
    measure = (
        "risk" if re.search(r"\b(?:automation risk|risk of automation|automated|automatable)\b", q) else "exposure"
    )
    count = RANK_COUNT.search(q)
    n = max(1, min(int(count["n"]), 25)) if count and count["n"] else 10
    group = RANK_GROUP.search(q)
    words = group["group"] if group and not re.match(AI + r"$|the future|\d|" + AI + r" era", group["group"]) else ""
    return Ranking(order, measure, n, words.strip())


def _follow_up(q: str, is_job: Callable[[str], bool] | None) -> ParsedQuestion | None:
    """'and dentists?', 'what about the tasks?', 'compare it with nurses': about the jobs just discussed."""
    hit = COMPARE_IT.match(q)
    if hit:
        other = job_phrase(hit["b"] or hit["c"] or hit["d"] or "")
        if other and not PRONOUN_JOB.fullmatch(other):
            return ParsedQuestion(Intent.COMPARE, (other,), Ask.GENERAL, q, refers=True)
    hit = FOLLOW.match(q)
    rest = (hit["rest"] or hit["and"] or "").strip() if hit else ""
    if hit and rest:
        if TASK_WORDS.match(rest):
            return ParsedQuestion(Intent.TASKS, (), Ask.TASKS, q, refers=True)
        if CAREER_WORDS.match(rest):
            return ParsedQuestion(Intent.CAREERS, (), Ask.RISK, q, refers=True)
        phrase = job_phrase(rest)
        named = phrase and not MY_JOB.match(phrase) and not PRONOUN_JOB.fullmatch(phrase)
        if named and (is_job is None or is_job(phrase)):
            return ParsedQuestion(Intent.SUMMARY, (phrase,), Ask.GENERAL, q, refers=True)
    if TASK_WORDS.match(q):
        return ParsedQuestion(Intent.TASKS, (), Ask.TASKS, q, refers=True)
    if CAREER_WORDS.match(q):
        return ParsedQuestion(Intent.CAREERS, (), Ask.RISK, q, refers=True)
    return None


def parse(text: str, is_job: Callable[[str], bool] | None = None) -> ParsedQuestion:
    """Chat phrasing is made plain first (contractions, slang, 'my dad drives trucks'); then the patterns run.
    A question is at most a Discord message long, so the parser never reads past PARSE_MAX characters."""
    q = clean(text[:PARSE_MAX])
    if not q or HELP.match(q):
        return ParsedQuestion(Intent.HELP, text=q)
    said = plain(q)
    if not said.text:  # "should i panic rn": worried, but about which job?
        return ParsedQuestion(Intent.SUMMARY, (), Ask.REPLACE, q, needs_job=True, refers=True)
    parsed = _parse(said.text, is_job)
    if parsed.needs_job and not parsed.refers and PRONOUN_JOB.search(parsed.text):
        parsed = ParsedQuestion(parsed.intent, (), parsed.ask, parsed.text, True, refers=True)
    if said.worried and parsed.intent is Intent.SUMMARY and parsed.ask is Ask.GENERAL:
        return ParsedQuestion(parsed.intent, parsed.jobs, Ask.REPLACE, parsed.text, parsed.needs_job, parsed.refers)
    return parsed


def _pronoun_question(q: str) -> ParsedQuestion | None:
    """'is it safe?', 'will they be replaced?', 'what are its tasks?': a question about the job just discussed."""
    if not PRONOUN_JOB.search(q) or re.search(r"\b(?:my|our) (?:job|work|career)\b", q):
        return None
    if re.search(r"\btasks?\b|\bduties\b", q):
        return ParsedQuestion(Intent.TASKS, (), Ask.TASKS, q, needs_job=True, refers=True)
    if re.search(r"\b(?:career moves?|learn|switch|instead|pivot|skills?|move to)\b", q):
        return ParsedQuestion(Intent.CAREERS, (), Ask.RISK, q, needs_job=True, refers=True)
    if re.search(r"\b(?:safe|replaced?|automated|exposed|risk|survive|future|obsolete|pay|paid|earn)\b", q):
        return ParsedQuestion(Intent.SUMMARY, (), _ask_from_words(q), q, needs_job=True, refers=True)
    return None


def _parse(q: str, is_job: Callable[[str], bool] | None = None) -> ParsedQuestion:
    """Tries the narrow intents first so a broad pattern never swallows a comparison or a career question.

    `is_job` (from the title matcher) lets free phrasing through: when no pattern fits, the words
    left after removing question scaffolding are taken as the job if the matcher recognises them.
    """
    if not q or HELP.match(q):
        return ParsedQuestion(Intent.HELP, text=q)
    if NEW_JOBS.search(q):
        return ParsedQuestion(Intent.NEW_JOBS, text=q)
    ranking = _ranking(q)
    if ranking is not None:
        return ParsedQuestion(Intent.RANKING, (), Ask.GENERAL, q, ranking=ranking)
    follow = _follow_up(q, is_job)
    if follow is not None:
        return follow
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
    said = I_AM.search(q)
    if said:
        phrase = job_phrase(said["job"])
        if phrase and not MY_JOB.match(phrase) and (is_job is None or is_job(phrase)):
            return ParsedQuestion(Intent.SUMMARY, (phrase,), _ask_from_words(q), q)
    pronoun = _pronoun_question(q)
    if pronoun is not None:
        return pronoun
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
