import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { MergedExchange } from '../../src/core';
import type { CaptureSnapshot, PanelTransport } from '../transport/transport';
import { exchangeKey, rowProblems, visibleRows, type Recording } from '../state/recording';
import type { AdviceSettings, AnalysisView } from '../worker/messages';
import { WorkerClient } from '../worker/worker-client';
import { countStartedBefore, RowKeys } from './row-keys';
import { sameOr } from './same-rows';
import { useDerived } from './use-derived';

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
export function useAnalysis(transport: PanelTransport, recording: Recording, advice: AdviceSettings, importing: boolean): LiveAnalysis {
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

  useEffect(() => client.settings(advice), [client, advice]);

  // No closure below names the snapshot, its rows or the settled rows (see use-derived.ts): a
  // closure kept from an old render must not keep rows the memory bound has dropped.
  const rows = useDerived(rowsToShow, snapshot, recording);
  const lastSettled = useRef<readonly MergedExchange[]>([]);
  const settled = useDerived(nextSettled, rows, lastSettled);
  const rowKeys = useMemo(() => new RowKeys(exchangeKey), []);
  const latest = useRef<Latest>({ settled, pageUrl: undefined });
  latest.current = { settled, pageUrl: snapshot?.page?.url };

  useEffect(() => {
    if (importing) return;
    const { settled: now, pageUrl } = latest.current;
    client.sync(now.map((r) => r.exchange), rowKeys.of(now), { kind: 'live', name: pageUrl ?? 'DevTools panel' });
    if (now.length === 0) setView(undefined);
  }, [client, settled, importing]);

  // Asked for by the visible rows and the selected event only, so nothing here is O(events). A new
  // function whenever the settled rows change (the memoized list re-renders), reading them through
  // the ref, so an old copy of it (a child's props) reaches only the current rows.
  const captureProblems = useMemo(() => problemsOfLatest(latest), [settled]);
  const started = snapshot?.panelStartedAt ?? 0;
  const backlog = useDerived(backlogCount, settled, started);
  return {
    client, snapshot, view, setView, captureProblems, error, setError,
    pending: rows.length - settled.length,
    backlogEvents: importing ? 0 : backlog,
  };
}

interface Latest { settled: readonly MergedExchange[]; pageUrl: string | undefined }

function rowsToShow(snapshot: CaptureSnapshot | undefined, recording: Recording): readonly MergedExchange[] {
  return snapshot ? visibleRows(snapshot.rows, recording, snapshot.navigations) : [];
}

/** The settled prefix of `rows`, or the previous array when it holds the same rows (same-rows.ts). */
function nextSettled(rows: readonly MergedExchange[], last: { current: readonly MergedExchange[] }): readonly MergedExchange[] {
  return (last.current = sameOr(last.current, settledPrefix(rows, Date.now())));
}

/** Rows are in start order: those from before the panel are a prefix. */
function backlogCount(settled: readonly MergedExchange[], started: number): number {
  return countStartedBefore(settled, (r) => r.exchange.startedAt, started);
}

function problemsOfLatest(latest: { readonly current: Latest }): (eventIndex: number) => string[] {
  return (i) => {
    const row = latest.current.settled[i];
    return row ? cachedProblems(row) : [];
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
