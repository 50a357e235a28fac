"""An in-memory Temporal dev server of our own, on free loopback ports."""

import asyncio
import os
import signal
import socket
import subprocess
import tempfile
import time

from temporalio.api.workflowservice.v1 import DescribeNamespaceRequest
from temporalio.client import Client

from . import procstat


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Lets ShutdownWorker end a worker's open polls empty (namespace capability
# worker_poll_complete_on_shutdown). Without it a worker must cancel its open
# polls to drain quickly, and a task the server matched to a poll just as it
# was cancelled waits out its start-to-close timeout.
POLL_COMPLETE_ON_SHUTDOWN = ["--dynamic-config-value", "frontend.enableCancelWorkerPollsOnShutdown=true"]


class DevServer:
    def __init__(self) -> None:
        self.port = free_port()
        ui_port = free_port()
        while ui_port == self.port:
            ui_port = free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile(prefix="bench-server-", suffix=".log", delete=False)
        # Its own session, so stopping it ends whatever it spawned and a
        # Ctrl-C at the terminal reaches the driver, which stops it in order.
        self.process = subprocess.Popen(
            ["temporal", "server", "start-dev", "--headless", "--ip", "127.0.0.1",
             "--port", str(self.port), "--ui-port", str(ui_port), "--log-level", "error",
             *POLL_COMPLETE_ON_SHUTDOWN],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=procstat.die_with_parent,
        )

    async def ready(self, timeout: float = 60) -> Client:
        """Waits until the default namespace answers; returns a client."""
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"the dev server exited during start-up; see {self.log.name}")
            try:
                client = await Client.connect(self.address, namespace="default")
                await client.workflow_service.describe_namespace(DescribeNamespaceRequest(namespace="default"))
                return client
            except Exception:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"no answer from the dev server at {self.address} after {timeout:.0f} s")
                await asyncio.sleep(0.2)

    def cpu_seconds(self) -> float:
        return procstat.cpu_seconds(self.process.pid)

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()
        os.unlink(self.log.name)
