"""`MesopUser`: a Locust user that is a faithful Mesop web client at the protocol level.

Each task run is one recorded session, replayed in order: the page's init request, then every
recorded user event with its handler id, key and value unchanged. The user keeps its own copy of
the state as the browser does (StateMirror) and, like the 1.3.7 client (docs/protocol.md §4-5):
- with no state token it uploads its whole copy (`UserEvent.states`);
- with a token from the last response it sends only the token;
- on "Token not found in state session backend." it sends the same event again once, with the
  token cleared and its full copy (a `token-miss` entry in the statistics counts these).
Each event is one Locust request named by its handler id (request type "event"); its time is the
whole exchange, retry included, as a user waits for it.
"""
from __future__ import annotations

import base64
import json
import os
import time
from pathlib import Path
from typing import Any, Optional
from urllib.parse import urlsplit

from locust import HttpUser, task  # first: Locust patches the standard library with gevent
import requests

from mesop.protos import ui_pb2 as pb

from .handlers import HandlerMap
from .mirror import MirrorError, StateMirror
from .script import Step, load_script, parse_script

STREAM_END = "<stream_end>"
TOKEN_MISS = "Token not found in state session backend."
UI_PATH = "/__ui__"

# Environment settings, so that the embedded runner and a written Locust file configure users alike.
ENV_SCRIPT = "MESOP_DEVTOOLS_LOAD_SCRIPT"
ENV_THINK_SCALE = "MESOP_DEVTOOLS_LOAD_THINK_SCALE"
ENV_LOG_DIR = "MESOP_DEVTOOLS_LOAD_LOG_DIR"


class EventFailed(Exception):
  pass


def sse_payloads(text: str) -> list[str]:
  """`data:` payloads up to and without the first `<stream_end>` (the client ignores the rest)."""
  out: list[str] = []
  for line in text.splitlines():
    if not line.startswith("data:"):
      continue
    payload = line[6:] if line.startswith("data: ") else line[5:]
    if payload == STREAM_END:
      return out
    out.append(payload)
  raise EventFailed("the response ended without <stream_end>")


class Exchange:
  """What one event sent and got back, for the per-user log the tests check against the oracle."""

  def __init__(self, states: Optional[list[str]], token: Optional[str], body: bytes) -> None:
    self.body = body
    self.states = states
    self.token = token
    self.payloads: list[str] = []


class Page:
  """What one browser tab holds: the state copy and token, and the handler ids it rendered."""

  def __init__(self) -> None:
    self.mirror = StateMirror()
    self.handlers = HandlerMap()


