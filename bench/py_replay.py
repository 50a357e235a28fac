"""The Python SDK's counterpart of `gaffer-bench-worker replay FILE.json…`:
replays histories exported with `temporal workflow show -w ID -o json`
against the contract's workflows (bench/py_contract_workflows.py) with
temporalio.worker.Replayer.

  python3 bench/py_replay.py FILE.json…

Prints `ok FILE (N events)` per file; exit 0 when all replay, 1 at the first
divergence or failure, 2 when a file can't be read as a history.
$PY_WORKFLOW_RUNNER picks the runner as in py_activity_worker.py.
"""

import asyncio
import json
import os
import sys

from temporalio.client import WorkflowHistory
from temporalio.worker import Replayer

from py_activity_worker import workflow_runner
from py_contract_workflows import ALL as WORKFLOWS


def load(path: str) -> WorkflowHistory:
    try:
        with open(path) as handle:
            document = json.load(handle)
        # The CLI's export carries no workflow id; the replayer only uses it
        # in messages, so the file's name stands in.
        return WorkflowHistory.from_json(path, document)
    except (OSError, ValueError, KeyError) as error:
        print(f"py_replay: {path} is not a readable history ({error}); export one with "
              "`temporal workflow show -w ID -o json`", file=sys.stderr)
        sys.exit(2)


async def main(paths: list[str]) -> int:
    if not paths:
        print("py_replay: give history files: py_replay.py FILE.json…", file=sys.stderr)
        return 2
    replayer = Replayer(workflows=WORKFLOWS, workflow_runner=workflow_runner())
    for path in paths:
        history = load(path)
        # raise_on_replay_failure (the default) turns nondeterminism or a
        # workflow task failure into an exception.
        try:
            await replayer.replay_workflow(history)
        except Exception as error:
            print(f"py_replay: {path} did not replay: {error}", file=sys.stderr)
            return 1
        print(f"ok {path} ({len(history.events)} events)")
    return 0


if __name__ == "__main__":
    status = asyncio.run(main(sys.argv[1:]))
    sys.stdout.flush()
    sys.stderr.flush()
    # Skips interpreter teardown, where the SDK's native threads sometimes
    # abort the process (SIGABRT in PyGILState_Release) after every replay
    # has passed; the benchmark would also time that teardown otherwise.
    os._exit(status)
