"""The workflow benchmark's runs (bench/workflow_bench.py): the contract's
workflows run by the worker under test, started and read by the driver's
client. Unlike the activity benchmark, no workflow runs inside the driver:
the worker under test runs both the workflows and their activities."""

import asyncio
import json
import os
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass

from temporalio.api.enums.v1 import EventType, TaskQueueType
from temporalio.client import Client

from .devserver import DevServer, free_port
from .runs import NOISE_CORES, Usage, percentile, stop_workers, watched
from .workers import BENCH, SWIFT_WORKER, WorkerProcess

# The contract puts workflows and their activities on the one queue.
TASK_QUEUE = "bench-act"
PY_REPLAY = os.path.join(BENCH, "py_replay.py")
TIMED_CHILD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "timed_child.py")
# The contract's defaults, given to both workers by name so a change of
# either worker's own default cannot skew the comparison.
EQUAL_SETTINGS = {
    "MAX_CACHED_WORKFLOWS": "1000", "MAX_CONCURRENT_WORKFLOW_TASKS": "100", "WORKFLOW_POLLERS": "5",
    "MAX_CONCURRENT_ACTIVITIES": "1000", "ACTIVITY_POLLERS": "5",
}
BOTH_QUEUE_TYPES = (TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY)
# At most this many client calls in flight: enough to keep the server busy,
# few enough that the driver's own queueing doesn't become the latency.
CLIENT_CONCURRENCY = 50


class Server:
    """A fresh dev server and a client of it, for one run."""

    async def __aenter__(self) -> "Server":
        self.server = DevServer()
        try:
            self.client = await self.server.ready()
        except BaseException:
            self.server.stop()
            raise
        return self

    async def __aexit__(self, *failure) -> None:
        self.server.stop()


async def start_worker(env: Server, kind: str, settings: dict[str, str]) -> WorkerProcess:
    """The worker, once the server lists it among the queue's workflow and
    activity pollers."""
    worker = WorkerProcess(kind, env.server.address, TASK_QUEUE, settings)
    try:
        await worker.polling(env.client, TASK_QUEUE, task_queue_types=BOTH_QUEUE_TYPES)
    except BaseException:
        worker.close()
        raise
    return worker


async def bounded(calls) -> list:
    """Awaits the coroutines with at most CLIENT_CONCURRENCY in flight, in order."""
    gate = asyncio.Semaphore(CLIENT_CONCURRENCY)

    async def one(call):
        async with gate:
            return await call

    return await asyncio.gather(*(one(call) for call in calls))


@dataclass
class Load:
    """`count` workflows of one contract type started at once, each with
    `argument`; chain and timer both return their argument."""
    workflow: str
    argument: int
    count: int
    # What history should show per workflow: chain(k) k + 1, timer 2.
    tasks_per_workflow: int

    def __str__(self) -> str:
        return f"{self.count} × {self.workflow}({self.argument})"


def chain(count: int, length: int) -> Load:
    return Load("chain", length, count, length + 1)


def timer(count: int, milliseconds: int) -> Load:
    return Load("timer", milliseconds, count, 2)


async def run_load(client: Client, load: Load, prefix: str) -> list[str]:
    """Starts the load's workflows at once, waits for all, checks each
    result; returns their ids."""
    ids = [f"{prefix}-{index}" for index in range(load.count)]
    handles = await bounded(client.start_workflow(load.workflow, load.argument, id=workflow_id, task_queue=TASK_QUEUE)
                            for workflow_id in ids)
    results = await asyncio.gather(*(handle.result() for handle in handles))
    wrong = [(workflow_id, result) for workflow_id, result in zip(ids, results) if result != load.argument]
    if wrong:
        raise RuntimeError(f"{len(wrong)} of {load} returned something else than {load.argument}, e.g. {wrong[:3]}")
    return ids


