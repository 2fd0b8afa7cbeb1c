"""What start-up would otherwise rebuild from the knowledge files, stored once and keyed by their content.

Validating some 900 files and normalising some 85,000 titles is about a second of pure Python at
every start. Both results depend only on the knowledge files and on the code that reads them, so
they are pickled into a per-user cache directory under a digest of both and read back in tens of
milliseconds. A changed file or a changed reader gives a new digest, so a stale entry is never read;
an entry is written only after the knowledge it holds has passed validation in this process.

Set JOBBOT_CACHE_DIR to another directory, or to "off" to build everything at every start.
A cache that cannot be read or written is skipped, never an error: it only costs start-up time.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, TypeVar

CACHE_ENV = "JOBBOT_CACHE_DIR"
OFF = frozenset({"", "0", "off", "none", "false"})
FORMAT = 1  # raise when the layout of an entry changes in a way the code digest would not show
KEEP = 3  # digests kept in the directory: a few checkouts side by side do not evict each other
SKIPPED_DIRS = frozenset({"oews_local", "__pycache__"})  # per-area pay is read on demand, not at start
CODE_PACKAGES = ("sources", "understand")  # the readers whose output is cached

log = logging.getLogger(__name__)
T = TypeVar("T")


def cache_dir() -> Path | None:
    """JOBBOT_CACHE_DIR, else $XDG_CACHE_HOME/jobbot, else ~/.cache/jobbot; None when turned off."""
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        return None if value.strip().casefold() in OFF else Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jobbot"


def _files(root: Path) -> Iterator[Path]:
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
        for name in sorted(names):
            yield Path(folder) / name


def digest(root: Path) -> str:
    """Content of every knowledge file read at start and of the code that reads it, with the Python version."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"format {FORMAT} python {sys.version_info[0]}.{sys.version_info[1]}\0".encode())
    package = Path(__file__).resolve().parents[1]
    code = sorted(p for name in CODE_PACKAGES for p in (package / name).glob("*.py"))
    _hash_files(h, package, code)
    _hash_files(h, root, _files(root))
    return h.hexdigest()


def _hash_files(h: Any, base: Path, paths: Iterable[Path]) -> None:
    """Each file's path under `base`, length and content, so a renamed or changed file changes the digest."""
    for path in paths:
        data = path.read_bytes()
        h.update(f"{path.relative_to(base).as_posix()}\0{len(data)}\0".encode())
        h.update(data)


class CompiledCache:
    """Entries of one knowledge digest: `<digest>-<name>.pickle` files in the cache directory."""

    def __init__(self, directory: Path | None, key: str) -> None:
        self.directory = directory
        self.key = key

    @classmethod
    def for_root(cls, root: Path) -> CompiledCache:
        directory = cache_dir()
        return cls(directory, digest(root) if directory is not None else "")

    def _path(self, name: str) -> Path | None:
        return None if self.directory is None else self.directory / f"{self.key}-{name}.pickle"

    def read(self, name: str) -> Any | None:
        """The stored object, or None when absent or unreadable (a damaged entry is removed)."""
        path = self._path(name)
        if path is None or not path.is_file():
            return None
        enabled = gc.isenabled()
        gc.disable()  # unpickling makes ~10^5 containers: collections during it only cost time
        try:
            with path.open("rb") as handle:
                return pickle.load(handle)
        except Exception as exc:  # any damage (truncated, foreign, from older code) means "build it again"
            log.warning("compiled cache entry unreadable, rebuilding", extra={"event": "cache", "detail": str(exc)})
            with contextlib.suppress(OSError):  # a read-only cache (an image's) keeps its entry
                path.unlink(missing_ok=True)
            return None
        finally:
            if enabled:
                gc.enable()

    def write(self, name: str, value: object) -> None:
        """Atomic (a reader never sees half a file); failures are logged and ignored."""
        path = self._path(name)
        if path is None:
            return
        try:
            write_atomically(path, lambda handle: pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL))
            self._prune(path.parent)
        except OSError as exc:
            log.info("compiled cache not written", extra={"event": "cache", "detail": str(exc)})

    def _prune(self, directory: Path) -> None:
        """Keeps the KEEP most recently written digests, this one included."""
        by_key: dict[str, float] = {}
        for entry in directory.glob("*-*.pickle"):
            key = entry.name.split("-", 1)[0]
            by_key[key] = max(by_key.get(key, 0.0), entry.stat().st_mtime)
        stale = sorted((k for k in by_key if k != self.key), key=by_key.__getitem__, reverse=True)[KEEP - 1 :]
        for key in stale:
            for entry in directory.glob(f"{key}-*.pickle"):
                entry.unlink(missing_ok=True)


def write_atomically(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Writes a temporary file beside `path` and renames it there: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as handle:
        try:
            write(handle)
        except BaseException:
            Path(handle.name).unlink(missing_ok=True)
            raise
    os.chmod(handle.name, 0o644)  # public data: an image built as root is read by its service user
    os.replace(handle.name, path)


def fetch(compiled: CompiledCache | None, name: str, kind: type[T], build: Callable[[], T]) -> T:
    """The `name` entry when it holds a `kind`, else `build()`, stored there for the next start."""
    stored = compiled.read(name) if compiled is not None else None
    if isinstance(stored, kind):
        return stored
    built = build()
    if compiled is not None:
        compiled.write(name, built)
    return built


SHELF_ROOT = "shelves"


class Shelf:
    """Files drawn from the knowledge by code outside the readers (e.g. share cards), kept on disk under a
    digest of the knowledge and of that code: `<cache>/shelves/<name>-<digest>/<item>`. Memory stays for
    what is hot; a restart, or another process on the same machine, reads what was already made."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory

    @classmethod
    def beside(cls, compiled: CompiledCache | None, name: str, base: Path, code: Iterable[Path]) -> Shelf:
        """The shelf of `name` for this knowledge (the compiled cache's digest) and the files in `code`, which
        lie under `base`."""
        if compiled is None or compiled.directory is None:
            return cls(None)
        h = hashlib.blake2b(compiled.key.encode(), digest_size=16)
        _hash_files(h, base, sorted(code))
        shelf = cls(compiled.directory / SHELF_ROOT / f"{name}-{h.hexdigest()}")
        shelf._prune(name)
        return shelf

    def _prune(self, name: str) -> None:
        """Keeps the KEEP most recently made shelves of `name`, this one included."""
        assert self.directory is not None
        try:
            others = [d for d in self.directory.parent.glob(f"{name}-*") if d != self.directory and d.is_dir()]
            others.sort(key=lambda d: d.stat().st_mtime, reverse=True)
            for old in others[KEEP - 1 :]:
                for item in old.iterdir():
                    item.unlink(missing_ok=True)
                old.rmdir()
        except OSError:
            pass  # another process pruning at the same time, or a read-only cache

    def _path(self, item: str) -> Path | None:
        if self.directory is None or not item or "/" in item or item.startswith("."):
            return None
        return self.directory / item

    def __contains__(self, item: str) -> bool:
        path = self._path(item)
        return path is not None and path.is_file()

    def get(self, item: str) -> bytes | None:
        path = self._path(item)
        if path is None:
            return None
        try:
            return path.read_bytes()
        except OSError:
            return None

    def put(self, item: str, data: bytes) -> None:
        """Atomic; a shelf that cannot be written (a read-only image) is skipped."""
        path = self._path(item)
        if path is None:
            return
        try:
            write_atomically(path, lambda handle: handle.write(data))
        except OSError as exc:
            log.info("shelf item not written", extra={"event": "cache", "detail": str(exc)})
