"""Drives Gaffer's Swift workflows from the official Python SDK's client.

Reads a JSON spec on stdin: {"address", "namespace", "task_queue",
"calls": [{"id", "workflow", "arg" (omit for none), "count" (start this
many at once, default 1), "signals": [[name, arg-or-null], ...],
"query": name (asked after the signals), "finish": signal name sent last,
"cancel_after": seconds}]}.

Prints one JSON object: per call id, {"ok", "value" or "error", "query",
"status" (the execution's final status), "results" (for count > 1)}.
"""

import asyncio
import json
import os
import sys
import uuid

from temporalio.client import Client, WorkflowFailureError
from temporalio.exceptions import ApplicationError, CancelledError


def describe(error):
    out = {"class": type(error).__name__, "message": getattr(error, "message", str(error))}
    if isinstance(error, ApplicationError):
        out["type"] = error.type
        out["non_retryable"] = error.non_retryable
    cause = getattr(error, "cause", None)
    if cause is not None:
        out["cause"] = describe(cause)
    return out


async def run_one(client, queue, call, suffix):
    workflow_id = f"{call['id']}-{suffix}-{uuid.uuid4().hex[:8]}"
    args = [call["arg"]] if "arg" in call else []
    handle = await client.start_workflow(
        call["workflow"], args=args, id=workflow_id, task_queue=queue,
    )
    out = {"workflow_id": workflow_id}
    for name, arg in call.get("signals", []):
        await handle.signal(name, *([] if arg is None else [arg]))
    if "query" in call:
        out["query"] = await handle.query(call["query"])
    if "finish" in call:
        await handle.signal(call["finish"])
    if "cancel_after" in call:
        await asyncio.sleep(call["cancel_after"])
        await handle.cancel()
    try:
        out["value"] = await handle.result()
        out["ok"] = True
    except WorkflowFailureError as failure:
        out["ok"] = False
        out["error"] = describe(failure.cause)
    description = await handle.describe()
    out["status"] = description.status.name if description.status else None
    return out


async def main():
    spec = json.load(sys.stdin)
    client = await Client.connect(spec["address"], namespace=spec.get("namespace", "default"))
    queue = spec["task_queue"]
    report = {}

    async def run_call(call):
        count = call.get("count", 1)
        if count == 1:
            report[call["id"]] = await run_one(client, queue, call, "0")
        else:
            outs = await asyncio.gather(*(run_one(client, queue, call, str(i)) for i in range(count)))
            report[call["id"]] = {"ok": all(o["ok"] for o in outs), "results": [o.get("value") for o in outs]}

    await asyncio.gather(*(run_call(call) for call in spec["calls"]))
    print(json.dumps(report))
    sys.stdout.flush()
    # The SDK's runtime can crash while the interpreter finalises; the
    # report is out, so leave at once.
    os._exit(0)


asyncio.run(main())
