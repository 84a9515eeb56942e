import {
  type AdviceThresholds,
  DEFAULT_THRESHOLDS,
  type Deployment,
  DEPLOYMENTS,
  formatBytes,
  parseSize,
} from '../../src/core';
import { HOOK_BACKLOG_MAX_MB, HOOK_BACKLOG_MIN_MB } from '../../src/extension/protocol';
import {
  MAX_KEEP_EVENTS,
  MAX_MARGIN_PERCENT,
  MIN_KEEP_EVENTS,
  validKeepEvents,
  validMarginPercent,
  validPageBacklogMb,
} from '../state/settings';
import type { AdviceSettings } from '../worker/messages';

interface Props {
  settings: AdviceSettings;
  onChange: (s: AdviceSettings) => void;
  /** The live capture's memory bound (absent for an imported file: nothing is captured). */
  keepEvents?: { value: number; onChange: (events: number) => void };
  /** The Recorder export's margin in percent (absent for an imported file: the export reads the live capture). */
  recorderMargin?: { value: number; onChange: (percent: number) => void };
  /** What the page hook keeps before a panel watches, in Mi characters of bodies (absent without a page hook). */
  pageBacklog?: { value: number; onChange: (mb: number) => void };
}

const FIELDS: { key: keyof AdviceThresholds; label: string; bytes: boolean }[] = [
  { key: 'stateUploadWarn', label: 'State upload: warn at', bytes: true },
  { key: 'stateUploadError', label: 'State upload: error at', bytes: true },
  { key: 'blobWarn', label: 'Blob in state: report from', bytes: true },
  { key: 'componentTreeWarn', label: 'Component tree: heavy from', bytes: true },
  { key: 'responseWarn', label: 'Response: big from', bytes: true },
  { key: 'streamRendersWarn', label: 'Streamed renders: warn at (renders)', bytes: false },
  { key: 'streamBytesWarn', label: 'Streamed renders: ... weighing', bytes: true },
  { key: 'growthMinIncreases', label: 'Growing field: after increases', bytes: false },
  { key: 'growthHorizonEvents', label: 'Growing field: horizon (events)', bytes: false },
];

/** The advice thresholds, editable ("250 kB" or a number) and remembered by the panel. */
export function ThresholdSettings({ settings, onChange, keepEvents, recorderMargin, pageBacklog }: Props) {
  const set = (key: keyof AdviceThresholds, text: string, bytes: boolean) => {
    const parsed = bytes ? parseSize(text) : { ok: true as const, bytes: Number(text) };
    if (!parsed.ok) return;
    const value = parsed.bytes;
    if (!Number.isFinite(value) || value < 0) return;
    onChange({ ...settings, thresholds: { ...settings.thresholds, [key]: value } });
  };
  return (
    <details class="thresholds">
      <summary>Thresholds and deployment</summary>
      <form onSubmit={(e) => e.preventDefault()}>
        {FIELDS.map((f) => (
          <label key={f.key} title={DEFAULT_THRESHOLDS[f.key].reason}>
            <span>{f.label}</span>
            <input
              name={f.key}
              defaultValue={f.bytes ? formatBytes(settings.thresholds[f.key]) : String(settings.thresholds[f.key])}
              key={`${f.key}:${settings.thresholds[f.key]}`}
              onChange={(e) => set(f.key, (e.target as HTMLInputElement).value, f.bytes)}
            />
          </label>
        ))}
        <label title="Which session backend can work depends on how the app is deployed">
          <span>Deployment</span>
          <select
            value={settings.deployment}
            onChange={(e) => onChange({ ...settings, deployment: (e.target as HTMLSelectElement).value as Deployment })}
          >
            {DEPLOYMENTS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        {keepEvents && (
          <label
            title={`The panel's memory bound: past it the oldest events are dropped and counted (${MIN_KEEP_EVENTS.toLocaleString('en')} to ${MAX_KEEP_EVENTS.toLocaleString('en')})`}
          >
            <span>Keep the newest (events)</span>
            <input
              name="keepEvents"
              inputMode="numeric"
              defaultValue={String(keepEvents.value)}
              key={`keep:${keepEvents.value}`}
              onChange={(e) => {
                const n = Number((e.target as HTMLInputElement).value);
                if (validKeepEvents(n)) keepEvents.onChange(n);
              }}
            />
          </label>
        )}
        {recorderMargin && (
          <label
            title={`The Recorder export "Mesop DevTools check" sets each budget to the biggest value measured plus this margin (0 to ${MAX_MARGIN_PERCENT} %)`}
          >
            <span>Recorder export: margin (%)</span>
            <input
              name="recorderMarginPercent"
              inputMode="numeric"
              defaultValue={String(recorderMargin.value)}
              key={`margin:${recorderMargin.value}`}
              onChange={(e) => {
                const n = Number((e.target as HTMLInputElement).value);
                if (validMarginPercent(n)) recorderMargin.onChange(n);
              }}
            />
          </label>
        )}
        {pageBacklog && (
          <label
            title={`Until a panel watches, each Mesop page keeps its newest events for it: their bodies up to this many MB (${HOOK_BACKLOG_MIN_MB} to ${HOOK_BACKLOG_MAX_MB}; older events keep their sizes only). It costs every Mesop tab that much memory; pages loaded from now on use it`}
          >
            <span>Page backlog before the panel opens (MB)</span>
            <input
              name="pageBacklogMb"
              inputMode="numeric"
              defaultValue={String(pageBacklog.value)}
              key={`backlog:${pageBacklog.value}`}
              onChange={(e) => {
                const n = Number((e.target as HTMLInputElement).value);
                if (validPageBacklogMb(n)) pageBacklog.onChange(n);
              }}
            />
          </label>
        )}
        <button
          type="button"
          onClick={() =>
            onChange({
              ...settings,
              thresholds: Object.fromEntries(
                Object.entries(DEFAULT_THRESHOLDS).map(([k, d]) => [k, d.value]),
              ) as unknown as AdviceThresholds,
            })
          }
        >
          Reset to defaults
        </button>
      </form>
    </details>
  );
}
