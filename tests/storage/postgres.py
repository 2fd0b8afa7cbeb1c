"""A throwaway PostgreSQL cluster on 127.0.0.1 for the tests: initdb + pg_ctl into a directory.

`python -m tests.storage.postgres start DIR` prints shell `export` lines (the URL and the data
directory) and `stop DIR` stops it; CI uses both. Run as root, the server runs as `postgres`.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

URL_VAR = "JOBBOT_TEST_POSTGRES_URL"
DATA_VAR = "JOBBOT_TEST_POSTGRES_DATA"
REQUIRED_VAR = "JOBBOT_TEST_POSTGRES_REQUIRED"  # set by CI: no PostgreSQL is a failure, not a skip


def bin_dir() -> Path | None:
    """Debian's server binaries (/usr/lib/postgresql/N/bin), else whatever pg_ctl is on PATH."""
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    if versions:
        return Path(versions[-1]).parent
    found = shutil.which("pg_ctl")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    def __init__(self, root: Path, port: int | None = None) -> None:
        self.root = root
        self.data = root / "data"
        saved = root / "port"
        self.port = port or (int(saved.read_text()) if saved.exists() else _free_port())
        bins = bin_dir()
        if bins is None:
            raise RuntimeError("PostgreSQL is not installed (no pg_ctl); on Debian: apt-get install postgresql")
        self.bin = bins

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/postgres"

    def url_for(self, database: str) -> str:
        return self.url.rsplit("/", 1)[0] + f"/{database}"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin / args[0]), *args[1:]]
        if os.geteuid() == 0:  # initdb and postgres refuse to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=120)
        if check and done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed: {done.stdout}{done.stderr}")
        return done

    def init(self, fsync: bool = True) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:  # the server runs as postgres: it must reach and own its directory
            entry = pwd.getpwnam("postgres")
            temp = Path(tempfile.gettempdir())
            for parent in [self.root, *self.root.parents]:
                if parent == temp or temp not in parent.parents:
                    break
                if parent.stat().st_uid == 0 and parent.stat().st_mode & 0o001 == 0:
                    parent.chmod(parent.stat().st_mode | 0o011)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        (self.root / "port").write_text(str(self.port))
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        settings = [
            "listen_addresses = '127.0.0.1'",
            f"port = {self.port}",
            f"unix_socket_directories = '{self.root}'",
            "max_connections = 200",
            f"fsync = {'on' if fsync else 'off'}",
        ]
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write("\n".join(settings) + "\n")

    def running(self) -> bool:
        return self._run("pg_ctl", "-D", str(self.data), "status", check=False).returncode == 0

    def start(self) -> None:
        if self.running():
            return
        done = self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-w", "-t", "60", "start", check=False
        )
        if done.returncode != 0:
            log = (self.root / "log").read_text() if (self.root / "log").exists() else ""
            raise RuntimeError(f"PostgreSQL did not start: {done.stdout}{done.stderr}{log[-2000:]}")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def create_database(self, name: str) -> str:
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        return self.url_for(name)

    def drop_database(self, name: str) -> None:
        self._run("dropdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "--force", name, check=False)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in {"start", "stop"}:
        sys.stderr.write("usage: python -m tests.storage.postgres start|stop DIR\n")
        return 2
    root = Path(argv[1]).resolve()
    if argv[0] == "stop":
        Cluster(root).stop()
        return 0
    cluster = Cluster(root)
    cluster.init()
    cluster.start()
    print(f"export {URL_VAR}={cluster.url}")
    print(f"export {DATA_VAR}={root}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
