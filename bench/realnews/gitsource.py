"""Read files of one commit of a bare git directory without a work tree."""

from __future__ import annotations

import subprocess
from pathlib import Path
from types import TracebackType


def list_folder(git_dir: Path, commit: str, folder: str) -> list[str]:
    """The paths of the files directly inside `folder` at `commit` (empty if it does not exist)."""
    result = subprocess.run(
        [
            "git",
            "--git-dir",
            str(git_dir),
            "ls-tree",
            "--name-only",
            commit,
            folder.rstrip("/") + "/",
        ],
        capture_output=True,
        check=True,
        text=True,
    )
    return [line for line in result.stdout.splitlines() if line]


class BlobReader:
    """The bytes of any path at a commit, through one long-lived `git cat-file --batch`."""

    def __init__(self, git_dir: Path, commit: str) -> None:
        self._commit = commit
        self._process = subprocess.Popen(
            ["git", "--git-dir", str(git_dir), "cat-file", "--batch"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )

    def read(self, path: str) -> bytes:
        """The content of `path` at the commit; FileNotFoundError if it is not there."""
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(f"{self._commit}:{path}\n".encode())
        self._process.stdin.flush()
        header = self._process.stdout.readline().decode().split()
        if len(header) != 3:
            raise FileNotFoundError(f"{path} is not in commit {self._commit}")
        size = int(header[2])
        content = self._process.stdout.read(size)
        self._process.stdout.read(1)  # the newline after each object
        return content

    def close(self) -> None:
        """Stop the git process (idempotent)."""
        if self._process.stdin is not None and not self._process.stdin.closed:
            self._process.stdin.close()
        self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
