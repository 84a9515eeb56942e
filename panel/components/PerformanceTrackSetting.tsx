interface Props {
  /** Why this browser shows no Mesop track in its Performance panel (undefined: it can). */
  absentBecause: string | undefined;
  richer: boolean;
  onRicher: (on: boolean) => void;
}

/**
 * The Mesop track in Chrome's Performance panel (docs/performance-track.md): why it is absent, or
 * the one setting it has, the richer entries (which also go into the app's performance timeline).
 */
export function PerformanceTrackSetting({ absentBecause, richer, onRicher }: Props) {
  return (
    <details class="thresholds" id="performance-track">
      <summary>Performance panel track</summary>
      {absentBecause ? (
        <p class="dim" id="performance-track-absent">
          {absentBecause}.
        </p>
      ) : (
        <form onSubmit={(e) => e.preventDefault()}>
          <p class="dim">While a Performance recording runs, each Mesop event is written to its "Mesop" track.</p>
          <label title="performance.measure entries with a tooltip and the event's details; the app's own performance timeline (its PerformanceObservers) sees them too">
            <input
              type="checkbox"
              name="richerTrackEntries"
              checked={richer}
              onChange={(e) => onRicher((e.target as HTMLInputElement).checked)}
            />
            <span>Richer entries (details and tooltip; also written into the app's performance timeline)</span>
          </label>
        </form>
      )}
    </details>
  );
}
