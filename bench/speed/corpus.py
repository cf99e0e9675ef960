"""What every contender of the speed benchmark shares: the corpus and how memory is read."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def corpus_articles(path: Path, count: int | None = None) -> list[dict[str, Any]]:
    """The first `count` articles of a JSONL corpus (all when None)."""
    articles = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                articles.append(json.loads(line))
            if count is not None and len(articles) >= count:
                break
    return articles


def corpus_texts(path: Path, count: int | None = None) -> list[str]:
    return [article["text"] for article in corpus_articles(path, count)]


def tree_peak_rss_bytes(pid: int) -> int:
    """Peak RSS of a process plus that of each of its children now alive: an upper bound
    of the tree's peak, since their peaks need not fall at one moment."""
    return sum(peak_rss_bytes(member) for member in [pid, *child_pids(pid)])


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds (user and system) of a process and of each of its children now alive."""
    return sum(cpu_seconds(member) for member in [pid, *child_pids(pid)])


def cpu_seconds(pid: int | str = "self") -> float:
    """CPU seconds (user and system) a process has used so far."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()
    # After the command: state is field 3 of stat(5), utime 14 and stime 15.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def child_pids(pid: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children += [int(c) for c in (task / "children").read_text().split()]
    return children


def peak_rss_bytes(pid: int | str = "self") -> int:
    """A process's peak resident set size (VmHWM), in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmHWM for process {pid}")
