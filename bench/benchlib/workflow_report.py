"""The workflow benchmark's tables and targets (bench/workflow_bench.py)."""

from . import report
from .runs import NOISE_CORES

LOAD_COLUMNS = [
    ("workflows/s", "workflows_per_second", 1),
    ("wall s", "wall_seconds", 1),
    ("workflow tasks", "workflow_tasks", 0),
    ("worker CPU µs/workflow task", "cpu_us_per_workflow_task", 0),
    ("peak RSS MiB", "peak_rss_mib", 1),
    ("server CPU s", "server_cpu_seconds", 1),
    ("task sched→start p50 ms", "task_schedule_to_start_p50_ms", 0),
    ("task sched→start p99 ms", "task_schedule_to_start_p99_ms", 0),
]


def select(runs: list[dict], variant: str) -> list[dict]:
    return sorted((run for run in runs if run["variant"] == variant), key=lambda run: run["repeat"])


def variants_in(runs: list[dict]) -> list[str]:
    return list(dict.fromkeys(run["variant"] for run in runs))


def replay_figures(replays: list[dict], events: int) -> dict[str, dict[int, dict]]:
    """Per replayer and repeat: events/s from exec to exit (one file), and
    the replay alone (the extra wall time of the same file replayed again
    in the same process, over the extra replays)."""
    figures: dict[str, dict[int, dict]] = {}
    for run in replays:
        entry = figures.setdefault(run["worker"], {}).setdefault(run["repeat"], {})
        entry["single" if run["files"] == 1 else "multiple"] = run
    for per_repeat in figures.values():
        for entry in per_repeat.values():
            single, multiple = entry.get("single"), entry.get("multiple")
            if single:
                entry["cold_events_per_second"] = events / single["wall_seconds"]
            if single and multiple:
                extra = multiple["wall_seconds"] - single["wall_seconds"]
                entry["warm_events_per_second"] = events * (multiple["files"] - 1) / extra if extra > 0 else None
    return figures


def replay_ratio(figures: dict, key: str) -> float | None:
    swift, python = figures.get("swift", {}), figures.get("python", {})
    ratios = [swift[repeat][key] / python[repeat][key] for repeat in swift
              if repeat in python and swift[repeat].get(key) and python[repeat].get(key)]
    return report.median(ratios)


def load_section(runs: list[dict]) -> list[str]:
    """The table of one load's runs, and any run whose workflow tasks were
    not what history should show."""
    lines = report.run_table([(variant, select(runs, variant)) for variant in variants_in(runs)], LOAD_COLUMNS)
    for run in runs:
        if run["workflow_tasks"] != run["workflow_tasks_expected"] or run["workflow_tasks_failed"] \
                or run["workflow_tasks_timed_out"]:
            lines.append(f"\n{run['variant']} #{run['repeat'] + 1}: {run['workflow_tasks']} workflow tasks completed "
                         f"(expected {run['workflow_tasks_expected']}), {run['workflow_tasks_failed']} failed, "
                         f"{run['workflow_tasks_timed_out']} timed out.")
    return lines


