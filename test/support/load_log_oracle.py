#!/usr/bin/env python3
"""Checks virtual users' logs (MESOP_DEVTOOLS_LOAD_LOG_DIR) against the Python oracle's mirror.

Every log line is one POST a virtual user made: what it uploaded (its full states, or null), the
token it sent, and the raw SSE payloads it got back. For each user this replays the oracle's own
client model (python/oracle.py: Mesop's protobuf classes, its apply_state_diff) over the responses
and requires every upload to equal the replayed mirror byte for byte, and every token sent to be
the last one received. Prints one JSON summary.

Usage: .venv/bin/python test/support/load_log_oracle.py <log-dir>
"""
from __future__ import annotations

import base64
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "python"))
import oracle  # noqa: E402
from mesop.protos import ui_pb2 as pb  # noqa: E402


def check_user(lines: list[dict]) -> tuple[int, int, int, list[str]]:
  mirror: list[str] | None = None
  token = ""
  uploads = tokens = errors = 0
  problems: list[str] = []
  for i, line in enumerate(lines):
    if line["name"] == "init":
      mirror, token = None, ""
    if line["uploaded"] is not None:
      uploads += 1
      if line["uploaded"] != mirror:
        problems.append(f"line {i}: uploaded states differ from the oracle's mirror")
    if line["token"] is not None:
      tokens += 1
      if line["token"] != token:
        problems.append(f"line {i}: sent token {line['token']!r}, last received {token!r}")
    for payload in line["payloads"]:
      msg = pb.UiResponse()
      msg.ParseFromString(base64.b64decode(payload))
      kind = msg.WhichOneof("type")
      if kind == "error":
        errors += 1
      if kind != "update_state_event":
        continue
      update = msg.update_state_event
      which = update.WhichOneof("type")
      states = [s.data for s in getattr(update, which).states] if which else []
      if which == "full_states":
        mirror = states
      elif which == "diff_states":
        if mirror is None or len(mirror) != len(states):
          problems.append(f"line {i}: a diff with no matching mirror")
          continue
        mirror = [oracle.apply_state_diff(s, d) for s, d in zip(mirror, states)]
      token = update.state_token
  return uploads, tokens, errors, problems


def main(log_dir: str) -> int:
  summary = {"users": 0, "posts": 0, "uploadsCompared": 0, "tokensCompared": 0, "errorResponses": 0, "problems": []}
  for log in sorted(Path(log_dir).glob("*.jsonl")):
    lines = [json.loads(text) for text in log.read_text(encoding="utf-8").splitlines() if text.strip()]
    uploads, tokens, errors, problems = check_user(lines)
    summary["users"] += 1
    summary["posts"] += len(lines)
    summary["uploadsCompared"] += uploads
    summary["tokensCompared"] += tokens
    summary["errorResponses"] += errors
    summary["problems"] += [f"{log.name} {p}" for p in problems][:5]
  print(json.dumps(summary))
  return 0


if __name__ == "__main__":
  sys.exit(main(sys.argv[1]))
