"""The baseline for bench/load-bench.ts: a plain Locust HttpUser posting recorded bodies, no state handling.

It posts, in order, the request bodies one MesopUser sent (taken from its log, so they carry this
server's handler ids and full states, and the server accepts them with no backend), checks each
response ends with <stream_end>, and prints {"events": n, "failures": n, "cpuSeconds": s} after the run.
Usage: python bench/load/plain_locust.py <user-log.jsonl> <host> <users> <seconds>
"""
import json
import resource
import sys

import gevent
from locust import HttpUser, task
from locust.env import Environment


def main(log_file: str, host: str, users: int, seconds: float) -> None:
  bodies = [json.loads(line) for line in open(log_file, encoding="utf-8") if line.strip()]
  session = [(b["name"], b["body"]) for b in bodies[: next((i for i, b in enumerate(bodies) if i and b["name"] == "init"), len(bodies))]]

  class PlainUser(HttpUser):
    @task
    def replay(self) -> None:
      for name, body in session:
        with self.client.post("/__ui__", data=body, name=name, catch_response=True,
                              headers={"Content-Type": "text/plain;charset=UTF-8", "Origin": host}) as r:
          if "data: <stream_end>" not in r.text:
            r.failure("no <stream_end>")

  env = Environment(user_classes=[PlainUser], host=host)
  runner = env.create_local_runner()
  counts = {"events": 0, "failures": 0}

  def on_request(exception=None, **_):
    counts["events"] += 1
    counts["failures"] += exception is not None

  env.events.request.add_listener(on_request)
  usage = resource.getrusage(resource.RUSAGE_SELF)
  before = usage.ru_utime + usage.ru_stime
  runner.start(users, spawn_rate=users * 4)
  gevent.sleep(seconds)
  usage = resource.getrusage(resource.RUSAGE_SELF)
  runner.quit()
  print(json.dumps({**counts, "cpuSeconds": round(usage.ru_utime + usage.ru_stime - before, 3)}))


if __name__ == "__main__":
  main(sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
