"""The compiled cache: read back only for the same files and code, and never a reason to fail."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.answer import cards
from bot.answer.engine import Engine
from bot.present.reply import ReplyKind
from bot.sources import compiled
from bot.sources.compiled import CompiledCache, Shelf, digest
from bot.sources.load import Knowledge, compiled_knowledge, default_root, load_knowledge
from bot.understand.matcher import TitleMatcher

TITLES = ("registered nurse", "ml eng", "truck drivr", "LABORER, LANDSCAPE", "software architect", "xq zzv")
PREFIXES = ("", "s", "nur", "softw", "regsitered")


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real knowledge without the per-area pay files, which start-up never reads."""
    root = tmp_path_factory.mktemp("knowledge") / "knowledge"
    shutil.copytree(default_root(), root, ignore=shutil.ignore_patterns("oews_local"))
    return root


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(compiled.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def _answers(matcher: TitleMatcher) -> list[object]:
    found: list[object] = []
    for title in TITLES:
        result = matcher.match(title)
        found.append((result.verdict, [(c.target.key, round(c.score, 6), c.via, c.exact) for c in result.candidates]))
    found += [matcher.suggest(prefix) for prefix in PREFIXES]
    return found


def test_a_second_start_reads_what_the_first_built(copy: Path, cache: Path) -> None:
    first = compiled_knowledge(copy)
    built = TitleMatcher.for_knowledge(first)
    expected = _answers(built)
    names = sorted(p.name.split("-", 1)[1] for p in cache.iterdir())
    assert names == ["autocomplete.pickle", "knowledge.pickle", "matcher.pickle"]

    second = compiled_knowledge(copy)
    assert second.profiles == first.profiles and second.wages == first.wages and second.titles == first.titles
    assert second.root == copy and second.compiled is not None
    read = TitleMatcher.for_knowledge(second)
    assert read is not built
    assert _answers(read) == expected
    # and the same as building without any cache
    assert _answers(TitleMatcher(load_knowledge(copy))) == expected


def test_autocomplete_is_rebuilt_when_only_its_entry_is_missing(copy: Path, cache: Path) -> None:
    """The matcher's entry does not carry the names autocomplete is built from: they are made again."""
    built = TitleMatcher.for_knowledge(compiled_knowledge(copy))
    expected = [built.suggest(prefix) for prefix in PREFIXES]
    [entry] = cache.glob("*-autocomplete.pickle")
    entry.unlink()
    read = TitleMatcher.for_knowledge(compiled_knowledge(copy))
    assert [read.suggest(prefix) for prefix in PREFIXES] == expected
    assert list(cache.glob("*-autocomplete.pickle"))  # and stored again


def test_the_key_follows_the_files_read_at_start_only(copy: Path, tmp_path: Path) -> None:
    root = tmp_path / "k"
    shutil.copytree(copy, root)
    before = digest(root)
    (root / "oews_local").mkdir()
    (root / "oews_local" / "06.json").write_text("{}", encoding="utf-8")
    assert digest(root) == before  # per-area pay is read on demand
    profile = next((root / "profiles").glob("*.yaml"))
    profile.write_text(profile.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert digest(root) != before


def test_a_changed_file_is_validated_again(copy: Path, cache: Path, tmp_path: Path) -> None:
    root = tmp_path / "k"
    shutil.copytree(copy, root)
    compiled_knowledge(root)
    faq = root / "faq.yaml"
    faq.write_text(faq.read_text(encoding="utf-8") + "\nunexpected: true\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"faq\.yaml"):
        compiled_knowledge(root)


def test_a_damaged_entry_is_rebuilt_not_an_error(copy: Path, cache: Path) -> None:
    compiled_knowledge(copy)
    entry = next(cache.glob("*-knowledge.pickle"))
    entry.write_bytes(b"\x80\x05not a pickle")
    again = compiled_knowledge(copy)
    assert len(again.profiles) == len(load_knowledge(copy).profiles)
    assert entry.stat().st_size > 1000  # written again


def test_off_writes_nothing_and_an_unwritable_directory_is_skipped(
    copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(compiled.CACHE_ENV, "off")
    knowledge = compiled_knowledge(copy)
    assert knowledge.compiled is not None and knowledge.compiled.directory is None
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv(compiled.CACHE_ENV, str(blocker / "cache"))
    reply = Engine(compiled_knowledge(copy)).answer("will AI replace cashiers?")
    assert "Cashier" in reply.content + "".join(c.title for c in reply.cards)


def test_only_the_newest_digests_are_kept(tmp_path: Path) -> None:
    for n in range(compiled.KEEP + 2):
        CompiledCache(tmp_path, f"{n:032x}").write("knowledge", n)
    keys = {p.name.split("-", 1)[0] for p in tmp_path.iterdir()}
    assert len(keys) == compiled.KEEP
    assert f"{compiled.KEEP + 1:032x}" in keys
    assert not list(tmp_path.glob(".tmp-*"))


def test_knowledge_made_in_memory_has_no_cache(knowledge: Knowledge) -> None:
    assert knowledge.compiled is None


def test_a_shelf_keeps_items_under_the_knowledge_and_code_digest(tmp_path: Path) -> None:
    code = tmp_path / "layout.py"
    code.write_text("DRAW = 1\n")
    cache = CompiledCache(tmp_path / "cache", "k1")
    shelf = Shelf.beside(cache, "cards", tmp_path, [code])
    assert shelf.get("nurse.png") is None and "nurse.png" not in shelf
    shelf.put("nurse.png", b"\x89PNG one")
    assert "nurse.png" in shelf
    assert Shelf.beside(cache, "cards", tmp_path, [code]).get("nurse.png") == b"\x89PNG one"  # the next start reads it
    assert shelf.directory is not None and not list(shelf.directory.glob(".tmp-*"))  # written atomically

    code.write_text("DRAW = 2\n")  # the drawing code changed: a new shelf, the old picture is never read
    assert Shelf.beside(cache, "cards", tmp_path, [code]).get("nurse.png") is None
    assert Shelf.beside(CompiledCache(tmp_path / "cache", "k2"), "cards", tmp_path, [code]).get("nurse.png") is None

    for bad in ("", "../escape.png", "a/b.png", ".hidden"):
        shelf.put(bad, b"x")
        assert shelf.get(bad) is None and bad not in shelf
    assert not (tmp_path / "cache" / "shelves" / "escape.png").exists()
    off = Shelf.beside(None, "cards", tmp_path, [code])
    off.put("nurse.png", b"x")
    assert off.directory is None and off.get("nurse.png") is None


def test_old_shelves_are_pruned(tmp_path: Path) -> None:
    cache = CompiledCache(tmp_path / "cache", "k")
    for n in range(compiled.KEEP + 2):
        code = tmp_path / f"v{n}.py"
        code.write_text(f"V = {n}\n")
        Shelf.beside(cache, "cards", tmp_path, [code]).put("a.png", b"x")
    assert len(list((tmp_path / "cache" / "shelves").glob("cards-*"))) == compiled.KEEP


def test_job_cards_are_drawn_once_per_machine(copy: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A job card drawn by one engine is on the shelf for the next start; a comparison stays in memory."""
    first = Engine(compiled_knowledge(copy))
    job, pair = first.job("paralegal"), first.compare("paralegal", "registered nurse")
    job_card, pair_card = first.card(job), first.card(pair)
    assert job_card is not None and job_card.ready is None and pair_card is not None
    drawn = job_card.draw()
    assert drawn is not None and pair_card.draw() is not None
    [shelf] = (cache / "shelves").glob("cards-*")
    assert sorted(p.name for p in shelf.iterdir()) == ["paralegal.png"]

    second = Engine(compiled_knowledge(copy))

    def no_drawing(*args: object) -> None:
        raise AssertionError("drew a card the shelf holds")

    monkeypatch.setattr(cards.Cards, "_draw", no_drawing)
    again = second.card(job)
    assert again is not None and again.ready == drawn  # read from the shelf, without drawing
    assert again.draw() == drawn
    other = second.card(pair)
    assert other is not None and other.ready is None
    with pytest.raises(AssertionError):
        other.draw()
    assert second.card(second.page(ReplyKind.ABOUT)) is None  # no card for a reply without a job
