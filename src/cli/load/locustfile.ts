import type { LoadScript } from './script-from-har';

/**
 * A self-contained Locust file (the recorded session embedded), so a team that outgrows one machine
 * runs the same virtual users with Locust's own `--master` / `--worker` wherever it likes.
 * The script goes in as a JSON string literal, which is also a valid Python string literal.
 */
export function locustfileText(script: LoadScript, thinkScale: number): string {
  return `"""Locust file written by \`mesop-devtools load --locustfile\` from ${script.source.replace(/"""|\\/g, '')}.

Every virtual user replays the recorded session as Mesop's web client would (its own state, its own
token, one retry with full state on a token miss). Needs \`pip install "mesop-devtools[load]"\` in the
app's environment (the users build requests with the installed Mesop's protobuf classes).

  one machine:  locust -f THIS_FILE --host http://127.0.0.1:8080 --headless -u 20 -r 5 -t 1m
  distributed:  locust -f THIS_FILE --master --host http://APP:8080   (then, on every load machine)
                locust -f THIS_FILE --worker --master-host MASTER_IP
"""
import json

from mesop_devtools.load import MesopUser

SCRIPT = json.loads(${JSON.stringify(JSON.stringify(script))})


class RecordedSession(MesopUser):
  script = SCRIPT
  think_scale = ${Number.isInteger(thinkScale) ? thinkScale.toFixed(1) : String(thinkScale)}
`;
}
