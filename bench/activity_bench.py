"""Gaffer's activity worker against the official Python SDK worker, side by
side on this machine, each run on its own dev server. See bench/README.md.

  python3 bench/activity_bench.py                   the full benchmark (≈ 20 min)
  python3 bench/activity_bench.py --scale 0.05 --repeats 1    the smoke run CI does

Writes bench/results/activity-<time>.json and .md (or --out DIR) and prints
the Markdown. Exits 1 if a run loses an activity or a worker exits badly;
missed targets are reported, not failed: timing never fails a build.
"""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from benchlib.cli import log  # noqa: E402
from benchlib import cli, procstat, report, runs  # noqa: E402
from benchlib.workers import ROOT, SWIFT_WORKER  # noqa: E402

EQUAL_POLLERS = {"ACTIVITY_POLLERS": "5"}
CEILING_PROCESSES = 4



def describe(run: dict) -> str:
    return (f"{run['activities_per_second']:.0f}/s, wall {run['wall_seconds']:.1f} s, "
            f"{run['cpu_us_per_activity']:.0f} µs CPU/activity, peak RSS {run['peak_rss_mib']:.1f} MiB"
            + (" (noisy)" if run["noisy"] else ""))


async def alternate(label: str, repeats: int, variants: list[tuple[str, dict]], results: list[dict],
                    failed: list[dict]) -> None:
    """Runs each variant once per repeat, in turn: A B A B… A run that fails
    (a worker died, work did not finish) is recorded and the batch goes on."""
    for repeat in range(repeats):
        for name, arguments in variants:
            try:
                run = await runs.measure(**arguments)
            except RuntimeError as error:
                failed.append({"group": label, "variant": name, "worker": arguments["kind"], "repeat": repeat,
                               "error": str(error)})
                log(f"{label} · {name} #{repeat + 1}: FAILED: {error}")
                continue
            run.update(group=label, variant=name, repeat=repeat)
            results.append(run)
            log(f"{label} · {name} #{repeat + 1}: {describe(run)}")


def select(results: list[dict], group: str, variant: str) -> list[dict]:
    return sorted((run for run in results if run["group"] == group and run["variant"] == variant),
                  key=lambda run: run["repeat"])


