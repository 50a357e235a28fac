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
                start_to_close_timeout=timedelta(minutes=5),
                heartbeat_timeout=heartbeat_timeout,
                retry_policy=RetryPolicy(maximum_attempts=1),
            )
            for _ in range(params.count)
        ]
        for handle in handles:
            await handle
        return params.count
