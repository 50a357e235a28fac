"""A Python activity worker and a client at once, for a Swift workflow that
calls a Python activity on another task queue.

Spec on stdin: {"address", "namespace", "swift_task_queue",
"python_task_queue", "workflow", "arg"}. Runs a Python SDK worker with the
activity `py_shout` (text -> TEXT + "!", and the worker's SDK name) on
python_task_queue, starts `workflow(arg)` on swift_task_queue, and prints
{"ok", "value" or "error"}.
"""

import asyncio
import json
import os
import sys
import uuid

from temporalio import activity
from temporalio.client import Client, WorkflowFailureError
from temporalio.worker import Worker


@activity.defn(name="py_shout")
async def py_shout(text: str) -> str:
    return text.upper() + "! (python)"


async def main():
    spec = json.load(sys.stdin)
    client = await Client.connect(spec["address"], namespace=spec.get("namespace", "default"))
    out = {}
    async with Worker(client, task_queue=spec["python_task_queue"], activities=[py_shout]):
        handle = await client.start_workflow(
            spec["workflow"], args=[spec["arg"]], id=f"interop-{uuid.uuid4().hex[:8]}",
            task_queue=spec["swift_task_queue"],
        )
        try:
            out["value"] = await handle.result()
            out["ok"] = True
        except WorkflowFailureError as failure:
            out["ok"] = False
            out["error"] = str(failure.cause)
    print(json.dumps(out))
    sys.stdout.flush()
    os._exit(0)


asyncio.run(main())
