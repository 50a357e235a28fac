"""The chaos suite: Gaffer's bench worker and the official Python SDK worker
under the same faults in the same run, each against a dev server of its own
with a database on disk. See bench/README.md ("Chaos").

  python3 bench/chaos.py              the full suite (≈ 11 min)
  python3 bench/chaos.py --quick      small counts, one repeat: what CI runs

Reads every outcome from workflow histories: activities completed, attempts
beyond the first (re-runs) and why, how soon pollers came back, how long
after the server returned the results got in. Writes
bench/results/chaos-<time>.json and .md (or --out DIR) and prints the table.
Exits 1 if Gaffer lost an activity, ran one twice where it should not have,
exited badly, or its counters disagree with the server's. The Python
worker's outcomes are reported, not judged; timing targets are reported as
met or missed and never fail the run (these machines are shared and noisy).
"""

import argparse
import datetime
import os
import platform
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from temporalio.runtime import LoggingConfig, Runtime, TelemetryConfig, TelemetryFilter  # noqa: E402

from benchlib.cli import log  # noqa: E402
from benchlib import cli, faults, procstat, report  # noqa: E402
from benchlib.workers import ROOT, SWIFT_WORKER  # noqa: E402

REPOLL_TARGET_SECONDS = 1.0



def scenarios(quick: bool) -> list[tuple[str, list[str], dict]]:
    """(function, workers, arguments) for each scenario, smaller with --quick."""
    scale = (lambda full, small: small) if quick else (lambda full, small: full)
    return [
        ("server_outage", ["swift", "python"], dict(count=scale(50, 10), activity_ms=3000, down_seconds=5)),
        ("server_outage", ["swift", "python"], dict(count=scale(50, 10), activity_ms=3000, down_seconds=15)),
        ("worker_sigterm", ["swift", "python"], dict(count=scale(100, 20), activity="sleep_ms", argument=2000, grace=10)),
        ("worker_sigterm", ["swift", "python"],
         dict(count=scale(20, 5), activity="heartbeat_ms", argument=10000, grace=1, heartbeat_timeout=5)),
        ("worker_sigkill", ["swift", "python"], dict(count=scale(20, 5), activity_ms=3000)),
        ("control_storm", ["swift"], dict(count=scale(10000, 500))),
    ]


def judge(row: dict) -> list[str]:
    """What is wrong with a Gaffer row, if anything."""
    problems = []
    if row["lost"] or not row["all_done"]:
        problems.append(f"{row['lost']} of {row['activities']} activities never completed")
    if row["exit_status"] != 0:
        problems.append(f"the worker exited with {row['exit_status']}")
    scenario = row["scenario"]
    if scenario.startswith("server down") or scenario == "SIGTERM, 10 s grace":
        if row["reruns"]:
            counters = f"; worker's exit counters: {row['worker_exit_counters']}" if row.get("worker_exit_counters") else ""
            problems.append(f"{row['reruns']} activities ran again ({row['rerun_causes']}){counters}")
    if scenario == "SIGTERM, 1 s grace":
        handed_back = row["rerun_causes"].get("WorkerShutdown", 0)
        if handed_back != row["reruns"]:
            problems.append(f"re-runs not all handed back as WorkerShutdown: {row['rerun_causes']}")
    if scenario == "control storm":
        if row["reruns"]:
            problems.append(f"{row['reruns']} duplicate attempts")
        counters = row["worker_counters"]
        expected = {"received": row["activities"], "completed": row["activities"], "failed": 0, "cancelled": 0,
                    "dropped": 0, "abandoned": 0}
        if counters != expected:
            problems.append(f"the worker's counters {counters} differ from the server's {expected}")
        saw = row["worker_saw"]
        if not (saw["pauses"] and saw["resumes"] and saw["slot changes"]):
            problems.append(f"the storm did not reach the worker (its log shows {saw})")
    return problems


def cell(value, unit: str = "", digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}{unit}"
    return f"{value}{unit}"


