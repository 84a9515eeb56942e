/**
 * Browsing a session: the event list (paginated), one event in detail, the biggest fields. All
 * numbers come from the payload report (the export shape: paths and sizes, never values); the
 * held state's values only with --include-values, written to a file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { type ReportEvent, SessionBuilder, shortHandler, sum } from '../../core';
import type { ServerContext } from './context';
import type { StoredSession } from './sessions';
import { answer, guarded, ToolInputError } from './tool-kit';
import { MAX_TOP_FIELDS } from './tools-sources';

const MAX_PAGE = 200;
const BIGGEST_FIELDS_IN_EVENT = 10;

const fieldShape = z
  .object({
    stateClass: z
      .number()
      .int()
      .describe('State class number, from 1 in the order the app registers them (names are not on the wire)'),
    path: z.string().describe('JSON path in that state class, e.g. image_data_url or messages[*].content'),
    bytes: z.number().describe("UTF-8 bytes of the field's JSON"),
    share: z.number().describe("Share of its state class's JSON, 0..1"),
    kind: z.string(),
    blob: z.string().optional().describe('For a blob (base64, data URL, bytes, file): what it is'),
  })
  .passthrough();

const rowShape = z.object({
  index: z.number().int(),
  kind: z.string(),
  handler: z.string().describe("The handler function's name"),
  upBytes: z.number(),
  downBytes: z.number(),
  stateUpload: z
    .string()
    .describe('full: the whole state went up; token: only a token (server-side backend); empty; none'),
  stateDownload: z.string().describe('full | diff | none'),
  heldStateBytes: z.number().describe('Client-held state after the event, summed over state classes'),
  biggestField: z.string().describe('"path bytes" of the biggest held field, or ""'),
});

export function registerEventTools(server: McpServer, ctx: ServerContext): void {
  server.registerTool(
    'list_events',
    {
      title: "List a session's events",
      description:
        'One row per Mesop event with its wire bytes up and down, how state travelled and the biggest held field. ' +
        `Paginated: at most ${MAX_PAGE} rows per call; follow nextOffset until it is null. Filters narrow the list before paging.`,
      inputSchema: {
        session: z.string().describe('From analyze_har or run_flow'),
        offset: z.number().int().min(0).default(0).describe('First row to return (0-based, among the filtered rows)'),
        limit: z.number().int().min(1).max(MAX_PAGE).default(50).describe(`Rows to return (at most ${MAX_PAGE})`),
        kind: z.string().optional().describe('Only events of this kind: init, click, input, ...'),
        handler: z.string().optional().describe('Only events whose handler id contains this text'),
        minBytes: z.number().min(0).optional().describe('Only events with at least this many wire bytes up + down'),
      },
      outputSchema: {
        session: z.string(),
        total: z.number().int().describe('Rows matching the filters'),
        offset: z.number().int(),
        nextOffset: z.number().int().nullable().describe('Offset of the next page; null on the last page'),
        events: z.array(rowShape),
      },
      annotations: { readOnlyHint: true },
    },
    guarded(({ session, offset, limit, kind, handler, minBytes }) => {
      const s = ctx.sessions.get(session);
      const rows = s.report.events.filter(
        (e) =>
          (kind === undefined || e.kind === kind) &&
          (handler === undefined || (e.handlerId ?? '').includes(handler)) &&
          (minBytes === undefined || e.request.bytes + e.response.bytes >= minBytes),
      );
      const page = rows.slice(offset, offset + limit);
      const next = offset + page.length < rows.length ? offset + page.length : null;
      return answer(
        { session, total: rows.length, offset, nextOffset: next, events: page.map(row) },
        `${page.length} of ${rows.length} event(s) from offset ${offset}${next === null ? ' (last page)' : `; next page: offset ${next}`}.`,
      );
    }),
  );

  server.registerTool(
    'get_event',
    {
      title: 'One event in detail',
      description:
        'Everything measured about one event: bytes up and down (wire and protobuf), how state went up (full/token/empty) ' +
        'and down (full/diff), the component tree (full/diff and bytes), the held state after it, its biggest fields, problems, ' +
        'and the findings that cite it. Values are never included unless the server was started with --include-values.',
      inputSchema: {
        session: z.string(),
        index: z.number().int().min(0).describe('Event index, as list_events shows it'),
      },
      outputSchema: {
        session: z.string(),
        index: z.number().int(),
        kind: z.string(),
        handler: z.string(),
        handlerId: z.string().nullable(),
        key: z.string().nullable(),
        path: z.string().nullable(),
        durationMs: z.number().nullable(),
        up: z
          .object({
            bytes: z.number(),
            protoBytes: z.number(),
            stateUpload: z.string(),
            stateBytes: z.array(z.number()),
            tokenSent: z.boolean(),
          })
          .passthrough()
          .describe('The request: wire bytes, protobuf bytes, how state went up and its UTF-8 bytes per state class'),
        down: z
          .object({
            bytes: z.number(),
            protoBytes: z.number(),
            messages: z.number(),
            stateDownload: z.string(),
            stateBytes: z.array(z.number()),
            componentTree: z.string(),
            componentTreeBytes: z.number(),
            commandsBytes: z.number(),
            errorBytes: z.number(),
            tokenIssued: z.boolean(),
            streamEnded: z.boolean().describe('The response ended normally'),
          })
          .passthrough()
          .describe(
            'The response: wire and protobuf bytes, state down (full or diff) and the component tree (full or diff)',
          ),
        heldStateBytes: z
          .array(z.number())
          .describe(
            'What the client holds after the event (and sends up next time without a server-side backend), per state class',
          ),
        biggestFields: z.array(fieldShape),
        problems: z.array(z.string()),
        error: z.string().nullable(),
        tokenRetry: z.boolean(),
        findings: z.array(z.string()).describe('Ids of the findings whose evidence includes this event'),
        values: z
          .object({ file: z.string(), bytes: z.number() })
          .optional()
          .describe('Only with --include-values: the held state JSON after this event, written to this file'),
      },
      annotations: { readOnlyHint: true },
    },
    guarded(({ session, index }) => {
      const s = ctx.sessions.get(session);
      const e = eventAt(s, index);
      const values = ctx.includeValues ? writeValues(ctx, s, index) : undefined;
      return answer({
        session,
        index,
        kind: e.kind,
        handler: shortHandler(e.handlerId),
        handlerId: e.handlerId,
        key: e.key,
        path: e.path,
        durationMs: e.durationMs,
        up: e.request,
        down: e.response,
        heldStateBytes: e.mirror.stateBytes,
        biggestFields: e.topFields.slice(0, BIGGEST_FIELDS_IN_EVENT),
        problems: e.problems,
        error: e.error,
        tokenRetry: e.tokenRetry,
        findings: s.report.findings.filter((f) => f.evidence.events.includes(index)).map((f) => f.id),
        ...(values ? { values } : {}),
      });
    }),
  );

  server.registerTool(
    'top_fields',
    {
      title: 'The biggest fields of the held state',
      description:
        'The n biggest fields of the client-held state after one event (default: the event where the held state is largest), ' +
        "largest first, without counting a byte twice. Paths and sizes only. Each field's bytes are the UTF-8 bytes of its JSON.",
      inputSchema: {
        session: z.string(),
        n: z.number().int().min(1).max(MAX_TOP_FIELDS).default(10).describe(`How many (at most ${MAX_TOP_FIELDS})`),
        stateClass: z.number().int().min(1).optional().describe('Only this state class (numbered from 1)'),
        event: z
          .number()
          .int()
          .min(0)
          .optional()
          .describe('After this event (default: the event with the largest held state)'),
      },
      outputSchema: {
        session: z.string(),
        event: z.number().int(),
        heldStateBytes: z.array(z.number()),
        fields: z.array(fieldShape),
        complete: z
          .boolean()
          .describe(
            'False when fewer than n fields are measured for this session (a run_flow session keeps 25 per event)',
          ),
      },
      annotations: { readOnlyHint: true },
    },
    guarded(({ session, n, stateClass, event }) => {
      const s = ctx.sessions.get(session);
      const index = event ?? largestHeldState(s);
      const e = eventAt(s, index);
      const kept = s.analysis?.topFields[index] ?? e.topFields;
      const keptLimit = s.analysis ? MAX_TOP_FIELDS : 25;
      const fields = kept.filter((f) => stateClass === undefined || f.stateClass === stateClass).slice(0, n);
      const complete = fields.length === n || kept.length < keptLimit;
      return answer(
        { session, event: index, heldStateBytes: e.mirror.stateBytes, fields, complete },
        `${fields.length} biggest field(s) after event #${index} (held state ${sum(e.mirror.stateBytes)} bytes).`,
      );
    }),
  );
}

function row(e: ReportEvent): z.infer<typeof rowShape> {
  const f = e.topFields[0];
  return {
    index: e.index,
    kind: e.kind,
    handler: shortHandler(e.handlerId),
    upBytes: e.request.bytes,
    downBytes: e.response.bytes,
    stateUpload: e.request.stateUpload,
    stateDownload: e.response.stateDownload,
    heldStateBytes: sum(e.mirror.stateBytes),
    biggestField: f ? `${f.path} ${f.bytes}` : '',
  };
}

function eventAt(s: StoredSession, index: number): ReportEvent {
  const e = s.report.events[index];
  if (!e)
    throw new ToolInputError(
      `Session ${s.id} has events 0 to ${s.report.events.length - 1}; there is no event ${index}.`,
    );
  return e;
}

function largestHeldState(s: StoredSession): number {
  let best = 0;
  for (const e of s.report.events)
    if (sum(e.mirror.stateBytes) > sum(s.report.events[best]!.mirror.stateBytes)) best = e.index;
  return best;
}

/**
 * The held state's JSON after one event (what the client would send up next), replayed from the
 * exchanges and written to a file: values can be megabytes, and an answer is never cut.
 */
function writeValues(ctx: ServerContext, s: StoredSession, index: number): { file: string; bytes: number } {
  if (!s.exchanges)
    throw new ToolInputError(`Values are kept for analyze_har sessions only; session ${s.id} comes from run_flow.`);
  let states: string[] | undefined;
  const builder = new SessionBuilder({
    onMirror: (event, held) => {
      if (event.index === index) states = [...held];
    },
  });
  for (const x of s.exchanges) {
    builder.add(x);
    if (states) break;
  }
  const text = `[${(states ?? []).join(',')}]\n`;
  const file = join(ctx.outDir(), `${s.id}-event-${index}-state.json`);
  writeFileSync(file, text);
  return { file, bytes: Buffer.byteLength(text) };
}
