"""Title matching on the way people really type jobs."""

from __future__ import annotations

import time

import pytest

from bot.answer.engine import Engine
from bot.sources.load import Knowledge
from bot.understand import token_index
from bot.understand.matcher import Verdict
from bot.understand.normalize import normalize
from bot.understand.occupation_vocabulary import OccupationVocabulary
from bot.understand.token_index import TokenIndex


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Senior Backend Dev", "backend developer"),
        ("ml eng", "machine learning engineer"),
        ("I'm a registered nurse", "registered nurse"),
        ("Registered Nurses", "registered nurse"),
        ("I drive for Uber", "uber driver"),
        ("nursing", "nurse"),
        ("Secretaries", "secretary"),
        ("Sales Representatives", "sales representative"),
        ("Junior QA", "quality assurance"),
        ("C++ Developer", "cplusplus developer"),
        ("c# dev", "csharp developer"),
        ("Entry-level Accountant", "accountant"),
        ("Hello, I work as a welder", "welder"),
        ("Café Barista", "cafe barista"),
        ("Editor, City", "city editor"),
        ("Head Nurse", "nurse"),
        ("Head Cook", "head cook"),
        ("Chief Housekeeper", "chief housekeeper"),
        ("Chief Nurse", "nurse"),
        ("Pediatricians, General", "general pediatrician"),
        ("Mail Clerks, Except Postal Service", "mail clerk except postal service"),
        ("Health, Safety, and Environmental Manager", "health safety and environmental manager"),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "profile"),
    [
        ("ml eng", "ml-engineer"),
        ("RN", "registered-nurse"),
        ("senior backend dev", "backend-developer"),  # a role of its own, counted in Software Developers
        ("I drive for Uber", "rideshare-driver"),
        ("paralegals", "paralegal"),
        ("Registered Nurses", "registered-nurse"),
        ("registred nurse", "registered-nurse"),
        ("acountant", "accountant"),
        ("CPA", "accountant"),
        ("graphic designr", "graphic-designer"),
        ("truck driver", "truck-driver"),
        ("Customer Service Representatives", "customer-service-representative"),
        ("data scientist", "data-scientist"),
        ("dental hygienist", "dental-hygienist"),
        ("Heavy and Tractor-Trailer Truck Drivers", "truck-driver"),
    ],
)
def test_confident_matches(engine: Engine, text: str, profile: str) -> None:
    result = engine.match(text)
    assert result.verdict is Verdict.CONFIDENT, result
    assert result.best is not None and result.best.target.profile_id == profile


@pytest.mark.parametrize("text", ["supervisor", "coordinator", "director", "executive"])
def test_a_bare_word_many_occupations_use_is_not_a_confident_answer(engine: Engine, text: str) -> None:
    # O*NET lists each of these once, under one occupation, but the word alone names no job
    assert engine.match(text).verdict is Verdict.AMBIGUOUS


@pytest.mark.parametrize(
    ("text", "profile"), [("president", "chief-executive"), ("cashier", "cashier"), ("nurse", "registered-nurse")]
)
def test_a_bare_word_a_profile_claims_stays_confident(engine: Engine, text: str, profile: str) -> None:
    result = engine.match(text)
    assert result.verdict is Verdict.CONFIDENT, result
    assert result.best is not None and result.best.target.profile_id == profile


def test_every_bls_title_reaches_a_profile_of_its_own_occupation(engine: Engine, knowledge: Knowledge) -> None:
    wrong = []
    for soc, wage in knowledge.wages.occupations.items():
        best = engine.match(wage.title).best
        if best is None or best.target.soc != soc or best.target.profile_id is None:
            wrong.append(f"{wage.title} -> {best.target.title if best else None}")
    assert not wrong, wrong[:10]


def test_gibberish_is_unknown(engine: Engine) -> None:
    for text in ("xyzzy plover", "qwertyuiop", "!!!", ""):
        assert engine.match(text).verdict is Verdict.UNKNOWN, text


def test_broad_word_is_ambiguous_with_choices(engine: Engine) -> None:
    result = engine.match("engineer")
    assert result.verdict is Verdict.AMBIGUOUS
    assert len(result.candidates) >= 3
    assert len({c.target.key for c in result.candidates}) == len(result.candidates)


def test_candidates_are_ranked_and_distinct_even_when_one_job_owns_many_close_aliases(engine: Engine) -> None:
    candidates = engine.match("nurse practitioner").candidates
    assert candidates[0].target.profile_id == "nurse-practitioner"
    assert len({c.target.key for c in candidates}) == len(candidates) >= 3
    keys = [c.rank_key for c in candidates]
    assert keys == sorted(keys, reverse=True)


