import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { MergedExchange } from '../../src/core/decode/capture-merge';
import type { CaptureSnapshot, PanelTransport } from '../transport/transport';
import { exchangeKey, rowProblems, visibleRows, type Recording } from '../state/recording';
import type { AnalysisView } from '../worker/messages';
import { WorkerClient } from '../worker/worker-client';
import type { PanelSettings } from '../state/settings';
import { countStartedBefore, RowKeys } from './row-keys';
import { sameOr } from './same-rows';

export interface LiveAnalysis {
  client: WorkerClient;
  snapshot: CaptureSnapshot | undefined;
  view: AnalysisView | undefined;
  setView: (v: AnalysisView | undefined) => void;
  /** Capture problems of an analysed event (by the report's event index), computed when asked. */
  captureProblems: (eventIndex: number) => string[];
  pending: number;
  /** Analysed events that started before the panel did (they came from the page's backlog). */
  backlogEvents: number;
  error: string | undefined;
  setError: (e: string | undefined) => void;
}

/**
 * Capture snapshots -> the rows the user kept (recording, clear, preserve log) -> the worker,
 * which answers with the analysis. While a file is imported, live capture goes on but is not shown.
 */
export function useAnalysis(transport: PanelTransport, recording: Recording, settings: PanelSettings, importing: boolean): LiveAnalysis {
  const client = useMemo(() => new WorkerClient(transport.workerUrl), [transport]);
  const [snapshot, setSnapshot] = useState<CaptureSnapshot>();
  const [view, setView] = useState<AnalysisView>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    (window as { __mesopWorkerLog?: string[] }).__mesopWorkerLog = client.log;
    client.onView = (v) => { setView(v); setError(undefined); };
    client.onError = setError;
    transport.start(setSnapshot);
  }, [client, transport]);

  useEffect(() => client.settings(settings.advice), [client, settings.advice]);

  const rows = useMemo(() => (snapshot ? visibleRows(snapshot.rows, recording, snapshot.navigations) : []), [snapshot, recording]);
  const lastSettled = useRef<readonly MergedExchange[]>([]);
  const settled = useMemo(() => (lastSettled.current = sameOr(lastSettled.current, settledPrefix(rows, Date.now()))), [rows]);
  const rowKeys = useMemo(() => new RowKeys(exchangeKey), []);

  useEffect(() => {
    if (importing) return;
    const source = { kind: 'live' as const, name: snapshot?.page?.url ?? 'DevTools panel' };
    client.sync(settled.map((r) => r.exchange), rowKeys.of(settled), source);
    if (settled.length === 0) setView(undefined);
  }, [client, settled, importing]);

  // Asked for by the visible rows and the selected event only, so nothing here is O(events).
  const captureProblems = useMemo(() => (i: number) => (settled[i] ? cachedProblems(settled[i]!) : []), [settled]);
  const started = snapshot?.panelStartedAt ?? 0;
  // Rows are in start order: those from before the panel are a prefix.
  const backlog = useMemo(() => countStartedBefore(settled, (r) => r.exchange.startedAt, started), [settled, started]);
  return {
    client, snapshot, view, setView, captureProblems, error, setError,
    pending: rows.length - settled.length,
    backlogEvents: importing ? 0 : backlog,
  };
}

/** A request in flight for longer than this no longer holds back the rows after it. */
const PENDING_BLOCKS_MS = 15_000;

/**
 * The rows to analyse: settled ones, up to the first request still in flight (a recent one), so
 * the list sent to the worker only grows (rows after it wait; the list shows them as in flight).
 * Analysing them out of order would make the worker start again from scratch.
 */
export function settledPrefix(rows: readonly MergedExchange[], now: number): readonly MergedExchange[] {
  const firstPending = rows.findIndex((r) => r.pending);
  if (firstPending < 0) return rows;
  if (now - rows[firstPending]!.exchange.startedAt < PENDING_BLOCKS_MS) return rows.slice(0, firstPending);
  const out: MergedExchange[] = [];
  for (const r of rows) {
    if (!r.pending) out.push(r);
    else if (now - r.exchange.startedAt < PENDING_BLOCKS_MS) break;
  }
  return out;
}

// Final rows keep their identity across updates (capture-store.ts): their problems are computed once.
const problems = new WeakMap<MergedExchange, string[]>();
function cachedProblems(row: MergedExchange): string[] {
  let p = problems.get(row);
  if (p === undefined) problems.set(row, (p = rowProblems(row)));
  return p;
}
