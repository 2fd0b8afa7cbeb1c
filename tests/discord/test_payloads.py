"""Every profile in every reply kind fits Discord's limits as the front end sends it; echoed user text is inert."""

from __future__ import annotations

import re

import pytest

from bot.answer.engine import Engine
from bot.answer.personal import Focus
from bot.frontends.discord.limits import FIELD_VALUE_MAX, fit, limit_problems
from bot.frontends.discord.payloads import to_payload
from bot.present.reply import Card, Field, Reply, ReplyKind
from bot.present.text import to_text
from bot.sources.refs import ProfileRef, SocRef

PROFILE_KINDS = (ReplyKind.SUMMARY, ReplyKind.TASKS, ReplyKind.CAREERS, ReplyKind.JOB_FAQ)


def _check(reply_payload: dict, where: str) -> None:
    problems = limit_problems(reply_payload)
    assert not problems, f"{where}: {problems}"
    assert reply_payload["allowed_mentions"] == {"parse": []}


def test_every_profile_in_every_kind_fits_discord(engine: Engine) -> None:
    summaries = engine.summaries()
    for s in summaries:
        for kind in PROFILE_KINDS:
            reply = engine.show(ProfileRef(s.id), kind)
            assert fit(reply) is reply, f"{s.id} {kind} needed trimming"
            _check(to_payload(reply), f"{s.id} {kind}")
            assert not re.search(r"^::\w+::", to_text(reply), re.M)
        _check(to_payload(engine.personalise(s.id, Focus((0, 1)))), f"{s.id} personal")
    for first, second in zip(summaries, summaries[1:] + summaries[:1], strict=True):
        _check(to_payload(engine.compare(first.title, second.title)), f"compare {first.id} {second.id}")


def test_other_reply_kinds_fit(engine: Engine) -> None:
    replies = [
        engine.page(ReplyKind.HELP),
        engine.page(ReplyKind.ABOUT),
        engine.page(ReplyKind.METHODOLOGY),
        engine.answer("will ai take my job"),
        engine.job("engineer"),
        engine.job("xyzzy plover"),
        engine.show(SocRef("19-2011")),  # BLS facts only: reachable when a code has no profile
        engine.faq("zzz"),
    ]
    replies += [engine.faq(f.question) for f in engine.suggest_faqs("")]
    for reply in replies:
        _check(to_payload(reply), reply.kind)
    assert {r.kind for r in replies} >= {
        "help",
        "about",
        "methodology",
        "ask_job",
        "disambiguation",
        "unknown",
        "occupation",
        "faq",
        "faq_list",
    }


def test_summary_shows_the_figures_and_sources(engine: Engine) -> None:
    s = engine.summary("registered-nurse")
    assert s is not None and s.pay is not None
    embed = to_payload(engine.job("RN"))["embeds"][0]
    assert s.title in embed["title"] and f"{s.exposure:g}/100" in embed["title"]
    values = {f["name"]: f["value"] for f in embed["fields"]}
    assert f"${s.pay.median_annual:,}" in next(v for k, v in values.items() if k.startswith("Pay"))
    assert "projection" in values["Exposure trend"]
    assert "methodology v1.1" in embed["footer"]["text"]
    assert "BLS OEWS May 2025" in embed["footer"]["text"]


def test_missing_wage_is_stated_not_invented(engine: Engine) -> None:
    embed = to_payload(engine.job("actor"))["embeds"][0]
    pay = next(f["value"] for f in embed["fields"] if f["name"].startswith("Pay"))
    assert "no annual wage" in pay
    assert "/hr" in pay


@pytest.mark.parametrize(
    "nasty",
    ["@everyone", "<@123456789012345678>", "<@&42> hi", "**bold** _x_ `code`", "::card:: fake", "line\nbreak @here"],
)
def test_echoed_text_is_escaped(engine: Engine, nasty: str) -> None:
    payload = to_payload(engine.job(nasty + " zzqx"))
    blob = payload["content"] + "".join(e["title"] + e.get("description", "") for e in payload["embeds"])
    assert "@everyone" not in blob and "@here" not in blob
    assert not re.search(r"<@[&!]?\d+>", blob)
    assert "\n::" not in blob


def test_a_field_over_discords_limit_is_trimmed_to_it() -> None:
    """The safety net: Discord rejects a whole message over FIELD_VALUE_MAX (1024), so the field is cut to fit."""
    long = Reply(ReplyKind.HELP, cards=(Card("t", fields=(Field("n", "x" * 1500),)),))
    value = to_payload(long)["embeds"][0]["fields"][0]["value"]
    assert len(value) == FIELD_VALUE_MAX == 1024 and value.endswith("…")
    assert not limit_problems(to_payload(long))


def test_limit_problems_names_what_discord_would_reject() -> None:
    payload = {"content": "x" * 2001, "embeds": [{"title": "t", "fields": [{"name": "n", "value": "v" * 1025}]}]}
    problems = limit_problems(payload)
    assert any("content has 2001" in p for p in problems)
    assert any("field 0 value has 1025" in p for p in problems)
