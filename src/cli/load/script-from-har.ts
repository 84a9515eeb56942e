import type { Exchange } from '../../core';
import { UserError, USER_ERRORS } from '../user-error';

/** The load script the Python virtual users replay (mesop_devtools/load/script.py reads it). */
export interface LoadScript {
  mesopDevtoolsLoadScript: 1;
  source: string;
  events: { body: string; atMs: number }[];
}

/**
 * The recorded requests from the first page load on, in the order they were sent. Only SSE: in
 * WebSocket mode the server keeps state per socket and nothing of it crosses the wire to replay.
 * Which request is the init is left to the Python side's protobuf classes; here a body must exist.
 */
export function scriptFromExchanges(exchanges: readonly Exchange[], source: string): LoadScript {
  if (exchanges.some((e) => e.transport === 'websocket')) {
    throw new UserError(
      USER_ERRORS.USAGE,
      `${source} was recorded over WebSocket (MESOP_WEBSOCKETS_ENABLED)`,
      'load replays the default SSE transport: record the app without WebSockets',
    );
  }
  const usable = exchanges.filter((e) => e.requestBody !== null && e.status !== 0);
  if (usable.length === 0) {
    throw new UserError(
      USER_ERRORS.NO_MESOP_TRAFFIC,
      `${source} has no Mesop UI request with its body`,
      'export the HAR "with content"',
    );
  }
  const sorted = [...usable].sort((a, b) => a.startedAt - b.startedAt);
  return {
    mesopDevtoolsLoadScript: 1,
    source,
    events: sorted.map((e) => ({ body: e.requestBody!, atMs: e.startedAt })),
  };
}
