import type { ReportEvent } from '../report/report-types';

/** A Chrome DevTools Recorder recording (Puppeteer Replay's UserFlow), as far as the export reads it. */
export interface RecorderRecording {
  title: string;
  steps: readonly Record<string, unknown>[];
  [key: string]: unknown;
}

/** Events the Mesop tab measured, and how they were tied to a recording. */
export interface MeasuredRun {
  /** `replay`: played by the Mesop tab's "Replay with budgets"; `capture`: what the Mesop tab held. */
  kind: 'replay' | 'capture';
  /** When the run ended, or when the capture was read (ISO 8601). */
  at: string;
  events: readonly ReportEvent[];
}

/** What the Mesop tab knows when an export is asked for. */
export interface MeasuredSources {
  /** The last "Replay with budgets" run of each recording, by its title (this DevTools window only). */
  replays: ReadonlyMap<string, MeasuredRun>;
  /** The live capture the Mesop tab shows (undefined when it shows an imported file instead). */
  capture: MeasuredRun | undefined;
}

/** The recording's first `navigate` URL, when it has one that parses. */
export function navigateUrl(recording: RecorderRecording): URL | undefined {
  const step = recording.steps.find((s) => s.type === 'navigate' && typeof s.url === 'string');
  try {
    return step ? new URL(step.url as string) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Which measured events are "this flow", in this order:
 * 1. the last "Replay with budgets" run of a recording with the same title: the Mesop tab played
 *    exactly these steps, so its events are the flow's;
 * 2. otherwise the Mesop tab's live capture, when it holds events of the page the recording opens
 *    (its first navigate step's path): the flow was recorded, or replayed with the Recorder's own
 *    Replay button, while the Mesop tab captured. A capture of another page is not used.
 * Nothing else: without either, the export has no budgets and says why (`why`).
 */
export function findMeasuredRun(
  recording: RecorderRecording,
  sources: MeasuredSources,
): { run?: MeasuredRun; why: string } {
  const replay = sources.replays.get(recording.title);
  if (replay && replay.events.length > 0)
    return {
      run: replay,
      why: `the Mesop tab's "Replay with budgets" of "${recording.title}" at ${replay.at}`,
    };
  const page = navigateUrl(recording)?.pathname;
  const capture = sources.capture;
  if (!capture || capture.events.length === 0)
    return {
      why: `the Mesop tab measured nothing for "${recording.title}": it was not replayed with "Replay with budgets", and the Mesop tab's capture is empty`,
    };
  const paths = [...new Set(capture.events.map((e) => e.path).filter((p): p is string => p !== null))];
  if (page !== undefined && !paths.includes(page))
    return {
      why: `the Mesop tab measured nothing for "${recording.title}": it was not replayed with "Replay with budgets", and the Mesop tab's capture holds events of ${paths.join(', ') || 'no page'}, not of ${page}, the page the recording opens`,
    };
  return {
    run: capture,
    why: `the Mesop tab's capture at ${capture.at}${page !== undefined ? ` (events on ${page}, the page the recording opens)` : ''}`,
  };
}
