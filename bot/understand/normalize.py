"""Turns how people write job titles into one canonical form, so matching compares like with like."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

ABBREVIATIONS = {
    "ml": "machine learning",
    "ai": "artificial intelligence",
    "swe": "software engineer",
    "sde": "software development engineer",
    "sre": "site reliability engineer",
    "dev": "developer",
    "devs": "developers",
    "eng": "engineer",
    "engr": "engineer",
    "rn": "registered nurse",
    "lpn": "licensed practical nurse",
    "lvn": "licensed vocational nurse",
    "np": "nurse practitioner",
    "cna": "certified nursing assistant",
    "emt": "emergency medical technician",
    "pm": "project manager",
    "qa": "quality assurance",
    "hr": "human resources",
    "ux": "user experience",
    "ui": "user interface",
    "cpa": "certified public accountant",
    "ceo": "chief executive officer",
    "cfo": "chief financial officer",
    "coo": "chief operating officer",
    "cto": "chief technology officer",
    "cio": "chief information officer",
    "vp": "vice president",
    "csr": "customer service representative",
    "it": "information technology",
    "dba": "database administrator",
    "db": "database",
    "sysadmin": "system administrator",
    "mgr": "manager",
    "mgmt": "management",
    "asst": "assistant",
    "admin": "administrative",
    "acct": "accountant",
    "rep": "representative",
    "reps": "representatives",
    "tech": "technician",
    "techs": "technicians",
    "pt": "physical therapist",
    "ot": "occupational therapist",
    "pa": "physician assistant",
    "md": "physician",
    "gp": "general practitioner",
    "dr": "doctor",
    "pr": "public relations",
    "seo": "search engine optimization",
    "bi": "business intelligence",
    "ops": "operations",
    "biz": "business",
    "coord": "coordinator",
    "govt": "government",
    "hvac": "heating ventilation air conditioning",
    "cdl": "commercial truck",
    "k12": "school",
    "cnc": "computer numerically controlled",
}

# Words that say how senior or how formal a role is, not which role it is.
SENIORITY = {
    "senior",
    "sr",
    "junior",
    "jr",
    "lead",
    "principal",
    "staff",
    "intern",
    "internship",
    "trainee",
    "experienced",
    "head",
    "i",
    "ii",
    "iii",
    "iv",
    "1",
    "2",
    "3",
    "mid",
    "chief",
}
# Chief is dropped only when it is not part of the title ("chief executive" keeps it).
KEEP_WITH_NEXT = {
    "chief": {"executive", "financial", "operating", "technology", "information", "nursing", "of", "clerk"},
    "junior": {"high", "college"},
    # where the classification codes "head ..." as a different job: chefs and head cooks, supervisors
    "head": {"start", "cook", "waiter", "waitress", "cashier", "teller", "custodian", "housekeeper", "janitor"},
}
# "chief cook" is a head cook: chief keeps with the words head keeps with, where it is a rank of the same kind
KEEP_WITH_NEXT["chief"] |= KEEP_WITH_NEXT["head"] - {"start"}
FILLER = {"a", "an", "the", "my", "job", "role", "position", "career", "profession", "as", "currently"}
LEAD_INS = re.compile(
    r"^(?:(?:hi|hey|hello|so|well|um+|ok|okay)\b[\s,]*)?"
    r"(?:(?:i am|i m|im|i work as|i work in|i work|i do|i was|my job is|my role is|i have been|i ve been|working as|"
    r"i m working as|i am working as|i currently work as)\b\s*)?"
)
SINGLE_WORD_FIELDS = {
    "nursing": "nurse",
    "teaching": "teacher",
    "accounting": "accountant",
    "coding": "coder",
    "programming": "programmer",
    "plumbing": "plumber",
    "welding": "welder",
    "trucking": "truck driver",
    "bartending": "bartender",
    "law": "lawyer",
    "dentistry": "dentist",
    "bookkeeping": "bookkeeper",
    "translation": "translator",
    "copywriting": "copywriter",
    "journalism": "journalist",
    "photography": "photographer",
    "carpentry": "carpenter",
    "farming": "farmer",
    "cooking": "cook",
    "cashiering": "cashier",
    "policing": "police officer",
    "radiology": "radiologist",
    "pharmacy": "pharmacist",
    "architecture": "architect",
    "engineering": "engineer",
    "marketing": "marketing manager",
    "sales": "sales representative",
    "acting": "actor",
    "editing": "editor",
    "writing": "writer",
    "tutoring": "tutor",
    "hairdressing": "hairdresser",
    "economics": "economist",
    "psychology": "psychologist",
    "chemistry": "chemist",
}
NO_SINGULAR = {
    "sales",
    "business",
    "analysis",
    "news",
    "series",
    "species",
    "status",
    "campus",
    "corps",
    "bus",
    "gas",
    "lens",
    "canvas",
    "chassis",
    "aids",
    "physics",
    "mathematics",
    "ops",
    "goods",
    "arts",
    "services",
    "claims",
    "glass",
    "class",
    "press",
    "dress",
    "grass",
    "boss",
    "process",
    "access",
    "address",
    "fitness",
    "wellness",
    "securities",
    "humanities",
    "utilities",
    "facilities",
    "communities",
    "activities",
}
INVERTED = re.compile(r"^([^,(]+),([^,()]+)$")
INVERTED_MAX_WORDS = 4
CPLUSPLUS = re.compile(r"\bc\+\+")
CSHARP = re.compile(r"\bc#")
NON_WORD = re.compile(r"[^a-z0-9]+")
LEAD_IN_STARTS = ("hi", "hey", "hello", "so", "well", "um", "ok", "i", "my", "working")
ENTRY_LEVEL = re.compile(r"\bentry level\b")
DRIVE_FOR = re.compile(r"\b(?:drive|drives|driving|deliver|delivers|delivering)\s+for\s+(\w+)")


CACHED_KEY_MAX = 120  # longer texts (pasted paragraphs, hostile input) are computed, never kept as cache keys
CACHED_WORD_MAX = 40


def singular(word: str) -> str:
    return _singular(word) if len(word) <= CACHED_WORD_MAX else _singular.__wrapped__(word)


@lru_cache(maxsize=16384)
def _singular(word: str) -> str:
    """A few English rules cover nearly every job title plural; exceptions are listed above."""
    if len(word) <= 3 or word in NO_SINGULAR or word.endswith(("ss", "us", "is", "ics")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("s"):
        return word[:-1]
    return word


def _uninvert(text: str) -> str:
    """Classification lists write 'Editor, City' and 'Pediatricians, General'; people say 'city editor'."""
    found = INVERTED.match(text)
    if not found:
        return text
    head, qualifier = found.group(1).strip(), found.group(2).strip()
    if not qualifier or len(qualifier.split()) > INVERTED_MAX_WORDS or qualifier.startswith(("except", "all other")):
        return text
    return f"{qualifier} {head}"


def _ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _drop_seniority(words: list[str]) -> list[str]:
    kept = []
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if word in SENIORITY and nxt not in KEEP_WITH_NEXT.get(word, set()):
            continue
        kept.append(word)
    return kept or words


def normalize(text: str) -> str:
    """Cached for titles and short questions; a cache keyed by whole long messages would grow with their length."""
    return _normalize(text) if len(text) <= CACHED_KEY_MAX else _normalize.__wrapped__(text)


@lru_cache(maxsize=65536)
def _normalize(text: str) -> str:
    """Lowercases, drops punctuation, lead-ins, seniority and filler, expands abbreviations, singularises."""
    if not text.isascii():
        text = _ascii_fold(text)
    text = text.casefold().replace("&", " and ").replace("'", " ")
    # Each regex below runs only when it can apply: loading normalises every stored label.
    if "," in text:
        text = _uninvert(text)
    if "+" in text or "#" in text:
        text = CPLUSPLUS.sub("cplusplus", CSHARP.sub("csharp", text))
    text = NON_WORD.sub(" ", text).strip()
    if " for " in text:
        text = DRIVE_FOR.sub(r"\1 driver", text)
    if "entry" in text:
        text = ENTRY_LEVEL.sub(" ", text)
    if text.startswith(LEAD_IN_STARTS):
        text = LEAD_INS.sub("", text, count=1).strip()
    words = text.split()
    if not FILLER.isdisjoint(words):
        words = [w for w in words if w not in FILLER]
    if not SENIORITY.isdisjoint(words):
        words = _drop_seniority(words)
    if len(words) == 1:
        expanded = ABBREVIATIONS.get(words[0], words[0]).split()
        if len(expanded) == 1 and expanded[0] in SINGLE_WORD_FIELDS:
            expanded = SINGLE_WORD_FIELDS[expanded[0]].split()
        return " ".join([singular(w) for w in expanded])
    return " ".join([_word(w) for w in words])


@lru_cache(maxsize=16384)
def _word(word: str) -> str:
    """One word of a longer title: its abbreviation spelt out, singular."""
    return " ".join([singular(w) for w in ABBREVIATIONS.get(word, word).split()])


def cache_sizes() -> dict[str, int]:
    """Entries held by the (bounded) normalisation caches, for monitoring."""
    return {"normalize": _normalize.cache_info().currsize, "singular": _singular.cache_info().currsize}
