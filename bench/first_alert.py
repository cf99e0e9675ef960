"""Seconds from starting `storywatch run` to its first alert line, over several runs.

Each run starts the embedded broker, a worker and a replay of the seed article, exactly as
`make run` does (after installation), then is stopped with Ctrl-C. Prints each run and the
median. Usage: python bench/first_alert.py [RUNS]
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from service.broker import free_port

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_gaza_ceasefire_talks.jsonl"


def seconds_to_first_alert() -> float:
    with tempfile.TemporaryDirectory() as state:
        env = {k: v for k, v in os.environ.items() if not k.startswith("STORYWATCH_")}
        env |= {"STORYWATCH_WEB_PORT": str(free_port()), "STORYWATCH_DATA_DIR": state}
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "run", "--articles", str(SEED)],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert process.stdout is not None
        elapsed = None
        for line in process.stdout:
            if "story.new" in line:
                elapsed = time.perf_counter() - started
                break
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
        process.stdout.close()
        if elapsed is None:
            raise SystemExit(f"no alert; `storywatch run` exited with {process.returncode}")
        return elapsed


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    timings = []
    for number in range(1, runs + 1):
        timings.append(seconds_to_first_alert())
        print(f"run {number}: first alert after {timings[-1]:.2f} s", flush=True)
    print(
        f"median of {runs}: {statistics.median(timings):.2f} s "
        f"(min {min(timings):.2f}, max {max(timings):.2f})"
    )


if __name__ == "__main__":
    main()
