import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DevBackend, PayloadReport } from '../../src/core';
import { EmptyState } from '../components/EmptyState';
import { debugHook } from '../debug-hook';
import { EventList } from '../components/EventList';
import { SiteAccessPane } from '../components/SiteAccessPane';
import { PayloadChart } from '../components/PayloadChart';
import { StatusLine } from '../components/StatusLine';
import { ReplayBanner } from '../components/ReplayBanner';
import { Toolbar } from '../components/Toolbar';
import { DevModePane } from '../dev-mode/DevModePane';
import { download, exportName } from '../export/download';
import { classifyImport } from '../export/read-import';
import { NO_FILTER, orderEvents, type EventFilter, type Sort } from '../state/event-filter';
import { clearRecording, droppedInView, initialRecording, togglePause, visibleFrom } from '../state/recording';
import { loadSettings, saveSettings, type PanelSettings } from '../state/settings';
import type { ReplayState } from '../recorder-view/replay-messages';
import type { PanelTransport } from '../transport/transport';
import type { ExportFormat } from '../worker/messages';
import { SidePane } from './SidePane';
import { useAnalysis } from './use-analysis';
import { usePerformanceTrack } from './use-performance-track';

import { useSelection } from './use-selection';

/** The Mesop tab: toolbar, status, chart, event list and the side pane (event, recommendations, growth). */
export function App({ transport }: { transport: PanelTransport }) {
  const [settings, setSettingsState] = useState<PanelSettings>(() => loadSettings(transport.storage));
  const [recording, setRecording] = useState(() => initialRecording(settings.preserveLog));
  const [imported, setImported] = useState<{ name: string; report?: PayloadReport }>();
  const [filter, setFilter] = useState<EventFilter>(NO_FILTER);
  const [sort, setSort] = useState<Sort>({ key: 'index', desc: false });
  // The advice names the session backend when a dev session says which one runs (`none`: no backend).
  const [devBackend, setDevBackend] = useState<DevBackend>();
  const advice = useMemo(
    () => ({ ...settings.advice, backend: devBackend && devBackend !== 'none' ? devBackend : undefined }),
    [settings.advice, devBackend],
  );
  const live = useAnalysis(transport, recording, advice, imported !== undefined);
  const { client, setView, setError } = live;
  const report = imported?.report ?? live.view?.report;
  const events = report?.events ?? [];
  const sel = useSelection(live.client, live.view, report, imported?.report !== undefined);
  usePerformanceTrack(
    transport.performanceTrack,
    imported ? undefined : live.view?.report.events,
    live.view?.timings,
    settings.advice.thresholds,
    settings.richerTrackEntries,
  );

  useEffect(() => {
    document.documentElement.dataset.theme = transport.theme;
  }, [transport.theme]);
  // Without "Preserve log" a navigation clears the log for good: ticking the box later does not bring those events back.
  const lastNavigation = live.status?.navigations.at(-1);
  useEffect(() => {
    if (lastNavigation !== undefined && !recording.preserveLog)
      setRecording((r) => ({ ...r, clearedAt: Math.max(r.clearedAt, lastNavigation) }));
  }, [lastNavigation]);
  const droppedEvents =
    imported || !live.status
      ? 0
      : droppedInView(live.status.droppedStarts, visibleFrom(recording, live.status.navigations));
  if (debugHook) Object.assign(debugHook, { report, selected: sel.selected, droppedEvents });
  // Events dropped from the front renumber the rest: the selection follows its event (or goes with it).
  const dropped = live.view?.dropped ?? 0;
  useEffect(() => {
    if (dropped > 0 && sel.selected !== undefined)
      sel.select(sel.selected >= dropped ? sel.selected - dropped : undefined);
  }, [live.view]);

  // One select function for the panel's life: the chart and the list (memoized) then skip the
  // renders that capture updates cause (5 a second while streaming) when nothing they show changed.
  const selectRef = useRef(sel.select);
  selectRef.current = sel.select;
  const onSelect = useCallback((i: number) => selectRef.current(i), []);

  useEffect(() => transport.keepEvents?.(settings.keepEvents), [transport, settings.keepEvents]);
  // The Recorder plugin asks later, when the user exports or replays: it reads the latest values.
  const forRecorder = useRef({ events: undefined as PayloadReport['events'] | undefined, margin: 0 });
  forRecorder.current = {
    events: imported ? undefined : live.view?.report.events,
    margin: settings.recorderMarginPercent,
  };
  const [replay, setReplay] = useState<{ state: ReplayState; viewPath: string }>();
  useEffect(
    () =>
      transport.registerRecorder?.({
        liveEvents: () => forRecorder.current.events,
        marginPercent: () => forRecorder.current.margin,
        replayChanged: (state, viewPath) => setReplay({ state, viewPath }),
      }),
    [transport],
  );
  useEffect(() => transport.pageBacklog?.(settings.pageBacklogMb), [transport, settings.pageBacklogMb]);
  const setSettings = (s: PanelSettings) => {
    setSettingsState(s);
    saveSettings(transport.storage, s);
  };
  const order = useMemo(() => orderEvents(events, filter, sort), [events, filter, sort]);
  const kinds = useMemo(() => [...new Set(events.map((e) => e.kind))].sort(), [events]);

  const onExport = async (format: ExportFormat) => {
    try {
      const out = await client.export(format, settings.includeValues, imported?.report);
      const name = exportName(out.extension);
      if (debugHook) debugHook.lastExport = { name, text: out.text };
      download(out.text, name, out.mime);
    } catch (e) {
      setError(`export failed: ${(e as Error).message}`);
    }
  };
  const onImport = async (file: File) => {
    try {
      const got = classifyImport(await file.text());
      sel.select(undefined);
      if (got.kind === 'report') setImported({ name: file.name, report: got.report });
      else {
        setImported({ name: file.name });
        setView(undefined);
        client.importHar(got.text, file.name);
      }
    } catch (e) {
      setError(`${file.name}: ${(e as Error).message}`);
    }
  };
  const backToLive = () => {
    setImported(undefined);
    setView(undefined);
    client.forget();
    sel.select(undefined);
  };
  const snap = live.status;
  const reload =
    transport.reloadPage &&
    (() => {
      setRecording(clearRecording(recording));
      sel.select(undefined);
      transport.reloadPage!();
    });

  return (
    <div class="app">
      <Toolbar
        live={!imported}
        recording={recording.recording}
        onToggleRecord={() => setRecording(togglePause(recording))}
        onClear={() => {
          setRecording(clearRecording(recording));
          sel.select(undefined);
        }}
        preserveLog={recording.preserveLog}
        onPreserveLog={(on) => {
          setRecording({ ...recording, preserveLog: on });
          setSettings({ ...settings, preserveLog: on });
        }}
        onReload={reload}
        filter={filter}
        kinds={kinds}
        onFilter={setFilter}
        includeValues={settings.includeValues}
        onIncludeValues={(on) => setSettingsState({ ...settings, includeValues: on })}
        onExport={onExport}
        onImport={onImport}
        canExport={events.length > 0}
      />
      <StatusLine
        page={imported ? undefined : snap?.page}
        report={report}
        shown={order.length}
        imported={imported?.name}
        backlogEvents={live.backlogEvents}
        dropped={snap?.dropped ?? 0}
        sizesOnly={snap?.sizesOnly ?? 0}
        droppedEvents={droppedEvents}
        analysisMs={imported?.report ? undefined : live.view?.ms}
      />
      {!imported && <DevModePane transport={transport} report={report} onBackend={setDevBackend} />}
      {!imported && transport.siteAccess && (
        <SiteAccessPane
          access={transport.siteAccess}
          missingHook={!!snap?.hookError && events.length > 0}
          onReload={reload}
        />
      )}
      {replay && <ReplayBanner replay={replay} />}
      {imported && (
        <div class="banner">
          Viewing <b>{imported.name}</b> offline. <button onClick={backToLive}>Back to live capture</button>
        </div>
      )}
      {live.error && (
        <div class="banner error" role="alert">
          {live.error}
        </div>
      )}
      {events.length === 0 ? (
        imported ? (
          <div class="empty">
            <h2>{report ? 'No Mesop events in this file' : 'Analysing…'}</h2>
          </div>
        ) : (
          <EmptyState page={snap?.page} hookError={snap?.hookError} onReload={transport.reloadPage} />
        )
      ) : (
        <>
          <PayloadChart
            events={events}
            selected={sel.selected}
            onSelect={onSelect}
            theme={transport.theme}
            warn={settings.advice.thresholds.stateUploadWarn}
            error={settings.advice.thresholds.stateUploadError}
          />
          <div class="split">
            <EventList
              events={events}
              order={order}
              selected={sel.selected}
              onSelect={onSelect}
              sort={sort}
              onSort={setSort}
              pending={imported ? 0 : live.pending}
            />
            <SidePane
              report={report!}
              growth={imported?.report ? [] : (live.view?.growth ?? [])}
              sel={sel}
              advice={settings.advice}
              onAdvice={(advice) => setSettings({ ...settings, advice })}
              keepEvents={
                transport.keepEvents && !imported
                  ? { value: settings.keepEvents, onChange: (keepEvents) => setSettings({ ...settings, keepEvents }) }
                  : undefined
              }
              recorderMargin={
                transport.registerRecorder && !imported
                  ? {
                      value: settings.recorderMarginPercent,
                      onChange: (recorderMarginPercent) => setSettings({ ...settings, recorderMarginPercent }),
                    }
                  : undefined
              }
              pageBacklog={
                transport.pageBacklog && !imported
                  ? {
                      value: settings.pageBacklogMb,
                      onChange: (pageBacklogMb) => setSettings({ ...settings, pageBacklogMb }),
                    }
                  : undefined
              }
              performanceTrack={
                transport.performanceTrack && !imported
                  ? {
                      absentBecause: transport.performanceTrack.absentBecause,
                      richer: settings.richerTrackEntries,
                      onRicher: (richerTrackEntries) => setSettings({ ...settings, richerTrackEntries }),
                    }
                  : undefined
              }
            />
          </div>
        </>
      )}
    </div>
  );
}
