"""The terminal front end, driven the way a person or a script would."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from bot.frontends.cli import main, run


def cli(*argv: str, stdin: str = "") -> str:
    out = io.StringIO()
    assert run(list(argv), io.StringIO(stdin), out) == 0
    return out.getvalue()


def test_ask_answers_a_real_question() -> None:
    text = cli("ask", "will AI replace ML engineers?")
    assert "Machine Learning Engineer" in text
    assert "exposure" in text.lower() and "methodology v1.1" in text


def test_job_json_is_the_full_summary() -> None:
    data = json.loads(cli("job", "rn", "--json"))
    assert data["id"] == "registered-nurse"
    assert data["soc"] == "29-1141"
    assert {"exposure", "risk", "resilience", "split", "trend", "radar", "pay"} <= set(data)
    assert data["pay"]["median_annual"] > 0


def test_job_time_split_rescores() -> None:
    base = json.loads(cli("job", "paralegal", "--json"))
    mine = json.loads(cli("job", "paralegal", "--json", "--time", "1=100"))
    first = base["tasks"][0]["exposure"]
    assert mine["personal"]["exposure"] == first
    assert mine["baseline"]["exposure"] == base["exposure"]


def test_compare_and_faq() -> None:
    assert "Registered Nurse vs Elementary School Teacher" in cli("compare", "nurse", "elementary teacher")
    assert "What does the AI exposure score mean?" in cli("faq", "what does exposure mean")


def test_match_reads_stdin_and_writes_json_lines() -> None:
    lines = cli("match", stdin="rn\nastronomer\nxyzzy plover\n\nsenior backend dev\n").splitlines()
    rows = [json.loads(line) for line in lines]
    assert [r["input"] for r in rows] == ["rn", "astronomer", "xyzzy plover", "senior backend dev"]
    assert rows[0]["verdict"] == "confident" and rows[0]["candidates"][0]["id"] == "registered-nurse"
    assert isinstance(rows[0]["exposure"], float)
    assert rows[1]["candidates"][0]["soc"] == "19-2011" and isinstance(rows[1]["exposure"], float)
    assert rows[2]["verdict"] == "unknown"
    assert set(rows[3]["candidates"][0]) == {"id", "title", "soc", "score"}


def test_list_json_has_every_profile() -> None:
    rows = json.loads(cli("list", "--json"))
    assert len(rows) >= 100
    assert {"id", "title", "soc", "exposure", "risk", "resilience", "median_annual_wage"} <= set(rows[0])
    actor = next(r for r in rows if r["id"] == "actor")
    assert actor["median_annual_wage"] is None


def test_chat_reads_questions_from_stdin() -> None:
    text = cli("chat", stdin="will AI replace paralegals?\nwhat does exposure mean\n")
    assert "Paralegal" in text and "What does the AI exposure score mean?" in text


def test_unknown_job_is_an_answer_not_an_error() -> None:
    assert "couldn't match" in cli("job", "xyzzy plover")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main([])
    assert caught.value.code == 2
    assert main(["job", "paralegal", "--time", "banana"]) == 2
    assert main(["job", "paralegal", "--time", "40=100"]) == 2
    assert "task 40 does not exist" in capsys.readouterr().err


def test_installed_entry_point_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot.frontends.cli", "ask", "is nursing safe from AI"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Registered Nurse" in done.stdout


@pytest.mark.parametrize(
    ("split", "said"),
    [
        ("1=150", "150 is not a share between 0 and 100"),
        ("1=-20,2=120", "-20 is not a share between 0 and 100"),
        ("1=nan", "nan is not a share"),
        ("1=30,2=20", "add up to 50; they should add up to 100"),
        ("1=90,2=90", "add up to 180"),
    ],
)
def test_a_time_split_outside_0_100_or_far_from_100_is_refused(
    capsys: pytest.CaptureFixture[str], split: str, said: str
) -> None:
    assert main(["job", "paralegal", "--time", split]) == 2
    assert said in capsys.readouterr().err


def test_a_split_that_rounds_to_100_is_accepted() -> None:
    assert "personalised" in cli("job", "paralegal", "--time", "1=33,2=33,3=33").lower()


def test_a_terminal_that_cannot_encode_the_reply_gets_replacements_not_a_crash() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot.frontends.cli", "job", "rn"],
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert b"Registered Nurse" in done.stdout and b"?" in done.stdout
