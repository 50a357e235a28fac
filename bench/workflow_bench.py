"""Gaffer's workflow side against the official Python SDK worker, side by
side on this machine, each run on its own dev server. See bench/README.md,
"Workflows".

  python3 bench/workflow_bench.py              the full benchmark (≈ 15 min on 2 cores)
  python3 bench/workflow_bench.py --quick      the smoke run CI does (debug worker: figures mean nothing)

Four measurements, Swift and Python alternating:
  chain     N concurrent chain(k) workflows (N = 200 × --scale, k = 10): the
            worker's CPU per workflow task, peak RSS, wall time
  timer     T concurrent timer(1000) workflows (T = 500 × --scale): the same
            with no activity beside each workflow task
  cache     M counter runs held open in the worker's cache (M = 500 × --scale):
            resident memory per cached run
  replay    one chain(500) history (≈ 3,005 events), recorded once, replayed
            by `gaffer-bench-worker replay` and by bench/py_replay.py
            (temporalio.worker.Replayer), process start included: events/s

Writes bench/results/workflow-<time>.json and .md (or --out DIR) and prints
the Markdown. Exits 1 if a Gaffer run fails, loses or miscounts a workflow,
or exits badly; missed targets are reported, not failed.
"""

import argparse
import datetime
import os
import platform
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from benchlib.cli import log  # noqa: E402
from benchlib import cli, procstat, report, workflow_runs  # noqa: E402
from benchlib.workers import SWIFT_WORKER, ROOT  # noqa: E402
from benchlib.workflow_report import summarise  # noqa: E402

# The targets are judged against the Python SDK worker at its cheapest for
# this contract: unsandboxed, eager activities on (the SDK's default). These
# two show, for context, the SDK's default runner and the Python worker doing
# exactly Gaffer's round trips (an activity poll per activity).
SANDBOXED = ("python sandboxed", "python", {"PY_WORKFLOW_RUNNER": "sandboxed"})
NO_EAGER = ("python no eager", "python", {"PY_EAGER_ACTIVITIES": "0"})


def variants(extras: list[tuple[str, str, dict]]) -> list[tuple[str, str, dict]]:
    """(label, worker kind, extra settings), in the order each repeat runs them."""
    return [("swift", "swift", {}), ("python", "python", {}), *extras]


async def alternate(group: str, repeats: int, chosen: list[tuple[str, str, dict]], measure, describe,
                    results: list[dict], failed: list[dict]) -> None:
    """Each variant once per repeat, in turn (A B A B…); a failed run is
    recorded and the batch goes on."""
    for repeat in range(repeats):
        for label, kind, settings in chosen:
            try:
                run = await measure(kind, settings)
            except RuntimeError as error:
                failed.append({"group": group, "variant": label, "worker": kind, "repeat": repeat, "error": str(error)})
                log(f"{group} · {label} #{repeat + 1}: FAILED: {error}")
                continue
            run.update(group=group, variant=label, repeat=repeat)
            results.append(run)
            log(f"{group} · {label} #{repeat + 1}: {describe(run)}")


def describe_load(run: dict) -> str:
    return (f"{run['workflows_per_second']:.1f} workflows/s, wall {run['wall_seconds']:.1f} s, "
            f"{run['workflow_tasks']} workflow tasks, {run['cpu_us_per_workflow_task']:.0f} µs CPU each, "
            f"peak RSS {run['peak_rss_mib']:.1f} MiB" + (" (noisy)" if run["noisy"] else ""))


def describe_cache(run: dict) -> str:
    return (f"{run['runs']} runs held: {run['baseline_rss_mib']:.1f} → {run['held_rss_mib']:.1f} MiB, "
            f"{run['kib_per_run']:.1f} KiB per run")