def summarise(loads: dict[str, list[dict]], caches: list[dict], replays: list[dict], history: dict,
              settings: dict) -> str:
    chains, timers = loads["chain"], loads["timer"]
    lines = [f"**Chain:** {settings['chain']} at once, after a warm-up of {settings['warm_up']} × chain(3); "
             "both workers at the contract's defaults (cache 1,000, 100 workflow-task slots, 5 workflow and 5 activity "
             "pollers, 1,000 activity slots). Workflow tasks are the WorkflowTaskCompleted events of the runs' "
             "histories (a chain(k) should show k + 1); the worker's CPU includes the noop activities it also ran, "
             "one beside every workflow task but each run's first. Median (min–max) over the repeats.", ""]
    lines += load_section(chains)
    if len(variants_in(chains)) > 2:
        lines += ["", "`python` is the SDK worker with the UnsandboxedWorkflowRunner and eager activities on (the "
                  "SDK's default: the completion of the task that schedules an activity brings that activity back, "
                  "with no poll); `python sandboxed` uses the SDK's default runner; `python no eager` polls for "
                  "every activity (context: what eager activities save; both Gaffer and `python` use them)."]
    if timers:
        lines += ["", f"**Timer:** {settings['timer']} at once, after a warm-up of {settings['warm_up']} × timer(100), "
                  "same settings: two workflow tasks per run (start the timer; complete), no activity, so the worker's "
                  "CPU is workflow work alone, a new run's first task in every other one.", ""]
        lines += load_section(timers)

    if caches:
        lines += ["", f"**Cache:** {settings['cached_runs']} counter runs started, signalled once (add 1) and queried "
                  "until the signal shows, then left open; resident memory with them held minus before them "
                  f"(after {settings['warm_up']} warm-up counters had run to the end), per run.", "",
                  "| worker | runs held | RSS before MiB | RSS with them MiB | KiB per cached run | cache size (worker's /metrics) |",
                  "|---|---|---|---|---|---|"]
        for variant in variants_in(caches):
            runs = select(caches, variant)
            reported = [run["cache_size_reported"] for run in runs if run["cache_size_reported"] is not None]
            lines.append(f"| {variant} | {runs[0]['runs']:,} | {report.spread([r['baseline_rss_mib'] for r in runs], 1)} | "
                         f"{report.spread([r['held_rss_mib'] for r in runs], 1)} | "
                         f"{report.spread([r['kib_per_run'] for r in runs], 1)} | "
                         f"{report.spread(reported) if reported else '–'} |")

    events = history.get("events")
    figures = replay_figures(replays, events) if events else {}
    if figures:
        multiple = max(run["files"] for run in replays)
        lines += ["", f"**Replay:** one chain({history['length']}) history of {events:,} events, recorded from the "
                  f"dev server by the {history['recorded_by']} worker and exported with `temporal workflow show -o json`; "
                  "each replayer as a process, from exec to exit (cold), and the same file "
                  f"{multiple} times in one process (the difference over {multiple - 1} extra replays is the replay "
                  f"alone). {settings['replay_repeats']} repeat(s), alternating.", "",
                  "| replayer | cold wall ms | cold events/s | cold CPU ms | peak RSS MiB | replay alone, events/s | noisy |",
                  "|---|---|---|---|---|---|---|"]
        names = {"swift": "`gaffer-bench-worker replay`", "python": "`bench/py_replay.py` (Replayer, unsandboxed)"}
        for kind in ("swift", "python"):
            entries = [entry for entry in figures.get(kind, {}).values() if "single" in entry]
            if not entries:
                continue
            singles = [entry["single"] for entry in entries]
            warm = [entry["warm_events_per_second"] for entry in entries if entry.get("warm_events_per_second")]
            lines.append(f"| {names[kind]} | {report.spread([r['wall_seconds'] * 1000 for r in singles])} | "
                         f"{report.spread([e['cold_events_per_second'] for e in entries])} | "
                         f"{report.spread([r['cpu_seconds'] * 1000 for r in singles])} | "
                         f"{report.spread([r['peak_rss_mib'] for r in singles], 1)} | {report.spread(warm)} | "
                         f"{sum(r['noisy'] for r in singles)}/{len(singles)} |")

    verdicts = report.Verdicts()
    swift, python = select(chains, "swift"), select(chains, "python")
    cpu = report.median(report.pair_ratios(swift, python, "cpu_us_per_workflow_task"))
    verdicts.add("worker CPU per workflow task, chain (Swift ÷ Python)", "≤ 0.5", cpu, cpu is not None and cpu <= 0.5)
    rss = report.median(report.pair_ratios(swift, python, "peak_rss_mib"))
    verdicts.add("peak RSS, chain", "≤ 0.6", rss, rss is not None and rss <= 0.6)
    cold = replay_ratio(figures, "cold_events_per_second")
    verdicts.add("replay events/s, process start included (Swift ÷ Python)", "≥ 2×", cold, cold is not None and cold >= 2,
                 "×")
    warm = replay_ratio(figures, "warm_events_per_second")
    verdicts.add("replay events/s, replay alone (no target)", "–", warm, None, "×")
    timer = report.median(report.pair_ratios(select(timers, "swift"), select(timers, "python"), "cpu_us_per_workflow_task"))
    verdicts.add("worker CPU per workflow task, timer (no target)", "–", timer, None)
    cache = report.median(report.pair_ratios(select(caches, "swift"), select(caches, "python"), "kib_per_run"))
    verdicts.add("memory per cached run, Swift ÷ Python (no target)", "–", cache, None)
    for variant in ("python sandboxed", "python no eager"):
        other = select(chains, variant)
        if other:
            ratio = report.median(report.pair_ratios(swift, other, "cpu_us_per_workflow_task"))
            verdicts.add(f"worker CPU per workflow task, Swift ÷ {variant} (no target)", "–", ratio, None)
    lines += ["", "Ratios are Swift ÷ Python (unsandboxed, eager activities on: the SDK's default), medians of the "
              "pairs run side by side:", ""]
    lines += verdicts.table()
    noisy = sum(run["noisy"] for run in chains + timers)
    lines += ["", f"Scale {settings['scale']}, {settings['repeats']} repeat(s); {noisy} of {len(chains + timers)} "
              f"chain and timer runs flagged noisy (other processes used more than {NOISE_CORES} of a core)."]
    return "\n".join(lines)
