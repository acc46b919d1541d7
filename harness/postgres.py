"""A throwaway PostgreSQL server in a temporary folder (initdb + pg_ctl from the distribution's
`postgresql` package), for the store tests, the multi-instance test and the benchmarks.

Root may not run a PostgreSQL server: as root, the cluster belongs to the `postgres` user the
package creates, and the server runs as that user.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

SKIP_VARIABLE = "BACKCARE_SKIP_POSTGRES"
"""Set to 1 to skip the PostgreSQL tests on purpose; without it, a missing server fails them."""
USER = "backcare"


class PostgresMissing(Exception):
    """No initdb/pg_ctl: install the `postgresql` package (Debian: apt-get install postgresql)."""


def binaries() -> Path:
    """The folder with initdb and pg_ctl: the newest /usr/lib/postgresql/N/bin, else PATH."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda path: int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0,
    )
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).resolve().parent
    raise PostgresMissing(
        "initdb was not found (neither /usr/lib/postgresql/*/bin nor PATH): install the "
        f"postgresql package, or set {SKIP_VARIABLE}=1 to skip the PostgreSQL tests"
    )


class PostgresServer:
    def __init__(self, durable: bool = False):
        """`durable=False` turns fsync off: faster, and nothing here must survive a power cut."""
        self._durable = durable
        self._bin = binaries()
        self._folder = Path(tempfile.mkdtemp(prefix="backcare-pg-"))
        self._owner = _unprivileged_owner()
        self.port = _free_port()

    @property
    def data(self) -> Path:
        return self._folder / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def start(self) -> PostgresServer:
        if self._owner is not None:
            os.chown(self._folder, self._owner, -1)
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            USER,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        )
        settings = [
            f"-p {self.port}",
            "-c listen_addresses=127.0.0.1",
            f"-c unix_socket_directories={self._folder}",
            "-c max_connections=200",
        ]
        if not self._durable:
            settings += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self._folder / "server.log"),
            "-w",
            "-t",
            "60",
            "-o",
            " ".join(settings),
            "start",
        )
        return self

    def create_database(self, name: str, template: str | None = None) -> str:
        """A new database (a copy of `template` if given); returns its URL."""
        extra = ["-T", template] if template else []
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", USER, *extra, name)
        return self.url(name)

    def log(self) -> str:
        path = self._folder / "server.log"
        return path.read_text() if path.exists() else ""

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self._folder, ignore_errors=True)

    def _run(self, program: str, *args: str, check: bool = True) -> None:
        result = subprocess.run(
            [str(self._bin / program), *args],
            user=self._owner,
            cwd=self._folder,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if check and result.returncode != 0:
            raise RuntimeError(
                f"{program} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
                f"{self.log()}"
            )


def _unprivileged_owner() -> int | None:
    """As root, the uid of `postgres` (the server refuses to run as root); otherwise None."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres").pw_uid
    except KeyError as error:
        raise PostgresMissing(
            "running as root and there is no postgres user to run the server as "
            "(the postgresql package creates it)"
        ) from error


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_accepting(server: PostgresServer, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", server.port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"PostgreSQL did not accept connections:\n{server.log()}")
