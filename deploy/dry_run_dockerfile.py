"""Run deploy/Dockerfile's instructions as a script, for a machine without a Docker engine.

    python deploy/dry_run_dockerfile.py [--keep]

The build stage's COPY and RUN instructions run in a fresh folder that stands for the image's
file system (its absolute paths mapped under it), with the stage's ENV; the final stage's ENV
then starts the installed `storywatch worker` against an embedded broker, and the image's
HEALTHCHECK command is run until it passes. What this cannot show: the base image, the user
and the volume, which only Docker applies. Prints each step; exits 1 on the first failure.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dockerfile_parse import DockerfileParser

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from service.broker import EmbeddedBroker  # noqa: E402


def stages(dockerfile: Path) -> list[list[dict[str, str]]]:
    """The instructions of each stage, in order."""
    found: list[list[dict[str, str]]] = []
    for instruction in DockerfileParser(path=str(dockerfile)).structure:
        if instruction["instruction"] == "FROM":
            found.append([])
        if found:
            found[-1].append(instruction)
    return found


class Filesystem:
    """The image's absolute paths, mapped under a folder of this machine."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, image_path: str) -> Path:
        return self.root / image_path.lstrip("/")

    def text(self, line: str) -> str:
        """A command line with the image's top folders mapped (only those the Dockerfile uses)."""
        for top in ("/opt/", "/src", "/var/lib/"):
            line = line.replace(top, str(self.root) + top)
        return line


def run_build_stage(stage: list[dict[str, str]], image: Filesystem) -> None:
    environment = dict(os.environ)
    workdir = image.root
    for instruction in stage[1:]:
        kind, value = instruction["instruction"], instruction["value"]
        if kind == "ENV":
            for pair in value.split():
                name, _, setting = pair.partition("=")
                environment[name] = setting
        elif kind == "WORKDIR":
            workdir = image.path(value)
            workdir.mkdir(parents=True, exist_ok=True)
        elif kind == "COPY":
            *sources, target = value.split()
            for source in sources:
                destination = workdir / target if not target.startswith("/") else image.path(target)
                if (REPO / source).is_dir():
                    shutil.copytree(REPO / source, destination, dirs_exist_ok=True)
                else:
                    destination.mkdir(parents=True, exist_ok=True)
                    shutil.copy(REPO / source, destination)
        elif kind == "RUN":
            command = image.text(value)
            print(f"RUN {command}", flush=True)
            started = time.monotonic()
            subprocess.run(["bash", "-ec", command], cwd=workdir, env=environment, check=True)
            print(f"    done in {time.monotonic() - started:.0f} s", flush=True)


def final_environment(stage: list[dict[str, str]], image: Filesystem) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("STORYWATCH_")}
    for instruction in stage:
        if instruction["instruction"] == "ENV":
            for pair in instruction["value"].replace("\\", " ").split():
                name, _, setting = pair.partition("=")
                environment[name] = image.text(setting.replace("$PATH", os.environ["PATH"]))
    return environment


def health_check(stage: list[dict[str, str]], environment: dict[str, str]) -> bool:
    [check] = [i["value"] for i in stage if i["instruction"] == "HEALTHCHECK"]
    command = json.loads(check[check.index("CMD") + 3 :].strip())
    result = subprocess.run(command, env=environment, capture_output=True, timeout=10, check=False)
    return result.returncode == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the folder")
    arguments = parser.parse_args()
    build, final = stages(REPO / "deploy" / "Dockerfile")
    image = Filesystem(Path(tempfile.mkdtemp(prefix="storywatch-image-")))
    print(f"image folder: {image.root}")
    try:
        run_build_stage(build, image)
        environment = final_environment(final, image)
        data_dir = Path(environment["STORYWATCH_DATA_DIR"])
        data_dir.mkdir(parents=True, exist_ok=True)
        with EmbeddedBroker(log_path=image.root / "broker.log") as broker:
            environment["STORYWATCH_BROKER_URL"] = broker.url
            entrypoint = [i["value"] for i in final if i["instruction"] in ("ENTRYPOINT", "CMD")]
            command = [*json.loads(entrypoint[0]), *json.loads(entrypoint[1])]
            executable = shutil.which(command[0], path=environment["PATH"])
            print(f"starting {executable} {' '.join(command[1:])}", flush=True)
            log = (image.root / "worker.log").open("wb")
            worker = subprocess.Popen(
                [str(executable), *command[1:]], env=environment, stdout=log, stderr=log
            )
            started = time.monotonic()
            try:
                while not health_check(final, environment):
                    if worker.poll() is not None or time.monotonic() - started > 180:
                        print(f"HEALTHCHECK never passed; see {image.root / 'worker.log'}")
                        sys.exit(1)
                    time.sleep(2)
                print(f"HEALTHCHECK passed {time.monotonic() - started:.0f} s after the start")
            finally:
                worker.terminate()
                worker.wait(60)
                log.close()
    finally:
        if not arguments.keep:
            shutil.rmtree(image.root, ignore_errors=True)


if __name__ == "__main__":
    main()
