"""`gaffer demo` leaves nothing behind, whatever ends it.

  demo_cleanup.py GAFFER_BINARY

Two runs of `gaffer demo --headless` (it starts its own dev server and the
Python load driver):
  1. SIGKILL to the demo once its load is running;
  2. its stdout and stderr pipes closed (the reader gone, as when tee dies),
     then SIGINT: it must drain and exit 0, not die writing to the pipe. It
     starts with SIGINT ignored, as a shell script's background job does,
     and sends the signal the moment the demo says its load runs.
After each: every process the demo started has exited, and the dev server's
port is free. Every wait is bounded; exits 1 naming what was left.
"""

import os
import signal
import socket
import subprocess
import sys
import time

READY = b"load driver started"


def children_of(pid):
    """The pids whose parent is `pid` (read from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def alive(pid):
    """True while the process exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            state = stat.read().rsplit(b")", 1)[1].split()[0]
    except OSError:
        return False
    return state != b"Z"


def command_of(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return cmdline.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return "?"


def port_open(port):
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def start(gaffer, log_path, worker_log, sigint_ignored=False):
    """Starts the demo; returns it once its load driver runs, with the server's port.

    The worker also logs to `worker_log`, which outlives the closed pipes.
    With `sigint_ignored` it inherits SIGINT ignored, as a background job of
    a shell script does: its own handler must still catch it."""
    environment = {k: v for k, v in os.environ.items() if k != "TEMPORAL_ADDRESS"}
    environment["GAFFER_LOG_FILE"] = worker_log
    demo = subprocess.Popen(
        [gaffer, "demo", "--headless", "--rate", "5"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=environment, start_new_session=True,
        preexec_fn=(lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)) if sigint_ignored else None)
    seen = b""
    deadline = time.monotonic() + 120
    os.set_blocking(demo.stderr.fileno(), False)
    while READY not in seen:
        if time.monotonic() > deadline or demo.poll() is not None:
            with open(log_path, "wb") as log:
                log.write(seen)
            sys.exit(f"demo_cleanup: the demo did not get its load running (exit {demo.poll()}); log in {log_path}")
        chunk = demo.stderr.read(65536)
        if chunk:
            seen += chunk
        else:
            time.sleep(0.1)
    port = None
    for line in seen.decode(errors="replace").splitlines():
        if "started a Temporal dev server at 127.0.0.1:" in line:
            port = int(line.split("127.0.0.1:", 1)[1].split()[0])
    if port is None:
        sys.exit("demo_cleanup: the demo's log does not name its dev server's address")
    return demo, port


def check_nothing_left(what, started, port):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        left = [pid for pid in started if alive(pid)]
        if not left and not port_open(port):
            print(f"demo_cleanup: {what}: its {len(started)} processes are gone and port {port} is free")
            return
        time.sleep(0.2)
    left = [pid for pid in started if alive(pid)]
    for pid in left:
        os.killpg(pid, signal.SIGKILL)
    sys.exit(f"demo_cleanup: {what}: left behind {[(pid, command_of(pid)) for pid in left]}, "
             f"port {port} {'still open' if port_open(port) else 'free'}")


def log_tail(path, lines=25):
    try:
        with open(path, errors="replace") as log:
            return "".join(log.readlines()[-lines:])
    except OSError:
        return "(no log)"


def main():
    gaffer = sys.argv[1]
    log_path = "/tmp/gaffer-demo-cleanup.log"
    worker_log = f"/tmp/gaffer-demo-cleanup-worker-{os.getpid()}.log"

    demo, port = start(gaffer, log_path, worker_log)
    started = children_of(demo.pid)
    if len(started) < 2:
        sys.exit(f"demo_cleanup: expected the dev server and the load driver under the demo, found "
                 f"{[(pid, command_of(pid)) for pid in started]}")
    os.kill(demo.pid, signal.SIGKILL)
    demo.wait(timeout=10)
    check_nothing_left("SIGKILL", started, port)

    if os.path.exists(worker_log):
        os.remove(worker_log)
    demo, port = start(gaffer, log_path, worker_log, sigint_ignored=True)
    started = children_of(demo.pid)
    demo.stdout.close()
    demo.stderr.close()
    os.kill(demo.pid, signal.SIGINT)
    try:
        status = demo.wait(timeout=90)
    except subprocess.TimeoutExpired:
        os.killpg(demo.pid, signal.SIGKILL)
        sys.exit("demo_cleanup: closed pipes + SIGINT: the demo did not exit within 90 s; "
                 f"its log ends:\n{log_tail(worker_log)}")
    if status != 0:
        sys.exit(f"demo_cleanup: closed pipes + SIGINT: the demo exited {status}, expected 0 (a drain); "
                 f"its log ends:\n{log_tail(worker_log)}")
    check_nothing_left("closed pipes + SIGINT", started, port)
    os.remove(worker_log)


if __name__ == "__main__":
    main()
