"""The bench contract's workflows on the official Python SDK, the same six
that gaffer-bench-worker registers (Sources/BenchContract/ContractWorkflows.swift),
with the same names, arguments, results and commands, so a history recorded
from either worker replays on both.

Kept apart from py_activity_worker.py so the SDK's sandbox, when asked for,
can re-import this module on its own (it only imports from temporalio)."""

import asyncio
from datetime import timedelta

from temporalio import workflow
from temporalio.exceptions import ApplicationError

# Gaffer's contract gives each activity a 30 s start-to-close timeout and
# the server's default retry policy; so does this.
START_TO_CLOSE = timedelta(seconds=30)


@workflow.defn(name="chain")
class Chain:
    @workflow.run
    async def run(self, count: int) -> int:
        same = 0
        for index in range(max(count, 0)):
            echoed = await workflow.execute_activity("noop", f"chain-{index}", start_to_close_timeout=START_TO_CLOSE)
            if echoed == f"chain-{index}":
                same += 1
        return same


@workflow.defn(name="fanout")
class FanOut:
    @workflow.run
    async def run(self, count: int) -> int:
        # Scheduled in index order, as the Swift task group adds them, so the
        # commands (activity ids 1…n) come out in the same order.
        echoed = await asyncio.gather(*(
            workflow.execute_activity("noop", f"fan-{index}", start_to_close_timeout=START_TO_CLOSE)
            for index in range(max(count, 0))))
        return sum(1 for index, text in enumerate(echoed) if text == f"fan-{index}")


@workflow.defn(name="timer")
class Timer:
    @workflow.run
    async def run(self, milliseconds: int) -> int:
        await workflow.sleep(timedelta(milliseconds=milliseconds))
        return milliseconds


@workflow.defn(name="counter")
class Counter:
    @workflow.init
    def __init__(self, start: int) -> None:
        # Set before any signal is applied: a signal can arrive in the run's
        # first task, ahead of the run method.
        self.value = start
        self.finished = False

    @workflow.run
    async def run(self, start: int) -> int:
        await workflow.wait_condition(lambda: self.finished)
        return self.value

    @workflow.signal(name="add")
    def add(self, amount: int) -> None:
        self.value += amount

    @workflow.signal(name="finish")
    def finish(self) -> None:
        self.finished = True

    @workflow.query(name="value")
    def read(self) -> int:
        return self.value


@workflow.defn(name="fail")
class Fail:
    @workflow.run
    async def run(self, message: str) -> None:
        raise ApplicationError(message, type="ContractFailure", non_retryable=True)


@workflow.defn(name="sleep_forever")
class SleepForever:
    @workflow.run
    async def run(self) -> None:
        # A cancel request raises CancelledError here, which the SDK reports
        # as the run ending canceled.
        await workflow.sleep(timedelta(hours=1))


ALL = [Chain, FanOut, Timer, Counter, Fail, SleepForever]
