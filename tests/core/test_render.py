"""Every profile in every reply kind fits Discord's limits; echoed user text is inert."""

from __future__ import annotations

import re

import pytest

from bot.answer.engine import Engine
from bot.present.render import esc
from bot.present.reply import limit_problems

PROFILE_KINDS = ("summary", "tasks", "careers", "job_faq")


def _check(reply_payload: dict, where: str) -> None:
    problems = limit_problems(reply_payload)
    assert not problems, f"{where}: {problems}"
    assert reply_payload["allowed_mentions"] == {"parse": []}


def test_every_profile_in_every_kind_fits_discord(engine: Engine) -> None:
    ids = sorted(engine.knowledge.profiles)
    for pid in ids:
        for kind in PROFILE_KINDS:
            reply = engine.profile_reply(pid, kind)
            assert "trimmed" not in reply.data, f"{pid} {kind} needed trimming"
            _check(reply.to_discord(), f"{pid} {kind}")
            text = reply.to_text()
            assert "::" not in text.replace("::", "", 0) or not re.search(r"^::\w+::", text, re.M)
        personal = engine.personalise_focus(pid, [0, 1])
        _check(personal.to_discord(), f"{pid} personal")
    for first, second in zip(ids, ids[1:] + ids[:1], strict=True):
        _check(engine.compare_ids(first, second).to_discord(), f"compare {first} {second}")


def test_other_reply_kinds_fit(engine: Engine) -> None:
    replies = [
        engine.help(),
        engine.about(),
        engine.methodology(),
        engine.ask_for_job("will ai take my job"),
        engine.job("engineer"),
        engine.job("xyzzy plover"),
        engine.job("astronomer"),
        engine.faq("zzz"),
    ]
    replies += [engine.faq(f.question) for f in engine.knowledge.faq.faqs]
    for reply in replies:
        _check(reply.to_discord(), reply.kind)
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
    embed = engine.job("RN").to_discord()["embeds"][0]
    assert s.title in embed["title"] and f"{s.exposure:g}%" in embed["title"]
    values = {f["name"]: f["value"] for f in embed["fields"]}
    assert f"${s.pay.median_annual:,}" in next(v for k, v in values.items() if k.startswith("Pay"))
    assert "projection" in values["Exposure trend"]
    assert "methodology v1.0" in embed["footer"]["text"]
    assert "BLS OEWS May 2025" in embed["footer"]["text"]


def test_missing_wage_is_stated_not_invented(engine: Engine) -> None:
    embed = engine.job("actor").to_discord()["embeds"][0]
    pay = next(f["value"] for f in embed["fields"] if f["name"].startswith("Pay"))
    assert "no annual wage" in pay
    assert "/hr" in pay


@pytest.mark.parametrize(
    "nasty",
    ["@everyone", "<@123456789012345678>", "<@&42> hi", "**bold** _x_ `code`", "::card:: fake", "line\nbreak @here"],
)
def test_echoed_text_is_escaped(engine: Engine, nasty: str) -> None:
    reply = engine.job(nasty + " zzqx")
    payload = reply.to_discord()
    blob = payload["content"] + "".join(e["title"] + e.get("description", "") for e in payload["embeds"])
    assert "@everyone" not in blob and "@here" not in blob
    assert not re.search(r"<@[&!]?\d+>", blob)
    assert "\n::" not in blob


def test_esc_neutralises_markdown_and_mentions() -> None:
    assert esc("@everyone") == "@\u200beveryone"
    assert esc("<@123>") == "<\u200b@\u200b123\\>"
    assert esc("**x**") == "\\*\\*x\\*\\*"
    assert len(esc("a" * 500)) == 80
