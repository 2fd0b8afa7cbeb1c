"""Buttons, menus and the modal under replies: pure builders, imported by the handlers, importing none of them.

Every custom_id encodes what to show ("jb:tasks:registered-nurse"), and the items are
discord.py DynamicItems, so they keep working after a restart: nothing is held in memory.
A clicked item hands its interaction to whatever `Handlers` the running client carries.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any, Protocol, cast

import discord

from bot.answer.cards import Picture
from bot.answer.personal import Focus
from bot.frontends.discord.community import MODAL_PREFIX, PREFIX, summary_items
from bot.frontends.discord.payloads import message_args
from bot.present.reply import Choice, Reply, ReplyKind

CUSTOM_ID_MAX = 100
BUTTON_ID = re.compile(
    r"^jb:(?P<action>tasks|careers|faq|notmine|personal|compare|share):(?P<pid>[a-z0-9-]{1,60})(?::(?P<query>.*))?$"
)
SELECT_ID = re.compile(r"^jbs:(?P<action>pick|focus):(?P<arg>[a-z0-9-]{0,60})(?::(?P<query>.*))?$")
MODAL_ID = re.compile(r"^jbm:compare:(?P<pid>[a-z0-9-]{1,60})$")
OWN_PREFIXES = ("jb:", "jbs:", "jbm:", PREFIX, MODAL_PREFIX)


class Handlers(Protocol):
    """What a clicked button or a chosen menu option calls."""

    async def button(self, interaction: discord.Interaction[Any], action: str, pid: str, query: str) -> None: ...

    async def select(
        self, interaction: discord.Interaction[Any], action: str, arg: str, query: str, values: list[str]
    ) -> None: ...


class HasHandlers(Protocol):
    handlers: Handlers


def id_text(text: str) -> str:
    """User text as it may ride in a custom_id: one line (the templates match no line break), without
    control or format characters (null bytes, bidi overrides), spaces collapsed."""
    return " ".join("".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text).split())


def custom_id(prefix: str, action: str, arg: str, query: str = "") -> str:
    """Builds an id within Discord's 100-character limit; the free-text part is cleaned, then cut."""
    head = f"{prefix}:{action}:{arg}"
    query = id_text(query[: CUSTOM_ID_MAX * 4])
    if not query:
        return head
    room = CUSTOM_ID_MAX - len(head) - 1
    return f"{head}:{query[:room]}" if room > 0 else head


def _handlers(interaction: discord.Interaction[Any]) -> Handlers:
    return cast(HasHandlers, interaction.client).handlers


class JobButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=BUTTON_ID):
    def __init__(
        self, action: str, pid: str, label: str, query: str = "", style: discord.ButtonStyle | None = None
    ) -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                style=style or discord.ButtonStyle.secondary,
                custom_id=custom_id("jb", action, pid, query),
            )
        )
        self.action, self.pid, self.query = action, pid, query

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> JobButton:
        return cls(match["action"], match["pid"], getattr(item, "label", None) or match["action"], match["query"] or "")

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _handlers(interaction).button(interaction, self.action, self.pid, self.query)


class JobSelect(discord.ui.DynamicItem[discord.ui.Select[Any]], template=SELECT_ID):
    def __init__(
        self, action: str, arg: str, options: list[discord.SelectOption], query: str = "", max_values: int = 1
    ) -> None:
        super().__init__(
            discord.ui.Select(
                custom_id=custom_id("jbs", action, arg, query),
                options=options or [discord.SelectOption(label="-", value="-")],
                min_values=1,
                max_values=max(1, min(max_values, len(options) or 1)),
                placeholder="Pick one" if max_values == 1 else "Pick the tasks that take most of your time",
            )
        )
        self.action, self.arg, self.query = action, arg, query

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> JobSelect:
        return cls(match["action"], match["arg"], [], match["query"] or "")

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        data: dict[str, Any] = dict(interaction.data or {})
        values = [str(v) for v in data.get("values", [])]
        await _handlers(interaction).select(interaction, self.action, self.arg, self.query, values)


class CompareModal(discord.ui.Modal):
    """Asks for the second job. Submissions are handled by the bot's interaction listener, keyed by
    custom_id, so a modal opened before a restart is still answered after it."""

    other: discord.ui.TextInput[CompareModal] = discord.ui.TextInput(
        label="Compare with which job?", placeholder="e.g. dental hygienist", max_length=100, custom_id="other"
    )

    def __init__(self, pid: str, title: str) -> None:
        super().__init__(title=f"Compare {title}"[:45], custom_id=f"jbm:compare:{pid}", timeout=None)


def focus_code(focus: Focus | None) -> str:
    """A personal split in a custom_id: the tasks that take most of the time, "f0.3.5"; "" for the typical job."""
    return "f" + ".".join(map(str, focus.tasks)) if focus is not None and focus.tasks else ""


def parse_focus(code: str) -> Focus | None:
    if not code.startswith("f"):
        return None
    tasks = tuple(int(t) for t in code[1:].split(".") if t.isdigit())
    return Focus(tasks) if tasks else None


def share_button(pid: str, focus: Focus | None = None) -> JobButton:
    """Posts this private answer publicly, as its card."""
    return JobButton("share", pid, "Share", query=focus_code(focus), style=discord.ButtonStyle.primary)


def share_view(pid: str, focus: Focus | None = None) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(share_button(pid, focus))
    return view


def summary_view(pid: str, query: str, *, share: bool = False) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    if share:
        view.add_item(share_button(pid))
    view.add_item(JobButton("tasks", pid, "Tasks", style=discord.ButtonStyle.primary))
    view.add_item(JobButton("careers", pid, "Career moves"))
    view.add_item(JobButton("faq", pid, "FAQ"))
    view.add_item(JobButton("compare", pid, "Compare with…"))
    view.add_item(JobButton("notmine", pid, "Not my job", query=query, style=discord.ButtonStyle.danger))
    view.add_item(JobButton("personal", pid, "Personalise", style=discord.ButtonStyle.success))
    for item in summary_items(pid, query):
        view.add_item(item)
    return view


def pick_view(candidates: Sequence[Choice], query: str) -> discord.ui.View | None:
    options = [
        discord.SelectOption(
            label=c.title[:100],
            value=c.ref.key[:100],
            description=f"SOC {c.soc} · {'full profile' if c.ref.profile_id else 'BLS facts only'}"[:100],
        )
        for c in candidates[:25]
    ]
    if not options:
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(JobSelect("pick", "", options, query=query))
    return view


def focus_view(pid: str, statements: list[str]) -> discord.ui.View:
    options = [discord.SelectOption(label=s[:100], value=str(i)) for i, s in enumerate(statements[:25])]
    view = discord.ui.View(timeout=None)
    view.add_item(JobSelect("focus", pid, options, max_values=len(options)))
    return view


def view_for(reply: Reply, *, share: bool = False) -> discord.ui.View | None:
    """The components a reply kind carries: drill-down buttons (and Share on a private one), or a menu of jobs."""
    meta = reply.meta
    if reply.kind is ReplyKind.SUMMARY and meta.profile_ids:
        return summary_view(meta.profile_ids[0], meta.query, share=share)
    if reply.kind is ReplyKind.DISAMBIGUATION:
        return pick_view(meta.candidates, meta.query)
    return None


def reply_args(reply: Reply, picture: Picture | None = None, *, share: bool = False) -> dict[str, Any]:
    """Send arguments for a reply, with its picture and its components when it has any."""
    args = message_args(reply, picture)
    view = view_for(reply, share=share)
    if view is not None:
        args["view"] = view
    return args
