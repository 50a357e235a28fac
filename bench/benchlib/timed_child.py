"""Runs one command and prints, as one JSON line on stdout, its wall time
from fork to exit, its CPU seconds and its peak RSS, for that process alone, and the CPU the rest of the machine
used meanwhile.

  python3 bench/benchlib/timed_child.py COMMAND [ARG…]

Why a separate process: Linux counts the memory a child had before exec in
its peak RSS, and a child forked (or vforked) from the benchmark's driver
starts out as the driver, with the client's threads and heap; forked from
this small process, it starts out small. The command's stdout is discarded
and its stderr passed through.
"""

import json
import os
import sys
import time

import procstat  # this file's folder is first on the path when it runs


def main(command: list[str]) -> int:
    busy = procstat.machine_busy_seconds()
    began = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.execvp(command[0], command)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.monotonic() - began
    cpu = usage.ru_utime + usage.ru_stime
    others = max(0.0, procstat.machine_busy_seconds() - busy - cpu)
    print(json.dumps({"status": os.waitstatus_to_exitcode(status), "wall_seconds": wall, "cpu_seconds": cpu,
                      "peak_rss_kib": usage.ru_maxrss, "other_cpu_seconds": others}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
