#!/usr/bin/env python3
"""The virtual user's state mirror (mesop_devtools.load.mirror) against the oracle's, on every fixture.

For each SSE fixture HAR: replays its state responses through both mirrors and requires the same
string after every response, and, where the recording uploaded full states, requires both to equal
what the browser uploaded. Prints {"fixtures": n, "responsesCompared": n, "uploadsCompared": n, "problems": [...]}.
Usage: .venv/bin/python test/support/load_mirror_vs_oracle.py test/fixtures/*.har
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "python"), str(ROOT / "python/package")]
import oracle  # noqa: E402
from mesop_devtools.load.mirror import MirrorError, StateMirror  # noqa: E402


def main(paths: list[str]) -> int:
  out = {"fixtures": 0, "responsesCompared": 0, "uploadsCompared": 0, "problems": []}
  for path in paths:
    har = json.loads(Path(path).read_text(encoding="utf-8"))
    transport, exchanges = oracle.har_exchanges(har)
    if transport != "sse":
      continue
    out["fixtures"] += 1
    theirs = None
    ours = StateMirror()
    for i, ex in enumerate(exchanges):
      req, size = oracle.decode_request(ex.body)
      _, req_info = oracle.request_summary(req, size, len(ex.body))
      if theirs is not None and req_info["states"]:
        out["uploadsCompared"] += 1
        if not (req_info["states"] == theirs == ours.states):
          out["problems"].append(f"{Path(path).name} #{i}: upload differs")
      _, resp = oracle.response_summary(ex)
      if resp["mode"] == "full":
        theirs = list(resp["states"])
        ours.apply_full(resp["states"])
      elif resp["mode"] == "diff" and theirs is not None:
        theirs = [oracle.apply_state_diff(s, d) for s, d in zip(theirs, resp["states"])]
        try:
          ours.apply_diff(resp["states"])
        except MirrorError as err:
          out["problems"].append(f"{Path(path).name} #{i}: {err}")
          continue
      else:
        continue
      out["responsesCompared"] += 1
      if ours.states != theirs:
        out["problems"].append(f"{Path(path).name} #{i}: mirrors differ")
  print(json.dumps(out))
  return 0


if __name__ == "__main__":
  sys.exit(main(sys.argv[1:]))
