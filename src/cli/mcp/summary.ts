import { z } from 'zod';
import { type PayloadReport, shortHandler } from '../../core';
import type { StoredSession } from './sessions';

/** The short summary analyze_har and run_flow return per session: enough to pick the next call. */
export const sessionSummaryShape = {
  session: z.string().describe('Session id for list_events, get_event, top_fields, findings, budgets, compare'),
  source: z.string().describe('The HAR file or the flow name'),
  transport: z.string().describe('sse | websocket | mixed | unknown'),
  backend: z
    .string()
    .describe(
      'State session backend as seen on the wire: none (full state both ways), server-side (token), websocket, unknown',
    ),
  events: z.number().int().describe('Mesop UI events (init, clicks, inputs, ...)'),
  stateClasses: z.number().int().describe('State classes (by position; names are not on the wire)'),
  totals: z
    .object({
      requestBytes: z.number(),
      responseBytes: z.number(),
      upStateBytes: z.number(),
      downStateBytes: z.number(),
      componentTreeBytes: z.number(),
    })
    .passthrough()
    .describe('Bytes over the whole session: wire bytes up/down, UTF-8 state JSON up/down, component tree down'),
  biggestEvent: z
    .object({
      index: z.number().int(),
      kind: z.string(),
      handler: z.string(),
      upBytes: z.number(),
      downBytes: z.number(),
    })
    .nullable()
    .describe('The event with the most wire bytes (up + down)'),
  biggestField: z
    .object({
      event: z.number().int(),
      stateClass: z.number().int(),
      path: z.string(),
      bytes: z.number(),
      kind: z.string(),
      blob: z.string().optional(),
    })
    .nullable()
    .describe('The biggest field of the client-held state, over all events'),
  findings: z
    .array(z.object({ id: z.string(), level: z.string(), title: z.string() }))
    .describe('What to change, most severe first; details with findings'),
  budgets: z
    .object({ total: z.number().int(), failed: z.number().int(), warned: z.number().int() })
    .describe('Budget assertions and how many failed (error) or warned'),
};
export type SessionSummary = z.infer<z.ZodObject<typeof sessionSummaryShape, 'strip'>>;

export function summarizeSession(s: StoredSession, source: string): SessionSummary {
  const r: PayloadReport = s.report;
  const byWire = [...r.events].sort(
    (a, b) => b.request.bytes + b.response.bytes - (a.request.bytes + a.response.bytes),
  )[0];
  let biggestField: SessionSummary['biggestField'] = null;
  for (const e of r.events) {
    const f = e.topFields[0];
    if (f && (!biggestField || f.bytes > biggestField.bytes)) {
      biggestField = {
        event: e.index,
        stateClass: f.stateClass,
        path: f.path,
        bytes: f.bytes,
        kind: f.kind,
        ...(f.blob ? { blob: f.blob } : {}),
      };
    }
  }
  const budgets = s.checkBudgets ?? r.budgets;
  return {
    session: s.id,
    source,
    transport: r.session.transport,
    backend: r.session.backend,
    events: r.session.events,
    stateClasses: r.session.stateClasses,
    totals: r.session.totals,
    biggestEvent: byWire
      ? {
          index: byWire.index,
          kind: byWire.kind,
          handler: shortHandler(byWire.handlerId),
          upBytes: byWire.request.bytes,
          downBytes: byWire.response.bytes,
        }
      : null,
    biggestField,
    findings: r.findings.map((f) => ({ id: f.id, level: f.level, title: f.title })),
    budgets: {
      total: budgets.length,
      failed: budgets.filter((b) => !b.passed && b.level === 'error').length,
      warned: budgets.filter((b) => !b.passed && b.level === 'warn').length,
    },
  };
}
