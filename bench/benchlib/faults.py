"""The chaos suite's scenarios: load from the official Python SDK, one
fault, and the outcome read back from workflow histories."""

import asyncio
import os
import random
import re
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

from temporalio.api.enums.v1 import EventType, PendingActivityState
from temporalio.client import Client, WorkflowHandle
from temporalio.worker import Worker

from bench_workflows import FanOut, FanOutInput
from .faultserver import RestartableServer
from .runs import ACTIVITY_QUEUE, FAN_OUT, WORKFLOW_QUEUE
from .workers import WorkerProcess


@dataclass
class Outcome:
    """What the histories say about one scenario's activities."""
    activities: int
    completed: int = 0
    # Attempts beyond the first, summed: work the server had to hand out again.
    reruns: int = 0
    # Why the earlier attempts ended (the last failure each retried activity saw).
    rerun_causes: Counter = field(default_factory=Counter)
    completion_times: list[float] = field(default_factory=list)
    retry_start_times: list[float] = field(default_factory=list)

    @property
    def lost(self) -> int:
        return self.activities - self.completed


async def read_outcome(client: Client, workflow_ids: list[str], activities: int) -> Outcome:
    outcome = Outcome(activities)
    for workflow_id in workflow_ids:
        async for event in client.get_workflow_handle(workflow_id).fetch_history_events():
            if event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
                started = event.activity_task_started_event_attributes
                outcome.reruns += started.attempt - 1
                if started.attempt > 1:
                    failure = started.last_failure
                    cause = failure.application_failure_info.type or failure.message or "unknown"
                    if failure.HasField("timeout_failure_info"):
                        cause = f"timeout ({failure.message})"
                    outcome.rerun_causes[cause] += 1
                    outcome.retry_start_times.append(event.event_time.ToMicroseconds() / 1e6)
            elif event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED:
                outcome.completed += 1
                outcome.completion_times.append(event.event_time.ToMicroseconds() / 1e6)
    return outcome