def replay_batch(path: str, events: int, repeats: int, multiple: int, results: list[dict],
                 failed: list[dict]) -> None:
    """Each replayer once on the file (cold: exec to exit) and once on it
    `multiple` times in one process, alternating, `repeats` times; the
    difference of the two is the replay alone, without start-up."""
    for repeat in range(repeats):
        for kind in ("swift", "python"):
            for files in ([path], [path] * multiple):
                try:
                    run = workflow_runs.time_replay(kind, files)
                except RuntimeError as error:
                    failed.append({"group": "replay", "variant": kind, "worker": kind, "repeat": repeat,
                                   "error": str(error)})
                    log(f"replay · {kind} #{repeat + 1}: FAILED: {error}")
                    continue
                run.update(repeat=repeat, events=events * len(files))
                results.append(run)
        cold = [run for run in results if run["repeat"] == repeat and run["files"] == 1]
        log(f"replay #{repeat + 1}: " + ", ".join(
            f"{run['worker']} {run['wall_seconds'] * 1000:.0f} ms ({events / run['wall_seconds']:,.0f} events/s)"
            for run in cold))


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0,
                        help="fraction of the chain workflows (200), timer workflows and cached runs (500 each) "
                             "(default 1)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per worker and measurement (default 3)")
    parser.add_argument("--chain-length", type=int, default=10, help="activities per chain workflow (default 10)")
    parser.add_argument("--replay-length", type=int, default=500,
                        help="activities in the replayed chain: 500 gives 3,005 events (default 500)")
    parser.add_argument("--replay-repeats", type=int, default=5, help="replays per replayer (default 5)")
    parser.add_argument("--no-context", action="store_true",
                        help="leave out the Python runs shown for context only (sandboxed, no eager activities)")
    parser.add_argument("--quick", action="store_true",
                        help="the smoke run: 10 × chain(3), 25 × timer(100), 25 cached runs, a chain(20) "
                             "replay, one repeat, no context runs")
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "results"), help="directory for the results")
    arguments = parser.parse_args()
    if arguments.quick:
        arguments.scale, arguments.repeats, arguments.chain_length = 0.05, 1, 3
        arguments.replay_length, arguments.replay_repeats, arguments.no_context = 20, 1, True
    if not 0 < arguments.scale <= 1:
        parser.error(f"--scale {arguments.scale} is not allowed: use a fraction above 0, at most 1")
    for name in ("repeats", "chain_length", "replay_length", "replay_repeats"):
        if getattr(arguments, name) < 1:
            parser.error(f"--{name.replace('_', '-')} {getattr(arguments, name)} is not allowed: use 1 or more")
    if not os.access(SWIFT_WORKER, os.X_OK):
        parser.error(f"{SWIFT_WORKER} is missing: swift build -c release --scratch-path .build-release "
                     "--product gaffer-bench-worker (bench/run-workflows does it)")

    began = time.monotonic()
    scale, repeats, length = arguments.scale, arguments.repeats, arguments.chain_length
    chain = workflow_runs.chain(max(10, round(200 * scale)), length)
    timer = workflow_runs.timer(max(20, round(500 * scale)), 100 if arguments.quick else 1000)
    cached = max(20, round(500 * scale))
    warm_up = 10 if arguments.quick else 20
    context = not arguments.no_context
    loads: dict[str, list[dict]] = {"chain": [], "timer": []}
    caches: list[dict] = []
    replays: list[dict] = []
    failed: list[dict] = []

    for load, extras, warm in ((chain, [SANDBOXED, NO_EAGER], workflow_runs.chain(warm_up, 3)),
                               # No activities, so eager activities don't matter.
                               (timer, [SANDBOXED], workflow_runs.timer(warm_up, 100))):
        await alternate(load.workflow, repeats, variants(extras if context else []),
                        lambda kind, settings, load=load, warm=warm: workflow_runs.load_run(kind, load, settings, warm),
                        describe_load, loads[load.workflow], failed)
    # Eager activities change round trips, not what a cached run holds.
    await alternate("cache", repeats, variants([SANDBOXED] if context else []),
                    lambda kind, settings: workflow_runs.cached_memory(kind, cached, settings, warm_up),
                    describe_cache, caches, failed)

    history = {"length": arguments.replay_length, "recorded_by": "python", "events": None}
    with tempfile.TemporaryDirectory(prefix="bench-replay-") as directory:
        path = os.path.join(directory, f"chain-{arguments.replay_length}.json")
        try:
            # Recorded by the reference SDK; Gaffer replaying it is part of
            # what is checked (the replayer fails the run if it diverges).
            history["events"] = await workflow_runs.record_chain_history("python", arguments.replay_length, path)
            log(f"replay: recorded chain({arguments.replay_length}), {history['events']:,} events")
        except RuntimeError as error:
            failed.append({"group": "replay", "variant": "recording", "worker": "python", "repeat": 0,
                           "error": str(error)})
            log(f"replay: recording FAILED: {error}")
        else:
            replay_batch(path, history["events"], arguments.replay_repeats, 2 if arguments.quick else 10,
                         replays, failed)

    measured = loads["chain"] + loads["timer"]
    failures = [run for run in failed if run["worker"] == "swift"]
    failures += [run for run in measured + caches if run["worker"] == "swift" and run["exit_status"] != 0]
    failures += [run for run in measured if run["worker"] == "swift"
                 and (run["workflow_tasks_failed"] or run["workflow_tasks_timed_out"])]
    crashes = [run for run in measured + caches if run["worker"] == "python" and run["exit_status"] != 0]
    python_failures = [run for run in failed if run["worker"] == "python"]

    settings = {"chain": str(chain), "timer": str(timer), "cached_runs": cached, "warm_up": warm_up,
                "scale": scale, "repeats": repeats, "replay_repeats": arguments.replay_repeats}
    markdown = summarise(loads, caches, replays, history, settings)
    if python_failures:
        markdown += (f"\n\n{len(python_failures)} Python SDK run(s) failed and are left out: "
                     + "; ".join(f"{run['group']} · {run['variant']} #{run['repeat'] + 1}: {run['error'][:160]}"
                                 for run in python_failures) + ".")
    if crashes:
        markdown += (f"\n\nThe Python SDK worker exited abnormally after {len(crashes)} run(s), after its work was "
                     f"done (exit statuses: {', '.join(str(run['exit_status']) for run in crashes)}).")
    stamp = datetime.datetime.now(datetime.timezone.utc)
    document = {
        "date": stamp.isoformat(timespec="seconds"), "machine": procstat.machine_description(),
        "python": platform.python_version(), "swift_worker": SWIFT_WORKER, **settings,
        "minutes": (time.monotonic() - began) / 60, "chain_runs": loads["chain"], "timer_runs": loads["timer"],
        "cache_runs": caches,
        "replay_history": history, "replay_runs": replays, "failed_runs": failed,
    }
    machine = document["machine"]
    header = (f"Workflow benchmark, {stamp.strftime('%Y-%m-%d %H:%M')} UTC, {machine['cores']} × {machine['cpu']}, "
              f"{machine['memory_mib']:,} MiB, Linux {machine['kernel']}; {document['minutes']:.1f} min.\n\n")
    report.write_results(arguments.out, "workflow", stamp, document, header + markdown)
    for failure in failures:
        log(f"FAILED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    cli.run(main)
