"""The workers under test, each a separate process: gaffer-bench-worker and
bench/py_activity_worker.py, which share one contract (see bench/README.md)."""

import asyncio
import fcntl
import os
import pty
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time

from temporalio.api.enums.v1 import TaskQueueType
from temporalio.api.taskqueue.v1 import TaskQueue
from temporalio.api.workflowservice.v1 import DescribeTaskQueueRequest
from temporalio.client import Client

from . import procstat

BENCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(BENCH)
SWIFT_WORKER = os.environ.get(
    "GAFFER_BENCH_WORKER", os.path.join(ROOT, ".build-release", "release", "gaffer-bench-worker"))
PYTHON_WORKER = os.path.join(BENCH, "py_activity_worker.py")


class WorkerProcess:
    """One worker process. `kind` is "swift" or "python"; `settings` are
    the contract's variables (ACTIVITY_POLLERS, MAX_CONCURRENT_ACTIVITIES…)."""

    def __init__(self, kind: str, address: str, task_queue: str, settings: dict[str, str] | None = None,
                 console: bool = False) -> None:
        self.kind = kind
        self.exit_time: float | None = None
        self.log = tempfile.NamedTemporaryFile(prefix=f"bench-{kind}-", suffix=".log", delete=False)
        env = dict(os.environ)
        # A setting left in the driver's environment would reach whichever
        # worker the run doesn't set it for: each run says what it wants.
        for name in ("ACTIVITY_POLLERS", "MAX_CONCURRENT_ACTIVITIES", "GAFFER_CONSOLE", "TEMPORAL_TASK_QUEUE",
                     "MAX_CACHED_WORKFLOWS", "MAX_CONCURRENT_WORKFLOW_TASKS", "WORKFLOW_POLLERS",
                     "PY_WORKFLOW_RUNNER", "PY_EAGER_ACTIVITIES", "GAFFER_HTTP_PORT"):
            env.pop(name, None)
        env.update({"TEMPORAL_ADDRESS": address, "TASK_QUEUE": task_queue})
        env.update(settings or {})
        if kind == "swift":
            command = [SWIFT_WORKER]
            env["GAFFER_CONSOLE"] = "on" if console else "off"
        elif kind == "python":
            command = [sys.executable, PYTHON_WORKER]
        else:
            raise ValueError(f"worker kind {kind!r} is not one of swift, python")
        self._terminal = None
        stdout = self.log
        stdin = subprocess.DEVNULL
        if console:
            # The console renders into a pseudo-terminal whose output is
            # read and thrown away, as a terminal emulator would consume it.
            master, slave = pty.openpty()
            fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
            env["TERM"] = "xterm-256color"
            stdin = stdout = slave
            self._terminal = master
            threading.Thread(target=self._drain_terminal, daemon=True).start()
        self.process = subprocess.Popen(command, env=env, stdin=stdin, stdout=stdout, stderr=self.log,
                                         start_new_session=True, preexec_fn=procstat.die_with_parent)
        if console:
            os.close(slave)
        self._exited = threading.Event()
        threading.Thread(target=self._watch_exit, daemon=True).start()

    @property
    def pid(self) -> int:
        return self.process.pid

    def _drain_terminal(self) -> None:
        while True:
            try:
                if not os.read(self._terminal, 65536):
                    return
            except OSError:
                return

    def _watch_exit(self) -> None:
        self.process.wait()
        self.exit_time = time.time()
        self._exited.set()

    async def polling(self, client: Client, task_queue: str, timeout: float = 60,
                      task_queue_types: tuple = (TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,)) -> float:
        """Waits until the server lists this process among the queue's
        pollers of each of `task_queue_types` (activity pollers unless told);
        returns the seconds that took."""
        began = time.monotonic()
        requests = [DescribeTaskQueueRequest(namespace="default", task_queue=TaskQueue(name=task_queue),
                                             task_queue_type=kind) for kind in task_queue_types]
        prefix = f"{self.pid}@"
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"the {self.kind} worker exited with {self.process.returncode}: {self.log_tail()}")
            responses = [await client.workflow_service.describe_task_queue(request) for request in requests]
            if all(any(poller.identity.startswith(prefix) for poller in response.pollers) for response in responses):
                return time.monotonic() - began
            if time.monotonic() - began > timeout:
                raise RuntimeError(f"the {self.kind} worker did not poll within {timeout:.0f} s: {self.log_tail()}")
            await asyncio.sleep(0.05)

    def cpu_seconds(self) -> float:
        return procstat.cpu_seconds(self.pid)

    def peak_rss_mib(self) -> float:
        return procstat.peak_rss_mib(self.pid)

    def rss_mib(self) -> float:
        return procstat.rss_mib(self.pid)

    def terminate(self) -> None:
        """Starts a graceful shutdown (SIGTERM)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)

    async def exited(self, timeout: float = 60) -> int:
        """Waits for the process to end; returns its exit status."""
        if not await asyncio.to_thread(self._exited.wait, timeout):
            self.kill()
            raise RuntimeError(f"the {self.kind} worker did not exit within {timeout:.0f} s of SIGTERM")
        return self.process.returncode

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.pid, signal.SIGKILL)
            self.process.wait()

    def send_keys(self, keys: str) -> None:
        """Types into the console, as an operator at the terminal would."""
        if self._terminal is None:
            raise RuntimeError(f"the {self.kind} worker has no terminal to type into")
        os.write(self._terminal, keys.encode())

    def log_text(self) -> str:
        self.log.flush()
        with open(self.log.name, errors="replace") as handle:
            return handle.read()

    def log_tail(self, lines: int = 10) -> str:
        self.log.flush()
        with open(self.log.name, errors="replace") as handle:
            return "".join(handle.readlines()[-lines:]).strip()

    def close(self) -> None:
        self.kill()
        if self._terminal is not None:
            os.close(self._terminal)
            self._terminal = None
        self.log.close()
        os.unlink(self.log.name)
