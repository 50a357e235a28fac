"""One measured run: its own dev server, the worker(s) under test, a
warm-up, then W workflows fanning out K activities each; CPU, memory and
schedule-to-start are read from /proc and from the workflow histories."""

import asyncio
import math
import time
import uuid
from dataclasses import dataclass, field

from temporalio.api.enums.v1 import EventType, PendingActivityState
from temporalio.client import Client
from temporalio.worker import Worker

from bench_workflows import FanOut, FanOutInput

from . import procstat
from .devserver import DevServer
from .workers import WorkerProcess

ACTIVITY_QUEUE = "bench-act"
WORKFLOW_QUEUE = "bench-wf"
FAN_OUT = 100
# CPU used by processes other than the server, the worker(s) and this
# driver, in cores, above which a run is flagged as noisy.
NOISE_CORES = 0.15


@dataclass
class Scenario:
    name: str
    activity: str
    argument: object
    count: int
    settings: dict[str, str] = field(default_factory=dict)
    heartbeat_timeout_seconds: float = 0
    duration_ms: int = 0

    def scaled(self, scale: float) -> "Scenario":
        count = max(10, round(self.count * scale))
        return Scenario(self.name, self.activity, self.argument, count, self.settings,
                        self.heartbeat_timeout_seconds, self.duration_ms)

    @property
    def slots(self) -> int:
        return int(self.settings.get("MAX_CONCURRENT_ACTIVITIES", "1000"))

    def ideal_seconds(self) -> float | None:
        """N·t / concurrency, for activities that only wait."""
        if not self.duration_ms:
            return None
        return self.count * self.duration_ms / 1000 / min(self.slots, self.count)


SCENARIOS = {
    "noop": Scenario("noop", "noop", "x", 5000),
    # 20 slots make the run slot-bound (ideal 2,000 × 0.2 s / 20 = 20 s, 100
    # starts/s): at 1,000 slots the ideal 0.4 s is far below what the dev
    # server can schedule on 2 cores, and the run would measure the server.
    "sleep_ms": Scenario("sleep_ms", "sleep_ms", 200, 2000, {"MAX_CONCURRENT_ACTIVITIES": "20"}, duration_ms=200),
    "heartbeat_ms": Scenario("heartbeat_ms", "heartbeat_ms", 200, 1000, heartbeat_timeout_seconds=10, duration_ms=200),
}


def percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))]


class Usage:
    """CPU seconds of each party between two instants."""

    def __init__(self, server: DevServer, workers: list[WorkerProcess]) -> None:
        self.server, self.workers = server, workers
        self.start = self._read()

    def _read(self) -> dict[str, float]:
        return {
            "time": time.monotonic(),
            "worker": sum(worker.cpu_seconds() for worker in self.workers),
            "server": self.server.cpu_seconds(),
            "driver": procstat.self_cpu_seconds(),
            "machine": procstat.machine_busy_seconds(),
        }

    def finish(self) -> dict[str, float]:
        end = self._read()
        delta = {key: end[key] - self.start[key] for key in end}
        delta["others"] = max(0.0, delta["machine"] - delta["worker"] - delta["server"] - delta["driver"])
        return delta


async def watched(awaitable, workers: list[WorkerProcess], what: str, timeout: float = 600):
    """Awaits `awaitable` while checking that every worker still runs: a
    worker that dies mid-run fails the run at once instead of leaving the
    driver waiting on activities nobody will take."""
    task = asyncio.ensure_future(awaitable)
    deadline = time.monotonic() + timeout
    try:
        while True:
            done, _ = await asyncio.wait({task}, timeout=0.5)
            if done:
                return task.result()
            for worker in workers:
                if worker.process.poll() is not None:
                    raise RuntimeError(f"the {worker.kind} worker exited with {worker.process.returncode} during "
                                       f"{what}: {worker.log_tail()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not finish within {timeout:.0f} s")
    finally:
        task.cancel()


