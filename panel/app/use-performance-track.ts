import { useEffect, useRef } from 'preact/hooks';
import type { AdviceThresholds, ReportEvent } from '../../src/core';
import { TrackRecording } from '../state/perf-track-writer';
import type { PerformanceTrack } from '../transport/transport';
import type { ResponseTiming } from '../worker/messages';

/**
 * Writes the Mesop events into a running Performance recording (docs/performance-track.md): at
 * each analysis view, the events that ended since the recording started and were not written yet.
 * No recording, no work: nothing is built and nothing reaches the page. `events` is undefined
 * when the panel shows an imported file (its events are not this page's).
 */
export function usePerformanceTrack(
  track: PerformanceTrack | undefined,
  events: readonly ReportEvent[] | undefined,
  timings: ReadonlyMap<string, ResponseTiming> | undefined,
  thresholds: AdviceThresholds,
  richer: boolean,
): void {
  const recording = useRef<TrackRecording>();
  const latest = useRef({ events, timings, thresholds, richer });
  latest.current = { events, timings, thresholds, richer };

  const writeNew = () => {
    const { events: shown, timings: dated, thresholds: t, richer: r } = latest.current;
    if (!track || !recording.current || !shown) return;
    track.write(recording.current.take(shown, t, dated), r);
  };

  useEffect(() => {
    track?.onRecording((on) => {
      recording.current = on ? new TrackRecording(Date.now()) : undefined;
    });
  }, [track]);
  useEffect(writeNew, [track, events]);
}
