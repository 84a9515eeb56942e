import { useEffect, useMemo, useState } from 'preact/hooks';
import type { CaptureSnapshot, PanelTransport } from '../transport/transport';
import { exchangeKey, rowProblems, visibleRows, type Recording } from '../state/recording';
import type { AnalysisView } from '../worker/messages';
import { WorkerClient } from '../worker/worker-client';
import type { PanelSettings } from '../state/settings';

export interface LiveAnalysis {
  client: WorkerClient;
  snapshot: CaptureSnapshot | undefined;
  view: AnalysisView | undefined;
  setView: (v: AnalysisView | undefined) => void;
  /** Capture problems per analysed event (same index as the report's events). */
  captureProblems: string[][];
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
  const settled = useMemo(() => rows.filter((r) => !r.pending), [rows]);

  useEffect(() => {
    if (importing) return;
    const source = { kind: 'live' as const, name: snapshot?.page?.url ?? 'DevTools panel' };
    client.sync(settled.map((r) => r.exchange), settled.map(exchangeKey), source);
    if (settled.length === 0) setView(undefined);
  }, [client, settled, importing]);

  const captureProblems = useMemo(() => settled.map(rowProblems), [settled]);
  const started = snapshot?.panelStartedAt ?? 0;
  return {
    client, snapshot, view, setView, captureProblems, error, setError,
    pending: rows.length - settled.length,
    backlogEvents: importing ? 0 : settled.filter((r) => r.exchange.startedAt < started).length,
  };
}