async def workflow_tasks(client: Client, ids: list[str]) -> dict:
    """Workflow tasks as history counts them (completed, failed, timed out)
    and their schedule-to-start times, over the given workflows."""
    async def one(workflow_id: str) -> tuple[dict, list[float]]:
        counts = {"completed": 0, "failed": 0, "timed_out": 0, "events": 0}
        scheduled, waits = {}, []
        async for event in client.get_workflow_handle(workflow_id).fetch_history_events():
            counts["events"] += 1
            if event.event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED:
                scheduled[event.event_id] = event.event_time.ToMicroseconds()
            elif event.event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED:
                began = scheduled[event.workflow_task_started_event_attributes.scheduled_event_id]
                waits.append((event.event_time.ToMicroseconds() - began) / 1e6)
            elif event.event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED:
                counts["completed"] += 1
            elif event.event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED:
                counts["failed"] += 1
            elif event.event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT:
                counts["timed_out"] += 1
        return counts, waits

    totals = {"completed": 0, "failed": 0, "timed_out": 0, "events": 0}
    waits: list[float] = []
    for counts, some in await bounded(one(workflow_id) for workflow_id in ids):
        for key in totals:
            totals[key] += counts[key]
        waits += some
    return {**totals, "waits": waits}


async def load_run(kind: str, load: Load, settings: dict[str, str], warm_up: Load) -> dict:
    """One measured run: the load on a fresh server after a warm-up; the
    worker's CPU per workflow task."""
    settings = {**EQUAL_SETTINGS, **settings}
    async with Server() as env:
        worker = await start_worker(env, kind, settings)
        try:
            tag = uuid.uuid4().hex[:8]
            await watched(run_load(env.client, warm_up, f"warm-{tag}"), [worker], "the warm-up")
            usage = Usage(env.server, [worker])
            began = time.monotonic()
            ids = await watched(run_load(env.client, load, f"{load.workflow}-{tag}"), [worker], str(load))
            wall = time.monotonic() - began
            cpu = usage.finish()
            peak_rss = worker.peak_rss_mib()
        finally:
            [status] = await stop_workers([worker])
        tasks = await workflow_tasks(env.client, ids)
    return {
        "worker": kind, "settings": settings, "load": str(load), "workflow": load.workflow,
        "argument": load.argument, "workflows": load.count,
        "workflow_tasks": tasks["completed"], "workflow_tasks_expected": load.count * load.tasks_per_workflow,
        "workflow_tasks_failed": tasks["failed"], "workflow_tasks_timed_out": tasks["timed_out"],
        "history_events": tasks["events"],
        "wall_seconds": wall, "workflows_per_second": load.count / wall,
        "workflow_tasks_per_second": tasks["completed"] / wall,
        "worker_cpu_seconds": cpu["worker"], "cpu_us_per_workflow_task": cpu["worker"] / tasks["completed"] * 1e6,
        "peak_rss_mib": peak_rss, "server_cpu_seconds": cpu["server"], "driver_cpu_seconds": cpu["driver"],
        "other_cpu_seconds": cpu["others"], "noisy": cpu["others"] / wall > NOISE_CORES,
        "task_schedule_to_start_p50_ms": percentile(tasks["waits"], 0.5) * 1000,
        "task_schedule_to_start_p99_ms": percentile(tasks["waits"], 0.99) * 1000,
        "exit_status": status,
    }


