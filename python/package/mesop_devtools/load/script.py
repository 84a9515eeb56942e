"""A load script: the recorded UI requests of one session, in order, with the time between them.

Written by `mesop-devtools load` from a HAR with the Node CLI's decoder (so a HAR is read one way),
read here with the installed Mesop's own protobuf classes. Shape (version 1):
{"mesopDevtoolsLoadScript": 1, "source": "chat.har",
 "events": [{"body": "<URL-safe base64 UiRequest>", "atMs": 0}, ...]}
"""
from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mesop.protos import ui_pb2 as pb

SCRIPT_VERSION = 1


class ScriptError(Exception):
  pass


@dataclass(frozen=True)
class Step:
  request: pb.UiRequest  # as recorded; states and token are replaced by each user's own
  think_s: float  # recorded time since the previous request was sent
  name: str  # "init" or "<position> <handler function>": the name Locust's statistics show

  @property
  def is_init(self) -> bool:
    return self.request.WhichOneof("type") == "init"


def decode_request(body: str) -> pb.UiRequest:
  request = pb.UiRequest()
  request.ParseFromString(base64.urlsafe_b64decode(body))
  return request


def short_handler(event: pb.UserEvent) -> str:
  """What Locust's statistics call an event: its position and handler function (`03 on_send`).
  Debug ids are `<module>.<fn>.<sha256>:<event class>`, prod ids a bare hash: then its first digits."""
  handler = event.handler_id.split(":")[0]
  if not handler:
    return event.WhichOneof("type") or "event"
  parts = handler.split(".")
  return parts[-2] if len(parts) >= 2 else handler[:10]


def parse_script(data: Any) -> list[Step]:
  if not isinstance(data, dict) or data.get("mesopDevtoolsLoadScript") != SCRIPT_VERSION:
    raise ScriptError(f"not a version {SCRIPT_VERSION} load script (write one with `mesop-devtools load --script-out`)")
  steps: list[Step] = []
  previous_at = None
  for event in data.get("events", []):
    request = decode_request(event["body"])
    at = float(event.get("atMs", 0))
    think = 0.0 if previous_at is None else max(0.0, (at - previous_at) / 1000)
    previous_at = at
    name = "init" if request.WhichOneof("type") == "init" else f"{len(steps):02d} {short_handler(request.user_event)}"
    steps.append(Step(request, think, name))
  if not steps or not steps[0].is_init:
    raise ScriptError("a load script starts with the page's init request")
  return steps


def load_script(path: str | Path) -> list[Step]:
  return parse_script(json.loads(Path(path).read_text(encoding="utf-8")))
