"""Load for the console's end-to-end run, with the official Python SDK.

  load.py start ADDRESS QUEUE COUNT MILLISECONDS
      Runs a workflow worker on QUEUE-wf and starts COUNT workflows, each
      calling heartbeat_ms(MILLISECONDS) on QUEUE (the Swift worker's task
      queue); keeps the workflow worker running until SIGTERM.
  load.py check ADDRESS QUEUE COUNT
      Reads every workflow's history and prints JSON: how many activities
      were started, completed, failed, timed out or cancelled, and the
      workflows whose activity is still running on the server or ended
      without a result; then terminates the
      workflows still open, so nothing is left behind.
"""

import asyncio
import json
import os
import signal
import sys
from datetime import timedelta

from temporalio import workflow
from temporalio.api.enums.v1 import EventType, PendingActivityState
from temporalio.client import Client
from temporalio.common import RetryPolicy
from temporalio.worker import UnsandboxedWorkflowRunner, Worker


@workflow.defn(name="GafferConsoleLoad")
class ConsoleLoad:
    @workflow.run
    async def run(self, call: dict) -> int:
        return await workflow.execute_activity(
            "heartbeat_ms",
            call["milliseconds"],
            task_queue=call["queue"],
            start_to_close_timeout=timedelta(seconds=120),
            heartbeat_timeout=timedelta(seconds=20),
            retry_policy=RetryPolicy(maximum_attempts=1),
        )


# How an activity attempt can end in history, and the total it counts in.
ENDINGS = {
    EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED: "completed",
    EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED: "failed",
    EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT: "timed_out",
    EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED: "cancelled",
}


def workflow_id(queue, index):
    return f"{queue}-load-{index}"


async def start(address, queue, count, milliseconds):
    client = await Client.connect(address)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    async with Worker(
        client,
        task_queue=f"{queue}-wf",
        workflows=[ConsoleLoad],
        workflow_runner=UnsandboxedWorkflowRunner(),
    ):
        for index in range(count):
            await client.start_workflow(
                ConsoleLoad.run,
                {"queue": queue, "milliseconds": milliseconds},
                id=workflow_id(queue, index),
                task_queue=f"{queue}-wf",
            )
        print("started", count, flush=True)
        await stop.wait()


async def check(address, queue, count):
    client = await Client.connect(address)
    totals = {"started": 0, "completed": 0, "failed": 0, "timed_out": 0, "cancelled": 0}
    unfinished = []
    for index in range(count):
        handle = client.get_workflow_handle(workflow_id(queue, index))
        started = finished = 0
        async for event in handle.fetch_history_events():
            if event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
                started += 1
            elif event.event_type in ENDINGS:
                totals[ENDINGS[event.event_type]] += 1
                finished += 1
        totals["started"] += started
        description = await handle.describe()
        # A started attempt shows in history only once it ends; one still
        # running is a pending activity in the STARTED state.
        running = [
            pending
            for pending in description.raw_description.pending_activities
            if pending.state == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
        ]
        if running or started != finished:
            unfinished.append(handle.id)
        if description.status and description.status.name == "RUNNING":
            await handle.terminate("console end-to-end run finished")
    totals["unfinished"] = unfinished
    print(json.dumps(totals))


if __name__ == "__main__":
    command, address, queue, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    if command == "start":
        asyncio.run(start(address, queue, count, int(sys.argv[5])))
    else:
        asyncio.run(check(address, queue, count))
    # The SDK's native runtime sometimes aborts while the interpreter
    # finalizes (PyGILState_Release), after all the work is done; a CI run
    # failed on it. Leave without finalizing.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