def test_occupation_vocabulary_counts_the_occupations_using_a_word() -> None:
    vocabulary = OccupationVocabulary(
        [
            ("inspector", "line inspector"),
            ("inspector", "lumber inspector"),
            ("cook", "line cook"),
            ("cook", "prep cook"),
        ]
    )
    assert (vocabulary.spread("line"), vocabulary.spread("inspector"), vocabulary.spread("welder")) == (2, 1, 0)


def test_occupation_vocabulary_pools_words_across_labels() -> None:
    vocabulary = OccupationVocabulary(
        [
            ("inspector", "line inspector"),
            ("inspector", "lumber inspector"),
            ("inspector", "timber grader"),
            ("carpenter", "timber framer"),
            ("carpenter", "finish carpenter"),
            ("cook", "line cook"),
            ("cook", "prep cook"),
        ]
    )
    # no single inspector label says "timber inspector", but the occupation's labels together do
    assert vocabulary.support("timber inspector", "inspector") > vocabulary.support("timber inspector", "carpenter")
    assert vocabulary.support("timber inspector", "cook") == 0.0
    assert vocabulary.support("timber inspector", "no such job") == 0.0
    assert vocabulary.support("", "inspector") == 0.0
    assert 0.0 < vocabulary.support("line inspector", "inspector") <= 1.0


def test_autocomplete_is_short_unique_and_relevant(engine: Engine) -> None:
    assert len(engine.suggest_titles("")) == 25
    hits = engine.suggest_titles("nur")
    assert 0 < len(hits) <= 25
    assert any(h.value == "Registered Nurse" for h in hits)
    assert len({h.value for h in hits}) == len(hits)
    assert all(1 <= len(h.name) <= 100 and 1 <= len(h.value) <= 100 for h in hits)
    assert engine.suggest_titles("swe")[0].value == "Software Developer"


def test_long_input_is_bounded(engine: Engine) -> None:
    started = time.perf_counter()
    result = engine.match("nurse " * 5000)
    assert result.query and len(result.query) <= 200
    assert time.perf_counter() - started < 5  # a guard against quadratic blow-up, not a benchmark


def test_a_common_word_still_opens_its_short_titles_when_rarer_words_find_little() -> None:
    """'registred' reads as 'registered' (common) or 'register' (rare); the rare reading must not hide the job."""
    titles = [
        "registered nurse",
        "register clerk",
        *(f"registered nurse specialty{i}" for i in range(200)),
        *(f"filler{i} worker" for i in range(2000)),
    ]
    index = TokenIndex(titles)
    best = index.scores("registred nurse", limit=3)
    assert best and titles[best[0][0]] == "registered nurse"
    assert best[0][1] > 90


def test_a_misspelt_word_weighs_what_its_likeliest_reading_weighs() -> None:
    titles = ["registered nurse", "registered agent", "registered dietitian", "register clerk", "filler worker"]
    index = TokenIndex(titles)
    (first, score), *_ = index.scores("registred nurse", limit=1)
    assert titles[first] == "registered nurse"
    assert score > 95  # weighed as its rarest near miss, "register", it would score about 81


@pytest.mark.parametrize("query", ["registered nurse", "nurse", "worker", "filler7 nurse worker", "clerk agent"])
def test_merging_postings_by_sorting_or_by_flags_ranks_alike(query: str, monkeypatch: pytest.MonkeyPatch) -> None:
    titles = [
        "registered nurse",
        "register clerk",
        "registered agent",
        *(f"registered nurse specialty{i}" for i in range(50)),
        *(f"filler{i} worker" for i in range(400)),
    ]
    index = TokenIndex(titles)
    rankings = []
    for share in (0, 10**9):  # never sort / always sort
        monkeypatch.setattr(token_index, "SORT_SHARE", share)
        rankings.append(index.scores(query, limit=None))
    assert rankings[0] == rankings[1]
    assert rankings[0] and all(set(query.split()) & set(titles[i].split()) for i, _ in rankings[0])


def test_one_letter_typos_of_every_kind_are_found_without_a_scan() -> None:
    index = TokenIndex(["electrician", "electrical engineer", "welder", "carpenter"])
    for slip in ("electrcian", "electriciann", "eletcrician", "electricxan"):  # dropped, doubled, swapped, changed
        assert "electrician" in index.expand(slip), slip
    assert index.expand("zzzzzzzz") == {}


@pytest.mark.parametrize(
    ("title", "specific", "catch_all"),
    [("laundry superintendent", "11-1021", "11-9199"), ("campaign director", "11-2011", "13-1199")],
)
def test_a_title_shared_with_an_all_other_occupation_answers_the_specific_one(
    engine: Engine, title: str, specific: str, catch_all: str
) -> None:
    """O*NET files these under both; the "All Other" occupation is where titles go that fit nowhere else."""
    result = engine.match(title)
    socs = [c.target.soc for c in result.candidates]
    assert socs[0] == specific and catch_all in socs
    assert result.verdict is Verdict.AMBIGUOUS  # still shared: the menu offers both