class MesopUser(HttpUser):
  abstract = True
  # Set by a subclass (a written Locust file embeds the script), else read from the environment.
  script: Optional[dict[str, Any]] = None
  script_path: Optional[str] = None
  think_scale: Optional[float] = None

  _steps_cache: Optional[list[Step]] = None
  _count = 0
  # recorded handler id -> the server's, once some page showed it: ids are the server's, not the
  # page's, so every user of this process reuses them and stops walking renders when all are known.
  _resolved: Optional[dict[str, str]] = None
  _unresolved: Optional[set[str]] = None

  @classmethod
  def steps(cls) -> list[Step]:
    if cls._steps_cache is None:
      if cls.script is not None:
        cls._steps_cache = parse_script(cls.script)
      else:
        path = cls.script_path or os.environ.get(ENV_SCRIPT)
        if not path:
          raise RuntimeError(f"MesopUser needs `script`, `script_path` or {ENV_SCRIPT}")
        cls._steps_cache = load_script(path)
    return cls._steps_cache

  def on_start(self) -> None:
    MesopUser._count += 1
    self.number = MesopUser._count
    scale = self.think_scale if self.think_scale is not None else float(os.environ.get(ENV_THINK_SCALE, "1"))
    self.scale = max(0.0, scale)
    self.origin = "{0.scheme}://{0.netloc}".format(urlsplit(self.host))
    self.ui_url = self.host.rstrip("/") + UI_PATH
    self.session = requests.Session()  # its own cookies and connection, like one browser
    log_dir = os.environ.get(ENV_LOG_DIR)
    if log_dir:
      Path(log_dir).mkdir(parents=True, exist_ok=True)
    self.log = open(Path(log_dir) / f"user-{os.getpid()}-{self.number}.jsonl", "a", encoding="utf-8") if log_dir else None

  def on_stop(self) -> None:
    self.session.close()
    if self.log:
      self.log.close()
      self.log = None

  @task
  def replay_session(self) -> None:
    page = Page()
    for i, step in enumerate(self.steps()):
      if i and step.think_s and self.scale:
        self.wait_seconds(step.think_s * self.scale)
      if step.is_init:
        page = Page()  # a page load: the browser starts from nothing
      if not self.send(step, page):
        return  # the session is broken (the browser would show an error): start a new one

  def wait_seconds(self, seconds: float) -> None:
    import gevent
    gevent.sleep(seconds)

  def send(self, step: Step, page: Page) -> bool:
    """One recorded event, retry included, as one statistics entry. A user stopped mid-event (the
    run ending) records nothing: that event neither succeeded nor failed."""
    started = time.perf_counter()
    error: Optional[Exception] = None
    length = 0
    try:
      use_token = bool(page.mirror.token) and not step.is_init
      exchange = self.exchange(step, page, use_token)
      if exchange.error == TOKEN_MISS and use_token:
        self.environment.events.request.fire(request_type="token-miss", name="retried with full state",
                                             response_time=exchange.ms, response_length=0, exception=None, context={})
        exchange = self.exchange(step, page, False)
      if exchange.error is not None:
        raise EventFailed(f"server error: {exchange.error.splitlines()[0][:200] if exchange.error else '(empty)'}")
      length = exchange.length
    except (EventFailed, MirrorError, OSError, ValueError) as err:
      error = err
    self.environment.events.request.fire(
      request_type="event", name=step.name, response_time=(time.perf_counter() - started) * 1000,
      response_length=length, exception=error, context={},
    )
    return error is None

  def exchange(self, step: Step, page: Page, use_token: bool) -> "_Result":
    mirror = page.mirror
    request = pb.UiRequest()
    request.CopyFrom(step.request)
    sent_states: Optional[list[str]] = None
    if not step.is_init:
      event = request.user_event
      if event.handler_id:
        live = self.live_handler(event.handler_id, event.key.key, page)
        if live is None:
          raise EventFailed(f"handler {event.handler_id[-90:]} is not on the page: the recording does not match this app "
                            "(record it from the same app, in the same mode: debug and --prod ids differ)")
        event.handler_id = live
      event.ClearField("states")
      event.ClearField("state_token")
      if use_token:
        event.state_token = mirror.token
      elif mirror.states is not None:
        sent_states = list(mirror.states)
        event.states.SetInParent()
        for data in sent_states:
          event.states.states.add().data = data
    body = base64.urlsafe_b64encode(request.SerializeToString())
    started = time.perf_counter()
    # Straight through requests, not Locust's statistics: one recorded event is one entry, retry included.
    response = self.session.post(
      self.ui_url, data=body, timeout=120,
      headers={"Content-Type": "text/plain;charset=UTF-8", "Origin": self.origin},
    )
    ms = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
      raise EventFailed(f"HTTP {response.status_code}")
    result = _Result(ms, len(response.content))
    record = Exchange(sent_states, event_token(request), body)
    for payload in sse_payloads(response.text):
      record.payloads.append(payload)
      raw = base64.b64decode(payload)
      message = pb.UiResponse()
      message.ParseFromString(raw)
      kind = message.WhichOneof("type")
      if kind == "render" and self.unresolved():
        page.handlers.learn(message.render)
      elif kind == "update_state_event":
        update = message.update_state_event
        which = update.WhichOneof("type")
        if which == "full_states":
          mirror.apply_full([s.data for s in update.full_states.states])
        elif which == "diff_states":
          mirror.apply_diff([s.data for s in update.diff_states.states])
        mirror.token = update.state_token
      elif kind == "error":
        result.error = message.error.exception
    self.write_log(step, record)
    return result

  def unresolved(self) -> set[str]:
    cls = type(self)
    if cls._unresolved is None:
      cls._resolved = {}
      cls._unresolved = {s.request.user_event.handler_id for s in self.steps() if not s.is_init and s.request.user_event.handler_id}
    return cls._unresolved

  def live_handler(self, recorded: str, key: str, page: Page) -> Optional[str]:
    self.unresolved()
    resolved = type(self)._resolved
    assert resolved is not None
    if recorded in resolved:
      return resolved[recorded]
    live = page.handlers.live_id(recorded, key)
    if live is not None:
      resolved[recorded] = live
      type(self)._unresolved.discard(recorded)  # type: ignore[union-attr]
    return live

  def write_log(self, step: Step, record: Exchange) -> None:
    if self.log:
      self.log.write(json.dumps({"name": step.name, "uploaded": record.states, "token": record.token,
                                 "payloads": record.payloads, "body": record.body.decode("ascii")}) + "\n")


class _Result:
  def __init__(self, ms: float, length: int) -> None:
    self.ms = ms
    self.length = length
    self.error: Optional[str] = None


def event_token(request: pb.UiRequest) -> Optional[str]:
  if request.WhichOneof("type") != "user_event":
    return None
  return request.user_event.state_token or None
