# A user's pytest-playwright project (copied to a temp dir by test/package/pytest-playwright.test.ts,
# which sets MESOP and CHROMIUM): the apps are started with the given mesop, Chromium is Debian's.
import os
import socket
import subprocess
import time
import urllib.request

import pytest

MESOP = os.environ.get("MESOP", "mesop")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    chromium = os.environ.get("CHROMIUM")
    return {**browser_type_launch_args, **({"executable_path": chromium} if chromium else {})}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(app: str):
    port = _free_port()
    proc = subprocess.Popen([MESOP, app, "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(600):
        try:
            urllib.request.urlopen(url, timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"{app} did not start")


@pytest.fixture(scope="session")
def chat_url():
    proc, url = _serve("main.py")
    yield url
    proc.terminate()
    proc.wait()


@pytest.fixture(scope="session")
def error_url():
    proc, url = _serve("error_app.py")
    yield url
    proc.terminate()
    proc.wait()
