"""A long run at a steady rate: does the Gaffer bench worker's memory, open
file descriptors or thread count grow? See bench/README.md ("Soak").

  python3 bench/soak.py                      30 minutes at 50 activities/s (10 of warm-up)
  python3 bench/soak.py --minutes 2 --warm-up-minutes 0.5    a quick look

Samples the worker's resident set, descriptors and threads every 10 s.
After the warm-up, growth is the median of the last six samples minus the
median of the first six (medians, because the Swift runtime's dispatch
threads come and go under load). Exits 1 if resident memory grew by 5 MiB or more,
descriptors or threads grew, or an activity was lost. Writes
bench/results/soak-<time>.json and .md (or --out DIR).
"""

import argparse
import asyncio
import datetime
import os
import statistics
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bench_workflows import FanOut, FanOutInput  # noqa: E402
from benchlib.cli import log  # noqa: E402
from benchlib import cli, procstat, report, runs  # noqa: E402
from benchlib.workers import ROOT, SWIFT_WORKER  # noqa: E402

RSS_GROWTH_LIMIT_MIB = 5.0
SAMPLE_SECONDS = 10
WINDOW = 6



async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=30, help="length of the run (default 30)")
    # 10: on 2 cores at 50/s the heap took ~10 min to reach its working set
    # (two malloc arenas growing to ~10 MiB each), then stayed flat; see
    # bench/README.md ("Soak").
    parser.add_argument("--warm-up-minutes", type=float, default=10, help="left out of the growth (default 10)")
    parser.add_argument("--rate", type=int, default=50, help="activities started per second (default 50)")
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "results"), help="directory for the results")
    arguments = parser.parse_args()
    if arguments.minutes <= arguments.warm_up_minutes:
        parser.error(f"--minutes {arguments.minutes} must be longer than the warm-up ({arguments.warm_up_minutes})")
    if arguments.rate < 1:
        parser.error(f"--rate {arguments.rate} is not allowed: use 1 or more activities per second")
    if not os.access(SWIFT_WORKER, os.X_OK):
        parser.error(f"{SWIFT_WORKER} is missing: swift build -c release --scratch-path .build-release "
                     "--product gaffer-bench-worker, or set GAFFER_BENCH_WORKER")

    samples: list[dict] = []
    started_activities = 0
    completed = 0
    async with runs.Environment() as env:
        [worker] = await runs.start_workers(env, "swift", 1, {}, False)
        began = time.monotonic()
        end = began + arguments.minutes * 60
        pending: set[asyncio.Task] = set()

        async def one_batch(index: int) -> int:
            handle = await env.client.start_workflow(
                FanOut.run, FanOutInput("sleep_ms", 200, arguments.rate, runs.ACTIVITY_QUEUE),
                id=f"soak-{uuid.uuid4().hex[:8]}-{index}", task_queue=runs.WORKFLOW_QUEUE)
            return await handle.result()

        async def sampler() -> None:
            while time.monotonic() < end:
                samples.append({
                    "seconds": time.monotonic() - began, "rss_mib": procstat.rss_mib(worker.pid),
                    "descriptors": procstat.open_descriptors(worker.pid), "threads": procstat.threads(worker.pid),
                })
                if len(samples) % 6 == 1:
                    last = samples[-1]
                    log(f"{last['seconds'] / 60:.1f} min: RSS {last['rss_mib']:.1f} MiB, "
                        f"{last['descriptors']} descriptors, {last['threads']} threads, {completed} activities done")
                await asyncio.sleep(SAMPLE_SECONDS)

        sampling = asyncio.ensure_future(sampler())
        try:
            index = 0
            while time.monotonic() < end:
                if worker.process.poll() is not None:
                    raise RuntimeError(f"the worker exited with {worker.process.returncode}: {worker.log_tail()}")
                task = asyncio.ensure_future(one_batch(index))
                pending.add(task)

                def finished(done: asyncio.Task) -> None:
                    nonlocal completed
                    pending.discard(done)
                    if not done.cancelled() and done.exception() is None:
                        completed += done.result()

                task.add_done_callback(finished)
                started_activities += arguments.rate
                index += 1
                await asyncio.sleep(1)
            await asyncio.wait_for(asyncio.gather(*pending, return_exceptions=True), timeout=120)
        finally:
            sampling.cancel()
            status = (await runs.stop_workers([worker]))[0]

    warm = [s for s in samples if s["seconds"] >= arguments.warm_up_minutes * 60]
    first, last = warm[:WINDOW], warm[-WINDOW:]
    def median(window: list[dict], key: str) -> float:
        return statistics.median(sample[key] for sample in window)

    # Medians: the Swift runtime's dispatch threads come and go under load.
    growth = {key: median(last, key) - median(first, key) for key in ("rss_mib", "descriptors", "threads")}
    problems = []
    if growth["rss_mib"] >= RSS_GROWTH_LIMIT_MIB:
        problems.append(f"resident memory grew by {growth['rss_mib']:.1f} MiB (limit {RSS_GROWTH_LIMIT_MIB} MiB)")
    if growth["descriptors"] > 0:
        problems.append(f"open descriptors grew by {growth['descriptors']:g}")
    if growth["threads"] > 0:
        problems.append(f"threads grew by {growth['threads']:g}")
    if completed != started_activities:
        problems.append(f"{started_activities - completed} of {started_activities} activities did not complete")
    if status != 0:
        problems.append(f"the worker exited with {status}")

    stamp = datetime.datetime.now(datetime.timezone.utc)
    machine = procstat.machine_description()
    markdown = (
        f"Soak, {stamp.strftime('%Y-%m-%d %H:%M')} UTC, {machine['cores']} × {machine['cpu']}: "
        f"{arguments.minutes:.0f} min at {arguments.rate} activities/s (sleep_ms 200), {completed:,} activities, "
        f"warm-up {arguments.warm_up_minutes:g} min.\n\n"
        "| | after warm-up | at the end | growth | limit |\n|---|---|---|---|---|\n"
        f"| resident memory | {median(first, 'rss_mib'):.1f} MiB | {median(last, 'rss_mib'):.1f} MiB | "
        f"{growth['rss_mib']:+.1f} MiB | < {RSS_GROWTH_LIMIT_MIB:g} MiB |\n"
        f"| open descriptors | {median(first, 'descriptors'):g} | {median(last, 'descriptors'):g} | "
        f"{growth['descriptors']:+g} | none |\n"
        f"| threads | {median(first, 'threads'):g} | {median(last, 'threads'):g} | {growth['threads']:+g} | none |\n"
        + ("\n" + "; ".join(problems) if problems else "\nNo growth beyond the limits; every activity completed.")
    )
    document = {"date": stamp.isoformat(timespec="seconds"), "machine": machine, "minutes": arguments.minutes,
                "rate": arguments.rate, "completed": completed, "growth": growth, "problems": problems,
                "samples": samples}
    report.write_results(arguments.out, "soak", stamp, document, markdown)
    return 1 if problems else 0


if __name__ == "__main__":
    cli.run(main)
