"""Drives Gaffer's Swift activities from the official Python SDK.

Reads a JSON spec on stdin, runs a Python workflow worker on
"<activity_task_queue>-wf", starts one workflow per call (each schedules
the named activity on the Swift worker's task queue), waits for all of
them, and prints one JSON object: per call, the result or the error the
workflow saw, and the activity attempts recorded in history.

Spec: {"address", "namespace", "activity_task_queue", "calls": [{"id",
"activity", "args", "start_to_close", "schedule_to_close",
"heartbeat_timeout", "max_attempts", "initial_interval", "cancel_after",
"raw_args"}]}. `raw_args` ([{"encoding", "data"}]) replaces `args` with
payloads sent exactly as given, bytes the SDK's converter would never make.
"""

import asyncio
import json
import os
import sys
import time
import uuid
from datetime import timedelta

from temporalio import workflow
from temporalio.client import Client
from temporalio.api.common.v1 import Payload
from temporalio.common import RawValue, RetryPolicy
from temporalio.service import RPCError, RPCStatusCode
from temporalio.exceptions import (
    ActivityError,
    ApplicationError,
    CancelledError,
    TimeoutError,
)
from temporalio.worker import UnsandboxedWorkflowRunner, Worker


def seconds(value):
    return None if value is None else timedelta(seconds=value)


def describe_error(error):
    """The parts of a workflow-side activity error the Swift tests check."""
    out = {"class": type(error).__name__, "message": getattr(error, "message", str(error))}
    if isinstance(error, ActivityError):
        out["retry_state"] = error.retry_state.name if error.retry_state else None
        cause = error.cause
        if cause is not None:
            out["cause"] = describe_error(cause)
    elif isinstance(error, ApplicationError):
        out["type"] = error.type
        out["non_retryable"] = error.non_retryable
        out["details"] = list(error.details)
    elif isinstance(error, TimeoutError):
        out["timeout_type"] = error.type.name if error.type else None
    elif isinstance(error, CancelledError):
        out["details"] = list(error.details)
    return out


@workflow.defn(name="GafferCallActivity")
class CallActivity:
    @workflow.run
    async def run(self, call: dict) -> dict:
        retry = RetryPolicy(
            maximum_attempts=call.get("max_attempts", 1),
            initial_interval=timedelta(seconds=call.get("initial_interval", 0.2)),
            backoff_coefficient=1.0,
        )
        args = call.get("args", [])
        if call.get("raw_args") is not None:
            args = [RawValue(Payload(metadata={"encoding": raw["encoding"].encode()}, data=raw["data"].encode()))
                    for raw in call["raw_args"]]
        handle = workflow.start_activity(
            call["activity"],
            args=args,
            task_queue=call["task_queue"],
            start_to_close_timeout=seconds(call.get("start_to_close")),
            schedule_to_close_timeout=seconds(call.get("schedule_to_close")),
            heartbeat_timeout=seconds(call.get("heartbeat_timeout")),
            retry_policy=retry,
            cancellation_type=workflow.ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
        )
        if call.get("cancel_after") is not None:
            await workflow.sleep(call["cancel_after"])
            handle.cancel()
        try:
            return {"ok": True, "value": await handle}
        except ActivityError as error:
            return {"ok": False, "error": describe_error(error)}


async def attempts_in_history(client, workflow_id):
    """Every activity attempt's end as history records it."""
    attempts = []
    handle = client.get_workflow_handle(workflow_id)
    async for event in handle.fetch_history_events():
        kind = event.WhichOneof("attributes")
        if kind == "activity_task_started_event_attributes":
            started = event.activity_task_started_event_attributes
            attempts.append({
                "event": "started",
                "attempt": started.attempt,
                "last_failure_type": started.last_failure.application_failure_info.type
                if started.HasField("last_failure") else None,
            })
        elif kind == "activity_task_failed_event_attributes":
            failure = event.activity_task_failed_event_attributes.failure
            attempts.append({
                "event": "failed",
                "type": failure.application_failure_info.type,
                "message": failure.message,
            })
        elif kind == "activity_task_completed_event_attributes":
            attempts.append({"event": "completed"})
        elif kind == "activity_task_canceled_event_attributes":
            attempts.append({"event": "canceled"})
        elif kind == "activity_task_timed_out_event_attributes":
            attempts.append({"event": "timed_out"})
    return attempts


async def main():
    spec = json.load(sys.stdin)
    client = await Client.connect(spec["address"], namespace=spec.get("namespace", "default"))
    activity_queue = spec["activity_task_queue"]
    workflow_queue = activity_queue + "-wf"
    async with Worker(
        client,
        task_queue=workflow_queue,
        workflows=[CallActivity],
        workflow_runner=UnsandboxedWorkflowRunner(),
    ):
        async def one(call):
            workflow_id = f"{activity_queue}-{call['id']}-{uuid.uuid4().hex[:6]}"
            handle = await client.start_workflow(
                "GafferCallActivity",
                dict(call, task_queue=activity_queue),
                id=workflow_id,
                task_queue=workflow_queue,
                execution_timeout=timedelta(seconds=spec.get("workflow_timeout", 120)),
            )
            # Outage tests stop the server under a running workflow: wait
            # through it rather than give up with the client's retries.
            deadline = time.monotonic() + spec.get("workflow_timeout", 120) + 30
            while True:
                try:
                    result = await handle.result()
                    break
                except RPCError as error:
                    if error.status != RPCStatusCode.UNAVAILABLE or time.monotonic() > deadline:
                        raise
                    await asyncio.sleep(0.5)
            result["attempts"] = await attempts_in_history(client, workflow_id)
            result["workflow_id"] = workflow_id
            return call["id"], result

        results = await asyncio.gather(*(one(call) for call in spec["calls"]))
    print(json.dumps({"results": dict(results)}))


if __name__ == "__main__":
    asyncio.run(main())
    # Seen here under load: the SDK's native runtime sometimes crashed
    # (SIGSEGV/SIGABRT) during interpreter teardown, after the report was
    # printed. The work is done, so leave without the teardown.
    sys.stdout.flush()
    os._exit(0)