async def fan_out(client: Client, scenario: Scenario, run_id: str) -> list[str]:
    """Starts the scenario's workflows and waits for all; returns their ids."""
    workflows = max(1, math.ceil(scenario.count / FAN_OUT))
    sizes = [scenario.count // workflows + (1 if index < scenario.count % workflows else 0) for index in range(workflows)]
    handles = []
    for index, size in enumerate(sizes):
        handles.append(await client.start_workflow(
            FanOut.run,
            FanOutInput(scenario.activity, scenario.argument, size, ACTIVITY_QUEUE, scenario.heartbeat_timeout_seconds),
            id=f"{run_id}-{index}", task_queue=WORKFLOW_QUEUE))
    results = await asyncio.gather(*(handle.result() for handle in handles))
    if sum(results) != scenario.count:
        raise RuntimeError(f"{sum(results)} of {scenario.count} activities reported done")
    return [handle.id for handle in handles]


async def schedule_to_start(client: Client, workflow_ids: list[str]) -> list[float]:
    """Seconds from each activity's scheduling to its start, from history."""
    waits = []
    for workflow_id in workflow_ids:
        scheduled = {}
        async for event in client.get_workflow_handle(workflow_id).fetch_history_events():
            if event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
                scheduled[event.event_id] = event.event_time.ToMicroseconds()
            elif event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
                began = scheduled[event.activity_task_started_event_attributes.scheduled_event_id]
                waits.append((event.event_time.ToMicroseconds() - began) / 1e6)
    return waits


class Environment:
    """A dev server with the driver's workflow worker, for one run."""

    async def __aenter__(self) -> "Environment":
        self.server = DevServer()
        try:
            self.client = await self.server.ready()
        except BaseException:
            self.server.stop()
            raise
        self.workflow_worker = Worker(self.client, task_queue=WORKFLOW_QUEUE, workflows=[FanOut])
        await self.workflow_worker.__aenter__()
        return self

    async def __aexit__(self, *failure) -> None:
        try:
            await self.workflow_worker.__aexit__(*failure)
        finally:
            self.server.stop()


async def start_workers(env: Environment, kind: str, processes: int, settings: dict[str, str],
                        console: bool, task_queue: str = ACTIVITY_QUEUE) -> list[WorkerProcess]:
    workers = []
    try:
        for _ in range(processes):
            workers.append(WorkerProcess(kind, env.server.address, task_queue, settings, console=console))
        for worker in workers:
            await worker.polling(env.client, task_queue)
    except BaseException:
        for worker in workers:
            worker.close()
        raise
    return workers


async def stop_workers(workers: list[WorkerProcess]) -> list[int]:
    for worker in workers:
        worker.terminate()
    statuses = [await worker.exited() for worker in workers]
    for worker in workers:
        worker.close()
    return statuses


async def measure(kind: str, scenario: Scenario, *, processes: int = 1, settings: dict[str, str] | None = None,
                  console: bool = False) -> dict:
    """One run of `scenario` against `processes` workers of `kind`."""
    settings = {**scenario.settings, **(settings or {})}
    async with Environment() as env:
        workers = await start_workers(env, kind, processes, settings, console)
        try:
            warm_up = Scenario(scenario.name, scenario.activity, scenario.argument, min(100, scenario.count),
                               heartbeat_timeout_seconds=scenario.heartbeat_timeout_seconds)
            await watched(fan_out(env.client, warm_up, f"warm-{uuid.uuid4().hex[:8]}"), workers, "the warm-up")
            usage = Usage(env.server, workers)
            began = time.monotonic()
            workflow_ids = await watched(
                fan_out(env.client, scenario, f"run-{uuid.uuid4().hex[:8]}"), workers, f"the {scenario.name} run")
            wall = time.monotonic() - began
            cpu = usage.finish()
            peak_rss = sum(worker.peak_rss_mib() for worker in workers)
        finally:
            statuses = await stop_workers(workers)
        waits = await schedule_to_start(env.client, workflow_ids)
    return {
        "worker": kind, "processes": processes, "scenario": scenario.name, "activities": scenario.count,
        "settings": settings, "console": console,
        "wall_seconds": wall, "activities_per_second": scenario.count / wall,
        "worker_cpu_seconds": cpu["worker"], "cpu_us_per_activity": cpu["worker"] / scenario.count * 1e6,
        "peak_rss_mib": peak_rss, "server_cpu_seconds": cpu["server"], "driver_cpu_seconds": cpu["driver"],
        "other_cpu_seconds": cpu["others"], "noisy": cpu["others"] / wall > NOISE_CORES,
        "schedule_to_start_p50_ms": percentile(waits, 0.5) * 1000,
        "schedule_to_start_p99_ms": percentile(waits, 0.99) * 1000,
        "ideal_seconds": scenario.ideal_seconds(),
        "exit_statuses": statuses,
    }


async def idle(kinds: list[str], seconds: float) -> list[dict]:
    """Each kind's worker polling an empty queue: CPU share and RSS."""
    async with Environment() as env:
        workers = {}
        try:
            for kind in kinds:
                workers[kind] = (await start_workers(env, kind, 1, {}, False, task_queue=f"idle-{kind}"))[0]
            await asyncio.sleep(3)  # past start-up work
            before = {kind: worker.cpu_seconds() for kind, worker in workers.items()}
            await asyncio.sleep(seconds)
            results = [{
                "worker": kind, "seconds": seconds,
                "cpu_percent": (worker.cpu_seconds() - before[kind]) / seconds * 100,
                "rss_mib": worker.rss_mib(),
            } for kind, worker in workers.items()]
        finally:
            await stop_workers(list(workers.values()))
    return results


async def drain(kind: str, activities: int, milliseconds: int) -> dict:
    """SIGTERM while `activities` sleep_ms activities run; the time from the
    last one's completion (its history event) to the process's exit."""
    async with Environment() as env:
        [worker] = await start_workers(env, kind, 1, {"GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS": "30"}, False)
        try:
            handle = await env.client.start_workflow(
                FanOut.run, FanOutInput("sleep_ms", milliseconds, activities, ACTIVITY_QUEUE),
                id=f"drain-{uuid.uuid4().hex[:8]}", task_queue=WORKFLOW_QUEUE)
            async def all_started() -> None:
                while True:
                    description = await handle.describe()
                    started = [activity for activity in description.raw_description.pending_activities
                               if activity.state == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED]
                    if len(started) == activities:
                        return
                    await asyncio.sleep(0.02)

            await watched(all_started(), [worker], "the drain's start", timeout=120)
            signalled = time.time()
            worker.terminate()
            status = await worker.exited()
            exited = worker.exit_time
            # A drained worker has had every report accepted before it
            # exits, so the history holds them all now; anything missing was
            # lost, and waiting for the workflow would only wait out a timeout.
            completions = []
            async for event in handle.fetch_history_events():
                if event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED:
                    completions.append(event.event_time.ToMicroseconds() / 1e6)
            if len(completions) != activities:
                raise RuntimeError(
                    f"the {kind} worker exited with {status} after the drain with {len(completions)} of {activities} "
                    f"activities completed: {worker.log_tail(30)}")
        finally:
            worker.close()
        done = await asyncio.wait_for(handle.result(), timeout=60)
        last_completion = max(completions)
    return {
        "worker": kind, "activities": activities, "activity_ms": milliseconds, "completed": done,
        "exit_status": status, "signal_to_exit_ms": (exited - signalled) * 1000,
        "drain_latency_ms": (exited - last_completion) * 1000,
    }
