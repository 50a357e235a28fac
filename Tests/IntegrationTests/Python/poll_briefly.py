"""Another SDK's worker on the same task queue, for the server-view test.

  poll_briefly.py ADDRESS QUEUE IDENTITY SECONDS

Runs an official Python SDK worker (one workflow, one activity, neither
ever called) on QUEUE with IDENTITY for SECONDS, so that the server lists
it among the queue's activity and workflow pollers, then exits 0.
"""

import asyncio
import os
import sys

from temporalio import activity, workflow
from temporalio.client import Client
from temporalio.worker import UnsandboxedWorkflowRunner, Worker


@workflow.defn(name="PythonPeerIdle")
class Idle:
    @workflow.run
    async def run(self) -> None:
        return None


@activity.defn(name="python_peer_idle")
async def idle() -> None:
    return None


async def main(address, queue, identity, seconds):
    client = await Client.connect(address, identity=identity)
    async with Worker(
        client, task_queue=queue, workflows=[Idle], activities=[idle], workflow_runner=UnsandboxedWorkflowRunner()
    ):
        await asyncio.sleep(seconds)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])))
    sys.stdout.flush()
    # The SDK's runtime may abort while the interpreter finalizes; the work is done.
    os._exit(0)
