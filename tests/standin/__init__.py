"""A local Discord stand-in (gateway + REST on 127.0.0.1) for end-to-end tests of the bot."""

from .harness import point_discord_at, run_client, running_standin
from .rest import Fault, RecordedFile, RecordedRequest
from .server import DiscordStandIn
from .world import ChannelSpec, GuildSpec, InteractionRecord

__all__ = [
    "ChannelSpec",
    "DiscordStandIn",
    "Fault",
    "GuildSpec",
    "InteractionRecord",
    "RecordedFile",
    "RecordedRequest",
    "point_discord_at",
    "run_client",
    "running_standin",
]
