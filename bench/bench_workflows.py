"""The workflow the activity benchmark drives: one workflow fans out K
activities of one type at once onto the bench queue and waits for all."""

from dataclasses import dataclass
from typing import Any
from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy


@dataclass
class FanOutInput:
    activity: str
    argument: Any
    count: int
    task_queue: str
    heartbeat_timeout_seconds: float = 0
    # The benchmark wants one attempt each; the chaos suite lets the server
    # retry (0 = no limit, 1 s apart at first) and reads attempts from history.
    start_to_close_seconds: float = 300
    maximum_attempts: int = 1


@workflow.defn(name="BenchFanOut")
class FanOut:
    @workflow.run
    async def run(self, params: FanOutInput) -> int:
        heartbeat_timeout = (
            timedelta(seconds=params.heartbeat_timeout_seconds) if params.heartbeat_timeout_seconds else None
        )
        handles = [
            workflow.start_activity(
                params.activity,
                params.argument,
                task_queue=params.task_queue,
                start_to_close_timeout=timedelta(seconds=params.start_to_close_seconds),
                heartbeat_timeout=heartbeat_timeout,
                retry_policy=RetryPolicy(maximum_attempts=params.maximum_attempts, initial_interval=timedelta(seconds=1)),
            )
            for _ in range(params.count)
        ]
        for handle in handles:
            await handle
        return params.count
