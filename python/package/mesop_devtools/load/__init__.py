"""Load testing a Mesop app with Locust: `MesopUser` replays a recorded session as a real client.

Needs `pip install "mesop-devtools[load]"` (Locust) next to the app's Mesop. Used by
`mesop-devtools load`, or from a Locust file (`mesop-devtools load --locustfile` writes one).
"""
from .user import MesopUser

__all__ = ["MesopUser"]
