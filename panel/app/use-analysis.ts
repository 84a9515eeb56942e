import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ReportEvent } from '../../src/core';
import type { CaptureSnapshot, PanelTransport } from '../transport/transport';
import { logFilter, type Recording } from '../state/recording';
import type { AdviceSettings, AnalysisView } from '../worker/messages';
import { WorkerClient } from '../worker/worker-client';

/**
 * What the panel shows of the capture besides its events: every field but the log itself
 * (`droppedStarts` is the capture's live array; `droppedCount` its length when this was taken).
 */
export type CaptureStatus = Omit<CaptureSnapshot, 'log'> & { droppedCount: number };

export interface LiveAnalysis {
  client: WorkerClient;
  status: CaptureStatus | undefined;
  view: AnalysisView | undefined;
  setView: (v: AnalysisView | undefined) => void;
  /** Requests seen and not analysed yet. */
  pending: number;
  /** Analysed events that started before the panel did (they came from the page's backlog). */
  backlogEvents: number;
  error: string | undefined;
  setError: (e: string | undefined) => void;
}

/**
 * The capture log -> the worker, which answers with the analysis; the recording (clear, pause,
 * preserve log) says which part of the log is shown. One timer paces the panel's redraws, the
 * worker's: the panel renders when its view comes, and a change of the capture's status (a
 * request started, the page detected) is held until the next view or the worker's tick; a capture
 * update that only added to the log goes to the worker and renders nothing. The log never
 * enters a render's closures: the callbacks below reach it through `latest`, so no closure kept
 * from an old render holds rows the memory bound has dropped.
 */
export function useAnalysis(
  transport: PanelTransport,
  recording: Recording,
  advice: AdviceSettings,
  importing: boolean,
): LiveAnalysis {
  const client = useMemo(() => new WorkerClient(transport.workerUrl), [transport]);
  const [status, setStatus] = useState<CaptureStatus>();
  const [view, setView] = useState<AnalysisView>();
  const [error, setError] = useState<string>();
  const latest = useRef<Latest>({ snapshot: undefined, recording, importing });
  latest.current = { ...latest.current, recording, importing };

  // The status waits here for the worker's pacing: it renders with the next view, or on a tick.
  const heldStatus = useRef<CaptureStatus>();
  useEffect(() => {
    const commitStatus = () => setStatus(heldStatus.current);
    client.onView = (v) => {
      setView(v);
      setError(undefined);
      commitStatus();
    };
    client.onTick = commitStatus;
    client.onError = setError;
    transport.start((snapshot) => {
      latest.current.snapshot = snapshot;
      follow(client, latest.current, setView);
      const next = nextStatus(heldStatus.current, snapshot);
      if (next !== heldStatus.current) {
        heldStatus.current = next;
        client.statusChanged();
      }
    });
  }, [client, transport]);

  useEffect(() => client.settings(advice), [client, advice]);
  useEffect(() => follow(client, latest.current, setView), [client, recording, importing, status?.navigations]);

  const started = status?.panelStartedAt ?? 0;
  const events = view?.report.events;
  const backlog = useMemo(() => (events ? countStartedBefore(events, started) : 0), [events, started]);
  return {
    client,
    status,
    view,
    setView,
    error,
    setError,
    pending: status?.inFlight ?? 0,
    backlogEvents: importing ? 0 : backlog,
  };
}

interface Latest {
  snapshot: CaptureSnapshot | undefined;
  recording: Recording;
  importing: boolean;
}

function follow(
  client: WorkerClient,
  { snapshot, recording, importing }: Latest,
  setView: (v: AnalysisView | undefined) => void,
): void {
  if (importing || !snapshot) return;
  const started = client.sync(snapshot.log, logFilter(recording, snapshot.navigations), {
    kind: 'live',
    name: snapshot.page?.url ?? 'DevTools panel',
  });
  if (started) setView(undefined);
}

/** The previous status when nothing it shows changed (then nothing re-renders). */
function nextStatus(prev: CaptureStatus | undefined, s: CaptureSnapshot): CaptureStatus {
  if (
    prev &&
    prev.page === s.page &&
    prev.hookError === s.hookError &&
    prev.dropped === s.dropped &&
    prev.sizesOnly === s.sizesOnly &&
    prev.inFlight === s.inFlight &&
    prev.navigations.length === s.navigations.length &&
    prev.droppedCount === s.droppedStarts.length &&
    prev.entriesBeforePanel === s.entriesBeforePanel
  )
    return prev;
  const { log: _log, ...status } = s;
  return { ...status, droppedCount: s.droppedStarts.length };
}

/** Events (in log order) that started before `time`: a binary search. */
function countStartedBefore(events: readonly ReportEvent[], time: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Date.parse(events[mid]!.startedAt ?? '') < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
