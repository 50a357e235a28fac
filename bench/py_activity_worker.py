"""The bench contract worker, on the official Python SDK: the baseline that
gaffer-bench-worker is measured against.

Registers exactly the activities `noop`, `sleep_ms` and `heartbeat_ms` and
the workflows `chain`, `fanout`, `timer`, `counter`, `fail` and
`sleep_forever` (bench/py_contract_workflows.py) on $TASK_QUEUE (default
bench-act) at $TEMPORAL_ADDRESS, namespace default, and runs until SIGTERM
or SIGINT, then shuts down gracefully and exits 0.

  $MAX_CONCURRENT_ACTIVITIES    activity slots (default 1000)
  $ACTIVITY_POLLERS             concurrent activity polls (default 5, the SDK's)
  $GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS   grace for running activities (default 30)
  $MAX_CACHED_WORKFLOWS         workflow runs kept between tasks (default 1000)
  $MAX_CONCURRENT_WORKFLOW_TASKS   workflow task slots (default 100)
  $WORKFLOW_POLLERS             workflow task polls (default 5): the SDK puts a
                                fifth on the task queue and the rest on the
                                sticky queue, as Gaffer does
  $PY_WORKFLOW_RUNNER           unsandboxed (default) or sandboxed
  $PY_EAGER_ACTIVITIES          1 (default, the SDK's) or 0: whether a workflow
                                task's completion asks the server to hand the
                                activities it schedules straight back
"""

import asyncio
import os
import signal
import sys
from datetime import timedelta

from temporalio import activity
from temporalio.client import Client
from temporalio.worker import PollerBehaviorSimpleMaximum, UnsandboxedWorkflowRunner, Worker
from temporalio.worker.workflow_sandbox import SandboxedWorkflowRunner

from py_contract_workflows import ALL as WORKFLOWS


@activity.defn(name="noop")
async def noop(text: str) -> str:
    return text


@activity.defn(name="sleep_ms")
async def sleep_ms(milliseconds: int) -> int:
    await asyncio.sleep(milliseconds / 1000)
    return milliseconds


@activity.defn(name="heartbeat_ms")
async def heartbeat_ms(milliseconds: int) -> int:
    for step in range(milliseconds // 10):
        await asyncio.sleep(0.01)
        activity.heartbeat(step + 1)
    return milliseconds


def setting(name: str, default: int, minimum: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = minimum - 1
    if value < minimum:
        sys.exit(f"py_activity_worker: {name}={raw} is not allowed: use a whole number of at least {minimum}.")
    return value


def workflow_runner():
    """Unsandboxed by default: Gaffer has no sandbox, so the baseline is the
    SDK's cheapest way to run the same code (the sandbox re-imports the
    workflow's modules for every run). `sandboxed` shows what the SDK's
    default costs on top."""
    name = os.environ.get("PY_WORKFLOW_RUNNER", "").strip() or "unsandboxed"
    if name == "unsandboxed":
        return UnsandboxedWorkflowRunner()
    if name == "sandboxed":
        return SandboxedWorkflowRunner()
    sys.exit(f"py_activity_worker: PY_WORKFLOW_RUNNER={name} is not allowed: use unsandboxed or sandboxed.")


async def main() -> None:
    address = os.environ.get("TEMPORAL_ADDRESS", "127.0.0.1:7233")
    task_queue = os.environ.get("TASK_QUEUE") or "bench-act"
    slots = setting("MAX_CONCURRENT_ACTIVITIES", 1000, 1)
    pollers = setting("ACTIVITY_POLLERS", 5, 1)
    grace = setting("GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS", 30, 0)
    cached = setting("MAX_CACHED_WORKFLOWS", 1000, 0)
    workflow_slots = setting("MAX_CONCURRENT_WORKFLOW_TASKS", 100, 1)
    workflow_pollers = setting("WORKFLOW_POLLERS", 5, 1)
    runner = workflow_runner()
    eager = setting("PY_EAGER_ACTIVITIES", 1, 0) != 0

    client = await Client.connect(address, namespace="default")
    worker = Worker(
        client,
        task_queue=task_queue,
        activities=[noop, sleep_ms, heartbeat_ms],
        workflows=WORKFLOWS,
        workflow_runner=runner,
        max_cached_workflows=cached,
        max_concurrent_workflow_tasks=workflow_slots,
        # The SDK splits these between the task queue and the sticky queue
        # (nonsticky_to_sticky_poll_ratio 0.2, left at its default): 5 → 1 + 4.
        workflow_task_poller_behavior=PollerBehaviorSimpleMaximum(maximum=workflow_pollers),
        # Off only for context: both workers ask for eager activities by
        # default (at most 3 per workflow task, on a free slot).
        disable_eager_activity_execution=not eager,
        max_concurrent_activities=slots,
        activity_task_poller_behavior=PollerBehaviorSimpleMaximum(maximum=pollers),
        graceful_shutdown_timeout=timedelta(seconds=grace),
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(number, stop.set)
    async with worker:
        await stop.wait()
    print("py_activity_worker: drained", file=sys.stderr)


if __name__ == "__main__":
    asyncio.run(main())
