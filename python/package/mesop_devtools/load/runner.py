"""Locust embedded and headless, ramping users in steps: what `mesop-devtools load` runs per configuration.

Prints one JSON line per finished step on stdout (the Node CLI reads them as they come, to put the
server's memory samples next to the step they belong to):
{"step": 1, "users": 5, "startedAt": <epoch s>, "endedAt": ..., "events": n, "errors": n,
 "tokenMisses": n, "sessions": n, "p50Ms": .., "p95Ms": .., "p99Ms": .., "eventsPerSecond": .., "errorSamples": [...],
 "clientCpuSeconds": ..}  (the load generator's own CPU time in the step: near the step's length, it is the bottleneck)
Latencies are exact percentiles of this step's events (not Locust's bucketed ones).
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from typing import Any

import gevent
from locust.env import Environment

from .user import ENV_LOG_DIR, ENV_SCRIPT, ENV_THINK_SCALE, MesopUser


def percentile(sorted_ms: list[float], q: float) -> float | None:
  """Nearest-rank percentile (the smallest value with at least q of the samples at or below it)."""
  if not sorted_ms:
    return None
  rank = max(1, -(-len(sorted_ms) * q // 1))
  return round(sorted_ms[int(rank) - 1], 2)


def cpu_seconds() -> float:
  """CPU time of this process (all virtual users run in it, on one core: gevent)."""
  usage = resource.getrusage(resource.RUSAGE_SELF)
  return usage.ru_utime + usage.ru_stime


class StepStats:
  def __init__(self) -> None:
    self.times: list[float] = []
    self.errors = 0
    self.misses = 0
    self.sessions = 0
    self.samples: list[str] = []

  def on_request(self, request_type: str, name: str, response_time: float, exception: Any = None, **_: Any) -> None:
    if request_type == "token-miss":
      self.misses += 1
    elif request_type == "event":
      self.times.append(response_time)
      if name == "init":
        self.sessions += 1
      if exception is not None:
        self.errors += 1
        if len(self.samples) < 5:
          self.samples.append(f"{name}: {exception}")


def run(args: argparse.Namespace) -> int:
  import os
  os.environ[ENV_SCRIPT] = args.script
  os.environ[ENV_THINK_SCALE] = str(args.think_scale)
  if args.log_dir:
    os.environ[ENV_LOG_DIR] = args.log_dir

  class RecordedSession(MesopUser):
    host = args.host

  RecordedSession.steps()  # a bad script fails here, before any load
  env = Environment(user_classes=[RecordedSession], host=args.host)
  runner = env.create_local_runner()
  stats = StepStats()
  env.events.request.add_listener(stats.on_request)
  try:
    for number, users in enumerate(args.steps, start=1):
      stats.__init__()
      cpu_before = cpu_seconds()
      started = time.time()
      runner.start(users, spawn_rate=max(users, 1) * 4)
      gevent.sleep(args.step_seconds)
      ended = time.time()
      cpu = cpu_seconds() - cpu_before
      times = sorted(stats.times)
      line = {
        "step": number, "users": users, "startedAt": started, "endedAt": ended, "events": len(times),
        "errors": stats.errors, "tokenMisses": stats.misses, "sessions": stats.sessions,
        "p50Ms": percentile(times, 0.5), "p95Ms": percentile(times, 0.95), "p99Ms": percentile(times, 0.99),
        "eventsPerSecond": round(len(times) / max(ended - started, 1e-9), 2), "errorSamples": stats.samples,
        "clientCpuSeconds": round(cpu, 3),
      }
      print(json.dumps(line), flush=True)
  finally:
    runner.quit()
  return 0


def main(argv: list[str]) -> int:
  parser = argparse.ArgumentParser(prog="python -m mesop_devtools.load run")
  parser.add_argument("--script", required=True)
  parser.add_argument("--host", required=True)
  parser.add_argument("--steps", required=True, type=lambda s: [int(x) for x in s.split(",")])
  parser.add_argument("--step-seconds", required=True, type=float)
  parser.add_argument("--think-scale", type=float, default=1.0)
  parser.add_argument("--log-dir")
  return run(parser.parse_args(argv))


if __name__ == "__main__":
  sys.exit(main(sys.argv[1:]))
