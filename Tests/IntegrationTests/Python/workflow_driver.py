"""Drives Gaffer's Swift workflows from the official Python SDK's client.

Reads a JSON spec on stdin: {"address", "namespace", "task_queue",
"calls": [{"id", "workflow", "arg" (omit for none), "count" (start this
many at once, default 1), "signals": [[name, arg-or-null], ...],
"query": name (asked after the signals), "finish": signal name sent last,
"cancel_after": seconds, "workflow_id": an existing workflow to drive
instead of starting one, "no_result": true to leave it running,
"task_failure": true to wait for a failed workflow task in history, report
it and terminate the workflow}]}.

Prints one JSON object: per call id, {"ok", "value" or "error", "query",
"status" (the execution's final status), "task_timeouts" (workflow tasks
that timed out in history, e.g. on a sticky queue nobody polled),
"sdk_names" (the SDK names completed workflow tasks recorded),
"results" (for count > 1)}.
"""

import asyncio
import json
import os
import sys
import uuid

from temporalio.client import Client, WorkflowFailureError
from temporalio.api.enums.v1 import WorkflowTaskFailedCause
from temporalio.exceptions import ApplicationError


def describe(error):
    out = {"class": type(error).__name__, "message": getattr(error, "message", str(error))}
    if isinstance(error, ApplicationError):
        out["type"] = error.type
        out["non_retryable"] = error.non_retryable
    cause = getattr(error, "cause", None)
    if cause is not None:
        out["cause"] = describe(cause)
    return out


async def first_task_failure(handle):
    """The first WorkflowTaskFailed event's cause and message, waiting up to 30 s."""
    for _ in range(300):
        async for event in handle.fetch_history_events():
            if event.HasField("workflow_task_failed_event_attributes"):
                attributes = event.workflow_task_failed_event_attributes
                return {
                    "cause": WorkflowTaskFailedCause.Name(attributes.cause),
                    "message": attributes.failure.message,
                    "identity": attributes.identity,
                }
        await asyncio.sleep(0.1)
    return None


async def run_one(client, queue, call, suffix):
    if "workflow_id" in call:
        workflow_id = call["workflow_id"]
        handle = client.get_workflow_handle(workflow_id)
    else:
        workflow_id = f"{call['id']}-{suffix}-{uuid.uuid4().hex[:8]}"
        args = [call["arg"]] if "arg" in call else []
        handle = await client.start_workflow(
            call["workflow"], args=args, id=workflow_id, task_queue=queue,
        )
    out = {"workflow_id": workflow_id}
    if call.get("task_failure"):
        out["task_failure"] = await first_task_failure(handle)
        await handle.terminate("test done")
        out["ok"] = out["task_failure"] is not None
        return out
    for name, arg in call.get("signals", []):
        await handle.signal(name, *([] if arg is None else [arg]))
    if "query" in call:
        out["query"] = await handle.query(call["query"])
    if "finish" in call:
        await handle.signal(call["finish"])
    if "cancel_after" in call:
        await asyncio.sleep(call["cancel_after"])
        await handle.cancel()
    if call.get("no_result"):
        out["ok"] = True
        return out
    try:
        out["value"] = await handle.result()
        out["ok"] = True
    except WorkflowFailureError as failure:
        out["ok"] = False
        out["error"] = describe(failure.cause)
    description = await handle.describe()
    out["status"] = description.status.name if description.status else None
    out["task_timeouts"] = 0
    sdk_names = set()
    async for event in handle.fetch_history_events():
        if event.HasField("workflow_task_timed_out_event_attributes"):
            out["task_timeouts"] += 1
        if event.HasField("workflow_task_completed_event_attributes"):
            name = event.workflow_task_completed_event_attributes.sdk_metadata.sdk_name
            if name:
                sdk_names.add(name)
    out["sdk_names"] = sorted(sdk_names)
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
