import type { StateUpload } from './event';
import type { SessionBackend, SessionTransport } from './session';

/**
 * What backendOf reads of an event. A session's events and a payload report's events both give it
 * (the report keeps whether a token came down, not the token), so a run kept as report events
 * (dev mode's run A) gets its backend by the same rule as a live session.
 */
export interface BackendEvidence {
  kind: string;
  stateUpload: StateUpload;
  /** The response carried a non-empty state token. */
  tokenIssued: boolean;
}

/**
 * The session backend the traffic shows: WebSocket mode keeps state with the connection (any
 * WebSocket event says so); otherwise a token going up, or coming down, means a server-side
 * backend, and full states with neither mean none. Only user events count for the upload (the
 * page load's init never uploads state); without one the backend is unknown.
 */
export function backendOf(transport: SessionTransport, events: readonly BackendEvidence[]): SessionBackend {
  if (transport === 'websocket' || transport === 'mixed') return 'websocket';
  const userEvents = events.filter((e) => e.kind !== 'init' && e.kind !== 'unknown');
  if (userEvents.length === 0) return 'unknown';
  const tokens = userEvents.some((e) => e.stateUpload === 'token');
  const issued = events.some((e) => e.tokenIssued);
  return tokens || issued ? 'server-side' : 'none';
}
