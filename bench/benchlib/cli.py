"""What every driver's command line shares: timestamped progress lines on
stderr, and a main that SIGTERM unwinds like Ctrl-C, so every run stops its
workers and servers on the way out."""

import asyncio
import signal
import sys
import time


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _interrupted(*_) -> None:
    raise KeyboardInterrupt


def run(main) -> None:
    """Runs the coroutine function `main` and exits with what it returns."""
    signal.signal(signal.SIGTERM, _interrupted)
    sys.exit(asyncio.run(main()))
