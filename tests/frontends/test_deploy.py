"""Deployment files say what the README says: non-root image with a health check, compose with PostgreSQL."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml_rs

ROOT = Path(__file__).resolve().parents[2]


def test_the_image_runs_as_a_user_with_a_health_check() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^USER jobbot$", dockerfile, re.M)
    assert re.search(r'^HEALTHCHECK .*CMD \["jobbot", "health"\]$', dockerfile, re.M)
    assert re.search(r'^CMD \["sh", "-c", "jobbot db upgrade && exec jobbot run"\]$', dockerfile, re.M)
    assert dockerfile.index("USER jobbot") < dockerfile.index("CMD [")


def test_compose_runs_the_bot_beside_postgres_and_restarts_both() -> None:
    compose: dict[str, Any] = yaml_rs.loads((ROOT / "compose.yaml").read_text())
    bot, db = compose["services"]["bot"], compose["services"]["db"]
    assert bot["restart"] == db["restart"] == "unless-stopped"
    assert db["image"].startswith("postgres:")
    assert re.fullmatch(r"postgresql://jobbot:[^@]+@db:5432/jobbot", bot["environment"]["DATABASE_URL"])
    assert bot["depends_on"]["db"]["condition"] == "service_healthy"
    assert bot["environment"]["HEALTH_PORT"]


def test_readme_has_a_systemd_unit_that_restarts_on_failure_and_the_exit_codes() -> None:
    readme = (ROOT / "README.md").read_text()
    unit = readme.split("```ini", 1)[1].split("```", 1)[0]
    assert "Restart=on-failure" in unit and "ExecStart=/opt/jobbot/bin/jobbot run" in unit
    assert "RestartPreventExitStatus=2 3 4" in unit
    for code in ("2 bad settings", "3 the token was rejected", "4 the\ngateway intents", "5 Discord"):
        assert code in readme, code


def test_ci_runs_the_container_smoke_test() -> None:
    assert "bash .ci/container-smoke" in (ROOT / ".ci" / "run").read_text()
