"""Medians, Swift/Python ratios, the targets and the Markdown table."""

import datetime
import json
import os
import statistics
import sys
import time


def write_results(directory: str, kind: str, stamp: datetime.datetime, document: dict, markdown: str) -> str:
    """Writes <directory>/<kind>-<UTC time>.json and .md, prints the
    Markdown, and returns the path without its extension."""
    os.makedirs(directory, exist_ok=True)
    base = os.path.join(directory, f"{kind}-{stamp.strftime('%Y%m%dT%H%M%SZ')}")
    with open(base + ".json", "w") as handle:
        json.dump(document, handle, indent=1)
    with open(base + ".md", "w") as handle:
        handle.write(markdown + "\n")
    print(markdown)
    print(f"[{time.strftime('%H:%M:%S')}] wrote {base}.json and .md", file=sys.stderr, flush=True)
    return base


def spread(values: list[float], digits: int = 0) -> str:
    """Median with min–max."""
    if not values:
        return "–"
    text = lambda value: f"{value:,.{digits}f}"
    median = statistics.median(values)
    if len(values) == 1:
        return text(median)
    return f"{text(median)} ({text(min(values))}–{text(max(values))})"


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def pair_ratios(swift: list[dict], python: list[dict], key: str) -> list[float]:
    """Swift ÷ Python for each pair run side by side (repeat i with repeat i)."""
    return [a[key] / b[key] for a, b in zip(swift, python) if b[key]]


COLUMNS = [
    ("activities/s", "activities_per_second", 0),
    ("wall s", "wall_seconds", 1),
    ("worker CPU µs/activity", "cpu_us_per_activity", 0),
    ("peak RSS MiB", "peak_rss_mib", 1),
    ("server CPU s", "server_cpu_seconds", 1),
    ("sched→start p50 ms", "schedule_to_start_p50_ms", 0),
    ("sched→start p99 ms", "schedule_to_start_p99_ms", 0),
]


def run_table(groups: list[tuple[str, list[dict]]], columns: list[tuple[str, str, int]] = COLUMNS) -> list[str]:
    """One row per group, each column the median (min–max) of its runs."""
    lines = ["| run | " + " | ".join(title for title, _, _ in columns) + " | noisy |",
             "|---|" + "---|" * (len(columns) + 1)]
    for label, runs in groups:
        if not runs:
            continue
        cells = [spread([run[key] for run in runs if run[key] is not None], digits) for _, key, digits in columns]
        noisy = sum(run["noisy"] for run in runs)
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {noisy}/{len(runs)} |")
    return lines


class Verdicts:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, bool | None]] = []

    def add(self, target: str, limit: str, measured: float | None, met: bool | None, unit: str = "") -> None:
        value = "not measured" if measured is None else f"{measured:.2f}{unit}"
        self.rows.append((target, limit, value, None if measured is None else met))

    def table(self) -> list[str]:
        lines = ["| target | wanted | measured (median) | met |", "|---|---|---|---|"]
        for target, limit, value, met in self.rows:
            mark = "–" if met is None else ("yes" if met else "**no**")
            lines.append(f"| {target} | {limit} | {value} | {mark} |")
        return lines