def swift_cache_size(port: int) -> int | None:
    """gaffer_workflow_cache_size from the Swift worker's /metrics; None
    when it can't be read (the figure is a cross-check, not a result)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
            text = response.read().decode()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("gaffer_workflow_cache_size"):
            return int(float(line.split()[-1]))
    return None


async def open_counters(client: Client, count: int, prefix: str) -> list:
    """`count` counter workflows, each started and signalled once, and
    queried until the signal shows (so each run's state has been built and
    is cached, not waiting in a task queue)."""
    handles = await bounded(client.start_workflow("counter", index, id=f"{prefix}-{index}", task_queue=TASK_QUEUE)
                            for index in range(count))
    await bounded(handle.signal("add", 1) for handle in handles)

    async def applied(index: int, handle) -> None:
        while await handle.query("value", result_type=int) != index + 1:
            await asyncio.sleep(0.1)

    await bounded(applied(index, handle) for index, handle in enumerate(handles))
    return handles


async def finish_counters(handles: list) -> None:
    await bounded(handle.signal("finish") for handle in handles)
    results = await bounded(handle.result() for handle in handles)
    wrong = [index for index, result in enumerate(results) if result != index + 1]
    if wrong:
        raise RuntimeError(f"{len(wrong)} of {len(handles)} counter workflows returned a wrong value")


async def cached_memory(kind: str, count: int, settings: dict[str, str], warm_up: int) -> dict:
    """The worker's RSS with `count` counter runs open in its cache minus
    its RSS before, per run."""
    # Room for every run, so none is evicted and each one's state stays held.
    settings = {**EQUAL_SETTINGS, "MAX_CACHED_WORKFLOWS": str(count + warm_up + 100), **settings}
    metrics_port = None
    if kind == "swift":
        # Only to read the cache's size back; the HTTP endpoint costs the
        # same before and after, so it drops out of the difference.
        metrics_port = free_port()
        settings["GAFFER_HTTP_PORT"] = str(metrics_port)
    async with Server() as env:
        worker = await start_worker(env, kind, settings)
        try:
            tag = uuid.uuid4().hex[:8]
            # Every path the measured runs take (start, signal, query,
            # finish) once before the baseline, so code pages and pools
            # first touched there don't count as per-run memory.
            warm = await watched(open_counters(env.client, warm_up, f"warm-{tag}"), [worker], "the warm-up")
            await watched(finish_counters(warm), [worker], "the warm-up's finish")
            await asyncio.sleep(1)
            baseline = worker.rss_mib()
            handles = await watched(open_counters(env.client, count, f"counter-{tag}"), [worker],
                                    f"opening {count} counters", timeout=900)
            await asyncio.sleep(2)  # past the last task's completion
            held = worker.rss_mib()
            cached = swift_cache_size(metrics_port) if metrics_port else None
            await watched(finish_counters(handles), [worker], f"finishing {count} counters", timeout=900)
        finally:
            [status] = await stop_workers([worker])
    return {
        "worker": kind, "settings": settings, "runs": count, "baseline_rss_mib": baseline, "held_rss_mib": held,
        "kib_per_run": (held - baseline) * 1024 / count, "cache_size_reported": cached, "exit_status": status,
    }


async def record_chain_history(kind: str, length: int, path: str) -> int:
    """Runs one chain(length) and exports its history with the CLI, as a
    user would (`temporal workflow show -o json`); returns its events."""
    async with Server() as env:
        worker = await start_worker(env, kind, EQUAL_SETTINGS)
        try:
            workflow_id = f"record-{uuid.uuid4().hex[:8]}"
            await watched(run_load(env.client, chain(1, length), workflow_id), [worker], f"chain({length})")
        finally:
            await stop_workers([worker])
        with open(path, "w") as handle:
            exported = subprocess.run(["temporal", "workflow", "show", "-w", f"{workflow_id}-0", "-o", "json",
                                       "--address", env.server.address, "--namespace", "default"],
                                      stdout=handle, stderr=subprocess.PIPE, text=True)
        if exported.returncode != 0:
            raise RuntimeError(f"`temporal workflow show -w {workflow_id}-0 -o json` exited with "
                               f"{exported.returncode}: {exported.stderr.strip()[-300:]}")
        return (await workflow_tasks(env.client, [f"{workflow_id}-0"]))["events"]


def replay_command(kind: str, files: list[str]) -> list[str]:
    if kind == "swift":
        return [SWIFT_WORKER, "replay", *files]
    if kind == "python":
        return [sys.executable, PY_REPLAY, *files]
    raise ValueError(f"replayer kind {kind!r} is not one of swift, python")


def time_replay(kind: str, files: list[str]) -> dict:
    """One replay process from fork to exit: wall, CPU and peak RSS, taken
    by timed_child.py (see there why not from this process)."""
    finished = subprocess.run([sys.executable, TIMED_CHILD, *replay_command(kind, files)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if finished.returncode != 0 or not finished.stdout.strip():
        raise RuntimeError(f"timing the {kind} replayer failed: {finished.stderr.strip()[-500:]}")
    run = json.loads(finished.stdout)
    if run["status"] != 0:
        raise RuntimeError(f"the {kind} replayer exited with {run['status']} on {files[0]}: "
                           f"{finished.stderr.strip()[-500:]}")
    # /proc/stat counts in 10 ms ticks, so one stray tick in a 40 ms replay
    # would read as a quarter of a core: noisy needs three ticks too.
    others = run["other_cpu_seconds"]
    return {"worker": kind, "files": len(files), "wall_seconds": run["wall_seconds"],
            "cpu_seconds": run["cpu_seconds"], "peak_rss_mib": run["peak_rss_kib"] / 1024,
            "other_cpu_seconds": others, "noisy": others > 0.025 and others / run["wall_seconds"] > NOISE_CORES}
