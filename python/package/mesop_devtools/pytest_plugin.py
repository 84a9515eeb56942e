"""pytest plugin (registered through the `pytest11` entry point): payload budgets inside
pytest-playwright tests.

    def test_chat(page, mesop_payload):
        page.goto("http://127.0.0.1:32123/")
        ...                       # after the test: analyzed, report written, budgets checked

    pytest --mesop-budgets mesop-devtools.config.json

`mesop_payload` records the `page` fixture's Mesop traffic over CDP (cdp_recorder.py: complete,
SSE bodies after the client's abort included) and hands it, as a HAR, to the bundled CLI's
`analyze`: the numbers, budgets, blame and reports are the CLI's and the panel's core, not a second
implementation. The report (JSON check report + HTML) goes to the test's folder under
pytest-playwright's `--output` (default test-results/); an `error` budget fails the test with the
lines `analyze` prints for it.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("mesop-devtools", "Mesop payload budgets")
    group.addoption("--mesop-budgets", metavar="CONFIG", default=None,
                    help="check the budgets of this mesop-devtools config (JSON) after each test that uses mesop_payload")


def _cli(args: list[str], cwd: str) -> subprocess.CompletedProcess[str]:
    """The bundled Node CLI through the package's launcher (`python -m mesop_devtools`)."""
    return subprocess.run([sys.executable, "-m", "mesop_devtools", *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False)


class MesopPayload:
    """What a test sees as `mesop_payload`: the recording, and the analysis of it on demand."""

    def __init__(self, recorder: Any, note: str | None, folder: Path, budgets: str | None) -> None:
        self.recorder = recorder
        self.note = note
        self.folder = folder
        self.budgets = budgets
        # As the user wrote it on the command line, for messages.
        self.budgets_shown: str | None = None
        # Analyzed and judged after the test body already (pytest_runtest_call).
        self.finished = False

    @property
    def complete(self) -> bool:
        """False in a browser without CDP (Firefox, WebKit): nothing is measured, `note` says why."""
        return self.recorder is not None

    def analyze(self, *extra: str) -> subprocess.CompletedProcess[str]:
        """`mesop-devtools analyze` on the traffic so far. The HAR holds state values: it lives in a
        temporary folder only while analyze reads it; the reports keep paths and sizes."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.recorder is not None:
            self.recorder.settle()
        budget = ["--budget", self.budgets] if self.budgets else []
        with tempfile.TemporaryDirectory(prefix="mesop-payload-") as tmp:
            har = Path(tmp) / "mesop-payload.har"
            har.write_text(json.dumps(self.recorder.har() if self.recorder else {"log": {"entries": []}}), encoding="utf-8")
            # Run from the temporary folder: no config is discovered unless --mesop-budgets names one.
            return _cli(["analyze", str(har), *budget, *extra], cwd=tmp)

    def report(self) -> dict[str, Any]:
        """The versioned payload report of the test so far (what `mesop-devtools analyze --json` prints)."""
        if self.recorder is None:
            raise RuntimeError(self.note or "not measured")
        r = self.analyze("--json")
        if r.returncode not in (0, 1):
            raise RuntimeError(r.stderr.strip() or f"mesop-devtools analyze exited {r.returncode}")
        return json.loads(r.stdout)

    def events(self) -> list[dict[str, Any]]:
        """The test's Mesop events so far, as in the JSON report."""
        return self.report()["events"]


def _not_chromium_note(browser_name: str) -> str:
    return (f"mesop-devtools: payload not measured in {browser_name}: complete capture of Mesop's /__ui__ traffic "
            "(SSE bodies after the client aborts, WebSocket frames) needs Chromium's DevTools Protocol; "
            "run this test with --browser chromium")


def _budget_failure(stdout: str, budgets: str) -> str:
    """The FAIL lines of `analyze` and the blame line under each, as `check` prints them."""
    lines = stdout.splitlines()
    out: list[str] = []
    for i, line in enumerate(lines):
        if line.startswith("  FAIL"):
            out.append("  " + line.strip()[len("FAIL"):].strip())
            if i + 1 < len(lines) and lines[i + 1].startswith("         "):
                out.append("    " + lines[i + 1].strip())
    count = sum(1 for line in out if not line.startswith("    "))
    return f"mesop-devtools: {count} error budget(s) of {budgets} over:\n" + "\n".join(out)


@pytest.fixture
def mesop_payload(page: Any, request: pytest.FixtureRequest, browser_name: str):
    """Records the `page` fixture's Mesop traffic; after the test, the report and the budgets."""
    config = request.config
    budgets = config.getoption("mesop_budgets")
    if budgets:
        budgets = str((Path(config.invocation_params.dir) / budgets).resolve())
    output = Path(config.getoption("output", default="test-results") or "test-results")
    folder = (Path(config.invocation_params.dir) / output / _slug(request.node.nodeid)).resolve()
    if browser_name != "chromium":
        note = _not_chromium_note(browser_name)
        warnings.warn(pytest.PytestWarning(note))
        request.node.user_properties.append(("mesop-devtools", note))
        yield MesopPayload(None, note, folder, budgets)
        return
    from .cdp_recorder import CdpRecorder  # only with pytest-playwright's page: Playwright is installed

    payload = MesopPayload(CdpRecorder(page), None, folder, budgets)
    payload.budgets_shown = config.getoption("mesop_budgets")
    yield payload
    if not payload.finished:  # the test failed first (report only), or pytest < 8 (report and judge here)
        try:
            _finish(payload, judge=not _JUDGED_AFTER_BODY)
        finally:
            payload.recorder.stop()
        return
    payload.recorder.stop()


def _after_test_body(item: pytest.Item):
    """After the test body (in its call phase, so a budget over is a test failure, not a teardown error)."""
    result = yield  # a test that failed already raises here: its own failure is the one to read
    payload = getattr(item, "funcargs", {}).get("mesop_payload")
    if isinstance(payload, MesopPayload) and payload.complete:
        payload.finished = True
        _finish(payload)
    return result


try:
    pytest_runtest_call = pytest.hookimpl(wrapper=True)(_after_test_body)
    _JUDGED_AFTER_BODY = True
except TypeError:  # pytest < 8 has no new-style wrappers: the fixture's teardown judges instead
    _JUDGED_AFTER_BODY = False


def _finish(payload: MesopPayload, judge: bool = True) -> None:
    """Writes the test's report (JSON check report + HTML) and, judging, fails the test on an error budget."""
    folder = payload.folder
    r = payload.analyze("--out", str(folder / "mesop-payload.json"), "--html", str(folder / "mesop-payload.html"))
    if r.returncode == 1 and payload.budgets and judge:
        pytest.fail(_budget_failure(r.stdout, payload.budgets_shown or payload.budgets), pytrace=False)
    if r.returncode not in (0, 1):
        pytest.fail(r.stderr.strip() or f"mesop-devtools analyze exited {r.returncode}", pytrace=False)


def _slug(nodeid: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in nodeid).strip("-")[:120] + "-mesop"
