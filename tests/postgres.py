"""A real PostgreSQL 15 server for the tests, in a temporary directory, started and stopped by us.

PostgreSQL refuses to run as root (CI runs as root), so as root the server runs as
the `postgres` user via runuser; otherwise as the current user.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

BIN = Path(os.environ.get("KUZET_PG_BIN", "/usr/lib/postgresql/15/bin"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    def __init__(self, *, durable: bool = False) -> None:
        if not (BIN / "initdb").exists():
            raise RuntimeError(f"PostgreSQL is not installed at {BIN} (scripts/test.sh installs it)")
        self.dir = Path(tempfile.mkdtemp(prefix="kuzet-pg-"))
        self.port = _free_port()
        self.root = os.geteuid() == 0
        if self.root:
            shutil.chown(self.dir, "postgres")
        self._run("initdb", "-D", str(self.dir / "data"), "-U", "kuzet", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        # Tests trade durability for speed; benchmarks measure the server as a team would run it.
        fast = "" if durable else " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.dir / "data"), "-w", "-l", str(self.dir / "log"), "-o",
                  f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1{fast}", "start")
        self._count = 0

    def _run(self, tool: str, *args: str) -> None:
        cmd = [str(BIN / tool), *args]
        if self.root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True)

    def new_database(self) -> str:
        """A fresh empty database on this server; its SQLAlchemy URL."""
        self._count += 1
        name = f"kuzet_test_{self._count}"
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "kuzet", name)
        return f"postgresql+psycopg://kuzet@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.dir / "data"), "-m", "fast", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
