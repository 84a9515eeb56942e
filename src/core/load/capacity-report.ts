/**
 * The capacity report of `mesop-devtools load`, format version 1: per configuration (session backend
 * + server command), what each step of users measured, and what follows for sizing an instance.
 * Sizes and times only: no state values, tokens or request bodies.
 */
import { formatBytes } from '../measure/format-bytes';
import { renderTable, type Column } from '../report/text-table';

export const LOAD_REPORT_SCHEMA = 'mesop-devtools/load-report';
export const LOAD_REPORT_VERSION = 1;

/** One step of the ramp, as the Python runner measured it (plus the server's memory, from the CLI). */
export interface LoadStep {
  step: number;
  users: number;
  startedAt: number;
  endedAt: number;
  /** Recorded events sent (one per event, a token-miss retry included in its time). */
  events: number;
  /** Events the server did not accept (HTTP error, a Mesop error response, a broken stream). */
  errors: number;
  /** Events sent again with full state after "Token not found". */
  tokenMisses: number;
  /** Page loads (init requests) in this step: the sessions it started. */
  sessions: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  eventsPerSecond: number;
  errorSamples: string[];
  /** CPU seconds the load generator itself used in the step (near the step's length: it was the bottleneck). */
  clientCpuSeconds: number;
  /** Server RSS (whole process tree) at the end of the step; null where it cannot be read. */
  rssBytes: number | null;
  processes: number | null;
  /** The file backend's directory size at the end of the step. */
  diskBytes: number | null;
}

export interface LoadConfiguration {
  backend: string;
  server: string;
  steps: LoadStep[];
  /** RSS of the idle server before any load. */
  idleRssBytes: number | null;
  /** Why the configuration stopped early (a server that died, with its log tail). */
  failure: string | null;
  derived: DerivedCapacity;
}

export interface DerivedCapacity {
  /** Sessions started over the run (each holds server state until its 10-minute TTL with a backend). */
  sessions: number;
  ramPerSessionBytes: number | null;
  sessionsPerGb: number | null;
  diskPerSessionBytes: number | null;
  /** Users of the first step whose p95 went over the target; null when none did. */
  usersAtP95Target: number | null;
  /** The largest step that stayed within the target. */
  maxUsersWithinTarget: number | null;
  errors: number;
  tokenMisses: number;
  events: number;
}

export interface LoadReport {
  schema: typeof LOAD_REPORT_SCHEMA;
  version: typeof LOAD_REPORT_VERSION;
  toolVersion: string;
  source: string;
  p95TargetMs: number;
  thinkScale: number;
  stepSeconds: number;
  configurations: LoadConfiguration[];
}

/** What the steps say about capacity. RAM per session: growth over idle, over the sessions held. */
export function deriveCapacity(
  steps: readonly LoadStep[],
  idleRssBytes: number | null,
  p95TargetMs: number,
): DerivedCapacity {
  const sessions = steps.reduce((n, s) => n + s.sessions, 0);
  const last = steps[steps.length - 1];
  const growth = last?.rssBytes != null && idleRssBytes != null ? Math.max(0, last.rssBytes - idleRssBytes) : null;
  const ramPerSessionBytes = growth != null && sessions > 0 ? Math.round(growth / sessions) : null;
  const crossed = steps.find((s) => s.p95Ms != null && s.p95Ms > p95TargetMs);
  const within = steps.filter(
    (s) => s.p95Ms != null && s.p95Ms <= p95TargetMs && (!crossed || s.users < crossed.users),
  );
  return {
    sessions,
    ramPerSessionBytes,
    sessionsPerGb: ramPerSessionBytes ? Math.floor(1e9 / ramPerSessionBytes) : null,
    diskPerSessionBytes: last?.diskBytes != null && sessions > 0 ? Math.round(last.diskBytes / sessions) : null,
    usersAtP95Target: crossed ? crossed.users : null,
    maxUsersWithinTarget: within.length ? Math.max(...within.map((s) => s.users)) : null,
    errors: steps.reduce((n, s) => n + s.errors, 0),
    tokenMisses: steps.reduce((n, s) => n + s.tokenMisses, 0),
    events: steps.reduce((n, s) => n + s.events, 0),
  };
}

const ms = (v: number | null): string => (v == null ? '-' : `${Math.round(v)} ms`);
const bytes = (v: number | null): string => (v == null ? '-' : formatBytes(v));

interface Row {
  config: LoadConfiguration;
  step: LoadStep;
}

const STEP_COLUMNS: Column<Row>[] = [
  { header: 'backend', value: (r) => r.config.backend },
  { header: 'users', align: 'right', value: (r) => String(r.step.users) },
  { header: 'events/s', align: 'right', value: (r) => r.step.eventsPerSecond.toFixed(1) },
  { header: 'p50', align: 'right', value: (r) => ms(r.step.p50Ms) },
  { header: 'p95', align: 'right', value: (r) => ms(r.step.p95Ms) },
  { header: 'p99', align: 'right', value: (r) => ms(r.step.p99Ms) },
  { header: 'errors', align: 'right', value: (r) => String(r.step.errors) },
  { header: 'token misses', align: 'right', value: (r) => String(r.step.tokenMisses) },
  { header: 'server RSS', align: 'right', value: (r) => bytes(r.step.rssBytes) },
  { header: 'disk', align: 'right', value: (r) => bytes(r.step.diskBytes) },
];

/** The terminal table: one row per step, then one sizing line per configuration. */
export function renderLoadText(report: LoadReport): string {
  const rows = report.configurations.flatMap((config) => config.steps.map((step) => ({ config, step })));
  const lines = [renderTable(rows, STEP_COLUMNS)];
  for (const c of report.configurations) lines.push(`${sizingLine(c, report.p95TargetMs)}\n`);
  return lines.join('\n');
}

/** "memory (mesop chat.py): p95 < 500 ms up to 20 users (not crossed); ~12 kB RAM per session (83,000 per GB)". */
export function sizingLine(c: LoadConfiguration, target: number): string {
  const d = c.derived;
  const head = `${c.backend} (${c.server}): `;
  if (c.failure) return `${head}stopped: ${c.failure.split('\n')[0]}`;
  const top = c.steps.length ? Math.max(...c.steps.map((s) => s.users)) : 0;
  const latency =
    d.usersAtP95Target != null
      ? `p95 went over ${target} ms at ${d.usersAtP95Target} users${d.maxUsersWithinTarget != null ? ` (within it up to ${d.maxUsersWithinTarget})` : ''}`
      : `p95 < ${target} ms up to ${top} users (the most tried)`;
  const ram =
    d.ramPerSessionBytes != null
      ? `~${formatBytes(d.ramPerSessionBytes)} RAM per session held (${d.sessions} sessions${d.sessionsPerGb ? `, ~${d.sessionsPerGb.toLocaleString('en-US')} per GB` : ''})`
      : 'RAM per session: not measured';
  const disk = d.diskPerSessionBytes != null ? `; ~${formatBytes(d.diskPerSessionBytes)} disk per session` : '';
  const faults = `; ${d.errors} errors, ${d.tokenMisses} token misses in ${d.events} events`;
  return `${head}${latency}; ${ram}${disk}${faults}`;
}
