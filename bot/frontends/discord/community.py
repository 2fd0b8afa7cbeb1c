"""Community controls under replies: the pulse menu, the feedback buttons and modal, "save my split".

Pure builders like views.py: every custom_id carries what the control is about
("jbc:vote:registered-nurse"), the items are DynamicItems that survive a restart, and a
clicked item hands its interaction to the `Community` the running client carries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol, cast

import discord

from bot.storage.pulse import QUESTION, Answer

PREFIX = "jbc:"
MODAL_PREFIX = "jbq:"
VOTE_ID = re.compile(r"^jbc:vote:(?P<pid>[a-z0-9-]{1,60})$")
ACTION_ID = re.compile(r"^jbc:(?P<action>wrong|disagree|save):(?P<pid>[a-z0-9-]{1,60})(?::(?P<arg>.*))?$")
FEEDBACK_ID = re.compile(r"^jbq:(?P<kind>wrong|disagree):(?P<pid>[a-z0-9-]{1,60})(?::(?P<query>.*))?$")
REASON_MAX = 300
CUSTOM_ID_MAX = 100
FEEDBACK_TITLES = {"wrong": "Wrong job?", "disagree": "Disagree with a score?"}
FEEDBACK_PROMPTS = {
    "wrong": "What job did you mean, or what is wrong?",
    "disagree": "Which score, and why? A sentence is plenty.",
}


def _id(prefix: str, action: str, pid: str, free: str = "") -> str:
    """'jbc:wrong:paralegal:the query', the free text cut to Discord's 100 characters (views.py imports this module)."""
    head = f"{prefix}{action}:{pid}"
    return f"{head}:{free}"[:CUSTOM_ID_MAX] if free else head


class Community(Protocol):
    """What the pulse menu, the feedback buttons and the save button call."""

    async def vote(self, interaction: discord.Interaction[Any], pid: str, values: list[str]) -> None: ...

    async def action(self, interaction: discord.Interaction[Any], action: str, pid: str, arg: str) -> None: ...


class HasCommunity(Protocol):
    community: Community


def _community(interaction: discord.Interaction[Any]) -> Community:
    return cast(HasCommunity, interaction.client).community


class PulseSelect(discord.ui.DynamicItem[discord.ui.Select[Any]], template=VOTE_ID):
    def __init__(self, pid: str) -> None:
        super().__init__(
            discord.ui.Select(
                custom_id=_id(PREFIX, "vote", pid),
                placeholder=QUESTION,
                options=[discord.SelectOption(label=a.label, value=str(int(a))) for a in Answer],
                min_values=1,
                max_values=1,
            )
        )
        self.pid = pid

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> PulseSelect:
        return cls(match["pid"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        data: dict[str, Any] = dict(interaction.data or {})
        await _community(interaction).vote(interaction, self.pid, [str(v) for v in data.get("values", [])])


class CommunityButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=ACTION_ID):
    def __init__(
        self, action: str, pid: str, label: str, arg: str = "", style: discord.ButtonStyle | None = None
    ) -> None:
        super().__init__(
            discord.ui.Button(
                label=label, style=style or discord.ButtonStyle.secondary, custom_id=_id(PREFIX, action, pid, arg)
            )
        )
        self.action, self.pid, self.arg = action, pid, arg

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> CommunityButton:
        label = getattr(item, "label", None) or match["action"]
        return cls(match["action"], match["pid"], label, match["arg"] or "")

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _community(interaction).action(interaction, self.action, self.pid, self.arg)


class FeedbackModal(discord.ui.Modal):
    """Asks for a short reason. Submissions are answered by the community cog's listener, keyed by
    custom_id, so a modal opened before a restart is still answered after it."""

    def __init__(self, kind: str, pid: str, query: str) -> None:
        super().__init__(title=FEEDBACK_TITLES[kind], custom_id=_id(MODAL_PREFIX, kind, pid, query), timeout=None)
        self.add_item(
            discord.ui.TextInput(
                label=FEEDBACK_PROMPTS[kind],
                style=discord.TextStyle.paragraph,
                max_length=REASON_MAX,
                custom_id="reason",
            )
        )


def summary_items(pid: str, query: str) -> list[discord.ui.Item[Any]]:
    """Under a job summary: the two feedback buttons and the pulse menu (on its own row)."""
    return [
        CommunityButton("wrong", pid, FEEDBACK_TITLES["wrong"], arg=query),
        CommunityButton("disagree", pid, FEEDBACK_TITLES["disagree"], arg=query),
        PulseSelect(pid),
    ]


def split_arg(tasks: Sequence[int]) -> str:
    return ".".join(str(t) for t in tasks)


def parse_split(arg: str) -> tuple[int, ...]:
    return tuple(int(t) for t in arg.split(".") if t.isdigit())


def save_split_view(pid: str, tasks: Sequence[int]) -> discord.ui.View | None:
    """Offered under a personalised re-score; None when the split does not fit a custom_id."""
    arg = split_arg(tasks)
    if not arg or len(f"{PREFIX}save:{pid}:{arg}") > CUSTOM_ID_MAX:
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(CommunityButton("save", pid, "Save as my job", arg=arg, style=discord.ButtonStyle.success))
    return view
