"""CPU and memory of process trees and of the whole machine, from /proc."""

import ctypes
import os
import signal

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(child) for child in handle.read().split())
        except OSError:
            pass
    return found


def tree(pid: int) -> list[int]:
    """The process and all its descendants alive now."""
    pids, pending = [], [pid]
    while pending:
        current = pending.pop()
        pids.append(current)
        pending.extend(_children(current))
    return pids


def _stat_fields(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            text = handle.read()
    except OSError:
        return None
    # The command name may hold spaces and parentheses: split after the last ')'.
    return text[text.rindex(")") + 2 :].split()


def cpu_seconds(pid: int) -> float:
    """User + system CPU of the process tree, including reaped children."""
    total = 0
    for member in tree(pid):
        fields = _stat_fields(member)
        if fields:
            # utime, stime, cutime, cstime are fields 14-17 (1-based) of stat.
            total += sum(int(value) for value in fields[11:15])
    return total / CLOCK_TICKS


def _status_kib(pid: int, key: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def peak_rss_mib(pid: int) -> float:
    """Peak resident set (VmHWM) summed over the tree."""
    return sum(_status_kib(member, "VmHWM") for member in tree(pid)) / 1024


def rss_mib(pid: int) -> float:
    return sum(_status_kib(member, "VmRSS") for member in tree(pid)) / 1024


def open_descriptors(pid: int) -> int:
    try:
        return len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return 0


def threads(pid: int) -> int:
    return _status_kib(pid, "Threads")


def machine_busy_seconds() -> float:
    """CPU seconds all cores spent outside idle and iowait since boot."""
    with open("/proc/stat") as handle:
        fields = [int(value) for value in handle.readline().split()[1:]]
    idle = fields[3] + fields[4]
    # guest time is already counted in user.
    return (sum(fields[:8]) - idle) / CLOCK_TICKS


def self_cpu_seconds() -> float:
    """This process only: its children are measured on their own."""
    times = os.times()
    return times.user + times.system


def machine_description() -> dict:
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = _meminfo_mib("MemTotal")
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "memory_mib": memory,
        "kernel": os.uname().release,
    }


def _meminfo_mib(key: str) -> int:
    with open("/proc/meminfo") as handle:
        for line in handle:
            if line.startswith(key + ":"):
                return int(line.split()[1]) // 1024
    return 0


def die_with_parent() -> None:
    """For Popen's preexec_fn: the child is killed if the driver dies, even
    by SIGKILL, so no worker or server outlives an interrupted benchmark."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
