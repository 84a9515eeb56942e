import { parseSize } from '../../src/core';
import type { EventFilter } from '../state/event-filter';
import type { ExportFormat } from '../worker/messages';

interface Props {
  live: boolean;
  recording: boolean;
  onToggleRecord: () => void;
  onClear: () => void;
  preserveLog: boolean;
  onPreserveLog: (on: boolean) => void;
  onReload?: () => void;
  filter: EventFilter;
  kinds: string[];
  onFilter: (f: EventFilter) => void;
  includeValues: boolean;
  onIncludeValues: (on: boolean) => void;
  onExport: (format: ExportFormat) => void;
  onImport: (file: File) => void;
  canExport: boolean;
}

/** Record/pause, clear, preserve log, reload and record, filters, export and import. */
export function Toolbar(p: Props) {
  return (
    <div class="toolbar" role="toolbar" aria-label="Mesop panel">
      {p.live && (
        <>
          <button
            id="record"
            class={`icon ${p.recording ? 'recording' : ''}`}
            aria-pressed={p.recording}
            onClick={p.onToggleRecord}
            title={p.recording ? 'Pause recording' : 'Resume recording'}
            aria-label={p.recording ? 'Pause recording' : 'Resume recording'}
          >
            <span class="rec-dot" />
          </button>
          <button id="clear" class="icon" onClick={p.onClear} title="Clear" aria-label="Clear">
            ⊘
          </button>
          {p.onReload && (
            <button id="reload" onClick={p.onReload} title="Reload the page and record from its first event">
              ⟳ Reload and record
            </button>
          )}
          <label title="Keep events across reloads and navigations">
            <input
              id="preserve-log"
              type="checkbox"
              checked={p.preserveLog}
              onChange={(e) => p.onPreserveLog((e.target as HTMLInputElement).checked)}
            />{' '}
            Preserve log
          </label>
          <span class="sep" />
        </>
      )}
      <select
        id="filter-kind"
        aria-label="Filter by kind"
        value={p.filter.kind}
        onChange={(e) => p.onFilter({ ...p.filter, kind: (e.target as HTMLSelectElement).value })}
      >
        <option value="">All kinds</option>
        {p.kinds.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
      <input
        id="filter-handler"
        type="search"
        placeholder="Handler"
        aria-label="Filter by handler"
        value={p.filter.handler}
        onInput={(e) => p.onFilter({ ...p.filter, handler: (e.target as HTMLInputElement).value })}
      />
      <input
        id="filter-size"
        type="search"
        placeholder="Min size, e.g. 10 kB"
        aria-label="Minimum bytes up + down"
        size={14}
        onInput={(e) => {
          const text = (e.target as HTMLInputElement).value.trim();
          const r = parseSize(text || '0');
          if (r.ok) p.onFilter({ ...p.filter, minBytes: r.bytes });
        }}
      />
      <span class="grow" />
      <label title="Exported reports hold paths and sizes only unless this is ticked (JSON only)">
        <input
          id="include-values"
          type="checkbox"
          checked={p.includeValues}
          onChange={(e) => p.onIncludeValues((e.target as HTMLInputElement).checked)}
        />{' '}
        Include state values
      </label>
      <span class="export" role="group" aria-label="Export report">
        Export
        {(['json', 'html', 'md'] as const).map((f) => (
          <button key={f} id={`export-${f}`} disabled={!p.canExport} onClick={() => p.onExport(f)}>
            {f === 'md' ? 'Markdown' : f.toUpperCase()}
          </button>
        ))}
      </span>
      <label class="import button" title="Open a HAR (Network tab > Export HAR) or an exported JSON report">
        Import…
        <input
          id="import-file"
          type="file"
          accept=".har,.json,application/json"
          hidden
          onChange={(e) => {
            const input = e.target as HTMLInputElement;
            const file = input.files?.[0];
            if (file) p.onImport(file);
            input.value = '';
          }}
        />
      </label>
    </div>
  );
}
