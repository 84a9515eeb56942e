"""`python -m mesop_devtools.load run ...`: the embedded runner the Node CLI starts."""
import sys

from locust import events  # noqa: F401  (imports gevent's monkey patching before anything else)

from .runner import main

if __name__ == "__main__":
  if sys.argv[1:2] != ["run"]:
    print("usage: python -m mesop_devtools.load run --script FILE --host URL --steps 5,10 --step-seconds N", file=sys.stderr)
    sys.exit(2)
  sys.exit(main(sys.argv[2:]))
