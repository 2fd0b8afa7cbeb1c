"""What every answer builder shares: the knowledge, the matcher, summaries, facts and the renderer."""

from __future__ import annotations

from typing import Any

from bot.answer.summary import Summaries
from bot.facts import Facts
from bot.facts.local import LocalFacts
from bot.present.render import Renderer
from bot.present.reply import Reply, ReplyKind, ReplyMeta
from bot.sources.load import Knowledge
from bot.sources.local import LocalFiles
from bot.understand.faq import FaqIndex
from bot.understand.matcher import TitleMatcher
from bot.understand.places import PlaceFinder

CANDIDATES = 8  # matcher candidates an answer looks at; one limit, so the match cache serves them all
NO_META = ReplyMeta()
EXAMPLES = ("will AI replace paralegals?", "rn", "dentist vs dental hygienist", "career moves for cashiers")


class Parts:
    """Built once per knowledge load and handed to every builder, so none of them builds its own."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.matcher = TitleMatcher.for_knowledge(knowledge)
        self.faqs = FaqIndex(knowledge.faq)
        self.facts = Facts(knowledge.wages, knowledge.projections)
        self.summaries = Summaries(knowledge, self.facts)
        self.renderer = Renderer()
        self.local = LocalFacts(LocalFiles(knowledge.root))
        self._places: PlaceFinder | None = None

    @property
    def places(self) -> PlaceFinder:
        """Built the first time someone names a place, so start-up never reads the area index."""
        if self._places is None:
            self._places = PlaceFinder(self.local.areas())
        return self._places

    def render(self, kind: ReplyKind, meta: ReplyMeta = NO_META, **context: Any) -> Reply:
        """Renders a template with what every footer and hint cites: methodology version, pay release, examples."""
        return self.renderer.render(
            kind,
            meta,
            version=self.knowledge.methodology_version,
            release=self.facts.pay_release,
            examples=EXAMPLES,
            **context,
        )
