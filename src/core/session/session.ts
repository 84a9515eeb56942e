import type { MesopEvent } from './event';

export type SessionTransport = 'sse' | 'websocket' | 'mixed' | 'unknown';
/**
 * What the traffic says about the server's state handling:
 * - `none`: full states go up with every event (no `MESOP_STATE_SESSION_BACKEND`);
 * - `server-side`: a token goes up instead (memory / file / sql / firestore backend);
 * - `websocket`: WebSocket mode, state lives with the connection and never crosses the wire;
 * - `unknown`: no user event yet.
 */
export type SessionBackend = 'none' | 'server-side' | 'websocket' | 'unknown';

export interface Session {
  events: MesopEvent[];
  transport: SessionTransport;
  backend: SessionBackend;
  /** Number of state classes (by position; names are not on the wire). */
  stateClasses: number;
  /** The client-held JSON of each state class after the last event. */
  mirror: readonly string[];
  /** Problems that concern the session rather than one event. */
  problems: string[];
}