def table(rows: list[dict]) -> str:
    lines = [
        "| scenario | worker | completed | re-runs (why) | pollers back after | results in after | "
        "SIGTERM → exit | last result → exit | handed out again after | exit | verdict |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        causes = ", ".join(f"{count}× {cause}" for cause, count in row["rerun_causes"].items())
        reruns = f"{row['reruns']}" + (f" ({causes})" if causes else "")
        repoll = row.get("repoll_seconds")
        repoll_text = cell(repoll, " s", 2)
        if repoll is not None and row["worker"] == "swift":
            repoll_text += " ✓" if repoll <= REPOLL_TARGET_SECONDS else " (target 1 s missed)"
        verdict = "–" if row["worker"] != "swift" else ("FAIL: " + "; ".join(row["problems"]) if row["problems"]
                                                        else "pass")
        lines.append(
            f"| {row['scenario']} | {'Gaffer' if row['worker'] == 'swift' else 'Python SDK'} | "
            f"{row['completed']}/{row['activities']} | {reruns} | {repoll_text} | "
            f"{cell(row.get('results_in_after_seconds'), ' s', 2)} | {cell(row.get('signal_to_exit_seconds'), ' s', 2)} | "
            f"{cell(row.get('last_result_to_exit_seconds'), ' s', 2)} | "
            f"{cell(row.get('retry_after_seconds'), ' s', 1)} | {cell(row['exit_status'])} | {verdict} |")
    return "\n".join(lines)


async def main() -> int:
    # The driver's own SDK clients retry through every outage the suite
    # causes and would warn about each retry.
    Runtime.set_default(Runtime(telemetry=TelemetryConfig(logging=LoggingConfig(
        filter=TelemetryFilter(core_level="ERROR", other_level="ERROR")))), error_if_already_set=False)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small counts, one repeat (CI)")
    parser.add_argument("--repeats", type=int, default=None, help="runs per worker and scenario (default 2, quick 1)")
    parser.add_argument("--only", default=None,
                        help="comma-separated scenario functions to run (server_outage, worker_sigterm, "
                             "worker_sigkill, control_storm)")
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "results"), help="directory for the results")
    arguments = parser.parse_args()
    repeats = arguments.repeats if arguments.repeats is not None else (1 if arguments.quick else 2)
    if repeats < 1:
        parser.error(f"--repeats {repeats} is not allowed: use 1 or more")
    chosen = scenarios(arguments.quick)
    if arguments.only:
        names = {name.strip() for name in arguments.only.split(",")}
        known = {name for name, _, _ in chosen}
        if names - known:
            parser.error(f"--only {arguments.only}: {', '.join(sorted(names - known))} is not a scenario; "
                         f"use {', '.join(sorted(known))}")
        chosen = [entry for entry in chosen if entry[0] in names]
    if not os.access(SWIFT_WORKER, os.X_OK):
        parser.error(f"{SWIFT_WORKER} is missing: swift build -c release --scratch-path .build-release "
                     "--product gaffer-bench-worker (bench/chaos does it), or set GAFFER_BENCH_WORKER")

    began = time.monotonic()
    rows: list[dict] = []
    errors: list[str] = []
    for name, kinds, parameters in chosen:
        for repeat in range(repeats):
            for kind in kinds:
                function = getattr(faults, name)
                arguments_for_kind = dict(parameters) if name == "control_storm" else dict(kind=kind, **parameters)
                try:
                    row = await function(**arguments_for_kind)
                except RuntimeError as error:
                    message = f"{name} · {kind} #{repeat + 1}: {error}"
                    log(f"ERROR: {message}")
                    if kind == "swift":
                        errors.append(message)
                    continue
                row["repeat"] = repeat
                row["problems"] = judge(row) if kind == "swift" else []
                rows.append(row)
                summary = (f"{row['completed']}/{row['activities']} completed, {row['reruns']} re-runs"
                           + (f", pollers back after {row['repoll_seconds']:.2f} s" if row.get("repoll_seconds") is not None else "")
                           + (f", exit after {row['signal_to_exit_seconds']:.2f} s" if row.get("signal_to_exit_seconds") is not None else ""))
                log(f"{row['scenario']} · {kind} #{repeat + 1}: {summary}"
                    + (f" — FAIL: {'; '.join(row['problems'])}" if row["problems"] else ""))

    stamp = datetime.datetime.now(datetime.timezone.utc)
    machine = procstat.machine_description()
    markdown = table(rows)
    for row in rows:
        if row["scenario"] == "control storm":
            saw, counters = row["worker_saw"], row["worker_counters"] or {}
            markdown += (f"\n\nControl storm #{row['repeat'] + 1}: {saw['pauses']} pauses, {saw['resumes']} resumes and "
                         f"{saw['slot changes']} slot changes (1–200) reached the worker through its console; its final "
                         f"counters: " + ", ".join(f"{name} {value}" for name, value in counters.items()) + ".")
    if errors:
        markdown += "\n\nGaffer runs that could not finish:\n" + "\n".join(f"- {error[:400]}" for error in errors)
    header = (f"Chaos suite{' (quick)' if arguments.quick else ''}, {stamp.strftime('%Y-%m-%d %H:%M')} UTC, "
              f"{machine['cores']} × {machine['cpu']}, {machine['memory_mib']:,} MiB, Linux {machine['kernel']}; "
              f"{repeats} repeat(s), {(time.monotonic() - began) / 60:.1f} min.\n\n")
    document = {"date": stamp.isoformat(timespec="seconds"), "machine": machine,
                "python": platform.python_version(), "quick": arguments.quick, "repeats": repeats,
                "rows": rows, "errors": errors}
    report.write_results(arguments.out, "chaos", stamp, document, header + markdown)
    failed = errors + [f"{row['scenario']} #{row['repeat'] + 1}: {p}" for row in rows for p in row["problems"]]
    for failure in failed:
        log(f"FAILED: {failure}")
    return 1 if failed else 0


if __name__ == "__main__":
    cli.run(main)
