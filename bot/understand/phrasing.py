"""How people write in chat, rewritten into the plain form the question patterns read.

Contractions are spelt out ("i'm" → "i am"), slang and filler go ("fr", "lol", "cooked"), a job
said through a person ("my mom is a receptionist") or a verb ("my dad drives trucks", "I do
DoorDash") becomes the job's name, and "lawyer here" becomes "i am a lawyer". Whether the
question asked about replacement or safety is kept (`worried`), since the slang carried it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CONTRACTIONS = [
    (r"\bi'?m\b", "i am"),
    (
        r"\bim\b(?= an? | in | at | a$| working| doing| currently| studying| training| [a-z]+ing\b| [a-z]+(?:er|or|ist|ian|ant|ent)s?\b)",
        "i am",
    ),
    (r"\bwon'?t\b", "will not"),
    (r"\bcan'?t\b", "can not"),
    (r"\b(\w+)n't\b", r"\1 not"),
    (r"\b(i|you|we|they)'ve\b", r"\1 have"),
    (r"\b(i|you|we|they|he|she|it)'ll\b", r"\1 will"),
    (r"\b(i|you|we|they|he|she)'d\b", r"\1 would"),
    (r"\b(you|we|they)'re\b", r"\1 are"),
    (r"\b(it|that|what|who|there|he|she|where|how)'s\b", r"\1 is"),
    (r"\b(\w+)'s (?=an? )", r"\1 is "),  # "my mom's a receptionist"
    (r"\b(\w+)'s\b", r"\1"),  # a possessive: "a doctor's job" is a doctor's
    (r"\b(\w+)s'(?=\s|$)", r"\1s"),
    (r"\bgonna\b", "going to"),
    (r"\bwanna\b", "want to"),
    (r"\bu\b", "you"),
    (r"\bur\b", "your"),
    (r"\by'?all\b", "you"),
]
# Where "rn" is a registered nurse: alone, or named as what someone is ("i am an rn", "as a rn").
RN_NURSE = re.compile(r"(?:^|\b(?:an?|as|the|am|is|are|of|for|and|or|vs|versus)\s+)rns?\b")
# Words that add tone, not meaning; "rn" is here only when it is not a nurse (checked first).
FILLER = re.compile(
    r"\b(?:fr|frfr|lol|lmao|lmfao|rofl|tbh|ngl|imo|imho|idk|smh|bro|bruh|dude|guys|fam|srsly|seriously|honestly|"
    r"literally|lowkey|highkey|deadass|tho|though|pls|plz|please|thx|ty|ok so|okay so|like,|haha+|omg|rn|"
    r"right now|these days|nowadays|at this point|real quick|quick question|genuinely|actually|basically)\b"
)
# Slang that asks "will AI take this job?"
WORRIED = re.compile(
    r"\b(?:(?:am i|are we|are they|is (?:he|she|it)|are|is)\s+)?(?:cooked|done for|screwed|finished|toast|doomed|"
    r"so over|over for|cooked as|in trouble|in danger|boned|fucked|f\*+ed|gone)\b|"
    r"\bshould (?:i|we) (?:panic|worry|be (?:worried|scared|afraid|concerned|panicking))\b|"
    r"\b(?:is it|it is) over for\b|\bam i (?:safe|ok|okay|good|fine)\b|\bpanic(?:king)?\b"
)
PEOPLE = (
    r"(?:mom|mum|mother|dad|father|sister|brother|sis|bro|wife|husband|partner|girlfriend|boyfriend|friend|"
    r"son|daughter|aunt|uncle|cousin|grandma|grandpa|roommate|neighbou?r|boss|colleague|coworker|co-worker|parents?)"
)
THIRD_PERSON = re.compile(
    r"\b(?:my|our) (?:best |older |younger |little |big )?" + PEOPLE + r"(?:'s)? (?:is|was|works as|is working as|"
    r"has been|became|wants to be|works in|is in)\s+(?:an?\s+)?"
)
THIRD_PERSON_VERB = re.compile(r"\b(?:my|our) (?:best |older |younger )?" + PEOPLE + r" (?=\w+s\b)")
HERE = re.compile(r"^(?P<job>[a-z][a-z .&/-]{1,40}?) here\b")
# Verbs that name a job: "i drive trucks", "she teaches", "i do doordash", "i work at a call center".
GIG = r"(?:doordash|door dash|instacart|grubhub|uber ?eats|postmates|deliveroo|shipt|amazon flex)"
VERB_JOBS = [
    (
        r"\b(?:drive|drives|driving) (?:a |an )?(?:semi|semis|18 wheelers?|big rigs?|trucks?|lorr(?:y|ies))\b",
        "truck driver",
    ),
    (r"\b(?:drive|drives|driving) (?:a |an |the )?(?:bus|buses|school bus)\b", "bus driver"),
    (r"\b(?:drive|drives|driving) (?:a |an )?(?:taxi|taxis|cab|cabs)\b", "taxi driver"),
    (
        r"\b(?:drive|drives|driving|deliver|delivers|delivering|do|does|doing|work for|works for) (?:for )?"
        + GIG
        + r"\b",
        "delivery driver",
    ),
    (r"\b(?:drive|drives|driving|do|does|doing) (?:for )?(?:uber|lyft|rideshare)\b", "rideshare driver"),
    (r"\b(?:teach|teaches|teaching)(?: (?:kids|children|school|high school|students))?\b(?! (?:me|you))", "teacher"),
    (
        r"\b(?:write|writes|writing) (?:code|software|programs)\b|\b(?:i|she|he) (?:code|codes|program|programs)\b",
        "software developer",
    ),
    (r"\b(?:cut|cuts|cutting|do|does) hair\b", "hairdresser"),
    (r"\b(?:clean|cleans|cleaning) (?:houses|homes|offices|buildings)\b", "housekeeper"),
    (r"\b(?:do|does|doing) (?:the )?(?:books|bookkeeping)\b", "bookkeeper"),
    (r"\b(?:do|does|doing|prepare|prepares) (?:people'?s? )?taxes\b", "tax preparer"),
    (r"\b(?:fix|fixes|fixing|repair|repairs) cars\b", "auto mechanic"),
    (r"\b(?:wait|waits|waiting) tables\b", "waiter"),
    (r"\b(?:deliver|delivers|delivering) (?:packages|parcels)\b", "delivery driver"),
    (r"\b(?:deliver|delivers|delivering) (?:the )?mail\b", "mail carrier"),
    (r"\b(?:work|works|working) (?:at|in) (?:a |an |the )?call (?:center|centre)\b", "customer service representative"),
    (r"\b(?:work|works|working) (?:at|in) (?:a |an |the )?(?:warehouse|fulfillment center)\b", "warehouse worker"),
    (r"\b(?:work|works|working) (?:at|in) (?:a |an |the )?(?:restaurant kitchen|kitchen)\b", "cook"),
    (
        r"\b(?:work|works|working) (?:at|in|on) (?:a |an |the )?(?:construction|building sites?)\b",
        "construction laborer",
    ),
    (r"\b(?:work|works|working) (?:at|in) (?:a |an |the )?(?:bank)\b", "bank teller"),
    (
        r"\b(?:work|works|working) (?:at|in) (?:a |an |the )?(?:supermarket|grocery store|store|shop)\b",
        "retail salesperson",
    ),
    (r"\b(?:work|works|working|am|is) in (?:retail)\b", "retail salesperson"),
    (r"\b(?:work|works|working|am|is) in (?:sales)\b", "wholesale and manufacturing sales representative"),
    (r"\b(?:work|works|working|am|is) in (?:hr|human resources)\b", "human resources specialist"),
    (r"\b(?:work|works|working|am|is) in (?:it)\b", "it support specialist"),
    (r"\b(?:work|works|working|am|is) in (?:marketing)\b", "marketing specialist"),
    (r"\b(?:work|works|working|am|is) in (?:accounting|finance)\b", "accountant"),
    (r"\b(?:work|works|working|am|is) in (?:customer service|customer support)\b", "customer service representative"),
    (r"\b(?:work|works|working|am|is) in (?:nursing)\b", "nurse"),
    (r"\b(?:work|works|working|am|is) in (?:law|legal)\b", "lawyer"),
    (r"\b(?:work|works|working|am|is) in (?:tech|software)\b", "software developer"),
]
VERB_PATTERNS = [(re.compile(p), job) for p, job in VERB_JOBS]
SUBJECT = re.compile(
    r"(?:^|\b)(?:i|he|she|they|we|(?:my|our) (?:best |older |younger )?" + PEOPLE + r"|who)"
    r"(?: also| just| currently| still| now| mostly| mainly)?$"
)
CONTRACTION_PATTERNS = [(re.compile(p), r) for p, r in CONTRACTIONS]


@dataclass(frozen=True, slots=True)
class Plain:
    text: str
    worried: bool  # the slang asked whether the job survives AI


def _verbs(text: str) -> str:
    """'my dad drives trucks' → 'my dad is a truck driver'; the verb phrase is replaced where it stands."""
    for pattern, job in VERB_PATTERNS:
        hit = pattern.search(text)
        if hit:
            before = text[: hit.start()].rstrip()
            subject = SUBJECT.search(before)
            if subject is None:
                continue  # "is teaching safe" names a field, not what someone does
            before = before[: subject.start()].rstrip()
            joiner = " i am a " if not re.search(r"\b(?:a|an|as|am|is|be)$", before) else " "
            return (before + joiner + job + " " + text[hit.end() :]).strip()
    return text


def plain(text: str) -> Plain:
    """Lower-case chat text → the plain question the patterns expect, and whether it sounded worried."""
    for pattern, repl in CONTRACTION_PATTERNS:
        text = pattern.sub(repl, text)
    nurse = RN_NURSE.search(text)
    if nurse:  # keep "rn" the nurse from the filler list
        text = (
            text[: nurse.start()]
            + text[nurse.start() : nurse.end()].replace("rn", "registered nurse")
            + text[nurse.end() :]
        )
    worried = bool(WORRIED.search(text))
    text = WORRIED.sub(" ", text)
    text = FILLER.sub(" ", text)
    here = HERE.match(text.strip())
    if here and not re.search(r"\b(?:anyone|who|any)\b", here["job"]):
        text = "i am a " + here["job"] + " " + text.strip()[here.end() :]
    text = THIRD_PERSON.sub("i am a ", text)
    text = _verbs(text)
    text = THIRD_PERSON_VERB.sub("i ", text)
    text = re.sub(r"\s+([,?])", r"\1", text)
    text = re.sub(r"\s+", " ", text).strip(" ,;:-")
    return Plain(text, worried)
