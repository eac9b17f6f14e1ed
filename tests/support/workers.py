"""Real `monitor run` worker processes for tests: started, signalled, killed, read.

    workers = WorkerPool(tmp_path, database_url, feeds_dir, scheduler={"stop_grace_s": 5})
    a = workers.start("a")             # `python -m monitor run` with MONITOR_* settings
    a.wait_started()                   # its log says "service started"
    a.kill()                           # SIGKILL; a.terminate() sends SIGTERM
    assert a.wait() == 0

Each worker logs JSON lines to a file of its own; `lines()` reads them back.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.conftest import REPO


def feed_file(
    feeds_dir: Path, name: str, url: str, *, interval: str = "60s", kind: str = "rss", **extra: Any
) -> Path:
    """One feed definition, allowed to reach 127.0.0.1 (allow_private)."""
    lines = [
        f'name = "{name}"',
        f'url = "{url}"',
        f'kind = "{kind}"',
        f'interval = "{interval}"',
        "allow_private = true",
    ]
    for key, value in extra.items():
        lines.append(f"{key} = {json.dumps(value)}")
    path = feeds_dir / f"{name}.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def settings_env(values: Mapping[str, Any], prefix: str = "MONITOR_") -> dict[str, str]:
    """MONITOR_* variables for settings; nested tables become KEY__SUBKEY."""
    env: dict[str, str] = {}
    for key, value in values.items():
        if isinstance(value, Mapping):
            env.update(settings_env(value, f"{prefix}{key.upper()}__"))
        elif isinstance(value, bool):
            env[f"{prefix}{key.upper()}"] = "true" if value else "false"
        elif isinstance(value, list | tuple):
            env[f"{prefix}{key.upper()}"] = ",".join(str(v) for v in value)
        else:
            env[f"{prefix}{key.upper()}"] = str(value)
    return env


@dataclass
class Worker:
    name: str
    proc: subprocess.Popen[bytes]
    log: Path
    started_at: float = field(default_factory=time.monotonic)

    @property
    def pid(self) -> int:
        return self.proc.pid

    @property
    def owner(self) -> str:
        """The name its leases carry (host:pid)."""
        import socket

        return f"{socket.gethostname()}:{self.pid}"

    def text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def lines(self) -> list[dict[str, Any]]:
        out = []
        for line in self.text().splitlines():
            if line.startswith("{"):
                try:
                    out.append(json.loads(line))
                except ValueError:
                    continue
        return out

    def wait_started(self, timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if "service started" in self.text():
                return
            if self.proc.poll() is not None:
                raise AssertionError(
                    f"worker {self.name} exited {self.proc.returncode}:\n{self.text()[-3000:]}"
                )
            time.sleep(0.05)
        raise AssertionError(f"worker {self.name} did not start:\n{self.text()[-3000:]}")

    def terminate(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def wait(self, timeout_s: float = 60) -> int:
        return self.proc.wait(timeout=timeout_s)


class WorkerPool:
    """Workers sharing one database and one feeds folder; all are killed at the end."""

    def __init__(self, tmp_path: Path, database_url: str, feeds_dir: Path, **settings: Any) -> None:
        self.tmp_path = tmp_path
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("MONITOR_") or k == "MONITOR_SHARED_DIR"
        }
        self.env.update(
            settings_env(
                {
                    "database_url": database_url,
                    "feeds_dir": str(feeds_dir),
                    "web_enabled": False,
                    "log_json": True,
                    **settings,
                }
            )
        )
        self.env["PYTHONPATH"] = str(REPO)
        self.workers: list[Worker] = []

    def start(self, name: str, **settings: Any) -> Worker:
        env = {**self.env, **settings_env(settings)}
        log = self.tmp_path / f"worker-{name}.log"
        fh = log.open("wb")
        proc = subprocess.Popen(
            [sys.executable, "-m", "monitor", "run"],
            cwd=self.tmp_path,
            env=env,
            stdout=fh,
            stderr=subprocess.STDOUT,
        )
        fh.close()
        worker = Worker(name, proc, log)
        self.workers.append(worker)
        return worker

    def close(self) -> None:
        for w in self.workers:
            w.kill()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