def render_frame_times() -> list[dict]:
    binary = os.path.join(ROOT, ".build-release", "release", "gaffer-console-bench")
    if not os.path.exists(binary):
        return []
    output = subprocess.run([binary, "500"], capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def summarise(results: list[dict], extras: dict, scale: float, repeats: int) -> str:
    lines = []
    groups = []
    for scenario in runs.SCENARIOS:
        for variant in ("swift", "python"):
            groups.append((f"{scenario} · {variant}", select(results, scenario, variant)))
    for variant, label in (("swift", "swift (auto pollers)"), ("python", "python (5 pollers)"),
                           (f"python×{CEILING_PROCESSES}", f"python×{CEILING_PROCESSES} (the ceiling)")):
        groups.append((f"noop, own defaults · {label}", select(results, "defaults", variant)))
    for variant in ("console off", "console on"):
        groups.append((f"noop · swift {variant}", select(results, "console", variant)))
    lines += ["Equal pollers (5 each) for the three scenarios; slots 1,000 (sleep_ms: 20).",
              "Median (min–max) over the repeats.", ""]
    lines += report.run_table(groups)

    verdicts = report.Verdicts()
    noop_s, noop_p = select(results, "noop", "swift"), select(results, "noop", "python")
    hb_s, hb_p = select(results, "heartbeat_ms", "swift"), select(results, "heartbeat_ms", "python")
    cpu_noop = report.median(report.pair_ratios(noop_s, noop_p, "cpu_us_per_activity"))
    verdicts.add("worker CPU per activity, noop (Swift ÷ Python)", "≤ 0.3", cpu_noop, cpu_noop is not None and cpu_noop <= 0.3)
    cpu_hb = report.median(report.pair_ratios(hb_s, hb_p, "cpu_us_per_activity"))
    verdicts.add("worker CPU per activity, heartbeat_ms", "≤ 0.5", cpu_hb, cpu_hb is not None and cpu_hb <= 0.5)
    rss = [r for scenario in runs.SCENARIOS
           for r in report.pair_ratios(select(results, scenario, "swift"), select(results, scenario, "python"), "peak_rss_mib")]
    rss_worst = max(rss) if rss else None
    verdicts.add("peak RSS (worst scenario)", "≤ 0.5", rss_worst, rss_worst is not None and rss_worst <= 0.5)
    for scenario in runs.SCENARIOS:
        ratio = report.median(report.pair_ratios(select(results, scenario, "swift"), select(results, scenario, "python"),
                                                 "activities_per_second"))
        verdicts.add(f"activities/s at equal pollers, {scenario}", "≥ 1.0", ratio, ratio is not None and ratio >= 1.0)
    own = report.median(report.pair_ratios(select(results, "defaults", "swift"), select(results, "defaults", "python"),
                                           "activities_per_second"))
    verdicts.add("activities/s at own defaults, noop", "≥ 1.5", own, own is not None and own >= 1.5)
    ceiling = report.median([run["activities_per_second"] for run in select(results, "defaults", f"python×{CEILING_PROCESSES}")])
    swift_own = report.median([run["activities_per_second"] for run in select(results, "defaults", "swift")])
    of_ceiling = swift_own / ceiling if swift_own and ceiling else None
    verdicts.add(f"own defaults vs the ceiling ({CEILING_PROCESSES} Python processes)", "≥ 0.90", of_ceiling,
                 of_ceiling is not None and of_ceiling >= 0.9)
    sleep_runs = select(results, "sleep_ms", "swift")
    sleep_ratio = report.median([run["wall_seconds"] / run["ideal_seconds"] for run in sleep_runs])
    verdicts.add("sleep_ms wall ÷ ideal (N·t / slots)", "≤ 1.15", sleep_ratio, sleep_ratio is not None and sleep_ratio <= 1.15)
    console = report.median(report.pair_ratios(select(results, "console", "console on"),
                                               select(results, "console", "console off"), "activities_per_second"))
    verdicts.add("throughput, console on ÷ off", "≥ 0.95", console, console is not None and console >= 0.95)
    frames = extras.get("frame_render", [])
    frame = max((entry["median_ms"] for entry in frames), default=None)
    verdicts.add("console frame, 1,000 rows (median, largest size)", "≤ 2 ms", frame, frame is not None and frame <= 2, " ms")
    swift_idle = next((entry for entry in extras.get("idle", []) if entry["worker"] == "swift"), None)
    idle_cpu = swift_idle["cpu_percent"] if swift_idle else None
    verdicts.add("idle worker CPU (headless), % of a core", "≤ 2 %", idle_cpu, idle_cpu is not None and idle_cpu <= 2, " %")
    drains = [entry["drain_latency_ms"] for entry in extras.get("drain", []) if entry["worker"] == "swift"]
    drain = report.median(drains)
    verdicts.add("drain latency (last completion → exit)", "≤ 250 ms", drain, drain is not None and drain <= 250, " ms")

    lines += ["", "Targets (ratios are Swift ÷ Python, medians of the pairs run side by side):", ""]
    lines += verdicts.table()
    if extras.get("idle"):
        lines += ["", f"Idle, polling an empty queue for {extras['idle'][0]['seconds']:.0f} s:", "",
                  "| worker | CPU, % of a core | RSS MiB |", "|---|---|---|"]
        lines += [f"| {entry['worker']} | {entry['cpu_percent']:.2f} | {entry['rss_mib']:.1f} |" for entry in extras["idle"]]
    if extras.get("drain"):
        lines += ["", "Drain: SIGTERM with every sleep_ms activity running (grace 30 s):", "",
                  "| worker | activities | last completion → exit, ms | SIGTERM → exit, ms |", "|---|---|---|---|"]
        for kind in ("swift", "python"):
            entries = [entry for entry in extras["drain"] if entry["worker"] == kind]
            if entries:
                lines.append(f"| {kind} | {entries[0]['activities']} × {entries[0]['activity_ms']} ms | "
                             f"{report.spread([e['drain_latency_ms'] for e in entries])} | "
                             f"{report.spread([e['signal_to_exit_ms'] for e in entries])} |")
    if frames:
        lines += ["", "Console frame with 1,000 activities in flight (bench/console-render): "
                  + ", ".join(f"{entry['size']} median {entry['median_ms']:.2f} ms, p99 {entry['p99_ms']:.2f} ms"
                              for entry in frames) + "."]
    noisy = sum(run["noisy"] for run in results)
    lines += ["", f"Scale {scale}, {repeats} repeat(s); {noisy} of {len(results)} runs flagged noisy "
              f"(other processes used more than {runs.NOISE_CORES} of a core)."]
    return "\n".join(lines)


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of each scenario's activities (default 1)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per worker and scenario (default 3)")
    parser.add_argument("--idle-seconds", type=float, default=60, help="idle measurement length (default 60)")
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "results"), help="directory for the results")
    arguments = parser.parse_args()
    if not 0 < arguments.scale <= 1:
        parser.error(f"--scale {arguments.scale} is not allowed: use a fraction above 0, at most 1")
    if arguments.repeats < 1:
        parser.error(f"--repeats {arguments.repeats} is not allowed: use 1 or more")
    if not os.access(SWIFT_WORKER, os.X_OK):
        parser.error(f"{SWIFT_WORKER} is missing: swift build -c release --scratch-path .build-release "
                     "--product gaffer-bench-worker (bench/run does it)")

    began = time.monotonic()
    results: list[dict] = []
    failed: list[dict] = []
    extras: dict = {"failed_runs": failed}
    repeats, scale = arguments.repeats, arguments.scale
    for name, scenario in runs.SCENARIOS.items():
        scaled = scenario.scaled(scale)
        await alternate(name, repeats, [
            ("swift", dict(kind="swift", scenario=scaled, settings=EQUAL_POLLERS)),
            ("python", dict(kind="python", scenario=scaled, settings=EQUAL_POLLERS)),
        ], results, failed)
    noop = runs.SCENARIOS["noop"].scaled(scale)
    # Gaffer's own default is autoscaling pollers; the bench worker's
    # contract default is the SDKs' fixed 5, so it is asked for by name.
    await alternate("defaults", repeats, [
        ("swift", dict(kind="swift", scenario=noop, settings={"ACTIVITY_POLLERS": "auto"})),
        ("python", dict(kind="python", scenario=noop)),
        (f"python×{CEILING_PROCESSES}", dict(kind="python", scenario=noop, processes=CEILING_PROCESSES)),
    ], results, failed)
    await alternate("console", repeats, [
        ("console off", dict(kind="swift", scenario=noop)),
        ("console on", dict(kind="swift", scenario=noop, console=True)),
    ], results, failed)
    extras["idle"] = await runs.idle(["swift", "python"], max(5.0, arguments.idle_seconds * scale))
    log("idle: " + ", ".join(f"{e['worker']} {e['cpu_percent']:.2f} % CPU, {e['rss_mib']:.1f} MiB" for e in extras["idle"]))
    extras["drain"] = []
    for repeat in range(repeats):
        for kind in ("swift", "python"):
            try:
                entry = await runs.drain(kind, max(10, round(100 * scale)), 2000)
            except RuntimeError as error:
                failed.append({"group": "drain", "variant": kind, "worker": kind, "repeat": repeat, "error": str(error)})
                log(f"drain · {kind}: FAILED: {error}")
                continue
            extras["drain"].append(entry)
            log(f"drain · {kind}: {entry['drain_latency_ms']:.0f} ms after the last completion")
    extras["frame_render"] = render_frame_times()

    # Every run's workflows completed (fan_out raises otherwise). A Gaffer
    # worker that then exits badly fails the benchmark; the Python SDK's
    # own exit crashes are reported, not failed on.
    failures = [run for run in results if run["worker"] == "swift" and any(s != 0 for s in run["exit_statuses"])]
    failures += [run for run in failed if run["worker"] == "swift"]
    failures += [entry for entry in extras["drain"]
                 if entry["completed"] != entry["activities"] or (entry["worker"] == "swift" and entry["exit_status"] != 0)]
    crashes = [run for run in results if run["worker"] == "python" and any(s != 0 for s in run["exit_statuses"])]
    crashes += [entry for entry in extras["drain"] if entry["worker"] == "python" and entry["exit_status"] != 0]
    python_failures = [run for run in failed if run["worker"] == "python"]
    markdown = summarise(results, extras, scale, repeats)
    if python_failures:
        markdown += (f"\n\n{len(python_failures)} Python SDK worker run(s) failed and are left out: "
                     + "; ".join(f"{run['group']} · {run['variant']} #{run['repeat'] + 1}: {run['error'][:160]}"
                                 for run in python_failures) + ".")
    if crashes:
        markdown += (f"\n\nThe Python SDK worker exited abnormally after {len(crashes)} run(s), after its work was done "
                     f"(exit statuses: {', '.join(str(r.get('exit_statuses', r.get('exit_status'))) for r in crashes)}).")
    stamp = datetime.datetime.now(datetime.timezone.utc)
    document = {
        "date": stamp.isoformat(timespec="seconds"), "machine": procstat.machine_description(),
        "python": platform.python_version(), "scale": scale, "repeats": repeats,
        "minutes": (time.monotonic() - began) / 60, "runs": results, **extras,
    }
    machine = document["machine"]
    header = (f"Activity benchmark, {stamp.strftime('%Y-%m-%d %H:%M')} UTC, {machine['cores']} × {machine['cpu']}, "
              f"{machine['memory_mib']:,} MiB, Linux {machine['kernel']}; {document['minutes']:.1f} min.\n\n")
    report.write_results(arguments.out, "activity", stamp, document, header + markdown)
    for failure in failures:
        log(f"FAILED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    cli.run(main)
