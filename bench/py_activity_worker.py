"""The bench contract worker, on the official Python SDK: the baseline that
gaffer-bench-worker is measured against.

Registers exactly `noop`, `sleep_ms` and `heartbeat_ms` on $TASK_QUEUE
(default bench-act) at $TEMPORAL_ADDRESS, namespace default, and runs until
SIGTERM or SIGINT, then shuts down gracefully and exits 0.

  $MAX_CONCURRENT_ACTIVITIES    activity slots (default 1000)
  $ACTIVITY_POLLERS             concurrent activity polls (default 5, the SDK's)
  $GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS   grace for running activities (default 30)
"""

import asyncio
import os
import signal
import sys
from datetime import timedelta

from temporalio import activity
from temporalio.client import Client
from temporalio.worker import PollerBehaviorSimpleMaximum, Worker


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


async def main() -> None:
    address = os.environ.get("TEMPORAL_ADDRESS", "127.0.0.1:7233")
    task_queue = os.environ.get("TASK_QUEUE") or "bench-act"
    slots = setting("MAX_CONCURRENT_ACTIVITIES", 1000, 1)
    pollers = setting("ACTIVITY_POLLERS", 5, 1)
    grace = setting("GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS", 30, 0)

    client = await Client.connect(address, namespace="default")
    worker = Worker(
        client,
        task_queue=task_queue,
        activities=[noop, sleep_ms, heartbeat_ms],
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
