"""A dev server the chaos suite can kill and bring back where it was: a
SQLite file for its state (`--db-filename`) and the same ports each time."""

import asyncio
import os
import shutil
import signal
import subprocess
import tempfile
import time

from temporalio.api.workflowservice.v1 import DescribeNamespaceRequest
from temporalio.client import Client

from . import procstat
from .devserver import POLL_COMPLETE_ON_SHUTDOWN, free_port


class RestartableServer:
    def __init__(self) -> None:
        self.port = free_port()
        self.ui_port = free_port()
        while self.ui_port == self.port:
            self.ui_port = free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.directory = tempfile.mkdtemp(prefix="chaos-server-")
        self.database = os.path.join(self.directory, "temporal.db")
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> None:
        self.starts += 1
        log = open(os.path.join(self.directory, f"server-{self.starts}.log"), "w")
        # Its own session, so a kill takes whatever it spawned with it.
        self.process = subprocess.Popen(
            ["temporal", "server", "start-dev", "--headless", "--ip", "127.0.0.1",
             "--port", str(self.port), "--ui-port", str(self.ui_port), "--log-level", "error",
             "--db-filename", self.database, *POLL_COMPLETE_ON_SHUTDOWN],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=procstat.die_with_parent)
        log.close()

    async def ready(self, timeout: float = 60) -> tuple[Client, float]:
        """Waits until the default namespace answers; returns a fresh client
        and the wall-clock time it first answered."""
        deadline = time.monotonic() + timeout
        while True:
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError(f"the dev server exited during start-up; see {self.directory}")
            try:
                client = await Client.connect(self.address, namespace="default")
                await client.workflow_service.describe_namespace(DescribeNamespaceRequest(namespace="default"))
                return client, time.time()
            except Exception:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"no answer from the dev server at {self.address} after {timeout:.0f} s")
                await asyncio.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL, the way a crashed or OOM-killed server goes."""
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                self.kill()
        shutil.rmtree(self.directory, ignore_errors=True)
