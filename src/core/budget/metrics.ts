import type { MesopEvent } from '../session/event';
import { TOKEN_NOT_FOUND } from '../session/build-session';
import { sum } from '../sum';

/**
 * What can be budgeted. Event metrics are checked on every event in scope (the budget holds when
 * the biggest one is under the max); session metrics on the events in scope taken together.
 * Bytes are as on the wire for request/response, UTF-8 bytes of state JSON for states.
 */
export type EventMetricId =
  | 'request-bytes'
  | 'upload-state-bytes'
  | 'response-bytes'
  | 'download-state-bytes'
  | 'component-bytes'
  | 'mirrored-state-bytes';

export type SessionMetricId =
  | 'total-request-bytes'
  | 'total-response-bytes'
  | 'total-upload-state-bytes'
  | 'total-download-state-bytes'
  | 'event-count'
  | 'state-growth-per-event'
  | 'server-errors'
  | 'token-misses';

export type MetricId = EventMetricId | SessionMetricId;

export type MetricUnit = 'bytes' | 'count';

export interface MetricDef<Id extends MetricId = MetricId> {
  id: Id;
  unit: MetricUnit;
  description: string;
}

/** A count of events of one sort: the budget names those events, not every event in scope. */
export interface CountedEvents {
  counted(events: readonly MesopEvent[]): MesopEvent[];
}

/** A token miss is Mesop's ServerError too, but a deployment problem, not an app bug: counted apart. */
export const isServerError = (e: MesopEvent) => e.error !== undefined && e.error !== TOKEN_NOT_FOUND;
export const isTokenMiss = (e: MesopEvent) => e.error === TOKEN_NOT_FOUND;

export const EVENT_METRICS: Record<EventMetricId, MetricDef<EventMetricId> & { of(e: MesopEvent): number }> = {
  'request-bytes': {
    id: 'request-bytes',
    unit: 'bytes',
    description: 'request body on the wire',
    of: (e) => e.request.bytes,
  },
  'upload-state-bytes': {
    id: 'upload-state-bytes',
    unit: 'bytes',
    description: 'state JSON uploaded with the event',
    of: (e) => sum(e.request.stateBytes),
  },
  'response-bytes': {
    id: 'response-bytes',
    unit: 'bytes',
    description: 'response on the wire',
    of: (e) => e.response.bytes,
  },
  'download-state-bytes': {
    id: 'download-state-bytes',
    unit: 'bytes',
    description: 'state JSON (full or diff) downloaded',
    of: (e) => sum(e.response.stateBytes),
  },
  'component-bytes': {
    id: 'component-bytes',
    unit: 'bytes',
    description: 'component tree (full or diff) in the response',
    of: (e) => e.response.account.componentTree,
  },
  'mirrored-state-bytes': {
    id: 'mirrored-state-bytes',
    unit: 'bytes',
    description: 'state the browser holds after the event',
    of: (e) => sum(e.mirror.stateBytes),
  },
};

export const SESSION_METRICS: Record<
  SessionMetricId,
  MetricDef<SessionMetricId> & { of(events: readonly MesopEvent[]): number } & Partial<CountedEvents>
> = {
  'total-request-bytes': {
    id: 'total-request-bytes',
    unit: 'bytes',
    description: 'all requests on the wire',
    of: (es) => sum(es.map((e) => e.request.bytes)),
  },
  'total-response-bytes': {
    id: 'total-response-bytes',
    unit: 'bytes',
    description: 'all responses on the wire',
    of: (es) => sum(es.map((e) => e.response.bytes)),
  },
  'total-upload-state-bytes': {
    id: 'total-upload-state-bytes',
    unit: 'bytes',
    description: 'all state JSON uploaded',
    of: (es) => sum(es.map(EVENT_METRICS['upload-state-bytes'].of)),
  },
  'total-download-state-bytes': {
    id: 'total-download-state-bytes',
    unit: 'bytes',
    description: 'all state JSON downloaded',
    of: (es) => sum(es.map(EVENT_METRICS['download-state-bytes'].of)),
  },
  'event-count': { id: 'event-count', unit: 'count', description: 'number of events', of: (es) => es.length },
  'state-growth-per-event': {
    id: 'state-growth-per-event',
    unit: 'bytes',
    description: 'average growth of the held state per event (first to last event that held state)',
    of: (es) => {
      const held = es.filter((e) => e.mirror.stateBytes.length > 0);
      if (held.length < 2) return 0;
      const first = held[0]!;
      const last = held[held.length - 1]!;
      return Math.round((sum(last.mirror.stateBytes) - sum(first.mirror.stateBytes)) / (last.index - first.index));
    },
  },
  'server-errors': {
    id: 'server-errors',
    unit: 'count',
    description: 'events the server answered with a ServerError (a handler raised; token misses not included)',
    of: (es) => es.filter(isServerError).length,
    counted: (es) => es.filter(isServerError),
  },
  'token-misses': {
    id: 'token-misses',
    unit: 'count',
    description: 'events answered "Token not found in state session backend." (a worker without the session)',
    of: (es) => es.filter(isTokenMiss).length,
    counted: (es) => es.filter(isTokenMiss),
  },
};

export const METRIC_IDS = [...Object.keys(EVENT_METRICS), ...Object.keys(SESSION_METRICS)] as MetricId[];

export const metricDef = (id: MetricId): MetricDef =>
  (EVENT_METRICS as Record<string, MetricDef>)[id] ?? (SESSION_METRICS as Record<string, MetricDef>)[id]!;

export const isEventMetric = (id: MetricId): id is EventMetricId => id in EVENT_METRICS;