class ChaosEnvironment:
    """A restartable server with the driver's own workflow worker."""

    async def __aenter__(self) -> "ChaosEnvironment":
        self.server = RestartableServer()
        try:
            self.server.start()
            self.client, _ = await self.server.ready()
            self.workflow_worker = Worker(self.client, task_queue=WORKFLOW_QUEUE, workflows=[FanOut])
            await self.workflow_worker.__aenter__()
        except BaseException:
            self.server.close()
            raise
        return self

    async def __aexit__(self, *failure) -> None:
        try:
            await asyncio.wait_for(self.workflow_worker.__aexit__(*failure), timeout=30)
        finally:
            self.server.close()

    async def restart_server(self, down_seconds: float) -> float:
        """Kills the server, keeps it down, starts it on the same ports with
        the same database; returns the wall-clock time it answered again."""
        self.server.kill()
        await asyncio.sleep(down_seconds)
        self.server.start()
        self.client, back = await self.server.ready()
        return back

    async def start_load(self, activity: str, argument, count: int, *, start_to_close: float,
                         heartbeat_timeout: float = 0) -> list[str]:
        workflows = max(1, -(-count // FAN_OUT))
        sizes = [count // workflows + (1 if index < count % workflows else 0) for index in range(workflows)]
        run = uuid.uuid4().hex[:8]
        ids = []
        for index, size in enumerate(sizes):
            handle = await self.client.start_workflow(
                FanOut.run,
                FanOutInput(activity, argument, size, ACTIVITY_QUEUE, heartbeat_timeout,
                            start_to_close_seconds=start_to_close, maximum_attempts=0),
                id=f"chaos-{run}-{index}", task_queue=WORKFLOW_QUEUE)
            ids.append(handle.id)
        return ids

    async def wait_started(self, workflow_ids: list[str], count: int, worker: WorkerProcess,
                           timeout: float = 120) -> None:
        """Until the server has `count` attempts running."""
        deadline = time.monotonic() + timeout
        while True:
            running = 0
            for workflow_id in workflow_ids:
                description = await self.client.get_workflow_handle(workflow_id).describe()
                running += sum(1 for activity in description.raw_description.pending_activities
                               if activity.state == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED)
            # The server marks an attempt started as it answers the poll; a
            # fault injected at that moment can destroy the answer on its way
            # (a killed server's socket is reset), and the attempt is then
            # lost by the server, not the worker. Gaffer logs each attempt it
            # starts (debug level), so for it the fault waits for that.
            if running >= count and (worker.kind != "swift" or started_in_worker(worker) >= count):
                return
            if worker.process.poll() is not None:
                raise RuntimeError(f"the {worker.kind} worker exited with {worker.process.returncode} before the "
                                   f"load started: {worker.log_tail()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"only {running} of {count} activities started within {timeout:.0f} s")
            await asyncio.sleep(0.05)

    async def wait_done(self, workflow_ids: list[str], timeout: float) -> bool:
        """True if every workflow completed within `timeout` seconds."""
        handles: list[WorkflowHandle] = [self.client.get_workflow_handle(i) for i in workflow_ids]
        try:
            await asyncio.wait_for(asyncio.gather(*(handle.result() for handle in handles)), timeout=timeout)
            return True
        except asyncio.TimeoutError:
            return False


def start_worker(env: ChaosEnvironment, kind: str, settings: dict[str, str] | None = None,
                 console: bool = False) -> WorkerProcess:
    if kind == "swift":
        # Debug level: one "activity started" line per attempt (see wait_started).
        settings = {"GAFFER_LOG_LEVEL": "debug", **(settings or {})}
    return WorkerProcess(kind, env.server.address, ACTIVITY_QUEUE, settings, console=console)


def started_in_worker(worker: WorkerProcess) -> int:
    """Attempts a Gaffer worker has started, from its debug log."""
    return worker.log_text().count("activity started")


def exit_counters(worker: WorkerProcess) -> str | None:
    """The counters on gaffer-bench-worker's exit line, for the record."""
    lines = [line for line in worker.log_text().splitlines() if "drained:" in line]
    return lines[-1].split("drained:", 1)[1].strip() if lines else None


async def stop(worker: WorkerProcess, record: dict | None = None) -> int:
    """Terminates the worker; puts Gaffer's exit counters in `record`."""
    worker.terminate()
    try:
        return await worker.exited(timeout=90)
    finally:
        if record is not None and worker.kind == "swift":
            record["worker_exit_counters"] = exit_counters(worker)
        worker.close()


def base_row(scenario: str, kind: str, outcome: Outcome, status: int | None) -> dict:
    return {
        "scenario": scenario, "worker": kind, "activities": outcome.activities, "completed": outcome.completed,
        "lost": outcome.lost, "reruns": outcome.reruns, "rerun_causes": dict(outcome.rerun_causes),
        "exit_status": status,
    }


async def server_outage(kind: str, count: int, activity_ms: int, down_seconds: float) -> dict:
    """The server is SIGKILLed while `count` activities run and comes back
    `down_seconds` later on the same ports and database."""
    start_to_close = 30
    async with ChaosEnvironment() as env:
        worker = start_worker(env, kind, {"GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS": "30"})
        status = None
        try:
            await worker.polling(env.client, ACTIVITY_QUEUE)
            ids = await env.start_load("sleep_ms", activity_ms, count, start_to_close=start_to_close)
            await env.wait_started(ids, count, worker)
            killed = time.time()
            back = await env.restart_server(down_seconds)
            repoll = await worker.polling(env.client, ACTIVITY_QUEUE, timeout=120)
            done = await env.wait_done(ids, timeout=start_to_close * 3 + 60)
            if worker.process.poll() is not None:
                raise RuntimeError(f"the {kind} worker exited with {worker.process.returncode} during the outage: "
                                   f"{worker.log_tail()}")
            outcome = await read_outcome(env.client, ids, count)
        finally:
            exit_record: dict = {}
            status = await stop(worker, exit_record)
    row = base_row(f"server down {down_seconds:.0f} s", kind, outcome, status)
    row.update(exit_record)
    # Before the server came back, activities that finished in the outage
    # could only wait; what counts is how soon after it their results got in.
    in_time = [t for t in outcome.completion_times if t >= back]
    row.update({
        "down_seconds": back - killed, "repoll_seconds": repoll, "all_done": done,
        "results_in_after_seconds": (max(in_time) - back) if in_time else None,
    })
    return row


async def worker_sigterm(kind: str, count: int, activity: str, argument: int, grace: int,
                         heartbeat_timeout: float = 0) -> dict:
    """SIGTERM with `count` activities running and a grace of `grace` s; a
    second worker takes whatever the first one handed back."""
    async with ChaosEnvironment() as env:
        first = start_worker(env, kind, {"GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS": str(grace)})
        try:
            await first.polling(env.client, ACTIVITY_QUEUE)
            ids = await env.start_load(activity, argument, count, start_to_close=60,
                                       heartbeat_timeout=heartbeat_timeout)
            await env.wait_started(ids, count, first)
            signalled = time.time()
            first.terminate()
            status = await first.exited(timeout=grace + 60)
            exited = first.exit_time
        finally:
            first.close()
        second = start_worker(env, kind)
        try:
            done = await env.wait_done(ids, timeout=180)
            outcome = await read_outcome(env.client, ids, count)
        finally:
            await stop(second)
    row = base_row(f"SIGTERM, {grace} s grace", kind, outcome, status)
    # Results the first worker delivered: how long it took to exit after the last.
    delivered = [t for t in outcome.completion_times if t <= exited]
    row.update({
        "signal_to_exit_seconds": exited - signalled, "all_done": done,
        "last_result_to_exit_seconds": (exited - max(delivered)) if delivered else None,
        # From the first worker's exit to the server handing the attempt out again.
        "retry_after_seconds": (min(outcome.retry_start_times) - exited) if outcome.retry_start_times else None,
    })
    return row


async def worker_sigkill(kind: str, count: int, activity_ms: int) -> dict:
    """SIGKILL with `count` activities running: nothing a worker can do; the
    server hands them out again after their start-to-close timeout."""
    start_to_close = 10
    async with ChaosEnvironment() as env:
        first = start_worker(env, kind)
        try:
            await first.polling(env.client, ACTIVITY_QUEUE)
            ids = await env.start_load("sleep_ms", activity_ms, count, start_to_close=start_to_close)
            await env.wait_started(ids, count, first)
            first.kill()
            killed = time.time()
        finally:
            first.close()
        second = start_worker(env, kind)
        try:
            done = await env.wait_done(ids, timeout=start_to_close * 3 + 60)
            outcome = await read_outcome(env.client, ids, count)
        finally:
            status = await stop(second)
    row = base_row("SIGKILL", kind, outcome, status)
    row.update({
        "all_done": done,
        "retry_after_seconds": (min(outcome.retry_start_times) - killed) if outcome.retry_start_times else None,
    })
    return row


COUNTERS = re.compile(r"drained: received=(\d+) completed=(\d+) failed=(\d+) cancelled=(\d+) dropped=(\d+) "
                      r"abandoned=(\d+)")


async def control_storm(count: int, interval: float = 0.5, seed: int = 7) -> dict:
    """Gaffer only (the SDK has no run-time controls): `count` noop
    activities while an operator's keys, sent to the console in a
    pseudo-terminal, toggle pause every `interval` and set the slot count
    to a random value between 1 and 200."""
    rng = random.Random(seed)
    keys_sent = Counter()
    # The worker's own log says which keys took effect.
    worker_log = tempfile.NamedTemporaryFile(prefix="chaos-storm-", suffix=".log", delete=False)
    worker_log.close()
    async with ChaosEnvironment() as env:
        worker = start_worker(env, "swift", {"MAX_CONCURRENT_ACTIVITIES": "100", "GAFFER_LOG_FILE": worker_log.name},
                              console=True)
        status = None
        try:
            await worker.polling(env.client, ACTIVITY_QUEUE)
            ids = await env.start_load("noop", "storm", count, start_to_close=60)
            waiting = asyncio.ensure_future(env.wait_done(ids, timeout=max(300, count / 10)))
            slots, paused = 100, False
            while not waiting.done():
                if worker.process.poll() is not None:
                    raise RuntimeError(f"the worker exited with {worker.process.returncode} in the storm: "
                                       f"{worker.log_tail()}")
                target = rng.randint(1, 200)
                keys = slot_keys(slots, target)
                worker.send_keys("p" + keys)
                keys_sent["pause/resume"] += 1
                keys_sent["slot changes"] += 1
                paused, slots = not paused, target
                await asyncio.sleep(interval)
            if paused:
                worker.send_keys("p")
            done = waiting.result()
            outcome = await read_outcome(env.client, ids, count)
        finally:
            worker.terminate()
            try:
                status = await worker.exited(timeout=90)
                log = worker.log_text()
            finally:
                worker.close()
    with open(worker_log.name, errors="replace") as handle:
        lines = handle.read()
    os.unlink(worker_log.name)
    match = COUNTERS.search(log)
    row = base_row("control storm", "swift", outcome, status)
    row.update({"all_done": done, "keys": dict(keys_sent), "worker_counters": None, "worker_saw": {
        "pauses": lines.count("polling paused"), "resumes": lines.count("polling resumed"),
        "slot changes": lines.count("activity slots resized")}})
    if match:
        received, completed, failed, cancelled, dropped, abandoned = map(int, match.groups())
        row["worker_counters"] = {"received": received, "completed": completed, "failed": failed,
                                  "cancelled": cancelled, "dropped": dropped, "abandoned": abandoned}
    return row


def slot_keys(current: int, target: int) -> str:
    """The console's keys from one slot count to another: ]/[ move by 10, +/- by 1."""
    difference = target - current
    tens, ones = divmod(abs(difference), 10)
    if difference >= 0:
        return "]" * tens + "+" * ones
    return "[" * tens + "-" * ones
