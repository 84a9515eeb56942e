import browser from 'webextension-polyfill';
import { debugHook } from '../../debug-hook';
import { trackScript } from '../../state/perf-track-writer';
import type { TrackEntry } from '../../state/perf-track';
import type { PerformanceTrack } from '../transport';
import { evalAnswer } from './devtools-answers';

/** The part of Chrome's chrome.devtools.performance (Chrome 129+) used here; not in webextension-polyfill. */
interface DevToolsPerformance {
  onProfilingStarted: { addListener(fn: () => void): void };
  onProfilingStopped: { addListener(fn: () => void): void };
}

/**
 * The Mesop track's browser side (docs/performance-track.md). Listened to in the panel page, not
 * in the devtools page: the panel is where the Mesop events are analysed, so the entries are
 * built from the very rows the Mesop tab lists, with no second copy of the analysis. The entries
 * are written with chrome.devtools.inspectedWindow.eval, on the app's own origin, only while a
 * recording runs: no page code of ours runs for it otherwise, and the page hook stays as it was.
 */
export class ExtensionPerformanceTrack implements PerformanceTrack {
  readonly absentBecause: string | undefined;
  readonly #api: DevToolsPerformance | undefined;
  /** Whether DevTools said a recording runs; evals made, entries they wrote (read by tests through the debug hook). */
  readonly #counts = { recording: false, evals: 0, written: 0, failed: 0 };

  constructor() {
    // eslint-disable-next-line no-restricted-globals -- Chrome-only API, not in webextension-polyfill
    const chromeApi = typeof chrome !== 'undefined' ? chrome : undefined;
    this.#api = (chromeApi?.devtools as { performance?: DevToolsPerformance } | undefined)?.performance;
    this.absentBecause = this.#api
      ? undefined
      : 'no Mesop track in the Performance panel: this browser gives extensions no chrome.devtools.performance (Chrome 129+)';
    if (debugHook) debugHook.performanceTrack = this.#counts;
    // Listened to once; a re-mounted panel view (after an error) takes over with onRecording.
    const recording = (on: boolean) => {
      this.#counts.recording = on;
      this.#onRecording(on);
    };
    this.#api?.onProfilingStarted.addListener(() => recording(true));
    this.#api?.onProfilingStopped.addListener(() => recording(false));
  }

  #onRecording: (recording: boolean) => void = () => undefined;

  onRecording(fn: (recording: boolean) => void): void {
    this.#onRecording = fn;
  }

  write(entries: readonly TrackEntry[], richer: boolean): void {
    if (!this.#api || entries.length === 0) return;
    this.#counts.evals++;
    // Chrome rejects on an exception in the page (devtools-answers.ts reads Firefox's answer too).
    browser.devtools.inspectedWindow.eval(trackScript(entries, richer)).then(
      (answer: unknown) => {
        const { result } = evalAnswer(answer);
        if (typeof result === 'number') this.#counts.written += result;
        else this.#counts.failed++;
      },
      () => this.#counts.failed++,
    );
  }
}
