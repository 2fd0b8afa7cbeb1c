"""The FAQ finder answers its own questions and leaves off-topic ones alone, even when they share a word."""

from __future__ import annotations

import pytest

from bot.sources.load import Knowledge
from bot.understand.faq import FaqIndex


@pytest.fixture(scope="module")
def faqs(knowledge: Knowledge) -> FaqIndex:
    return FaqIndex(knowledge.faq)


def test_every_question_and_phrasing_finds_its_entry(faqs: FaqIndex) -> None:
    for entry in faqs.entries:
        for text in (entry.question, *entry.phrasings):
            hit = faqs.find(text)
            assert hit is not None and hit.entry.id == entry.id, text


@pytest.mark.parametrize("question", ["2028 olympics venue", "percentage of pie eaten"])
def test_a_shared_word_alone_is_not_a_match(faqs: FaqIndex, question: str) -> None:
    """These share one word with an FAQ phrasing and score 45-61: below the bar (62), so no entry is forced."""
    assert faqs.find(question) is None


def test_a_question_without_content_words_finds_nothing(faqs: FaqIndex) -> None:
    assert faqs.find("what is it") is None
