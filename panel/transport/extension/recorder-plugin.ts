import {
  buildCheckFile,
  eventLimits,
  findMeasuredRun,
  type MeasuredRun,
  type MeasuredSources,
  type RecorderRecording,
  stringifyCheckFile,
} from '../../../src/core';
import { debugHook } from '../../debug-hook';
import { replayChannelName, type ReplayMessage, type ReplayState } from '../../recorder-view/replay-messages';
import type { RecorderSide } from '../transport';
import { replayRecording, type ReplayDeps } from './recorder-replay';

/** The name in the Recorder's Export menu and replay menu. */
export const RECORDER_PLUGIN_NAME = 'Mesop DevTools check';

type RecorderView = { show(): void };
type RecorderApi = {
  registerRecorderExtensionPlugin(plugin: object, name: string, mediaType: string): void;
  /** A promise in Chrome 156 (the sample extensions await it), a view in @types/chrome: awaited either way. */
  createView?(title: string, pagePath: string): Promise<RecorderView> | RecorderView;
};

/**
 * Registers "Mesop DevTools check" with DevTools' Recorder, from the panel page: the measured
 * events live here (the analysis), so the export reads them without a copy or a message hop. The
 * plugin exists once the Mesop tab has been opened in this DevTools window (docs/recorder-export.md).
 * Export (Chrome 105+): the recording as a `check` config, budgets from findMeasuredRun. Replay
 * (Chrome 112+, with createView): the Mesop tab replays the recording in the page, measures each
 * step against the budgets an export would hold now, and shows it in the Recorder's view; the run
 * is then what the next export of that recording reads.
 */
export function registerRecorderPlugin(
  side: RecorderSide,
  tabId: number,
  deps: Omit<ReplayDeps, 'liveEvents' | 'publish'>,
): boolean {
  // eslint-disable-next-line no-restricted-globals -- Chrome-only API, not in webextension-polyfill
  const api = (typeof chrome !== 'undefined' ? chrome.devtools?.recorder : undefined) as RecorderApi | undefined;
  if (!api?.registerRecorderExtensionPlugin) return false;
  const replays = new Map<string, MeasuredRun>();
  const sources = (): MeasuredSources => {
    const events = side.liveEvents();
    return { replays, capture: events && { kind: 'capture', at: new Date().toISOString(), events } };
  };
  const exportFile = (recording: RecorderRecording) =>
    buildCheckFile(recording, findMeasuredRun(recording, sources()), side.marginPercent());

  let state: ReplayState | undefined;
  const channel = new BroadcastChannel(replayChannelName(tabId));
  const viewPath = `recorder-view.html?tab=${tabId}`;
  const publish = (next: ReplayState) => {
    state = next;
    side.replayChanged(next, viewPath);
    if (debugHook) debugHook.recorderReplay = next;
    channel.postMessage({ type: 'state', state } satisfies ReplayMessage);
  };
  channel.onmessage = (m: MessageEvent<ReplayMessage>) => {
    if (m.data.type === 'hello') channel.postMessage({ type: 'state', state } satisfies ReplayMessage);
  };
  // DevTools honours RecorderView.show() only synchronously inside replay() (it raises its
  // user-action flags around that one call), so the view is created now and kept resolved.
  let view: RecorderView | undefined;
  if (api.createView) void Promise.resolve(api.createView('Mesop budgets', viewPath)).then((v) => (view = v));
  let running = false;

  const plugin = {
    stringify: (recording: RecorderRecording) => stringifyCheckFile(exportFile(recording)),
    stringifyStep: (step: Record<string, unknown>) => `${JSON.stringify(step, null, 2)}\n`,
    ...(api.createView && {
      replay: (recording: RecorderRecording) => {
        view?.show();
        if (running) return;
        running = true;
        const file = exportFile(recording);
        void replayRecording(recording, eventLimits(file), file.measured.note, {
          ...deps,
          liveEvents: side.liveEvents,
          publish,
        })
          .then(({ events, state: end }) => {
            if (end.status === 'done' && events.length > 0)
              replays.set(recording.title, { kind: 'replay', at: new Date().toISOString(), events });
          })
          .finally(() => {
            running = false;
          });
      },
    }),
  };
  api.registerRecorderExtensionPlugin(plugin, RECORDER_PLUGIN_NAME, 'application/json');
  return true;
}
